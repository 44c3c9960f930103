package org.myoflow.musculoskeletal.opensim;

import java.util.List;

/**
 * The kinematic tree: body 0 is ground; each other body hangs from its parent by one joint. A joint's transform is
 * {@code X_GC = X_GP · X_PF · X_FM(q) · X_CM⁻¹} with F the parent offset frame (on body P), M the child offset frame
 * (on body C) and X_FM the mobiliser: rotations about the three rotation axes of the spatial transform applied in
 * order as a body-fixed sequence ({@code R = R1(f1)·R2(f2)·R3(f3)}), the translation {@code Σ f_k·axis_k} in F.
 */
final class Kinematics {

    /** A frame fixed on a body: X_BF. */
    record Frame(String name, int body, double[] transform) {
    }

    /** One transform axis of a joint: axis (in F), function of the listed coordinates. */
    record Axis(boolean rotation, double[] axis, OsimFunction function, int[] coordinates) {
        double value(double[] q) {
            double[] x = new double[coordinates.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = q[coordinates[i]];
            }
            return function.value(x);
        }
    }

    record Joint(String name, String type, Frame parent, Frame child, List<Axis> axes) {
    }

    /** dependent = scale · f(independents). */
    record Coupler(String name, int dependent, int[] independents, OsimFunction function, double scale) {
    }

    final List<String> bodies;
    /** Joints in an order where each joint's parent body is posed before it. */
    final List<Joint> joints;
    final List<Coupler> couplers;
    final boolean[] locked;
    final double[] defaults;

    Kinematics(List<String> bodies, List<Joint> joints, List<Coupler> couplers, boolean[] locked, double[] defaults) {
        this.bodies = List.copyOf(bodies);
        this.joints = List.copyOf(joints);
        this.couplers = List.copyOf(couplers);
        this.locked = locked;
        this.defaults = defaults;
    }

    double[] complete(double[] q) {
        double[] full = q.clone();
        for (int i = 0; i < full.length; i++) {
            if (locked[i]) {
                full[i] = defaults[i];
            }
        }
        for (Coupler c : couplers) {
            double[] x = new double[c.independents().length];
            for (int i = 0; i < x.length; i++) {
                x[i] = full[c.independents()[i]];
            }
            full[c.dependent()] = c.scale() * c.function().value(x);
        }
        return full;
    }

    /** X_GB of every body (ground = identity). */
    double[][] pose(double[] q) {
        double[][] x = new double[bodies.size()][];
        // bodies no supported joint reaches stay at ground's pose (muscles on them are refused by the reader)
        for (int b = 0; b < x.length; b++) {
            x[b] = Rigid.identity();
        }
        for (Joint j : joints) {
            double[] gp = x[j.parent().body()];
            double[] gf = Rigid.compose(gp, j.parent().transform());
            double[] gm = Rigid.compose(gf, mobilizer(j, q));
            x[j.child().body()] = Rigid.compose(gm, Rigid.inverse(j.child().transform()));
        }
        return x;
    }

    static double[] mobilizer(Joint j, double[] q) {
        double[] r = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] p = new double[3];
        for (Axis a : j.axes()) {
            double v = a.value(q);
            if (a.rotation()) {
                if (v != 0) {
                    r = Rigid.mul3(r, Rigid.axisAngle(a.axis(), v));
                }
            } else {
                double[] u = Rigid.unitOrZero(a.axis());
                p = Rigid.addScaled(p, v, u);
            }
        }
        double[] x = new double[12];
        System.arraycopy(r, 0, x, 0, 9);
        x[9] = p[0];
        x[10] = p[1];
        x[11] = p[2];
        return x;
    }
}
