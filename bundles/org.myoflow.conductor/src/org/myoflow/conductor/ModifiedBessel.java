package org.myoflow.conductor;

/**
 * Modified Bessel functions I_n(x) and K_n(x) of integer order n ≥ 0 and real x ≥ 0 (x &gt; 0 for K), which
 * Commons Math 3.6.1 lacks. Written for the cylindrical volume conductor, which needs them for orders up to a few
 * hundred and arguments from 0 to a few thousand, mostly as ratios, so the library is built around:
 * <ul>
 * <li>I_0, I_1: the power series Σ (x/2)^(2k+ν)/(k!(k+ν)!) (all terms positive, no cancellation) for x &lt; 20,
 * the Hankel asymptotic expansion e^x/√(2πx)·Σ (−1)^k a_k(ν)/x^k for x ≥ 20 (Abramowitz &amp; Stegun 9.7.1);</li>
 * <li>K_0, K_1: the logarithmic series (A&amp;S 9.6.13, 9.6.11) for x ≤ 2, the integral
 * e^x·K_ν(x) = ∫_0^∞ exp(−x(cosh t − 1))·cosh(νt) dt by the trapezoidal rule (exponentially convergent for this
 * analytic, doubly-exponentially decaying integrand) for 2 &lt; x &lt; 20, and the asymptotic expansion
 * √(π/2x)·e^(−x)·Σ a_k(ν)/x^k (A&amp;S 9.7.2) for x ≥ 20;</li>
 * <li>the ratios I_(n+1)/I_n by the continued fraction 1/(2(n+1)/x + 1/(2(n+2)/x + …)) (Lentz) and backward
 * recurrence, and K_(n+1)/K_n by the (stable) forward recurrence K_(n+1) = K_(n−1) + (2n/x)·K_n;</li>
 * <li>higher orders as products of those ratios, in exponentially scaled form (e^(−x)·I_n, e^x·K_n), so that
 * nothing overflows before the caller forms the ratios it actually needs.</li>
 * </ul>
 * Accuracy: about 1e−14 relative over the tested range (the tests check tabulated values and the Wronskian
 * I_n·K_(n+1) + I_(n+1)·K_n = 1/x).
 *
 * @since 0.1
 */
public final class ModifiedBessel {

    private static final double EULER_GAMMA = 0.5772156649015329;
    private static final double SERIES_LIMIT_I = 20;
    private static final double SERIES_LIMIT_K = 2;
    private static final double ASYMPTOTIC_LIMIT_K = 20;
    private static final double EPS = 1e-17;

    private ModifiedBessel() {
    }

    /** e^(−x)·I_0(x), x ≥ 0. */
    public static double i0e(double x) {
        return iScaledLowOrder(0, x);
    }

    /** e^(−x)·I_1(x), x ≥ 0. */
    public static double i1e(double x) {
        return iScaledLowOrder(1, x);
    }

    /** e^x·K_0(x), x &gt; 0. */
    public static double k0e(double x) {
        return kScaledLowOrder(0, x);
    }

    /** e^x·K_1(x), x &gt; 0. */
    public static double k1e(double x) {
        return kScaledLowOrder(1, x);
    }

    /** I_n(x); overflows to +∞ for x beyond about 700. */
    public static double i(int n, double x) {
        return ie(n, x) * Math.exp(x);
    }

    /** K_n(x); underflows to 0 for x beyond about 700 and overflows for large n at small x. */
    public static double k(int n, double x) {
        return ke(n, x) * Math.exp(-x);
    }

    /** e^(−x)·I_n(x), n ≥ 0, x ≥ 0. */
    public static double ie(int n, double x) {
        checkOrder(n);
        if (n <= 1) {
            return iScaledLowOrder(n, x);
        }
        if (x == 0) {
            return 0;
        }
        double[] r = new double[n];
        ratiosI(x, r);
        double v = i0e(x);
        for (int j = 0; j < n; j++) {
            v *= r[j];
        }
        return v;
    }

    /** e^x·K_n(x), n ≥ 0, x &gt; 0. */
    public static double ke(int n, double x) {
        checkOrder(n);
        if (n <= 1) {
            return kScaledLowOrder(n, x);
        }
        double[] r = new double[n];
        ratiosK(x, r);
        double v = k0e(x);
        for (int j = 0; j < n; j++) {
            v *= r[j];
        }
        return v;
    }

    /**
     * Fills out[n] = I_(n+1)(x)/I_n(x) for n = 0 … out.length − 1 (all 0 at x = 0): the top ratio from the
     * continued fraction, the others by the backward recurrence r_(n−1) = 1/(2n/x + r_n), which is stable.
     */
    public static void ratiosI(double x, double[] out) {
        if (!(x >= 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("argument must be finite and >= 0, got " + x);
        }
        int top = out.length - 1;
        if (top < 0) {
            return;
        }
        if (x == 0) {
            java.util.Arrays.fill(out, 0);
            return;
        }
        out[top] = ratioIContinuedFraction(top, x);
        for (int n = top; n > 0; n--) {
            out[n - 1] = 1 / (2 * n / x + out[n]);
        }
    }

    /** Fills out[n] = K_(n+1)(x)/K_n(x) for n = 0 … out.length − 1 by forward recurrence, x &gt; 0. */
    public static void ratiosK(double x, double[] out) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("argument must be finite and > 0, got " + x);
        }
        if (out.length == 0) {
            return;
        }
        out[0] = k1e(x) / k0e(x);
        for (int n = 1; n < out.length; n++) {
            out[n] = 1 / out[n - 1] + 2 * n / x;
        }
    }

    /** I_(n+1)(x)/I_n(x) by the modified Lentz algorithm on the continued fraction, x &gt; 0. */
    static double ratioIContinuedFraction(int n, double x) {
        double tiny = 1e-300;
        double f = tiny;
        double c = f;
        double d = 0;
        // f = 0 + 1/(b1 + 1/(b2 + ...)), b_j = 2(n + j)/x
        for (int j = 1; j < 1_000_000; j++) {
            double b = 2 * (n + j) / x;
            d = b + d;
            if (d == 0) {
                d = tiny;
            }
            c = b + 1 / c;
            if (c == 0) {
                c = tiny;
            }
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                return f;
            }
        }
        throw new ArithmeticException("continued fraction for I_" + (n + 1) + "/I_" + n + " at " + x
                + " did not converge");
    }

    private static void checkOrder(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("order must be >= 0, got " + n);
        }
    }

    private static double iScaledLowOrder(int nu, double x) {
        if (!(x >= 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("argument must be finite and >= 0, got " + x);
        }
        if (x < SERIES_LIMIT_I) {
            double q = x * x / 4;
            double term = nu == 0 ? 1 : x / 2;
            double sum = term;
            for (int k = 1; k < 500; k++) {
                term *= q / (k * (double) (k + nu));
                sum += term;
                if (term < EPS * sum) {
                    break;
                }
            }
            return sum * Math.exp(-x);
        }
        double mu = 4.0 * nu * nu;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 200; k++) {
            double next = -term * (mu - (2 * k - 1) * (2 * k - 1)) / (k * 8 * x);
            if (Math.abs(next) >= Math.abs(term)) {
                break; // asymptotic series: stop at the smallest term
            }
            term = next;
            sum += term;
            if (Math.abs(term) < EPS * Math.abs(sum)) {
                break;
            }
        }
        return sum / Math.sqrt(2 * Math.PI * x);
    }

    private static double kScaledLowOrder(int nu, double x) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("argument must be finite and > 0, got " + x);
        }
        if (x <= SERIES_LIMIT_K) {
            double q = x * x / 4;
            double lg = Math.log(x / 2);
            double i = iScaledLowOrder(nu, x) * Math.exp(x);
            double sum;
            if (nu == 0) {
                // K0 = −ln(x/2)·I0 + Σ ψ(k+1)·q^k/(k!)², ψ(k+1) = −γ + H_k
                double term = 1;
                double h = 0;
                sum = -EULER_GAMMA;
                for (int k = 1; k < 200; k++) {
                    term *= q / ((double) k * k);
                    h += 1.0 / k;
                    double add = term * (h - EULER_GAMMA);
                    sum += add;
                    if (Math.abs(add) < EPS * Math.abs(sum)) {
                        break;
                    }
                }
                return (-lg * i + sum) * Math.exp(x);
            }
            // K1 = 1/x + ln(x/2)·I1 − (x/4)·Σ (ψ(k+1) + ψ(k+2))·q^k/(k!(k+1)!)
            double term = 1;
            double h = 0;
            sum = -2 * EULER_GAMMA + 1;
            for (int k = 1; k < 200; k++) {
                term *= q / ((double) k * (k + 1));
                h += 1.0 / k;
                double add = term * (2 * h + 1.0 / (k + 1) - 2 * EULER_GAMMA);
                sum += add;
                if (Math.abs(add) < EPS * Math.abs(sum)) {
                    break;
                }
            }
            return (1 / x + lg * i - x / 4 * sum) * Math.exp(x);
        }
        if (x < ASYMPTOTIC_LIMIT_K) {
            // trapezoidal rule on e^x·K_ν(x) = ∫_0^∞ exp(−x(cosh t − 1))·cosh(νt) dt
            double h = 0.1;
            double sum = 0.5;
            for (int j = 1; j < 10_000; j++) {
                double t = j * h;
                double f = Math.exp(-x * (Math.cosh(t) - 1)) * (nu == 0 ? 1 : Math.cosh(t));
                sum += f;
                if (f < EPS * sum) {
                    break;
                }
            }
            return sum * h;
        }
        double mu = 4.0 * nu * nu;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 200; k++) {
            double next = term * (mu - (2 * k - 1) * (2 * k - 1)) / (k * 8 * x);
            if (Math.abs(next) >= Math.abs(term)) {
                break;
            }
            term = next;
            sum += term;
            if (Math.abs(term) < EPS * Math.abs(sum)) {
                break;
            }
        }
        return sum * Math.sqrt(Math.PI / (2 * x));
    }
}
