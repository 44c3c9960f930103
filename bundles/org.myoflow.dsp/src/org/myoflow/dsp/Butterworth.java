package org.myoflow.dsp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Digital Butterworth filters as second-order sections, designed as SciPy's
 * {@code butter(N, Wn, btype, fs=fs, output='sos')} does: analog prototype poles
 * {@code -exp(iπm/2N)}, m = -N+1, -N+3, ..., N-1; pre-warping {@code Ω = 2·fs'·tan(π f / fs)} (fs' = 2);
 * low-pass, high-pass or band-pass transformation; bilinear transform; {@code zpk2sos} pairing ("nearest": the
 * poles closest to the unit circle go into the last section) with the gain in the first section.
 *
 * @since 0.1
 */
public final class Butterworth {

    private static final double FS2 = 4; // 2 * fs with SciPy's normalised fs = 2
    private static final double TOL = 100 * Math.ulp(1.0);

    private Butterworth() {
    }

    /** Low-pass of the given order (1..10) with its -3 dB point at cutoffHz (0 < cutoffHz < fsHz/2). */
    public static Sos lowpass(int order, double cutoffHz, double fsHz) {
        check(order, fsHz);
        checkEdge("cutoffHz", cutoffHz, fsHz);
        double wo = warp(cutoffHz, fsHz);
        List<Cx> p = new ArrayList<>();
        for (Cx q : prototype(order)) {
            p.add(q.times(wo));
        }
        double k = Math.pow(wo, order);
        return bilinear(new ArrayList<>(), p, k);
    }

    /** High-pass of the given order (1..10) with its -3 dB point at cutoffHz (0 < cutoffHz < fsHz/2). */
    public static Sos highpass(int order, double cutoffHz, double fsHz) {
        check(order, fsHz);
        checkEdge("cutoffHz", cutoffHz, fsHz);
        double wo = warp(cutoffHz, fsHz);
        List<Cx> p = new ArrayList<>();
        List<Cx> z = new ArrayList<>();
        Cx prodMinusP = Cx.real(1);
        for (Cx q : prototype(order)) {
            p.add(Cx.real(wo).div(q));
            prodMinusP = prodMinusP.times(q.times(-1));
            z.add(Cx.ZERO);
        }
        double k = Cx.real(1).div(prodMinusP).re();
        return bilinear(z, p, k);
    }

    /**
     * Band-pass with prototype order {@code order} (1..10), i.e. 2·order poles in {@code order} sections, with its
     * -3 dB points at lowHz and highHz (0 < lowHz < highHz < fsHz/2).
     */
    public static Sos bandpass(int order, double lowHz, double highHz, double fsHz) {
        check(order, fsHz);
        checkEdge("lowHz", lowHz, fsHz);
        checkEdge("highHz", highHz, fsHz);
        if (!(lowHz < highHz)) {
            throw new IllegalArgumentException("lowHz " + lowHz + " must be below highHz " + highHz);
        }
        double w1 = warp(lowHz, fsHz);
        double w2 = warp(highHz, fsHz);
        double bw = w2 - w1;
        Cx wo2 = Cx.real(w1 * w2);
        List<Cx> plus = new ArrayList<>();
        List<Cx> minus = new ArrayList<>();
        List<Cx> z = new ArrayList<>();
        for (Cx q : prototype(order)) {
            Cx pl = q.times(bw / 2);
            Cx root = pl.times(pl).minus(wo2).sqrt();
            plus.add(pl.plus(root));
            minus.add(pl.minus(root));
            z.add(Cx.ZERO);
        }
        List<Cx> p = new ArrayList<>(plus);
        p.addAll(minus);
        return bilinear(z, p, Math.pow(bw, order));
    }

    private static void check(int order, double fsHz) {
        if (order < 1 || order > 10) {
            throw new IllegalArgumentException("order must be 1..10, got " + order);
        }
        if (!(fsHz > 0) || Double.isInfinite(fsHz)) {
            throw new IllegalArgumentException("fsHz must be positive and finite, got " + fsHz);
        }
    }

    private static void checkEdge(String name, double f, double fsHz) {
        if (!(f > 0 && f < fsHz / 2)) {
            throw new IllegalArgumentException(name + " " + f + " Hz must lie strictly between 0 and the Nyquist "
                    + "frequency " + fsHz / 2 + " Hz (fs = " + fsHz + " Hz)");
        }
    }

    private static double warp(double fHz, double fsHz) {
        return FS2 * Math.tan(Math.PI * fHz / fsHz);
    }

    /** SciPy buttap: poles -exp(iπm/(2N)), m = -N+1, -N+3, ..., N-1. */
    private static List<Cx> prototype(int n) {
        List<Cx> p = new ArrayList<>();
        for (int m = -n + 1; m < n; m += 2) {
            double t = Math.PI * m / (2.0 * n);
            p.add(new Cx(-Math.cos(t), m == 0 ? 0 : -Math.sin(t)));
        }
        return p;
    }

    /** SciPy bilinear_zpk with fs = 2, then zpk2sos. */
    private static Sos bilinear(List<Cx> z, List<Cx> p, double k) {
        Cx num = Cx.real(1);
        Cx den = Cx.real(1);
        List<Cx> zz = new ArrayList<>();
        List<Cx> pz = new ArrayList<>();
        Cx f = Cx.real(FS2);
        for (Cx q : z) {
            zz.add(f.plus(q).div(f.minus(q)));
            num = num.times(f.minus(q));
        }
        for (Cx q : p) {
            pz.add(f.plus(q).div(f.minus(q)));
            den = den.times(f.minus(q));
        }
        while (zz.size() < pz.size()) {
            zz.add(Cx.real(-1));
        }
        double kz = k * num.div(den).re();
        return new Sos(zpk2sos(zz, pz, kz));
    }

    /** SciPy zpk2sos with pairing 'nearest' (digital), for equal numbers of poles and zeros. */
    static double[][] zpk2sos(List<Cx> z0, List<Cx> p0, double k) {
        List<Cx> z = new ArrayList<>(z0);
        List<Cx> p = new ArrayList<>(p0);
        int nSections = (Math.max(p.size(), z.size()) + 1) / 2;
        if (p.size() % 2 == 1) {
            p.add(Cx.ZERO);
            z.add(Cx.ZERO);
        }
        z = cplxreal(z);
        p = cplxreal(p);
        double[][] sos = new double[nSections][];
        for (int si = nSections - 1; si >= 0; si--) {
            int p1i = worst(p);
            Cx p1 = p.remove(p1i);
            long realP = p.stream().filter(Cx::isReal).count();
            long realZ = z.stream().filter(Cx::isReal).count();
            if (p1.isReal() && realP == 0) {
                Cx z1 = z.remove(nearest(z, p1, Which.REAL));
                sos[si] = section(z1, Cx.ZERO, p1, Cx.ZERO);
            } else if (p.size() + 1 == z.size() && !p1.isReal() && realP == 1 && realZ == 1) {
                Cx z1 = z.remove(nearest(z, p1, Which.COMPLEX));
                sos[si] = section(z1, z1.conj(), p1, p1.conj());
            } else {
                Cx p2;
                if (p1.isReal()) {
                    List<Cx> reals = p.stream().filter(Cx::isReal).toList();
                    p2 = reals.get(worst(reals));
                    p.remove(p2);
                } else {
                    p2 = p1.conj();
                }
                if (!z.isEmpty()) {
                    Cx z1 = z.remove(nearest(z, p1, Which.ANY));
                    if (!z1.isReal()) {
                        sos[si] = section(z1, z1.conj(), p1, p2);
                    } else if (!z.isEmpty()) {
                        Cx z2 = z.remove(nearest(z, p1, Which.REAL));
                        sos[si] = section(z1, z2, p1, p2);
                    } else {
                        sos[si] = new double[] { 0, 1, -z1.re(), 1, -(p1.plus(p2)).re(), p1.times(p2).re() };
                    }
                } else {
                    sos[si] = new double[] { 0, 0, 1, 1, -(p1.plus(p2)).re(), p1.times(p2).re() };
                }
            }
        }
        for (int j = 0; j < 3; j++) {
            sos[0][j] *= k;
        }
        return sos;
    }

    private enum Which {
        REAL, COMPLEX, ANY
    }

    private static double[] section(Cx z1, Cx z2, Cx p1, Cx p2) {
        return new double[] { 1, -(z1.plus(z2)).re(), z1.times(z2).re(), 1, -(p1.plus(p2)).re(), p1.times(p2).re() };
    }

    /** Index of the pole closest to the unit circle (first on ties, as numpy's argmin). */
    private static int worst(List<Cx> p) {
        int best = 0;
        for (int i = 1; i < p.size(); i++) {
            if (Math.abs(1 - p.get(i).abs()) < Math.abs(1 - p.get(best).abs())) {
                best = i;
            }
        }
        return best;
    }

    private static int nearest(List<Cx> from, Cx to, Which which) {
        int best = -1;
        for (int i = 0; i < from.size(); i++) {
            Cx c = from.get(i);
            if (which == Which.REAL && !c.isReal() || which == Which.COMPLEX && c.isReal()) {
                continue;
            }
            if (best < 0 || c.minus(to).abs() < from.get(best).minus(to).abs()) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no " + which + " zero left to pair with pole " + to);
        }
        return best;
    }

    /** SciPy _cplxreal: the real values (imaginary part exactly 0), then one of each conjugate pair (im > 0). */
    private static List<Cx> cplxreal(List<Cx> z) {
        List<Cx> real = new ArrayList<>();
        List<Cx> upper = new ArrayList<>();
        for (Cx c : z) {
            if (Math.abs(c.im()) <= TOL * c.abs()) {
                real.add(Cx.real(c.re()));
            } else if (c.im() > 0) {
                upper.add(c);
            }
        }
        real.sort(Comparator.comparingDouble(Cx::re));
        upper.sort(Comparator.comparingDouble(Cx::re).thenComparingDouble(c -> Math.abs(c.im())));
        List<Cx> out = new ArrayList<>(upper);
        out.addAll(real);
        return out;
    }
}
