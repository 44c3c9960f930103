package org.myoflow.conductor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModifiedBesselTest {

    private static void close(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.abs(expected), what);
    }

    @Test
    void tabulatedValues() {
        close(1.2660658777520082, ModifiedBessel.i(0, 1), 1e-14, "I0(1)");
        close(0.42102443824070834, ModifiedBessel.k(0, 1), 1e-14, "K0(1)");
        close(0.5651591039924851, ModifiedBessel.i(1, 1), 1e-14, "I1(1)");
        close(0.6019072301972346, ModifiedBessel.k(1, 1), 1e-14, "K1(1)");
        close(0.009825679323131702, ModifiedBessel.i(5, 2), 1e-13, "I5(2)");
        close(9.431049100596467, ModifiedBessel.k(5, 2), 1e-13, "K5(2)");
        close(27.239871823604442, ModifiedBessel.i(0, 5), 1e-14, "I0(5)");
        close(0.0036910983340425942, ModifiedBessel.k(0, 5), 1e-13, "K0(5)");
        close(0.004044613445452164, ModifiedBessel.k(1, 5), 1e-13, "K1(5)");
        close(0.11389387274953344, ModifiedBessel.k(0, 2), 1e-13, "K0(2)");
        close(0.13986588181652243, ModifiedBessel.k(1, 2), 1e-13, "K1(2)");
    }

    /** {n, x, e^(−x)·I_n(x), e^x·K_n(x)} from mpmath at 30 digits, across every branch of the implementation. */
    private static final double[][] SCALED = { { 0, 0.1, 0.90710092578230109, 2.6823261022628943 },
            { 1, 0.1, 0.045298446808809327, 10.890182683049696 },
            { 0, 1.9, 0.31824316288914158, 0.86145061675175579 },
            { 0, 2.1, 0.29956309452628191, 0.82301715253166206 },
            { 1, 2.5, 0.20658464953126655, 0.90017442390787809 },
            { 0, 7.3, 0.15041465295234574, 0.45646856166390737 },
            { 1, 15, 0.10037417504516666, 0.33153489496662908 },
            { 0, 19.9, 0.090008588864389597, 0.27923549940723693 },
            { 1, 20.1, 0.087296851843201592, 0.28468928452815895 },
            { 0, 45, 0.059638115011731949, 0.186320401860766 },
            { 1, 300, 0.023004122040268951, 0.072450481667258409 },
            { 3, 0.5, 0.0016043415075654608, 102.3161954571802 },
            { 10, 3, 9.690750884604124e-7, 49402.796804251239 },
            { 40, 12, 2.4006092543770207e-22, 4.9873065946573349e+19 },
            { 90, 5, 3.1696358903028168e-105, 1.7500435721396682e+102 },
            { 20, 200, 0.01036686252143889, 0.23995690247998417 },
            { 0, 1e-05, 0.99999000007499958, 11.628973270095616 } };

    @Test
    void scaledValuesAcrossBranches() {
        for (double[] r : SCALED) {
            int n = (int) r[0];
            close(r[2], ModifiedBessel.ie(n, r[1]), 2e-13, "Ie_" + n + "(" + r[1] + ")");
            close(r[3], ModifiedBessel.ke(n, r[1]), 2e-13, "Ke_" + n + "(" + r[1] + ")");
        }
    }

    @Test
    void wronskianHoldsForManyOrdersAndArguments() {
        double worst = 0;
        for (double x : new double[] { 1e-3, 0.01, 0.3, 1, 1.99, 2, 2.01, 3.7, 9, 19.99, 20, 20.01, 55, 400, 3000 }) {
            int orders = 200;
            double[] ri = new double[orders + 1];
            double[] rk = new double[orders + 1];
            ModifiedBessel.ratiosI(x, ri);
            ModifiedBessel.ratiosK(x, rk);
            for (int n = 0; n <= orders; n++) {
                // I_n K_(n+1) + I_(n+1) K_n = 1/x, in scaled form with products of ratios
                if (n <= 30 && x >= 0.3) {
                    double w = ModifiedBessel.ie(n, x) * ModifiedBessel.ke(n + 1, x)
                            + ModifiedBessel.ie(n + 1, x) * ModifiedBessel.ke(n, x);
                    worst = Math.max(worst, Math.abs(w * x - 1));
                }
            }
            double w0 = ModifiedBessel.i0e(x) * ModifiedBessel.k1e(x) + ModifiedBessel.i1e(x) * ModifiedBessel.k0e(x);
            worst = Math.max(worst, Math.abs(w0 * x - 1));
            // the ratio arrays agree with the direct values
            close(ModifiedBessel.i1e(x) / ModifiedBessel.i0e(x), ri[0], 1e-13, "I1/I0 at " + x);
            close(ModifiedBessel.k1e(x) / ModifiedBessel.k0e(x), rk[0], 1e-13, "K1/K0 at " + x);
            assertTrue(ri[orders] > 0 && ri[orders] < 1, "I ratio in (0,1)");
        }
        assertTrue(worst < 1e-13, "Wronskian worst relative error " + worst);
    }

    @Test
    void continuedFractionMatchesBackwardRecurrence() {
        for (double x : new double[] { 0.05, 1, 7, 60 }) {
            double[] r = new double[51];
            ModifiedBessel.ratiosI(x, r);
            for (int n : new int[] { 0, 7, 25, 49 }) {
                close(ModifiedBessel.ratioIContinuedFraction(n, x), r[n], 1e-13, "I ratio " + n + " at " + x);
            }
        }
    }
}
