package org.myoflow.dsp;

/** Minimal complex arithmetic for filter design (package-private; the API stays complex-free). */
record Cx(double re, double im) {

    static final Cx ZERO = new Cx(0, 0);

    static Cx real(double re) {
        return new Cx(re, 0);
    }

    Cx plus(Cx o) {
        return new Cx(re + o.re, im + o.im);
    }

    Cx minus(Cx o) {
        return new Cx(re - o.re, im - o.im);
    }

    Cx times(Cx o) {
        return new Cx(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    Cx times(double s) {
        return new Cx(re * s, im * s);
    }

    Cx div(Cx o) {
        double d = o.re * o.re + o.im * o.im;
        return new Cx((re * o.re + im * o.im) / d, (im * o.re - re * o.im) / d);
    }

    Cx conj() {
        return new Cx(re, -im);
    }

    double abs() {
        return Math.hypot(re, im);
    }

    /** Principal square root (as numpy's). */
    Cx sqrt() {
        if (re == 0 && im == 0) {
            return ZERO;
        }
        double r = abs();
        double a = Math.sqrt((r + Math.abs(re)) / 2);
        if (re >= 0) {
            return new Cx(a, im / (2 * a));
        }
        return new Cx(Math.abs(im) / (2 * a), Math.copySign(a, im));
    }

    boolean isReal() {
        return im == 0;
    }
}
