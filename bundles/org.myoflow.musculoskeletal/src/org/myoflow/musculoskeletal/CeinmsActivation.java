package org.myoflow.musculoskeletal;

/**
 * CEINMS activation dynamics (Lloyd &amp; Besier 2003, J Biomech 36:765-776; Pizzolato et al. 2015, J Biomech
 * 48:3929-3936): a second-order recursive filter of the delayed excitation,
 * {@code u(t) = α·e(t-d) - β1·u(t-1) - β2·u(t-2)} with {@code β1 = C1 + C2}, {@code β2 = C1·C2} and
 * {@code α = 1 + β1 + β2} (unit DC gain), then the non-linear shape
 * {@code a = (exp(A·u) - 1)/(exp(A) - 1)}.
 *
 * <p>C1 and C2 are per sample at the signal's rate (CEINMS runs at 1 kHz); the filter's poles are -C1 and -C2,
 * so |C| &lt; 1 keeps it stable and negative C gives a low-pass. Excitation is clamped to [0, 1] before the
 * filter and the neural activation u to [0, 1] before the shape. Samples before the start repeat the first
 * excitation, and the filter starts in its steady state, so a constant input gives a constant output.
 *
 * @param c1 first recursive coefficient, |C1| &lt; 1
 * @param c2 second recursive coefficient, |C2| &lt; 1
 * @param delay electromechanical delay d in s, &ge; 0
 * @param shapeFactor A in (-3, 0]; 0 is the linear limit a = u
 * @since 0.1
 */
public record CeinmsActivation(double c1, double c2, double delay, double shapeFactor) {

    /** Validates the parameters. */
    public CeinmsActivation {
        if (!(Math.abs(c1) < 1)) {
            throw new IllegalArgumentException("C1 must satisfy |C1| < 1 for a stable filter, got " + c1);
        }
        if (!(Math.abs(c2) < 1)) {
            throw new IllegalArgumentException("C2 must satisfy |C2| < 1 for a stable filter, got " + c2);
        }
        if (!(delay >= 0) || Double.isInfinite(delay)) {
            throw new IllegalArgumentException("electromechanical delay must be >= 0 s, got " + delay);
        }
        if (!(shapeFactor > -3 && shapeFactor <= 0)) {
            throw new IllegalArgumentException("shape factor A must be in (-3, 0], got " + shapeFactor);
        }
    }

    /** β1 = C1 + C2. */
    public double beta1() {
        return c1 + c2;
    }

    /** β2 = C1·C2. */
    public double beta2() {
        return c1 * c2;
    }

    /** α = 1 + β1 + β2 (unit DC gain). */
    public double alpha() {
        return 1 + beta1() + beta2();
    }

    /** The non-linear shape {@code (exp(A·u) - 1)/(exp(A) - 1)}; identity for |A| &lt; 1e-9. */
    public double shape(double neuralActivation) {
        double u = Math.max(0, Math.min(1, neuralActivation));
        if (Math.abs(shapeFactor) < 1e-9) {
            return u;
        }
        return Math.expm1(shapeFactor * u) / Math.expm1(shapeFactor);
    }

    /** Neural activation u from excitation e sampled at {@code fs} Hz. */
    public double[] neuralActivation(double[] excitation, double fs) {
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException("sampling rate must be > 0 Hz, got " + fs);
        }
        int n = excitation.length;
        double[] u = new double[n];
        if (n == 0) {
            return u;
        }
        int d = (int) Math.round(delay * fs);
        double a = alpha();
        double b1 = beta1();
        double b2 = beta2();
        double e0 = clamp(excitation[0]);
        double u1 = e0;
        double u2 = e0;
        for (int t = 0; t < n; t++) {
            double e = clamp(excitation[Math.max(t - d, 0)]);
            double v = a * e - b1 * u1 - b2 * u2;
            u[t] = v;
            u2 = u1;
            u1 = v;
        }
        return u;
    }

    /** Muscle activation a from excitation e sampled at {@code fs} Hz: the filter, then the shape. */
    public double[] simulate(double[] excitation, double fs) {
        double[] u = neuralActivation(excitation, fs);
        for (int t = 0; t < u.length; t++) {
            u[t] = shape(u[t]);
        }
        return u;
    }

    private static double clamp(double e) {
        return Math.max(0, Math.min(1, e));
    }
}
