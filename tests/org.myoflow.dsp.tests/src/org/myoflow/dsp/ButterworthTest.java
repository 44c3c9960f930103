package org.myoflow.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Butterworth designs against SciPy and against the exact bilinear Butterworth magnitude. */
public class ButterworthTest {

    /** scipy.signal.butter(4, 6, fs=500, output='sos'), SciPy 1.17.1. */
    static final double[][] SCIPY_LOW_4_6_500 = {
            { 1.833801797350947e-06, 3.667603594701894e-06, 1.833801797350947e-06, 1.0, -1.864557825634825,
                    0.8698703136957516 },
            { 1.0, 2.0, 1.0, 1.0, -1.938439716019559, 0.9439627079625276 } };

    /** scipy.signal.butter(3, [20, 450], 'bandpass', fs=2048, output='sos'), SciPy 1.17.1. */
    static final double[][] SCIPY_BAND_3_20_450_2048 = {
            { 0.11050890339084635, 0.2210178067816927, 0.11050890339084635, 1.0, -0.28087358161938586,
                    0.36852228608760046 },
            { 1.0, 0.0, -1.0, 1.0, -1.0707677175623638, 0.12645405732033355 },
            { 1.0, -2.0, 1.0, 1.0, -1.9390975570577162, 0.9428788358797641 } };

    /** scipy.signal.butter(2, 100, 'highpass', fs=1000, output='sos'), SciPy 1.17.1. */
    static final double[][] SCIPY_HIGH_2_100_1000 = { { 0.6389455251590224, -1.2778910503180447, 0.6389455251590224,
            1.0, -1.1429805025399011, 0.41280159809618877 } };

    private static void assertSos(double[][] want, Sos got) {
        double[][] c = got.coefficients();
        assertEquals(want.length, c.length, "sections");
        for (int s = 0; s < want.length; s++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(want[s][j], c[s][j], 1e-13 * Math.max(1, Math.abs(want[s][j])),
                        "section " + s + " coefficient " + j);
            }
        }
    }

    @Test
    void matchesScipyLowPassBandPassAndHighPass() {
        assertSos(SCIPY_LOW_4_6_500, Butterworth.lowpass(4, 6, 500));
        assertSos(SCIPY_BAND_3_20_450_2048, Butterworth.bandpass(3, 20, 450, 2048));
        assertSos(SCIPY_HIGH_2_100_1000, Butterworth.highpass(2, 100, 1000));
    }

    @Test
    void secondOrderHalfBandHasTheClosedFormCoefficients() {
        // butter(2, 0.5): tan(pi/4) = 1, so b = [1, 2, 1]/(2 + sqrt 2), a = [1, 0, (2 - sqrt 2)/(2 + sqrt 2)]
        double[] c = Butterworth.lowpass(2, 250, 1000).coefficients()[0];
        double d = 2 + Math.sqrt(2);
        assertEquals(1 / d, c[0], 1e-15);
        assertEquals(2 / d, c[1], 1e-15);
        assertEquals(1 / d, c[2], 1e-15);
        assertEquals(0, c[4], 1e-15);
        assertEquals((2 - Math.sqrt(2)) / d, c[5], 1e-15);
    }

    /** |H|² = 1/(1 + (tan(πf/fs)/tan(πfc/fs))^(2N)) exactly for the bilinear Butterworth low-pass. */
    @ParameterizedTest
    @CsvSource({ "1, 10, 1000", "2, 6, 500", "4, 6, 500", "5, 100, 2048", "8, 400, 1000", "10, 30, 1000" })
    void lowPassMagnitudeIsTheExactBilinearButterworth(int order, double fc, double fs) {
        Sos sos = Butterworth.lowpass(order, fc, fs);
        double tc = Math.tan(Math.PI * fc / fs);
        double prev = 2;
        for (int k = 0; k < 500; k++) {
            double f = k * (fs / 2) / 500;
            double r = Math.tan(Math.PI * f / fs) / tc;
            double want = 1 / (1 + Math.pow(r, 2 * order));
            double m = sos.magnitude(f, fs);
            assertEquals(want, m * m, 1e-12, "f = " + f);
            assertTrue(m <= prev + 1e-12, "monotone at f = " + f);
            prev = m;
        }
        assertEquals(1, sos.magnitude(0, fs), 1e-12);
        assertEquals(1 / Math.sqrt(2), sos.magnitude(fc, fs), 1e-12);
        assertPolesInsideUnitCircle(sos);
    }

    @ParameterizedTest
    @CsvSource({ "1, 20, 450, 2048", "3, 20, 450, 2048", "4, 20, 450, 2048", "4, 5, 50, 1000", "6, 100, 110, 1000" })
    void bandPassMagnitudeIsTheExactBilinearButterworth(int order, double lo, double hi, double fs) {
        Sos sos = Butterworth.bandpass(order, lo, hi, fs);
        assertEquals(order, sos.sections());
        double t1 = Math.tan(Math.PI * lo / fs);
        double t2 = Math.tan(Math.PI * hi / fs);
        for (int k = 1; k < 500; k++) {
            double f = k * (fs / 2) / 500;
            double t = Math.tan(Math.PI * f / fs);
            double r = (t * t - t1 * t2) / (t * (t2 - t1));
            double m = sos.magnitude(f, fs);
            assertEquals(1 / (1 + Math.pow(r, 2 * order)), m * m, 1e-12, "f = " + f);
        }
        assertEquals(1 / Math.sqrt(2), sos.magnitude(lo, fs), 1e-12);
        assertEquals(1 / Math.sqrt(2), sos.magnitude(hi, fs), 1e-12);
        double centre = Math.atan(Math.sqrt(t1 * t2)) * fs / Math.PI;
        assertEquals(1, sos.magnitude(centre, fs), 1e-12);
        assertEquals(0, sos.magnitude(0, fs), 1e-12);
        assertPolesInsideUnitCircle(sos);
    }

    @ParameterizedTest
    @CsvSource({ "1, 10, 1000", "2, 100, 1000", "5, 30, 1000" })
    void highPassMagnitudeIsTheExactBilinearButterworth(int order, double fc, double fs) {
        Sos sos = Butterworth.highpass(order, fc, fs);
        double tc = Math.tan(Math.PI * fc / fs);
        for (int k = 1; k < 500; k++) {
            double f = k * (fs / 2) / 500;
            double r = tc / Math.tan(Math.PI * f / fs);
            double m = sos.magnitude(f, fs);
            assertEquals(1 / (1 + Math.pow(r, 2 * order)), m * m, 1e-12, "f = " + f);
        }
        assertPolesInsideUnitCircle(sos);
    }

    private static void assertPolesInsideUnitCircle(Sos sos) {
        for (double[] c : sos.coefficients()) {
            // z² + a1 z + a2: both roots inside the unit circle iff |a2| < 1 and |a1| < 1 + a2 (Jury)
            assertTrue(Math.abs(c[5]) < 1 && Math.abs(c[4]) < 1 + c[5], "section " + java.util.Arrays.toString(c));
        }
    }

    @Test
    void refusesBadDesignsNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Butterworth.lowpass(4, 250, 500)).getMessage()
                .contains("cutoffHz 250.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Butterworth.lowpass(0, 10, 500)).getMessage()
                .contains("order"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Butterworth.lowpass(11, 10, 500)).getMessage()
                .contains("order"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Butterworth.highpass(2, -1, 500)).getMessage()
                .contains("cutoffHz -1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Butterworth.bandpass(2, 50, 20, 500))
                .getMessage().contains("lowHz 50.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Butterworth.bandpass(4, 20, 450, 500))
                .getMessage().contains("highHz 450.0"));
    }
}
