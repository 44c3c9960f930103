package org.myoflow.musculoskeletal.opensim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.musculoskeletal.internal.OpenSimCommand;
import org.myoflow.musculoskeletal.internal.OpenSimStaticOptimisationStep;

/**
 * OpenSim MuscleAnalysis outputs as the source of lengths and moment arms: a round trip through files written by
 * {@code opensim lengths --muscle-analysis-prefix} on OpenSim's walking example (static optimisation from the files
 * equals static optimisation from the model's paths), the lengthening speeds by differentiation, and the errors
 * (missing moment-arm file, disagreeing times and muscles).
 */
public class MuscleAnalysisTest {

    static final Path DATA = OpenSimStaticOptimisationTest.DATA;
    static final Path MODEL = OpenSimModelTest.WALK.resolve("subject_walk_scaled.osim");
    static final Path PATHS = OpenSimModelTest.WALK.resolve("subject_walk_scaled_FunctionBasedPathSet.xml");
    static final Path COORDS = OpenSimModelTest.WALK.resolve("walk_coordinates_100Hz.sto");
    static final Path ID = OpenSimModelTest.WALK.resolve("walk_id_100Hz.sto");

    record Run(int rc, String out, String err) {
    }

    static Run command(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = new OpenSimCommand().run(List.of(args), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), new AtomicBoolean());
        return new Run(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Largest |x - y| / max(|x|, 1e-3) over two [row][column] tables of the same shape. */
    static double maxRelative(double[][] x, double[][] y) {
        assertEquals(x.length, y.length);
        double worst = 0;
        for (int r = 0; r < x.length; r++) {
            assertEquals(x[r].length, y[r].length);
            for (int c = 0; c < x[r].length; c++) {
                worst = Math.max(worst, Math.abs(x[r][c] - y[r][c]) / Math.max(Math.abs(x[r][c]), 1e-3));
            }
        }
        return worst;
    }

    @Test
    void walkingExampleFromMuscleAnalysisFilesEqualsTheModelsPaths(@TempDir Path dir) throws Exception {
        Path prefix = dir.resolve("subject_MuscleAnalysis");
        Run w = command("lengths", MODEL.toString(), COORDS.toString(), "--paths", PATHS.toString(),
                "--allow-missing", "--muscle-analysis-prefix", prefix.toString());
        assertEquals(0, w.rc(), w.err());
        Path lengthFile = dir.resolve("subject_MuscleAnalysis_Length.sto");
        assertTrue(Files.isRegularFile(lengthFile), w.out());
        assertTrue(Files.isRegularFile(dir.resolve("subject_MuscleAnalysis_MomentArm_knee_angle_r.sto")), w.out());
        // OpenSim's MuscleAnalysis naming: plain muscle names as columns
        List<String> lines = Files.readAllLines(lengthFile);
        String labels = lines.get(lines.indexOf("endheader") + 1);
        assertTrue(labels.startsWith("time\t") && labels.contains("\tsoleus_r\t") && !labels.contains("/forceset"),
                labels);

        OpenSimModel m = OpenSimModel.read(MODEL, PATHS);
        CoordinateTable c = CoordinateTable.read(COORDS, m, true);
        var id = OpenSimStaticOptimisation.Moments.read(ID, m);
        MuscleAnalysis ma = MuscleAnalysis.read(prefix);
        assertEquals(80, ma.muscles().size());
        assertEquals(c.rows(), ma.rows());
        assertTrue(ma.coordinates().containsAll(List.of("hip_flexion_r", "knee_angle_r", "ankle_angle_l",
                "pelvis_tx")), ma.coordinates().toString());
        // the lengths file itself names the prefix too
        assertEquals(ma.rows(), MuscleAnalysis.read(lengthFile).rows());

        var options = OpenSimStaticOptimisation.Options.defaults();
        var fromPaths = OpenSimStaticOptimisation.solve(m, c, id, options);
        // the model without its function-based paths: the files must supply them
        OpenSimModel bare = OpenSimModel.read(MODEL);
        var fromFiles = OpenSimStaticOptimisation.solve(bare, ma, c, id, options, null, null, () -> false);
        assertEquals(fromPaths.muscles(), fromFiles.muscles());
        assertEquals(fromPaths.coordinates(), fromFiles.coordinates());
        double dAct = maxRelative(fromPaths.activations(), fromFiles.activations());
        double dRes = maxRelative(fromPaths.reserves(), fromFiles.reserves());
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "from the files with the coordinates' speeds: max relative activation difference %.3g, reserve %.3g%n",
                dAct, dRes));
        Map<String, Double> corr = OpenSimStaticOptimisationTest.correlations(fromFiles, report);
        // lengthening speeds by central differences of the lengths (no coordinates file)
        var differentiated = OpenSimStaticOptimisation.solve(bare, ma, null, id, options, null, null, () -> false);
        double dDiff = 0;
        for (int r = 0; r < fromPaths.time().length; r++) {
            for (int i = 0; i < 80; i++) {
                dDiff = Math.max(dDiff, Math.abs(fromPaths.activations()[r][i] - differentiated.activations()[r][i]));
            }
        }
        report.append(String.format(Locale.ROOT, "from the files with differentiated lengths: max |activation "
                + "difference| %.3g%n", dDiff));
        Map<String, Double> corrDiff = OpenSimStaticOptimisationTest.correlations(differentiated, report);
        System.out.println(report);
        Files.writeString(Path.of("target", "so-muscle-analysis-report.txt"), report);
        assertTrue(dAct <= 1e-9, "activations differ by " + dAct + " (relative)");
        assertTrue(dRes <= 1e-9, "reserves differ by " + dRes + " (relative)");
        assertEquals(0.5445, corr.get("mean"), 0.002, "so_real_corr from the MuscleAnalysis files");
        // central differences of the lengths instead of -Σ r·q̇: activations within 0.0017 (measured), r 0.5444
        assertEquals(0.5444, corrDiff.get("mean"), 0.002, "so_real_corr with differentiated lengths");
        assertTrue(dDiff > 0 && dDiff < 0.005, "differentiated lengths change the activations by " + dDiff);

        // the command and the step give the same
        Run so = command("so", MODEL.toString(), COORDS.toString(), "--muscle-analysis", prefix.toString(),
                "--moments", ID.toString(), "--allow-missing", "--stride", "5", "--out",
                dir.resolve("so.sto").toString());
        assertEquals(0, so.rc(), so.err());
        assertTrue(so.out().contains("27 rows, 80 muscles"), so.out());
        Map<String, Data> out = StepHarness.of(new OpenSimStaticOptimisationStep()).param("model", MODEL.toString())
                .param("coordinates", COORDS.toString()).param("moments", ID.toString())
                .param("muscleAnalysis", lengthFile.toString()).param("allowMissing", true).param("stride", 5).run();
        Signal a = (Signal) out.get("activation");
        assertEquals(27, a.sampleCount());
        double[] soleus = fromPaths.activation("soleus_r");
        for (int t = 0; t < a.sampleCount(); t++) {
            assertEquals(soleus[5 * t], a.channel("soleus_r")[t], 1e-9 * Math.max(soleus[5 * t], 1e-3));
        }
        // configure: neither coordinates nor muscleAnalysis is a parameter problem; a subset of muscles in the files
        var none = StepHarness.of(new OpenSimStaticOptimisationStep()).param("model", MODEL.toString())
                .param("moments", ID.toString()).configure();
        assertTrue(none.problems().size() == 1 && none.problems().get(0).subject().contains("coordinates"),
                none.problems().toString());
        Path sub = dir.resolve("sub").resolve("legs");
        Run ws = command("lengths", MODEL.toString(), COORDS.toString(), "--paths", PATHS.toString(),
                "--allow-missing", "--muscles", "soleus_r,tibant_r", "--coordinates", "ankle_angle_r,knee_angle_r",
                "--muscle-analysis-prefix", sub.toString());
        assertEquals(0, ws.rc(), ws.err());
        MuscleAnalysis few = MuscleAnalysis.read(sub);
        assertEquals(List.of("soleus_r", "tibant_r"), few.muscles());
        assertEquals(List.of("ankle_angle_r", "knee_angle_r"), few.coordinates());
        var cf = StepHarness.of(new OpenSimStaticOptimisationStep()).param("model", MODEL.toString())
                .param("moments", ID.toString()).param("muscleAnalysis", MuscleAnalysis.lengthFile(sub).toString())
                .configure();
        assertEquals(List.of(), cf.problems());
        assertEquals(List.of("soleus_r", "tibant_r"), cf.spec("test", "activation").orElseThrow().channelLabels());
        // the step without a coordinates file differentiates the lengths
        Map<String, Data> out2 = StepHarness.of(new OpenSimStaticOptimisationStep()).param("model", MODEL.toString())
                .param("moments", ID.toString()).param("muscleAnalysis", lengthFile.toString()).param("stride", 5)
                .run();
        assertEquals(differentiated.activation("soleus_r")[5],
                ((Signal) out2.get("activation")).channel("soleus_r")[1], 1e-12);
    }

    /** Writes a storage file with a time column and the given columns. */
    static Path sto(Path file, String name, List<String> labels, double[] time, double[][] rows) throws IOException {
        StringBuilder sb = new StringBuilder(name + "\nversion=1\ninDegrees=yes\nendheader\ntime");
        for (String l : labels) {
            sb.append('\t').append(l);
        }
        sb.append('\n');
        for (int r = 0; r < time.length; r++) {
            sb.append(time[r]);
            for (double v : rows[r]) {
                sb.append('\t').append(v);
            }
            sb.append('\n');
        }
        Files.writeString(file, sb);
        return file;
    }

    @Test
    void differentiatedLengthsOfALinearPathAreExactAndErrorsAreNamed(@TempDir Path dir) throws IOException {
        OpenSimModel m = OpenSimStaticOptimisationTest.oneJoint(dir);
        double[] time = {0, 0.01, 0.02, 0.03, 0.04};
        double[] q = new double[time.length];
        double[] tau = new double[time.length];
        double[][] len = new double[time.length][];
        double[][] arm = new double[time.length][];
        for (int r = 0; r < time.length; r++) {
            q[r] = -0.5 + 2 * time[r]; // L = 0.31 - 0.05 q: linear in time, so the central differences are exact
            tau[r] = 20 + 400 * time[r];
            double l = 0.31 - 0.05 * q[r];
            len[r] = new double[] {l, l};
            arm[r] = new double[] {0.05, 0.05};
        }
        Path prefix = dir.resolve("one_MuscleAnalysis");
        sto(dir.resolve("one_MuscleAnalysis_Length.sto"), "Length", List.of("m1", "m2"), time, len);
        CoordinateTable c = CoordinateTable.read(OpenSimStaticOptimisationTest.table(dir, "q", "q", time, q), m, false);
        var id = OpenSimStaticOptimisation.Moments.read(OpenSimStaticOptimisationTest.table(dir, "id", "q_moment",
                time, tau), m);
        var o = OpenSimStaticOptimisation.Options.defaults();
        // no moment-arm file for the balanced coordinate: named
        MuscleAnalysis noArms = MuscleAnalysis.read(prefix);
        DataException e = assertThrows(DataException.class,
                () -> OpenSimStaticOptimisation.solve(m, noArms, c, id, o, null, null, () -> false));
        assertTrue(e.getMessage().contains("one_MuscleAnalysis_MomentArm_q.sto"), e.getMessage());
        Run cmd = command("so", dir.resolve("onejoint.osim").toString(), "--paths", dir.resolve("paths.xml").toString(),
                "--muscle-analysis", prefix.toString(), "--moments", dir.resolve("id.sto").toString(), "--out",
                dir.resolve("so.sto").toString());
        assertEquals(3, cmd.rc(), cmd.err());
        assertTrue(cmd.err().contains("one_MuscleAnalysis_MomentArm_q.sto"), cmd.err());

        Path armFile = sto(dir.resolve("one_MuscleAnalysis_MomentArm_q.sto"), "MomentArm_q", List.of("m2", "m1"),
                time, arm);
        MuscleAnalysis ma = MuscleAnalysis.read(prefix);
        assertEquals(List.of("q"), ma.coordinates());
        assertEquals(-0.1, ma.lengtheningSpeed(0, 0), 1e-12);
        assertEquals(-0.1, ma.lengtheningSpeed(2, 1), 1e-12);
        var fromPaths = OpenSimStaticOptimisation.solve(m, c, id, o);
        var withSpeeds = OpenSimStaticOptimisation.solve(m, ma, c, id, o, null, null, () -> false);
        var differentiated = OpenSimStaticOptimisation.solve(m, ma, null, id, o, null, null, () -> false);
        assertTrue(maxRelative(fromPaths.activations(), withSpeeds.activations()) < 1e-9);
        assertTrue(maxRelative(fromPaths.activations(), differentiated.activations()) < 1e-9);
        assertTrue(fromPaths.activations()[2][0] > 0.01, "a = " + fromPaths.activations()[2][0]);

        // a time that disagrees at row 3 is named with its file and row
        double[] shifted = time.clone();
        shifted[2] = 0.025;
        sto(armFile, "MomentArm_q", List.of("m1", "m2"), shifted, arm);
        DataException t = assertThrows(DataException.class, () -> MuscleAnalysis.read(prefix));
        assertTrue(t.getMessage().contains("one_MuscleAnalysis_MomentArm_q.sto") && t.getMessage().contains("row 3")
                && t.getMessage().contains("0.025"), t.getMessage());
        Run bad = command("so", dir.resolve("onejoint.osim").toString(), "--paths", dir.resolve("paths.xml").toString(),
                "--muscle-analysis", prefix.toString(), "--moments", dir.resolve("id.sto").toString(), "--out",
                dir.resolve("so.sto").toString());
        assertEquals(3, bad.rc(), bad.err());
        assertTrue(bad.err().contains("row 3"), bad.err());
        // another number of rows
        sto(armFile, "MomentArm_q", List.of("m1", "m2"), java.util.Arrays.copyOf(time, 4), arm);
        DataException n = assertThrows(DataException.class, () -> MuscleAnalysis.read(prefix));
        assertTrue(n.getMessage().contains("4 rows") && n.getMessage().contains("5"), n.getMessage());
        // muscles that disagree
        sto(armFile, "MomentArm_q", List.of("m1", "m3"), time, arm);
        DataException mu = assertThrows(DataException.class, () -> MuscleAnalysis.read(prefix));
        assertTrue(mu.getMessage().contains("m2") && mu.getMessage().contains("MomentArm_q"), mu.getMessage());
        // no lengths file
        DataException none = assertThrows(DataException.class, () -> MuscleAnalysis.read(dir.resolve("other")));
        assertTrue(none.getMessage().contains("other_Length.sto"), none.getMessage());
        // a coordinates file without the analysis's times
        sto(armFile, "MomentArm_q", List.of("m1", "m2"), time, arm);
        CoordinateTable late = CoordinateTable.read(OpenSimStaticOptimisationTest.table(dir, "q2", "q",
                new double[] {0, 0.01, 0.02, 0.035, 0.04}, q), m, false);
        DataException lt = assertThrows(DataException.class, () -> OpenSimStaticOptimisation.solve(m,
                MuscleAnalysis.read(prefix), late, id, o, null, null, () -> false));
        assertTrue(lt.getMessage().contains("row 4") && lt.getMessage().contains("coordinates"), lt.getMessage());
        // usage: --muscle-analysis needs --moments (exit 2)
        Run usage = command("so", dir.resolve("onejoint.osim").toString(), "--muscle-analysis", prefix.toString(),
                "--out", dir.resolve("so.sto").toString());
        assertEquals(2, usage.rc(), usage.err());
        assertTrue(usage.err().contains("--moments"), usage.err());
    }
}
