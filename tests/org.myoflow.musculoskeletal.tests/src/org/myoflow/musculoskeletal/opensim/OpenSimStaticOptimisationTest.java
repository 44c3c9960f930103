package org.myoflow.musculoskeletal.opensim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.musculoskeletal.ThelenMuscle;

/**
 * Static optimisation over an OpenSim model: the closed-form solution of one coordinate with two identical muscles
 * and a reserve, the reserve taking over beyond the muscles' capacity, OpenSim's walking example against its
 * measured EMG envelopes (data/opensim/README.md), and the errors for missing columns.
 */
public class OpenSimStaticOptimisationTest {

    static final Path DATA = Path.of("data", "opensim");

    /** A pin joint (coordinate q) crossed by two identical muscles of moment arm 0.05 m, F0 = 1000 N. */
    static OpenSimModel oneJoint(Path dir) throws IOException {
        StringBuilder muscles = new StringBuilder();
        StringBuilder paths = new StringBuilder();
        for (String m : List.of("m1", "m2")) {
            muscles.append("""
                    <Thelen2003Muscle name="%s"><GeometryPath name="path"><PathPointSet><objects>
                      <PathPoint name="p1"><socket_parent_frame>/ground</socket_parent_frame><location>0.05 0.3 0</location></PathPoint>
                      <PathPoint name="p2"><socket_parent_frame>/bodyset/link</socket_parent_frame><location>0.05 -0.1 0</location></PathPoint>
                    </objects></PathPointSet></GeometryPath>
                    <max_isometric_force>1000</max_isometric_force><optimal_fiber_length>0.1</optimal_fiber_length>
                    <tendon_slack_length>0.2</tendon_slack_length><pennation_angle_at_optimal>0.2</pennation_angle_at_optimal>
                    </Thelen2003Muscle>
                    """.formatted(m));
            // L = 0.31 - 0.05 q: moment arm 0.05 m
            paths.append("""
                    <FunctionBasedPath name="/forceset/%s">
                      <coordinate_paths>/jointset/pin/q</coordinate_paths>
                      <length_function><MultivariatePolynomialFunction>
                        <coefficients>0.31 -0.05</coefficients><dimension>1</dimension><order>1</order>
                      </MultivariatePolynomialFunction></length_function>
                    </FunctionBasedPath>
                    """.formatted(m));
        }
        Path osim = dir.resolve("onejoint.osim");
        Files.writeString(osim, """
                <?xml version="1.0" encoding="UTF-8" ?>
                <OpenSimDocument Version="40000"><Model name="onejoint">
                <BodySet><objects><Body name="link"><mass>1</mass><mass_center>0 0 0</mass_center>
                  <inertia>1 1 1 0 0 0</inertia></Body></objects></BodySet>
                <JointSet><objects><PinJoint name="pin">
                  <socket_parent_frame>ground_offset</socket_parent_frame><socket_child_frame>link_offset</socket_child_frame>
                  <coordinates><Coordinate name="q"><default_value>0</default_value><range>-2 2</range></Coordinate></coordinates>
                  <frames>
                    <PhysicalOffsetFrame name="ground_offset"><socket_parent>/ground</socket_parent>
                      <translation>0 0 0</translation><orientation>0 0 0</orientation></PhysicalOffsetFrame>
                    <PhysicalOffsetFrame name="link_offset"><socket_parent>/bodyset/link</socket_parent>
                      <translation>0 0 0</translation><orientation>0 0 0</orientation></PhysicalOffsetFrame>
                  </frames></PinJoint></objects></JointSet>
                <ForceSet><objects>
                """ + muscles + """
                </objects></ForceSet></Model></OpenSimDocument>
                """);
        Path fbp = dir.resolve("paths.xml");
        Files.writeString(fbp, """
                <?xml version="1.0" encoding="UTF-8" ?>
                <OpenSimDocument Version="40600"><Set_FunctionBasedPath_><objects>
                """ + paths + """
                </objects></Set_FunctionBasedPath_></OpenSimDocument>
                """);
        return OpenSimModel.read(osim, fbp);
    }

    static Path table(Path dir, String name, String label, double[] time, double[] values) throws IOException {
        StringBuilder sb = new StringBuilder(name + "\nversion=1\ninDegrees=no\nendheader\ntime\t" + label + "\n");
        for (int i = 0; i < time.length; i++) {
            sb.append(time[i]).append('\t').append(values[i]).append('\n');
        }
        Path p = dir.resolve(name + ".sto");
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void twoIdenticalMusclesShareTheMomentAndTheReserveTakesTheRest(@TempDir Path dir) throws IOException {
        OpenSimModel m = oneJoint(dir);
        double[] time = {0, 0.1, 0.2, 0.3};
        double[] q = {-0.5, -0.5, -0.5, -0.5}; // at rest: no velocity; fibres stretched (passive force)
        double[] tau = {20, 60, 99, 150}; // capacity without force-length: 2·0.05·1000 = 100 N·m
        CoordinateTable c = CoordinateTable.read(table(dir, "q", "q", time, q), m, false);
        OpenSimStaticOptimisation.Moments id = OpenSimStaticOptimisation.Moments.read(
                table(dir, "id", "q_moment", time, tau), m);
        double rf = 0.05 * 1000;
        for (double reserve : new double[] {1, 10}) {
            var o = OpenSimStaticOptimisation.Options.defaults().withForceLengthVelocity(false)
                    .withReserveOptimalForce(reserve);
            var r = OpenSimStaticOptimisation.solve(m, c, id, o);
            double r2 = reserve * reserve;
            for (int t = 0; t < time.length; t++) {
                // minimise 2a² + x² subject to 2·r·F0·a + R·x = τ: a = τ·r·F0/(2(r·F0)² + R²), R·x = τ·R²/(...)
                double a = tau[t] * rf / (2 * rf * rf + r2);
                double res = tau[t] * r2 / (2 * rf * rf + r2);
                if (a > 1) { // saturated: the reserve takes the rest
                    a = 1;
                    res = tau[t] - 2 * rf;
                }
                assertEquals(a, r.activations()[t][0], 1e-6, "a1 at " + tau[t] + " N·m, R = " + reserve);
                assertEquals(a, r.activations()[t][1], 1e-6, "a2");
                assertEquals(res, r.reserves()[t][0], 1e-4, "reserve");
                assertEquals(0, r.residuals()[t][0], 1e-6, "residual");
                assertEquals(a * 1000, r.forces()[t][0], 1e-3, "force");
            }
        }
        // with force-length(-velocity): active force at full activation c and passive force p from Thelen's curves
        var r = OpenSimStaticOptimisation.solve(m, c, id,
                OpenSimStaticOptimisation.Options.defaults().withPassiveForce(true));
        ThelenMuscle th = ThelenMuscle.of(1000, 0.1, 0.2, 0.2);
        double len = 0.31 + 0.05 * 0.5;
        double p = th.rigidTendonForce(0, len, 0);
        double cc = th.rigidTendonForce(1, len, 0) - p;
        assertTrue(cc < 1000 && cc > 500, "c = " + cc);
        double a = (tau[0] - 2 * 0.05 * p) * 0.05 * cc / (2 * 0.05 * 0.05 * cc * cc + 1);
        assertEquals(a, r.activations()[0][0], 1e-6);
        assertEquals(a * cc + p, r.forces()[0][0], 1e-3);
        assertTrue(r.constrained()[0]);
        // OpenSim's default leaves the passive force out
        var rd = OpenSimStaticOptimisation.solve(m, c, id, OpenSimStaticOptimisation.Options.defaults());
        double ad = tau[0] * 0.05 * cc / (2 * 0.05 * 0.05 * cc * cc + 1);
        assertEquals(ad, rd.activations()[0][0], 1e-6);
        assertEquals(ad * cc, rd.forces()[0][0], 1e-3);
        assertTrue(p > 1, "passive force " + p);
        // cancelled before the first row: nothing solved
        assertEquals(0, OpenSimStaticOptimisation.solve(m, c, id, OpenSimStaticOptimisation.Options.defaults(),
                () -> true).time().length);
    }

    @Test
    void activeSetSolverAgreesWithOjAlgo() {
        java.util.Random rnd = new java.util.Random(17);
        for (int trial = 0; trial < 20; trial++) {
            int nm = 12;
            int nc = 3;
            double[][] arms = new double[nm][nc];
            double[] c = new double[nm];
            for (int i = 0; i < nm; i++) {
                c[i] = 200 + 2000 * rnd.nextDouble();
                for (int j = 0; j < nc; j++) {
                    arms[i][j] = rnd.nextDouble() < 0.4 ? 0 : 0.08 * (rnd.nextDouble() - 0.5);
                }
            }
            double[] target = new double[nc];
            for (int j = 0; j < nc; j++) {
                target[j] = 150 * (rnd.nextDouble() - 0.5);
            }
            double rOpt = trial % 2 == 0 ? 1 : 20;
            var o = OpenSimStaticOptimisation.Options.defaults().withActivationBounds(0.01, 1)
                    .withReserveOptimalForce(rOpt);
            boolean[] spanned = {true, true, true};
            double[] x = OpenSimStaticOptimisation.qp(arms, c, target, spanned, rOpt, o);
            // the same problem for ojAlgo's convex solver: min Σa² + Σx², A·a + R·x = b
            var model = new org.ojalgo.optimisation.ExpressionsBasedModel();
            var v = new org.ojalgo.optimisation.Variable[nm + nc];
            for (int i = 0; i < nm + nc; i++) {
                v[i] = model.addVariable("v" + i);
                if (i < nm) {
                    v[i].lower(0.01).upper(1);
                }
            }
            var obj = model.addExpression("obj").weight(1);
            for (var var : v) {
                obj.set(var, var, 1.0);
            }
            for (int j = 0; j < nc; j++) {
                var e = model.addExpression("c" + j).level(target[j]);
                for (int i = 0; i < nm; i++) {
                    e.set(v[i], arms[i][j] * c[i]);
                }
                e.set(v[nm + j], rOpt);
            }
            var res = model.minimise();
            double fa = 0;
            double fo = 0;
            for (int i = 0; i < nm + nc; i++) {
                fa += x[i] * x[i];
                fo += res.doubleValue(i) * res.doubleValue(i);
                assertEquals(res.doubleValue(i), x[i], 2e-4 * (i < nm ? 1 : 1 + Math.abs(x[i])),
                        "trial " + trial + " variable " + i);
            }
            assertTrue(fa <= fo * (1 + 1e-9) + 1e-12, "active set " + fa + " vs ojAlgo " + fo);
            for (int i = 0; i < nm; i++) {
                assertTrue(x[i] >= 0.01 && x[i] <= 1);
            }
        }
    }

    @Test
    void missingColumnsAndTimesAreNamed(@TempDir Path dir) throws IOException {
        OpenSimModel m = oneJoint(dir);
        double[] time = {0, 0.1};
        double[] q = {0.3, 0.3};
        CoordinateTable c1 = CoordinateTable.read(table(dir, "q1", "q", time, q), m, false);
        var bad = OpenSimStaticOptimisation.Moments.read(table(dir, "id", "other_moment", time, q), m);
        DataException e = assertThrows(DataException.class,
                () -> OpenSimStaticOptimisation.solve(m, c1, bad, OpenSimStaticOptimisation.Options.defaults()));
        assertTrue(e.getMessage().contains("q_moment") && e.getMessage().contains("id.sto"), e.getMessage());
        DataException e2 = assertThrows(DataException.class,
                () -> CoordinateTable.read(table(dir, "q", "knee", time, q), m, false));
        assertTrue(e2.getMessage().contains(" q "), e2.getMessage());
        CoordinateTable c = CoordinateTable.read(table(dir, "q2", "q", new double[] {0, 0.5}, q), m, false);
        var id = OpenSimStaticOptimisation.Moments.read(table(dir, "id", "q_moment", time, q), m);
        DataException e3 = assertThrows(DataException.class,
                () -> OpenSimStaticOptimisation.solve(m, c, id, OpenSimStaticOptimisation.Options.defaults()));
        assertTrue(e3.getMessage().contains("0.500000") && e3.getMessage().contains("inverse-dynamics"),
                e3.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> OpenSimStaticOptimisation.Options.defaults().withReserveOptimalForce(0));
    }

    /** EMG envelope name → the model's muscles whose mean activation it is compared with. */
    static final Map<String, List<String>> EMG = new LinkedHashMap<>();
    static {
        EMG.put("soleus", List.of("soleus_r"));
        EMG.put("gastrocnemius", List.of("gasmed_r", "gaslat_r"));
        EMG.put("tibialis_anterior", List.of("tibant_r"));
        EMG.put("medial_hamstrings", List.of("semiten_r", "semimem_r"));
        EMG.put("biceps_femoris", List.of("bflh_r"));
        EMG.put("vastus_lateralis", List.of("vaslat_r"));
        EMG.put("vastus_medius", List.of("vasmed_r"));
        EMG.put("rectus_femoris", List.of("recfem_r"));
        EMG.put("gluteus_maximus", List.of("glmax1_r", "glmax2_r", "glmax3_r"));
        EMG.put("gluteus_medius", List.of("glmed1_r", "glmed2_r", "glmed3_r"));
    }

    static double pearson(double[] x, double[] y) {
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static double[] interpolate(double[] t0, double[] v0, double[] t) {
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            assertTrue(t[i] >= t0[0] - 1e-9 && t[i] <= t0[t0.length - 1] + 1e-9, "no envelope at " + t[i]);
            int k = 1;
            while (k < t0.length - 1 && t0[k] < t[i]) {
                k++;
            }
            double w = (t[i] - t0[k - 1]) / (t0[k] - t0[k - 1]);
            out[i] = (1 - w) * v0[k - 1] + w * v0[k];
        }
        return out;
    }

    /** Pearson r per EMG envelope between the envelope and the mean SO activation of its muscles; "mean" last. */
    static Map<String, Double> correlations(OpenSimStaticOptimisation.Result r, StringBuilder report)
            throws IOException {
        return correlations(r, report, 0);
    }

    /** As above with the envelope taken {@code lag} s earlier (electromechanical delay); report may be null. */
    static Map<String, Double> correlations(OpenSimStaticOptimisation.Result r, StringBuilder report, double lag)
            throws IOException {
        if (report == null) {
            report = new StringBuilder();
        }
        double[] shifted = r.time().clone();
        for (int t = 0; t < shifted.length; t++) {
            shifted[t] -= lag;
        }
        List<String> lines = Files.readAllLines(OpenSimModelTest.WALK.resolve("walk_emg_100Hz.sto"));
        int k = lines.indexOf("endheader");
        List<String> labels = List.of(lines.get(k + 1).trim().split("\\s+"));
        List<double[]> rows = new ArrayList<>();
        for (String l : lines.subList(k + 2, lines.size())) {
            if (!l.isBlank()) {
                rows.add(java.util.Arrays.stream(l.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        double[] et = rows.stream().mapToDouble(x -> x[0]).toArray();
        double sum = 0;
        Map<String, Double> corr = new LinkedHashMap<>();
        for (var e : EMG.entrySet()) {
            int col = labels.indexOf(e.getKey());
            assertTrue(col > 0, e.getKey());
            double[] env = interpolate(et, rows.stream().mapToDouble(x -> x[col]).toArray(), shifted);
            double[] act = new double[r.time().length];
            for (String mu : e.getValue()) {
                double[] a = r.activation(mu);
                for (int t = 0; t < act.length; t++) {
                    act[t] += a[t] / e.getValue().size();
                }
            }
            double rr = pearson(act, env);
            corr.put(e.getKey(), rr);
            double mean = 0;
            double max = 0;
            for (double v : act) {
                mean += v / act.length;
                max = Math.max(max, v);
            }
            report.append(String.format(Locale.ROOT, "%-18s r = %7.4f  mean a %.3f max a %.3f%n", e.getKey(), rr,
                    mean, max));
            // diagnostics: times of the maxima, and r with the envelope leading by 0..150 ms (electromechanical delay)
            int ia = 0;
            int ie = 0;
            for (int t = 0; t < act.length; t++) {
                ia = act[t] > act[ia] ? t : ia;
                ie = env[t] > env[ie] ? t : ie;
            }
            double bestLag = 0;
            double bestR = rr;
            for (int d = 1; d <= 15; d++) {
                double[] tl = new double[r.time().length];
                for (int t = 0; t < tl.length; t++) {
                    tl[t] = r.time()[t] - d * 0.01;
                }
                double rl = pearson(act, interpolate(et, rows.stream().mapToDouble(x -> x[col]).toArray(), tl));
                if (rl > bestR) {
                    bestR = rl;
                    bestLag = d * 0.01;
                }
            }
            report.append(String.format(Locale.ROOT, "  %-16s max SO at %.2f s, max EMG at %.2f s (SO a %.3f there);"
                    + " best r %.3f with EMG %.0f ms earlier%n", "", r.time()[ia], r.time()[ie], act[ie], bestR,
                    bestLag * 1000));
            sum += rr;
        }
        corr.put("mean", sum / EMG.size());
        report.append(String.format(Locale.ROOT, "so_real_corr = %.4f%n", sum / EMG.size()));
        return corr;
    }

    /**
     * OpenSim's walking example (80 muscles, function-based paths; one gait cycle, 0.45-1.79 s at 100 Hz) against
     * its 10 measured EMG envelopes. The figures are what this implementation gives (docs/opensim.md discusses
     * them); the test pins them so that a change is seen.
     */
    @Test
    void walkingExampleAgainstMeasuredEmg() throws IOException {
        OpenSimModel m = OpenSimModel.read(OpenSimModelTest.WALK.resolve("subject_walk_scaled.osim"),
                OpenSimModelTest.WALK.resolve("subject_walk_scaled_FunctionBasedPathSet.xml"));
        CoordinateTable c = CoordinateTable.read(OpenSimModelTest.WALK.resolve("walk_coordinates_100Hz.sto"), m, true);
        assertEquals(List.of("mtp_angle_r", "mtp_angle_l"), c.missing());
        var id = OpenSimStaticOptimisation.Moments.read(OpenSimModelTest.WALK.resolve("walk_id_100Hz.sto"), m);
        long t0 = System.nanoTime();
        var r = OpenSimStaticOptimisation.solve(m, c, id, OpenSimStaticOptimisation.Options.defaults());
        double seconds = (System.nanoTime() - t0) * 1e-9;
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%d rows, %d muscles in %.2f s%n",
                r.time().length, r.muscles().size(), seconds));
        Map<String, Double> corr = correlations(r, report);
        double maxRes = 0;
        for (double[] row : r.residuals()) {
            for (double v : row) {
                maxRes = Math.max(maxRes, Math.abs(v));
            }
        }
        for (String q : r.coordinates()) {
            report.append(String.format(Locale.ROOT, "reserve rms %-22s %8.3f%s%n", q, r.reserveRms(q),
                    r.constrained()[r.coordinates().indexOf(q)] ? "" : " (no muscle)"));
        }
        report.append("max residual " + maxRes + "\n");
        report.append("without force-length-velocity:\n");
        var plain = OpenSimStaticOptimisation.solve(m, c, id,
                OpenSimStaticOptimisation.Options.defaults().withForceLengthVelocity(false));
        Map<String, Double> corrPlain = correlations(plain, report);
        report.append("with passive force:\n");
        var passive = OpenSimStaticOptimisation.solve(m, c, id,
                OpenSimStaticOptimisation.Options.defaults().withPassiveForce(true));
        Map<String, Double> corrPassive = correlations(passive, report);
        // rigid-tendon normalised fibre lengths over the cycle (why force-length scaling changes the figure)
        for (String mu : List.of("soleus_r", "gasmed_r", "tibant_r", "recfem_r", "glmax1_r", "glmed1_r")) {
            var p = m.muscles().get(m.muscleIndex(mu));
            ThelenMuscle th = ThelenMuscle.of(p.maxIsometricForce(), p.optimalFiberLength(), p.tendonSlackLength(),
                    p.pennationAngleAtOptimal());
            double lo = Double.MAX_VALUE;
            double hi = 0;
            double fl = 1;
            for (int row = 0; row < c.rows(); row++) {
                double len = m.length(m.muscleIndex(mu), c.values(row));
                double l = th.rigidFibreLength(len) / p.optimalFiberLength();
                lo = Math.min(lo, l);
                hi = Math.max(hi, l);
                fl = Math.min(fl, th.activeForceLength(l));
            }
            report.append(String.format(Locale.ROOT, "%-9s rigid-tendon l/lopt %.3f..%.3f, min fL %.3f%n", mu, lo, hi,
                    fl));
        }
        double bestLag = 0;
        double bestMean = corr.get("mean");
        for (int lag = 1; lag <= 25; lag++) {
            double v = correlations(r, null, lag * 0.01).get("mean");
            report.append(String.format(Locale.ROOT, "lag %3d ms: mean r %.4f%n", lag * 10, v));
            if (v > bestMean) {
                bestMean = v;
                bestLag = lag * 0.01;
            }
        }
        report.append(String.format(Locale.ROOT, "with the envelope %.0f ms earlier:%n", bestLag * 1000));
        Map<String, Double> corrLag = correlations(r, report, bestLag);
        System.out.println(report);
        Files.writeString(Path.of("target", "so-walking-report.txt"), report);
        assertEquals(135, r.time().length);
        assertEquals(80, r.muscles().size());
        assertTrue(maxRes < 1e-8, "residual " + maxRes);
        // reserves of the muscle-driven coordinates stay below 0.01 N·m rms (they cost (τ/1 N·m)²)
        for (String q : List.of("hip_flexion_r", "hip_adduction_r", "knee_angle_r", "ankle_angle_r")) {
            assertTrue(r.reserveRms(q) < 0.01, q + " reserve " + r.reserveRms(q));
            assertTrue(r.constrained()[r.coordinates().indexOf(q)], q);
        }
        assertFalse(r.constrained()[r.coordinates().indexOf("pelvis_tilt")]);
        double[] expected = {0.646, 0.690, 0.893, 0.926, 0.490, 0.735, 0.540, 0.266, 0.065, 0.196};
        int i = 0;
        for (String e : EMG.keySet()) {
            assertEquals(expected[i++], corr.get(e), 0.005, e);
        }
        assertEquals(0.5445, corr.get("mean"), 0.002, "so_real_corr");
        assertEquals(0.5118, corrPassive.get("mean"), 0.002, "so_real_corr with passive force");
        assertEquals(EXPECTED_PLAIN, corrPlain.get("mean"), 0.002, "so_real_corr without force-length-velocity");
        // with the envelope 60 ms earlier (the common delay that maximises the mean r over 0-250 ms)
        assertEquals(0.06, bestLag, 1e-12);
        assertEquals(0.6751, corrLag.get("mean"), 0.002, "so_real_corr with a 60 ms delay");
        assertEquals(0.924, corrLag.get("soleus"), 0.005);
        assertEquals(0.520, corrLag.get("gluteus_maximus"), 0.005);
    }

    static final double EXPECTED_PLAIN = 0.5851;
}
