package org.myoflow.conductor;

/** Waveform measures for the tests. */
final class Signals {

    private Signals() {
    }

    static double peakToPeak(double[] x) {
        double mx = Double.NEGATIVE_INFINITY;
        double mn = Double.POSITIVE_INFINITY;
        for (double v : x) {
            mx = Math.max(mx, v);
            mn = Math.min(mn, v);
        }
        return mx - mn;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Width in samples of the negative phase around the minimum where x stays below half of it (interpolated). */
    static double widthAtHalfHeight(double[] x) {
        int p = 0;
        for (int k = 1; k < x.length; k++) {
            if (x[k] < x[p]) {
                p = k;
            }
        }
        double half = x[p] / 2;
        int a = p;
        while (a > 0 && x[a - 1] / half > 1) {
            a--;
        }
        int b = p;
        while (b < x.length - 1 && x[b + 1] / half > 1) {
            b++;
        }
        double left = a > 0 ? a - (x[a] - half) / (x[a] - x[a - 1]) : a;
        double right = b < x.length - 1 ? b + (x[b] - half) / (x[b] - x[b + 1]) : b;
        return right - left;
    }

    /** Delay of b behind a in samples: cross-correlation peak refined by a parabola through its neighbours. */
    static double delay(double[] a, double[] b, int maxLag) {
        double[] r = new double[2 * maxLag + 1];
        int best = 0;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double s = 0;
            for (int k = 0; k < a.length; k++) {
                int j = k + lag;
                if (j >= 0 && j < b.length) {
                    s += a[k] * b[j];
                }
            }
            r[lag + maxLag] = s;
            if (s > r[best]) {
                best = lag + maxLag;
            }
        }
        double ym = r[best - 1];
        double y0 = r[best];
        double yp = r[best + 1];
        return best - maxLag + 0.5 * (ym - yp) / (ym - 2 * y0 + yp);
    }

    /** ||a − b|| / ||b|| over all channels. */
    static double relativeRms(double[][] a, double[][] b) {
        double num = 0;
        double den = 0;
        for (int e = 0; e < a.length; e++) {
            for (int k = 0; k < a[e].length; k++) {
                num += (a[e][k] - b[e][k]) * (a[e][k] - b[e][k]);
                den += b[e][k] * b[e][k];
            }
        }
        return Math.sqrt(num / den);
    }
}
