package org.myoflow.dsp;

/**
 * An immutable cascade of second-order sections, one row {@code b0, b1, b2, a0, a1, a2} per section with
 * {@code a0 = 1} (SciPy's {@code sos} layout). Each section runs in transposed direct form II, as SciPy's
 * {@code sosfilt}.
 *
 * @since 0.1
 */
public final class Sos {

    private final double[][] sos;

    /**
     * @param coefficients one row of six per section; a0 must be 1 (rows are copied)
     */
    public Sos(double[][] coefficients) {
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("at least one section is needed");
        }
        sos = new double[coefficients.length][];
        for (int s = 0; s < coefficients.length; s++) {
            double[] row = coefficients[s];
            if (row.length != 6) {
                throw new IllegalArgumentException("section " + s + " has " + row.length + " coefficients, not 6");
            }
            if (row[3] != 1) {
                throw new IllegalArgumentException("section " + s + " has a0 = " + row[3] + ", must be 1");
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("section " + s + " has a non-finite coefficient " + v);
                }
            }
            sos[s] = row.clone();
        }
    }

    /** Number of second-order sections. */
    public int sections() {
        return sos.length;
    }

    /** A copy of the coefficients, [section][b0, b1, b2, a0, a1, a2]. */
    public double[][] coefficients() {
        double[][] c = new double[sos.length][];
        for (int s = 0; s < sos.length; s++) {
            c[s] = sos[s].clone();
        }
        return c;
    }

    /** Causal filtering from zero initial state (SciPy {@code sosfilt(sos, x)}). */
    public double[] filter(double[] x) {
        return run(x, new double[sos.length][2]);
    }

    /**
     * Steady-state initial conditions for a unit step, per section (SciPy {@code sosfilt_zi}): section s starts in
     * the state it would hold after a constant input equal to the DC gain of the sections before it.
     */
    public double[][] stepInitialState() {
        double[][] zi = new double[sos.length][2];
        double scale = 1;
        for (int s = 0; s < sos.length; s++) {
            double[] c = sos[s];
            double gain = (c[0] + c[1] + c[2]) / (1 + c[4] + c[5]);
            // transposed direct form II at rest with input 1 and output gain: y = b0 + z0, z1 = b2 - a2 y
            zi[s][0] = scale * (gain - c[0]);
            zi[s][1] = scale * (c[2] - c[5] * gain);
            scale *= gain;
        }
        return zi;
    }

    /**
     * Padding length of {@link #filtfilt}: {@code 3·(2·sections + 1 − min(#sections with b2 = 0, #sections with a2
     * = 0))}, as SciPy's {@code sosfiltfilt}.
     */
    public int padLength() {
        int zb = 0;
        int za = 0;
        for (double[] c : sos) {
            zb += c[2] == 0 ? 1 : 0;
            za += c[5] == 0 ? 1 : 0;
        }
        return 3 * (2 * sos.length + 1 - Math.min(zb, za));
    }

    /**
     * Zero-phase forward-backward filtering with SciPy {@code sosfiltfilt} semantics: the signal is extended at both
     * ends by {@link #padLength()} samples of odd extension ({@code 2·x[0] − x[n..1]}), filtered forward from the
     * steady state of its first padded sample, reversed, filtered again from the steady state of the last output,
     * reversed and cut back to its original length. The magnitude response is squared, the phase zero.
     *
     * @throws IllegalArgumentException when x is not longer than the padding length
     */
    public double[] filtfilt(double[] x) {
        int pad = padLength();
        if (x.length <= pad) {
            throw new IllegalArgumentException("the signal has " + x.length + " samples; zero-phase filtering with "
                    + sos.length + " sections needs more than the padding length " + pad);
        }
        int n = x.length;
        double[] ext = new double[n + 2 * pad];
        for (int i = 0; i < pad; i++) {
            ext[i] = 2 * x[0] - x[pad - i];
            ext[n + pad + i] = 2 * x[n - 1] - x[n - 2 - i];
        }
        System.arraycopy(x, 0, ext, pad, n);
        double[][] zi = stepInitialState();
        double[] y = run(ext, scaled(zi, ext[0]));
        reverse(y);
        y = run(y, scaled(zi, y[0]));
        reverse(y);
        double[] out = new double[n];
        System.arraycopy(y, pad, out, 0, n);
        return out;
    }

    /** |H(e^{iω})| at frequency fHz for sampling rate fsHz (ω = 2π f / fs). */
    public double magnitude(double fHz, double fsHz) {
        double w = 2 * Math.PI * fHz / fsHz;
        double c1 = Math.cos(w);
        double s1 = Math.sin(w);
        double c2 = Math.cos(2 * w);
        double s2 = Math.sin(2 * w);
        double m = 1;
        for (double[] c : sos) {
            double br = c[0] + c[1] * c1 + c[2] * c2;
            double bi = c[1] * s1 + c[2] * s2;
            double ar = c[3] + c[4] * c1 + c[5] * c2;
            double ai = c[4] * s1 + c[5] * s2;
            m *= Math.hypot(br, bi) / Math.hypot(ar, ai);
        }
        return m;
    }

    private double[] run(double[] x, double[][] state) {
        double[] y = x.clone();
        for (int s = 0; s < sos.length; s++) {
            double[] c = sos[s];
            double b0 = c[0];
            double b1 = c[1];
            double b2 = c[2];
            double a1 = c[4];
            double a2 = c[5];
            double z0 = state[s][0];
            double z1 = state[s][1];
            for (int i = 0; i < y.length; i++) {
                double in = y[i];
                double out = b0 * in + z0;
                z0 = b1 * in - a1 * out + z1;
                z1 = b2 * in - a2 * out;
                y[i] = out;
            }
        }
        return y;
    }

    private static double[][] scaled(double[][] zi, double v) {
        double[][] z = new double[zi.length][2];
        for (int s = 0; s < zi.length; s++) {
            z[s][0] = zi[s][0] * v;
            z[s][1] = zi[s][1] * v;
        }
        return z;
    }

    private static void reverse(double[] y) {
        for (int i = 0, j = y.length - 1; i < j; i++, j--) {
            double t = y[i];
            y[i] = y[j];
            y[j] = t;
        }
    }
}
