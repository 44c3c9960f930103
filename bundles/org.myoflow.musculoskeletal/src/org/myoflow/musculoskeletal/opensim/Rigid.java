package org.myoflow.musculoskeletal.opensim;

/**
 * Rigid transforms as {@code double[12]}: rotation matrix row-major in [0, 9), translation in [9, 12). A transform
 * X_AB maps coordinates in B to coordinates in A: {@code p_A = R_AB·p_B + o_AB}. Plus 3-vector helpers.
 */
final class Rigid {

    private Rigid() {
    }

    static double[] identity() {
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
    }

    /** Body-fixed X-Y-Z Euler angles (OpenSim's orientation / xyz_body_rotation) and a translation. */
    static double[] fromXyzBody(double[] angles, double[] translation) {
        double[] r = mul3(mul3(axisAngle(new double[] {1, 0, 0}, angles[0]), axisAngle(new double[] {0, 1, 0},
                angles[1])), axisAngle(new double[] {0, 0, 1}, angles[2]));
        double[] x = new double[12];
        System.arraycopy(r, 0, x, 0, 9);
        x[9] = translation[0];
        x[10] = translation[1];
        x[11] = translation[2];
        return x;
    }

    /** Rotation matrix (row-major 9) for a right-handed rotation by {@code angle} about the (normalised) axis. */
    static double[] axisAngle(double[] axis, double angle) {
        double n = norm(axis);
        double x = axis[0] / n;
        double y = axis[1] / n;
        double z = axis[2] / n;
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double t = 1 - c;
        return new double[] {t * x * x + c, t * x * y - s * z, t * x * z + s * y, t * x * y + s * z, t * y * y + c,
            t * y * z - s * x, t * x * z - s * y, t * y * z + s * x, t * z * z + c};
    }

    static double[] mul3(double[] a, double[] b) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return r;
    }

    /** X_AC = X_AB·X_BC. */
    static double[] compose(double[] ab, double[] bc) {
        double[] r = mul3(ab, bc);
        double[] x = new double[12];
        System.arraycopy(r, 0, x, 0, 9);
        double[] p = apply(ab, new double[] {bc[9], bc[10], bc[11]});
        x[9] = p[0];
        x[10] = p[1];
        x[11] = p[2];
        return x;
    }

    static double[] inverse(double[] ab) {
        double[] x = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                x[3 * i + j] = ab[3 * j + i];
            }
        }
        for (int i = 0; i < 3; i++) {
            x[9 + i] = -(x[3 * i] * ab[9] + x[3 * i + 1] * ab[10] + x[3 * i + 2] * ab[11]);
        }
        return x;
    }

    /** p_A = X_AB·p_B. */
    static double[] apply(double[] ab, double[] p) {
        return new double[] {ab[0] * p[0] + ab[1] * p[1] + ab[2] * p[2] + ab[9],
            ab[3] * p[0] + ab[4] * p[1] + ab[5] * p[2] + ab[10], ab[6] * p[0] + ab[7] * p[1] + ab[8] * p[2] + ab[11]};
    }

    /** p_B from p_A: X_AB⁻¹·p_A. */
    static double[] applyInverse(double[] ab, double[] p) {
        double x = p[0] - ab[9];
        double y = p[1] - ab[10];
        double z = p[2] - ab[11];
        return new double[] {ab[0] * x + ab[3] * y + ab[6] * z, ab[1] * x + ab[4] * y + ab[7] * z,
            ab[2] * x + ab[5] * y + ab[8] * z};
    }

    static double[] rotate(double[] r9, double[] v) {
        return new double[] {r9[0] * v[0] + r9[1] * v[1] + r9[2] * v[2], r9[3] * v[0] + r9[4] * v[1] + r9[5] * v[2],
            r9[6] * v[0] + r9[7] * v[1] + r9[8] * v[2]};
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    static double[] scale(double s, double[] a) {
        return new double[] {s * a[0], s * a[1], s * a[2]};
    }

    /** a + s·b */
    static double[] addScaled(double[] a, double s, double[] b) {
        return new double[] {a[0] + s * b[0], a[1] + s * b[1], a[2] + s * b[2]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double dist(double[] a, double[] b) {
        return norm(sub(a, b));
    }

    static double distSq(double[] a, double[] b) {
        double[] d = sub(a, b);
        return dot(d, d);
    }

    /** The unit vector along a, or the zero vector when |a| is (numerically) zero. */
    static double[] unitOrZero(double[] a) {
        double n = norm(a);
        if (n < 1e-300 || !Double.isFinite(n)) {
            return new double[3];
        }
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}
