package org.myoflow.synthesis.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.myoflow.synthesis.experiments.ElbowExperiment.Settings;
import org.myoflow.synthesis.experiments.ElbowExperiment.Subject;
import org.myoflow.synthesis.experiments.ElbowExperiment.Trial;
import org.myoflow.musculoskeletal.JointModel;
import org.myoflow.musculoskeletal.JointModels;
import org.myoflow.musculoskeletal.TendonModel;
import org.myoflow.musculoskeletal.ThelenMuscle;

class ElbowExperimentTest {

    private static ElbowExperiment quick;

    @BeforeAll
    static void simulateQuick() {
        long t0 = System.nanoTime();
        quick = ElbowExperiment.simulate(Settings.quick());
        System.out.printf("ElbowExperiment: Settings.quick() simulated in %.2f s (%d trials)%n",
                (System.nanoTime() - t0) / 1e9, quick.trials().size());
    }

    /** A tiny experiment for the reproducibility checks. */
    private static Settings tiny(long seed) {
        return new Settings(1, 2, 2, 100, 2048, 8, 20, 0.25, seed);
    }

    @Test
    void shapesAndIndices() {
        Settings s = Settings.quick();
        assertEquals(s.subjects(), quick.subjects().size());
        assertEquals(s.subjects() * s.trialsPerSubject(), quick.trials().size());
        List<String> names = JointModels.elbow().muscleNames();
        assertArrayEquals(new int[] {0, 1, 3, 4, 5}, ElbowExperiment.surfaceMuscles());
        assertArrayEquals(new int[] {2, 6}, ElbowExperiment.deepMuscles());
        for (int i = 0; i < ElbowExperiment.SURFACE.size(); i++) {
            assertEquals(ElbowExperiment.SURFACE.get(i), names.get(ElbowExperiment.surfaceMuscles()[i]));
        }
        for (int subject = 0; subject < s.subjects(); subject++) {
            List<Trial> trials = quick.trials(subject);
            assertEquals(s.trialsPerSubject(), trials.size());
            for (int k = 0; k < trials.size(); k++) {
                Trial t = trials.get(k);
                assertEquals(subject, t.subject());
                assertEquals(k, t.index());
                assertEquals(ElbowExperiment.LOADS_KG.get(k % 4), t.loadKg());
                assertEquals(600, t.samples());
                assertEquals(100, t.rate());
                assertEquals(7, t.excitations().length);
                assertEquals(7, t.activations().length);
                assertEquals(5, t.envelopes().length);
                for (double[] e : t.envelopes()) {
                    assertEquals(600, e.length);
                    for (double v : e) {
                        assertTrue(v >= 0 && Double.isFinite(v), "envelope " + v);
                    }
                }
                for (double q : t.angles()) {
                    assertTrue(q >= 20 * Math.PI / 180 - 1e-9 && q <= 120 * Math.PI / 180 + 1e-9, "angle " + q);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> quick.trials(s.subjects()));
    }

    @Test
    void sameSettingsGiveIdenticalArraysAndOtherSeedsDiffer() {
        ElbowExperiment a = ElbowExperiment.simulate(tiny(7));
        ElbowExperiment b = ElbowExperiment.simulate(tiny(7));
        ElbowExperiment c = ElbowExperiment.simulate(tiny(8));
        for (int i = 0; i < a.trials().size(); i++) {
            Trial x = a.trials().get(i);
            Trial y = b.trials().get(i);
            assertArrayEquals(x.angles(), y.angles());
            assertArrayEquals(x.torques(), y.torques());
            assertTrue(Arrays.deepEquals(x.excitations(), y.excitations()));
            assertTrue(Arrays.deepEquals(x.activations(), y.activations()));
            assertTrue(Arrays.deepEquals(x.envelopes(), y.envelopes()));
            Trial z = c.trials().get(i);
            assertFalse(Arrays.equals(x.angles(), z.angles()));
            assertFalse(Arrays.deepEquals(x.excitations(), z.excitations()));
            assertFalse(Arrays.deepEquals(x.envelopes(), z.envelopes()));
        }
        assertEquals(a.subjects(), b.subjects());
        assertFalse(a.subjects().equals(c.subjects()));
        for (int s = 0; s < a.subjects().size(); s++) {
            assertArrayEquals(a.subjects().get(s).strengthScales(), b.subjects().get(s).strengthScales());
            assertFalse(Arrays.equals(a.subjects().get(s).strengthScales(), c.subjects().get(s).strengthScales()));
        }
    }

    @Test
    void subjectsAreScaledCopiesOfTheElbowWithinTheSpread() {
        double spread = Settings.quick().parameterSpread();
        JointModel nominal = JointModels.elbow();
        double minStrength = Double.MAX_VALUE;
        double maxStrength = 0;
        for (Subject s : quick.subjects()) {
            double[] strength = s.strengthScales();
            double[] length = s.lengthScales();
            for (int i = 0; i < 7; i++) {
                assertTrue(strength[i] >= 1 - spread && strength[i] <= 1 + spread, "strength " + strength[i]);
                assertTrue(length[i] >= 1 - spread / 2.5 && length[i] <= 1 + spread / 2.5, "length " + length[i]);
                minStrength = Math.min(minStrength, strength[i]);
                maxStrength = Math.max(maxStrength, strength[i]);
                ThelenMuscle n = nominal.muscles().get(i).muscle();
                ThelenMuscle m = s.model().muscles().get(i).muscle();
                assertEquals(n.maxIsometricForce() * strength[i], m.maxIsometricForce(), 1e-9);
                assertEquals(n.optimalFibreLength() * length[i], m.optimalFibreLength(), 1e-12);
                assertEquals(n.tendonSlackLength(), m.tendonSlackLength(), 0);
                assertEquals(nominal.muscles().get(i).lengthAtZero(), s.model().muscles().get(i).lengthAtZero(), 0);
                assertEquals(nominal.muscles().get(i).name(), s.model().muscles().get(i).name());
            }
        }
        // 28 draws over [0.75, 1.25]: the scales really spread
        assertTrue(maxStrength - minStrength > spread, "strength range " + minStrength + ".." + maxStrength);
        assertFalse(Arrays.equals(quick.subjects().get(0).strengthScales(),
                quick.subjects().get(1).strengthScales()));
    }

    @Test
    void torquesAreTheSubjectModelsTorqueOfTheStoredActivations() {
        for (Trial t : quick.trials()) {
            JointModel model = quick.subjects().get(t.subject()).model();
            double[] a = new double[7];
            for (int j = 0; j < t.samples(); j += 7) {
                for (int i = 0; i < 7; i++) {
                    a[i] = t.activations()[i][j];
                }
                assertEquals(model.torque(t.angles()[j], t.angularVelocities()[j], a, TendonModel.RIGID),
                        t.torques()[j], 1e-9);
            }
        }
    }

    @Test
    void torquesFollowTheRequiredTorque() {
        PearsonsCorrelation pc = new PearsonsCorrelation();
        for (Trial t : quick.trials()) {
            int n = t.samples();
            double[] required = new double[n - 2];
            double[] model = new double[n - 2];
            double sq = 0;
            double ref = 0;
            for (int j = 1; j < n - 1; j++) {
                double acc = (t.angularVelocities()[j + 1] - t.angularVelocities()[j - 1]) * t.rate() / 2;
                required[j - 1] = ElbowExperiment.requiredTorque(t.angles()[j], acc, t.loadKg());
                model[j - 1] = t.torques()[j];
                sq += Math.pow(model[j - 1] - required[j - 1], 2);
                ref += required[j - 1] * required[j - 1];
            }
            double r = pc.correlation(required, model);
            double rel = Math.sqrt(sq / ref);
            System.out.printf("subject %d trial %d load %.1f kg: torque r %.3f, relative RMS error %.2f%n",
                    t.subject(), t.index(), t.loadKg(), r, rel);
            assertTrue(rel < 0.15, "relative torque error " + rel);
            if (t.loadKg() >= 1) {
                assertTrue(r > 0.85, "torque correlation " + r);
            }

        }
    }

    @Test
    void excitationsAreWithinBoundsAndDeepOnesAreNotCopies() {
        for (Trial t : quick.trials()) {
            for (double[] e : t.excitations()) {
                for (double v : e) {
                    assertTrue(v >= 0.01 && v <= 1, "excitation " + v);
                }
            }
            for (double[] a : t.activations()) {
                for (double v : a) {
                    assertTrue(v >= 0.01 && v <= 1, "activation " + v);
                }
            }
            // brachialis follows the biceps but not exactly
            double r = new PearsonsCorrelation().correlation(t.excitations()[2], t.excitations()[0]);
            assertTrue(r < 0.999, "BRA vs BIClong r " + r);
        }
    }

    @Test
    void envelopesFollowTheirMusclesExcitation() {
        PearsonsCorrelation pc = new PearsonsCorrelation();
        int[] surface = ElbowExperiment.surfaceMuscles();
        int trials = quick.trials().size();
        int n = quick.trials().get(0).samples();
        double sumR = 0;
        for (int c = 0; c < surface.length; c++) {
            double[] e = new double[trials * n];
            double[] u = new double[trials * n];
            for (int k = 0; k < trials; k++) {
                Trial t = quick.trials().get(k);
                System.arraycopy(t.envelopes()[c], 0, e, k * n, n);
                System.arraycopy(t.excitations()[surface[c]], 0, u, k * n, n);
                sumR += pc.correlation(t.envelopes()[c], t.excitations()[surface[c]]);
            }
            double r = pc.correlation(e, u);
            double ratio = mean(e) / mean(u);
            System.out.printf("%s over all quick trials: envelope-excitation r %.3f, mean envelope/excitation %.2f%n",
                    ElbowExperiment.SURFACE.get(c), r, ratio);
            assertTrue(r > 0.8, ElbowExperiment.SURFACE.get(c) + " envelope-excitation correlation " + r);
            assertTrue(ratio > 0.5 && ratio < 2, ElbowExperiment.SURFACE.get(c) + " mean ratio " + ratio);
        }
        double meanR = sumR / (trials * surface.length);
        System.out.printf("mean per-trial envelope-excitation r %.3f%n", meanR);
        assertTrue(meanR > 0.8, "mean per-trial correlation " + meanR);
    }

    @Test
    void deepMusclesAreRelatedToButNotAFunctionOfTheSuperficialOnes() {
        int[] surface = ElbowExperiment.surfaceMuscles();
        double sum = 0;
        int count = 0;
        for (Trial t : quick.trials()) {
            double[][] x = new double[t.samples()][surface.length];
            for (int j = 0; j < t.samples(); j++) {
                for (int c = 0; c < surface.length; c++) {
                    x[j][c] = t.excitations()[surface[c]][j];
                }
            }
            for (int deep : ElbowExperiment.deepMuscles()) {
                OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
                ols.newSampleData(t.excitations()[deep], x);
                double r2 = ols.calculateRSquared();
                assertTrue(r2 < 0.98, "deep muscle " + deep + " is a linear function of the superficial: R² " + r2);
                sum += r2;
                count++;
            }
        }
        System.out.printf("deep from superficial excitations, linear R² mean %.2f%n", sum / count);
        assertTrue(sum / count > 0.3, "mean R² " + sum / count);
    }

    @Test
    void heavierLoadsNeedMoreFlexorExcitation() {
        for (int s = 0; s < quick.subjects().size(); s++) {
            List<Trial> trials = quick.trials(s);
            double unloaded = flexorMean(trials.get(0));
            double loaded = flexorMean(trials.get(2));
            assertEquals(0.0, trials.get(0).loadKg());
            assertEquals(2.5, trials.get(2).loadKg());
            assertTrue(loaded > 1.3 * unloaded, "subject " + s + ": " + unloaded + " at 0 kg, " + loaded
                    + " at 2.5 kg");
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheParameter() {
        refused("subjects", () -> new Settings(0, 1, 6, 100, 2048, 10, 20, 0.25, 1));
        refused("trialsPerSubject", () -> new Settings(1, 0, 6, 100, 2048, 10, 20, 0.25, 1));
        refused("trialSeconds", () -> new Settings(1, 1, Double.NaN, 100, 2048, 10, 20, 0.25, 1));
        refused("trialSeconds", () -> new Settings(1, 1, 0, 100, 2048, 10, 20, 0.25, 1));
        refused("envelopeRate", () -> new Settings(1, 1, 6, 0, 2048, 10, 20, 0.25, 1));
        refused("envelopeRate", () -> new Settings(1, 1, 6, -100, 2048, 10, 20, 0.25, 1));
        refused("envelopeRate", () -> new Settings(1, 1, 6, Double.NaN, 2048, 10, 20, 0.25, 1));
        refused("emgRate", () -> new Settings(1, 1, 6, 100, 800, 10, 20, 0.25, 1));
        refused("emgRate", () -> new Settings(1, 1, 6, 100, 0, 10, 20, 0.25, 1));
        refused("emgRate", () -> new Settings(1, 1, 6, 100, Double.NaN, 10, 20, 0.25, 1));
        refused("unitsPerMuscle", () -> new Settings(1, 1, 6, 100, 2048, 0, 20, 0.25, 1));
        refused("snrDb", () -> new Settings(1, 1, 6, 100, 2048, 10, Double.NaN, 0.25, 1));
        refused("parameterSpread", () -> new Settings(1, 1, 6, 100, 2048, 10, 20, 1, 1));
        refused("parameterSpread", () -> new Settings(1, 1, 6, 100, 2048, 10, 20, -0.1, 1));
        refused("parameterSpread", () -> new Settings(1, 1, 6, 100, 2048, 10, 20, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> ElbowExperiment.simulate(null));
    }

    private static void refused(String parameter, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }

    private static double flexorMean(Trial t) {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            s += mean(t.excitations()[i]);
        }
        return s / 4;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
