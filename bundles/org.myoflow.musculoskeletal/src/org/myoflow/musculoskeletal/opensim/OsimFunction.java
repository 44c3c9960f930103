package org.myoflow.musculoskeletal.opensim;

import java.util.List;
import java.util.Locale;

import org.myoflow.core.data.DataException;
import org.w3c.dom.Element;

/**
 * The OpenSim functions a model uses for joint transforms, moving path points, coordinate couplers and
 * function-based paths. Univariate: Constant, LinearFunction (slope, intercept), PolynomialFunction (coefficients
 * from the highest power down, as SimTK's Polynomial), SimmSpline (SIMM's cubic spline: end conditions from the
 * third divided differences of the first and last four knots, linear extrapolation with the end slopes),
 * NaturalCubicSpline (zero second derivative at both ends, linear extrapolation), PiecewiseLinearFunction and
 * MultiplierFunction (scale × function). Multivariate: MultivariatePolynomialFunction (coefficients in OpenSim's
 * order: exponents enumerated with the first argument's outermost, total degree ≤ order).
 */
abstract class OsimFunction {

    /** The value at the arguments (univariate functions read {@code x[0]}; an empty array means 0). */
    abstract double value(double[] x);

    /** Univariate value. */
    double at(double x) {
        return value(new double[] {x});
    }

    /** The element's type name, e.g. "SimmSpline". */
    abstract String type();

    private static final List<String> TYPES = List.of("Constant", "LinearFunction", "PolynomialFunction",
            "SimmSpline", "NaturalCubicSpline", "PiecewiseLinearFunction", "MultiplierFunction",
            "MultivariatePolynomialFunction");

    static boolean isFunctionTag(String tag) {
        return TYPES.contains(tag) || tag.endsWith("Function") || tag.endsWith("Spline") || tag.equals("Constant");
    }

    /**
     * The function held by {@code owner}: in a wrapper child {@code wrapperTag} (3.x: {@code <function>}; also
     * {@code <x_location>}, {@code <coupled_coordinates_function>}) or as a child element with
     * {@code name="function"} (4.x). Null when there is none.
     */
    static OsimFunction in(Element owner, String wrapperTag, String where) {
        Element w = Xml.child(owner, wrapperTag);
        if (w != null) {
            List<Element> c = Xml.children(w);
            return c.isEmpty() ? null : parse(c.get(0), where);
        }
        for (Element c : Xml.children(owner)) {
            if ("function".equals(c.getAttribute("name")) || (wrapperTag.equals("function")
                    && isFunctionTag(c.getTagName()) && !c.getTagName().equals("coordinates"))) {
                return parse(c, where);
            }
        }
        return null;
    }

    static OsimFunction parse(Element e, String where) {
        String tag = e.getTagName();
        String at = where + " <" + tag + ">";
        switch (tag) {
            case "Constant": {
                double v = Xml.number(e, "value", 0, at);
                return new OsimFunction() {
                    @Override
                    double value(double[] x) {
                        return v;
                    }

                    @Override
                    String type() {
                        return tag;
                    }
                };
            }
            case "LinearFunction": {
                double[] c = Xml.numbers(Xml.text(e, "coefficients"), at);
                if (c.length != 2) {
                    throw new DataException(at + ": <coefficients> needs 2 numbers (slope, intercept), has "
                            + c.length);
                }
                return new Univariate(tag) {
                    @Override
                    double at(double x) {
                        return c[0] * x + c[1];
                    }
                };
            }
            case "PolynomialFunction": {
                double[] c = Xml.numbers(Xml.text(e, "coefficients"), at);
                return new Univariate(tag) {
                    @Override
                    double at(double x) {
                        double v = 0;
                        for (double ck : c) {
                            v = v * x + ck;
                        }
                        return v;
                    }
                };
            }
            case "SimmSpline":
            case "NaturalCubicSpline":
            case "PiecewiseLinearFunction": {
                double[] xs = Xml.numbers(Xml.text(e, "x"), at + " <x>");
                double[] ys = Xml.numbers(Xml.text(e, "y"), at + " <y>");
                if (xs.length != ys.length || xs.length < 1) {
                    throw new DataException(at + ": <x> and <y> need the same number (≥ 1) of values, have "
                            + xs.length + " and " + ys.length);
                }
                for (int i = 1; i < xs.length; i++) {
                    if (!(xs[i] > xs[i - 1])) {
                        throw new DataException(at + ": <x> must increase strictly, x[" + i + "] = " + xs[i]);
                    }
                }
                return switch (tag) {
                    case "SimmSpline" -> CubicSpline.simm(tag, xs, ys);
                    case "NaturalCubicSpline" -> CubicSpline.natural(tag, xs, ys);
                    default -> CubicSpline.linear(tag, xs, ys);
                };
            }
            case "MultiplierFunction": {
                OsimFunction f = in(e, "function", at);
                if (f == null) {
                    throw new DataException(at + ": has no <function>");
                }
                double s = Xml.number(e, "scale", 1, at);
                return new OsimFunction() {
                    @Override
                    double value(double[] x) {
                        return s * f.value(x);
                    }

                    @Override
                    String type() {
                        return tag + "(" + f.type() + ")";
                    }
                };
            }
            case "MultivariatePolynomialFunction": {
                double[] c = Xml.numbers(Xml.text(e, "coefficients"), at);
                int dim = (int) Xml.number(e, "dimension", 0, at);
                int order = (int) Xml.number(e, "order", 0, at);
                int[][] powers = MultiPoly.powers(dim, order);
                if (powers.length != c.length) {
                    throw new DataException(String.format(Locale.ROOT,
                            "%s: dimension %d and order %d need %d coefficients, found %d", at, dim, order,
                            powers.length, c.length));
                }
                return new MultiPoly(tag, dim, order, powers, c);
            }
            default:
                throw new DataException(at + ": function type " + tag + " is not supported (supported: "
                        + String.join(", ", TYPES) + ")");
        }
    }

    abstract static class Univariate extends OsimFunction {
        private final String type;

        Univariate(String type) {
            this.type = type;
        }

        @Override
        abstract double at(double x);

        @Override
        double value(double[] x) {
            return at(x.length == 0 ? 0 : x[0]);
        }

        @Override
        String type() {
            return type;
        }
    }

    /** Polynomial in several variables. */
    static final class MultiPoly extends OsimFunction {
        final String type;
        final int dimension;
        final int order;
        final int[][] powers;
        final double[] coefficients;

        MultiPoly(String type, int dimension, int order, int[][] powers, double[] coefficients) {
            this.type = type;
            this.dimension = dimension;
            this.order = order;
            this.powers = powers;
            this.coefficients = coefficients;
        }

        /** Exponent tuples in OpenSim's order: lexicographic, the first argument outermost, total degree ≤ order. */
        static int[][] powers(int dim, int order) {
            java.util.ArrayList<int[]> out = new java.util.ArrayList<>();
            enumerate(new int[dim], 0, order, out);
            return out.toArray(int[][]::new);
        }

        private static void enumerate(int[] p, int k, int left, java.util.List<int[]> out) {
            if (k == p.length) {
                out.add(p.clone());
                return;
            }
            for (int e = 0; e <= left; e++) {
                p[k] = e;
                enumerate(p, k + 1, left - e, out);
            }
            p[k] = 0;
        }

        @Override
        double value(double[] x) {
            if (x.length != dimension) {
                throw new IllegalArgumentException(type + " needs " + dimension + " arguments, got " + x.length);
            }
            double v = 0;
            for (int i = 0; i < powers.length; i++) {
                if (coefficients[i] == 0) {
                    continue;
                }
                double t = coefficients[i];
                for (int d = 0; d < dimension; d++) {
                    for (int k = 0; k < powers[i][d]; k++) {
                        t *= x[d];
                    }
                }
                v += t;
            }
            return v;
        }

        @Override
        String type() {
            return type;
        }
    }

    /** Piecewise cubic y_k + b_k·dx + c_k·dx² + d_k·dx³ on [x_k, x_k+1], linear beyond the ends. */
    static final class CubicSpline extends Univariate {
        final double[] x;
        final double[] y;
        final double[] b;
        final double[] c;
        final double[] d;

        private CubicSpline(String type, double[] x, double[] y, double[] b, double[] c, double[] d) {
            super(type);
            this.x = x;
            this.y = y;
            this.b = b;
            this.c = c;
            this.d = d;
        }

        static CubicSpline linear(String type, double[] x, double[] y) {
            int n = x.length;
            double[] b = new double[n];
            for (int i = 0; i < n - 1; i++) {
                b[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
            }
            if (n > 1) {
                b[n - 1] = b[n - 2];
            }
            return new CubicSpline(type, x, y, b, new double[n], new double[n]);
        }

        /**
         * SIMM's spline (Forsythe, Malcolm &amp; Moler's cubic spline): a tridiagonal system for the second
         * derivatives whose end rows match the third derivative to the third divided difference of the four end
         * knots (with fewer than four knots: zero), two knots: the straight line.
         */
        static CubicSpline simm(String type, double[] x, double[] y) {
            int n = x.length;
            double[] b = new double[n];
            double[] c = new double[n];
            double[] d = new double[n];
            if (n < 2) {
                return new CubicSpline(type, x, y, b, c, d);
            }
            if (n < 3) {
                b[0] = b[1] = (y[1] - y[0]) / (x[1] - x[0]);
                return new CubicSpline(type, x, y, b, c, d);
            }
            int last = n - 1;
            // d: interval widths (off-diagonal), b: diagonal, c: right-hand side (first divided differences first)
            d[0] = x[1] - x[0];
            c[1] = (y[1] - y[0]) / d[0];
            for (int i = 1; i < last; i++) {
                d[i] = x[i + 1] - x[i];
                b[i] = 2 * (d[i - 1] + d[i]);
                c[i + 1] = (y[i + 1] - y[i]) / d[i];
                c[i] = c[i + 1] - c[i];
            }
            b[0] = -d[0];
            b[last] = -d[n - 2];
            c[0] = 0;
            c[last] = 0;
            if (n > 3) {
                double c0 = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0]);
                double cl = c[n - 2] / (x[last] - x[n - 3]) - c[n - 3] / (x[n - 2] - x[n - 4]);
                c[0] = c0 * d[0] * d[0] / (x[3] - x[0]);
                c[last] = -cl * d[n - 2] * d[n - 2] / (x[last] - x[n - 4]);
            }
            for (int i = 1; i < n; i++) {
                double t = d[i - 1] / b[i - 1];
                b[i] -= t * d[i - 1];
                c[i] -= t * c[i - 1];
            }
            c[last] /= b[last];
            for (int i = n - 2; i >= 0; i--) {
                c[i] = (c[i] - d[i] * c[i + 1]) / b[i];
            }
            b[last] = (y[last] - y[n - 2]) / d[n - 2] + d[n - 2] * (c[n - 2] + 2 * c[last]);
            for (int i = 0; i < last; i++) {
                b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2 * c[i]);
                d[i] = (c[i + 1] - c[i]) / d[i];
                c[i] *= 3;
            }
            c[last] *= 3;
            d[last] = d[n - 2];
            return new CubicSpline(type, x, y, b, c, d);
        }

        /** Natural cubic spline: zero second derivative at both ends. */
        static CubicSpline natural(String type, double[] x, double[] y) {
            int n = x.length;
            if (n < 3) {
                return linear(type, x, y);
            }
            double[] h = new double[n - 1];
            for (int i = 0; i < n - 1; i++) {
                h[i] = x[i + 1] - x[i];
            }
            // second derivatives m (m_0 = m_{n-1} = 0) from the tridiagonal system
            double[] m = new double[n];
            double[] diag = new double[n];
            double[] rhs = new double[n];
            for (int i = 1; i < n - 1; i++) {
                diag[i] = 2 * (h[i - 1] + h[i]);
                rhs[i] = 6 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1]);
            }
            for (int i = 2; i < n - 1; i++) {
                double t = h[i - 1] / diag[i - 1];
                diag[i] -= t * h[i - 1];
                rhs[i] -= t * rhs[i - 1];
            }
            for (int i = n - 2; i >= 1; i--) {
                m[i] = (rhs[i] - (i + 1 < n - 1 ? h[i] * m[i + 1] : 0)) / diag[i];
            }
            double[] b = new double[n];
            double[] c = new double[n];
            double[] d = new double[n];
            for (int i = 0; i < n - 1; i++) {
                b[i] = (y[i + 1] - y[i]) / h[i] - h[i] * (2 * m[i] + m[i + 1]) / 6;
                c[i] = m[i] / 2;
                d[i] = (m[i + 1] - m[i]) / (6 * h[i]);
            }
            b[n - 1] = b[n - 2] + h[n - 2] * (m[n - 2] + m[n - 1]) / 2;
            return new CubicSpline(type, x, y, b, c, d);
        }

        @Override
        double at(double v) {
            int n = x.length;
            if (n == 1) {
                return y[0];
            }
            if (v < x[0]) {
                return y[0] + (v - x[0]) * b[0];
            }
            if (v > x[n - 1]) {
                return y[n - 1] + (v - x[n - 1]) * b[n - 1];
            }
            int lo = 0;
            int hi = n - 1;
            while (hi - lo > 1) {
                int k = (lo + hi) >>> 1;
                if (v < x[k]) {
                    hi = k;
                } else {
                    lo = k;
                }
            }
            double dx = v - x[lo];
            return y[lo] + dx * (b[lo] + dx * (c[lo] + dx * d[lo]));
        }
    }
}
