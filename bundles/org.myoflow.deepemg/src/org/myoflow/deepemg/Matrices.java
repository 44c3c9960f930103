package org.myoflow.deepemg;

/** Small dense-matrix helpers on {@code double[rows][columns]}. */
final class Matrices {

    private Matrices() {
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** Checks that {@code a} is a non-empty rectangular matrix; returns its row count. */
    static int checkRectangular(double[][] a, String what) {
        if (a == null || a.length == 0 || a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException(what + " is empty");
        }
        int n = a[0].length;
        for (int i = 1; i < a.length; i++) {
            if (a[i] == null || a[i].length != n) {
                throw new IllegalArgumentException(what + " is ragged: row 0 has " + n + " columns, row " + i
                        + " has " + (a[i] == null ? "none" : a[i].length));
            }
        }
        return a.length;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        int k = b.length;
        int n = b[0].length;
        double[][] c = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double x = a[i][p];
                if (x != 0) {
                    double[] bp = b[p];
                    double[] ci = c[i];
                    for (int j = 0; j < n; j++) {
                        ci[j] += x * bp[j];
                    }
                }
            }
        }
        return c;
    }

    /** {@code ||V − W·H||²}, computed directly. */
    static double squaredError(double[][] v, double[][] w, double[][] h) {
        int k = h.length;
        int n = v[0].length;
        double err = 0;
        for (int i = 0; i < v.length; i++) {
            double[] wi = w[i];
            double[] vi = v[i];
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int a = 0; a < k; a++) {
                    s += wi[a] * h[a][j];
                }
                double d = vi[j] - s;
                err += d * d;
            }
        }
        return err;
    }
}
