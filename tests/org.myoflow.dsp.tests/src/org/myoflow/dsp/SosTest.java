package org.myoflow.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** Causal and zero-phase filtering against an independent transfer-function computation and SciPy. */
public class SosTest {

    /** A known test signal: rectified sines and a step at the middle. */
    static double[] known(int n, double fs) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.abs(Math.sin(2 * Math.PI * 3 * i / fs)) + 0.3 * Math.abs(Math.sin(2 * Math.PI * 47 * i / fs
                    + 0.5)) + (i >= n / 2 ? 0.5 : 0);
        }
        return x;
    }

    /** The product of the sections' polynomials: column 0..2 (b) or 3..5 (a). */
    static double[] polynomial(double[][] sos, int offset) {
        double[] p = { 1 };
        for (double[] c : sos) {
            double[] q = new double[p.length + 2];
            for (int i = 0; i < p.length; i++) {
                for (int j = 0; j < 3; j++) {
                    q[i + j] += p[i] * c[offset + j];
                }
            }
            p = q;
        }
        return p;
    }

    /** SciPy lfilter_zi by its definition: solve (I − Aᵀ) zi = b[1:] − a[1:]·b[0] with A the companion matrix. */
    static double[] lfilterZi(double[] b, double[] a) {
        int m = a.length - 1;
        RealMatrix iMinusAt = new Array2DRowRealMatrix(m, m);
        for (int i = 0; i < m; i++) {
            // companion(a)ᵀ: first column −a[1:], superdiagonal of the transpose = identity below the first row
            iMinusAt.setEntry(i, 0, a[i + 1]);
            if (i + 1 < m) {
                iMinusAt.setEntry(i, i + 1, -1);
            }
            iMinusAt.addToEntry(i, i, 1);
        }
        double[] rhs = new double[m];
        for (int i = 0; i < m; i++) {
            rhs[i] = b[i + 1] - a[i + 1] * b[0];
        }
        return new LUDecomposition(iMinusAt).getSolver().solve(new ArrayRealVector(rhs)).toArray();
    }

    /** Direct-form II transposed difference equation over the whole b/a, from state zi. */
    static double[] lfilter(double[] b, double[] a, double[] x, double[] zi) {
        int m = a.length - 1;
        double[] z = zi.clone();
        double[] y = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            y[n] = b[0] * x[n] + z[0];
            for (int i = 0; i < m; i++) {
                z[i] = b[i + 1] * x[n] - a[i + 1] * y[n] + (i + 1 < m ? z[i + 1] : 0);
            }
        }
        return y;
    }

    /** Forward-backward filtering by the full transfer function, written independently of {@link Sos}. */
    static double[] independentFiltfilt(Sos sos, double[] x, int pad) {
        double[] b = polynomial(sos.coefficients(), 0);
        double[] a = polynomial(sos.coefficients(), 3);
        int n = x.length;
        double[] ext = new double[n + 2 * pad];
        for (int i = 0; i < ext.length; i++) {
            int k = i - pad;
            ext[i] = k < 0 ? 2 * x[0] - x[-k] : k >= n ? 2 * x[n - 1] - x[2 * (n - 1) - k] : x[k];
        }
        double[] zi = lfilterZi(b, a);
        double[] y = lfilter(b, a, ext, scale(zi, ext[0]));
        double[] r = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = y[y.length - 1 - i];
        }
        y = lfilter(b, a, r, scale(zi, r[0]));
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = y[y.length - 1 - pad - i];
        }
        return out;
    }

    private static double[] scale(double[] v, double s) {
        double[] r = v.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] *= s;
        }
        return r;
    }

    @Test
    void zeroPhaseLowPassMatchesAnIndependentTransferFunctionComputationWithin1e9() {
        double[] x = known(400, 500);
        for (double[] design : new double[][] { { 4, 6, 500 }, { 2, 6, 500 }, { 4, 50, 500 }, { 3, 20, 500 } }) {
            Sos sos = Butterworth.lowpass((int) design[0], design[1], design[2]);
            // a lowpass has no b2 = 0 or a2 = 0 section at even order; odd order appends one pole and zero at 0
            int pad = 3 * (2 * sos.sections() + 1 - ((int) design[0] % 2));
            assertEquals(pad, sos.padLength());
            double[] want = independentFiltfilt(sos, x, pad);
            double[] got = sos.filtfilt(x);
            double worst = 0;
            for (int i = 0; i < x.length; i++) {
                worst = Math.max(worst, Math.abs(want[i] - got[i]));
            }
            System.out.printf("filtfilt order %d cutoff %.0f Hz: max |sos - tf| = %.3g%n", (int) design[0],
                    design[1], worst);
            assertTrue(worst < 1e-9, "max difference " + worst);
        }
    }

    @Test
    void filtfiltMatchesScipySosfiltfilt() {
        // scipy.signal.sosfiltfilt(butter(4, 6, fs=500, output='sos'), known(400, 500)), SciPy 1.17.1
        double[] y = Butterworth.lowpass(4, 6, 500).filtfilt(known(400, 500));
        int[] at = { 0, 1, 50, 199, 200, 201, 333, 399 };
        double[] want = { 0.20771570338849565, 0.23964750048556724, 1.0333553677598328, 1.2333669993640692,
                1.2556284741470536, 1.2769007163286885, 1.1164795956410865, 1.6142539157692901 };
        for (int i = 0; i < at.length; i++) {
            assertEquals(want[i], y[at[i]], 1e-12, "sample " + at[i]);
        }
        // sosfiltfilt(butter(3, [20, 200], 'bandpass', fs=1000, output='sos'), known(400, 500))
        double[] z = Butterworth.bandpass(3, 20, 200, 1000).filtfilt(known(400, 500));
        assertEquals(0.022053140106779424, z[0], 1e-12);
        assertEquals(0.04937738605991156, z[17], 1e-12);
        assertEquals(0.07591985581051122, z[200], 1e-12);
        assertEquals(-0.014126161910668615, z[399], 1e-12);
    }

    @Test
    void causalFilterMatchesTheTransferFunctionFromRest() {
        Sos sos = Butterworth.bandpass(2, 10, 100, 1000);
        double[] x = known(300, 1000);
        double[] b = polynomial(sos.coefficients(), 0);
        double[] a = polynomial(sos.coefficients(), 3);
        double[] want = lfilter(b, a, x, new double[a.length - 1]);
        double[] got = sos.filter(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(want[i], got[i], 1e-12);
        }
    }

    @Test
    void constantPassesUnchangedAtEveryLengthAbovePadding() {
        Sos sos = Butterworth.lowpass(4, 6, 500);
        for (int n = sos.padLength() + 1; n < 200; n += 7) {
            double[] x = new double[n];
            java.util.Arrays.fill(x, 2.5);
            for (double v : sos.filtfilt(x)) {
                assertEquals(2.5, v, 1e-12, "n = " + n);
            }
        }
    }

    @Test
    void symmetricPulseStaysSymmetricAndSlowSinePeaksAreNotDelayed() {
        Sos sos = Butterworth.lowpass(4, 20, 1000);
        int n = 1001;
        double[] pulse = new double[n];
        for (int i = 480; i <= 520; i++) {
            pulse[i] = 1;
        }
        double[] y = sos.filtfilt(pulse);
        for (int k = 0; k <= 500; k++) {
            assertEquals(y[500 - k], y[500 + k], 1e-9, "offset " + k);
        }
        double[] s = new double[2000];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.sin(2 * Math.PI * 2 * i / 1000.0); // 2 Hz, peaks at 125 + 500 k
        }
        double[] ys = sos.filtfilt(s);
        for (int peak = 625; peak < 1700; peak += 500) {
            int best = peak - 20;
            for (int i = peak - 20; i <= peak + 20; i++) {
                if (ys[i] > ys[best]) {
                    best = i;
                }
            }
            assertEquals(peak, best, "peak of the filtered sine");
        }
        // a causal pass delays the same peak
        double[] yc = sos.filter(s);
        int best = 605;
        for (int i = 605; i <= 665; i++) {
            if (yc[i] > yc[best]) {
                best = i;
            }
        }
        assertTrue(best > 630, "causal peak at " + best);
    }

    @Test
    void refusesSignalsNotLongerThanThePadding() {
        Sos sos = Butterworth.bandpass(4, 20, 450, 2048);
        assertEquals(27, sos.padLength());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sos.filtfilt(new double[27]));
        assertTrue(e.getMessage().contains("27 samples") && e.getMessage().contains("padding length 27"),
                e.getMessage());
        assertEquals(28, sos.filtfilt(new double[28]).length);
    }

    @Test
    void coefficientsAreCopiesAndA0MustBeOne() {
        Sos sos = Butterworth.lowpass(2, 10, 100);
        sos.coefficients()[0][0] = 99;
        assertTrue(sos.coefficients()[0][0] < 1);
        assertThrows(IllegalArgumentException.class, () -> new Sos(new double[][] { { 1, 0, 0, 2, 0, 0 } }));
    }
}
