package org.myoflow.musculoskeletal.opensim;

/**
 * A wrap object: a surface fixed on a body that a path segment wraps over (OpenSim's WrapObject). Its frame is
 * {@link #transform} in the body; {@link #wrap} works in that frame.
 */
abstract class WrapSurface {

    static final int NO_WRAP = 0;
    static final int INSIDE_RADIUS = 1;
    static final int WRAPPED = 2;
    static final int MANDATORY = 3;

    final String name;
    final int body;
    /** X_BW: the wrap object's frame in its body's frame. */
    final double[] transform;
    /** Constrained quadrant: axis 0..2 and sign ±1, or sign 0 for "all". */
    final int wrapAxis;
    final int wrapSign;
    final boolean active;

    WrapSurface(String name, int body, double[] transform, int wrapAxis, int wrapSign, boolean active) {
        this.name = name;
        this.body = body;
        this.transform = transform;
        this.wrapAxis = wrapAxis;
        this.wrapSign = wrapSign;
        this.active = active;
    }

    /** The outcome of wrapping one segment: tangent points (wrap frame) and the length on the surface. */
    static final class Result {
        double[] r1;
        double[] r2;
        double arc;
    }

    /**
     * Wraps the segment a→b (wrap frame).
     *
     * @param adjust whether OpenSim would iterate the tangent points (it does with several wrap objects on a path)
     * @return {@link #NO_WRAP}, {@link #INSIDE_RADIUS}, {@link #WRAPPED} or {@link #MANDATORY}; {@code out} is filled
     *         for the last two
     */
    abstract int wrap(double[] a, double[] b, Result out, boolean adjust);

    static int dsign(double v) {
        return v >= 0 ? 1 : -1;
    }
}
