package org.myoflow.musculoskeletal;

/**
 * First-order activation dynamics of Thelen (2003, eq. 1; after Winters 1995):
 * {@code da/dt = (u - a)/τ(u, a)} with {@code τ = τact·(0.5 + 1.5a)} when {@code u > a} and
 * {@code τ = τdeact/(0.5 + 1.5a)} otherwise. Excitation u is clamped to [minActivation, 1], so activation never
 * falls below minActivation. Integrated with classical Runge-Kutta (4th order), the excitation held constant over
 * each sample interval, four sub-steps per sample.
 *
 * @param activationTime τact in s (Thelen 2003: 0.015; Millard 2012: 0.010)
 * @param deactivationTime τdeact in s (Thelen 2003: 0.050; Millard 2012: 0.040)
 * @param minActivation lower bound of activation, in [0, 1) (default 0.01)
 * @since 0.1
 */
public record ActivationDynamics(double activationTime, double deactivationTime, double minActivation) {

    private static final int SUB_STEPS = 4;

    /** Validates the parameters. */
    public ActivationDynamics {
        if (!(activationTime > 0) || Double.isInfinite(activationTime)) {
            throw new IllegalArgumentException("activationTime must be > 0 s, got " + activationTime);
        }
        if (!(deactivationTime > 0) || Double.isInfinite(deactivationTime)) {
            throw new IllegalArgumentException("deactivationTime must be > 0 s, got " + deactivationTime);
        }
        if (!(minActivation >= 0 && minActivation < 1)) {
            throw new IllegalArgumentException("minActivation must be in [0, 1), got " + minActivation);
        }
    }

    /** Thelen (2003): 15 ms activation, 50 ms deactivation, minimum activation 0.01. */
    public static ActivationDynamics thelen2003() {
        return new ActivationDynamics(0.015, 0.050, 0.01);
    }

    /** Millard et al. (2013, J Biomech Eng 135:021005) defaults: 10 ms and 40 ms, minimum activation 0.01. */
    public static ActivationDynamics millard2012() {
        return new ActivationDynamics(0.010, 0.040, 0.01);
    }

    /** da/dt (1/s) at excitation u and activation a. */
    public double derivative(double excitation, double activation) {
        double u = clamp(excitation);
        double a = Math.max(activation, minActivation);
        if (u > a) {
            return (u - a) / (activationTime * (0.5 + 1.5 * a));
        }
        return (u - a) * (0.5 + 1.5 * a) / deactivationTime;
    }

    /** Activation from excitation sampled at {@code fs} Hz, starting at rest with the first excitation. */
    public double[] simulate(double[] excitation, double fs) {
        return simulate(excitation, fs, excitation.length == 0 ? minActivation : clamp(excitation[0]));
    }

    /**
     * Activation from excitation sampled at {@code fs} Hz; {@code a[0] = initialActivation} and {@code a[n]}
     * follows from {@code a[n-1]} under excitation {@code u[n-1]}.
     */
    public double[] simulate(double[] excitation, double fs, double initialActivation) {
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException("sampling rate must be > 0 Hz, got " + fs);
        }
        double[] a = new double[excitation.length];
        if (a.length == 0) {
            return a;
        }
        a[0] = Math.max(minActivation, Math.min(1, initialActivation));
        double h = 1 / (fs * SUB_STEPS);
        for (int n = 1; n < a.length; n++) {
            double u = excitation[n - 1];
            double x = a[n - 1];
            for (int s = 0; s < SUB_STEPS; s++) {
                double k1 = derivative(u, x);
                double k2 = derivative(u, x + 0.5 * h * k1);
                double k3 = derivative(u, x + 0.5 * h * k2);
                double k4 = derivative(u, x + h * k3);
                x += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            }
            a[n] = Math.max(minActivation, Math.min(1, x));
        }
        return a;
    }

    private double clamp(double u) {
        return Math.max(minActivation, Math.min(1, u));
    }
}
