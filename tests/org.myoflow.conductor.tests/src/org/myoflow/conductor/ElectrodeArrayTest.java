package org.myoflow.conductor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.myoflow.conductor.ElectrodeArray.Montage;

class ElectrodeArrayTest {

    @Test
    void montagesHaveTheRightShapesAndLabels() {
        ElectrodeArray a = new ElectrodeArray(4, 3, 5, 0.5, 10, 0, 0);
        assertEquals(12, a.derive(Montage.MONOPOLAR).channels().size());
        ElectrodeArray.Derivation sd = a.derive(Montage.SINGLE_DIFFERENTIAL);
        assertEquals(3, sd.rows());
        assertEquals(3, sd.cols());
        assertEquals("r1c1-r2c1", sd.labels().get(0));
        assertArrayEquals(new double[] { 10 - 5, -5 }, sd.positions()[0], 1e-12);
        ElectrodeArray.Derivation dd = a.derive(Montage.DOUBLE_DIFFERENTIAL);
        assertEquals(6, dd.channels().size());
        assertEquals("r1c1-2r2c1+r3c1", dd.labels().get(0));
        ElectrodeArray.Derivation ndd = a.derive(Montage.LAPLACIAN);
        assertEquals(2, ndd.rows());
        assertEquals(1, ndd.cols());
        assertEquals("ndd-r2c2", ndd.labels().get(0));
        assertThrows(IllegalArgumentException.class,
                () -> new ElectrodeArray(2, 8, 5, 0.5, 0, 0, 0).derive(Montage.DOUBLE_DIFFERENTIAL));
    }

    @Test
    void montagesCombineTheMonopolarSignals() {
        ElectrodeArray a = new ElectrodeArray(3, 3, 5, 0.5, 0, 0, 0);
        double[][] mono = new double[9][];
        for (int e = 0; e < 9; e++) {
            mono[e] = new double[] { e * e, 1 };
        }
        assertArrayEquals(new double[] { 0 - 9, 0 }, a.derive(Montage.SINGLE_DIFFERENTIAL).apply(mono)[0], 0);
        assertArrayEquals(new double[] { 0 - 2 * 9 + 36, 0 }, a.derive(Montage.DOUBLE_DIFFERENTIAL).apply(mono)[0],
                0);
        assertArrayEquals(new double[] { 4 * 16 - 1 - 49 - 9 - 25, 0 }, a.derive(Montage.LAPLACIAN).apply(mono)[0],
                0);
    }

    @Test
    void rotationTurnsTheRowsAwayFromTheFibres() {
        ElectrodeArray a = new ElectrodeArray(2, 1, 10, 0.5, 20, 3, 90);
        double[][] p = a.positions();
        assertArrayEquals(new double[] { 20, 3 - 5 }, p[0], 1e-12);
        assertArrayEquals(new double[] { 20, 3 + 5 }, p[1], 1e-12);
    }
}
