package org.myoflow.conductor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.myoflow.conductor.ElectrodeArray.Montage;

class ElectrodeArrayTest {

    @Test
    void montagesHaveTheRightShapesAndLabels() {
        ElectrodeArray a = ElectrodeArray.builder().rows(4).cols(3).spacingMm(5).radiusMm(0.5).centreAlongMm(10)
                .build();
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
                () -> ElectrodeArray.builder().rows(2).cols(8).spacingMm(5).radiusMm(0.5)
                        .build().derive(Montage.DOUBLE_DIFFERENTIAL));
    }

    @Test
    void montagesCombineTheMonopolarSignals() {
        ElectrodeArray a = ElectrodeArray.builder().rows(3).cols(3).spacingMm(5).radiusMm(0.5).build();
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
        ElectrodeArray a = ElectrodeArray.builder().rows(2).cols(1).spacingMm(10).radiusMm(0.5).centreAlongMm(20)
                .centreAcrossMm(3).rotationDeg(90).build();
        double[][] p = a.positions();
        assertArrayEquals(new double[] { 20, 3 - 5 }, p[0], 1e-12);
        assertArrayEquals(new double[] { 20, 3 + 5 }, p[1], 1e-12);
    }
}
