package org.myoflow.musculoskeletal.opensim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The larger models of the real-data corpus (system property {@code myoflow.realCorpus}, default
 * {@code /work/shared/data/real}; skipped where it is not installed): gait2392 (CEINMS-RT) and OpenSim's 4.5
 * walking example with its function-based paths load and give plausible lengths.
 */
@EnabledIf("installed")
public class OpenSimCorpusTest {

    static Path root() {
        return Path.of(System.getProperty("myoflow.realCorpus", "/work/shared/data/real"));
    }

    static boolean installed() {
        return Files.isRegularFile(root().resolve("ceinms-rt-lowerlimb/model/gait2392.osim"))
                && Files.isRegularFile(root().resolve("opensim-core/example3DWalking/subject_walk_scaled.osim"));
    }

    static Path corpus(String rel) {
        return root().resolve(rel);
    }

    static int[] all(OpenSimModel m) {
        int[] a = new int[m.muscles().size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
    }

    @Test
    void gait2392() {
        OpenSimModel m = OpenSimModel.read(corpus("ceinms-rt-lowerlimb/model/gait2392.osim"));
        assertEquals(23, m.coordinates().size());
        assertEquals(92, m.muscles().size());
        assertTrue(m.muscles().stream().allMatch(x -> x.type().equals("Thelen2003Muscle") && x.problem() == null));
        CoordinateTable t = CoordinateTable.read(corpus("ceinms-rt-lowerlimb/data/walk36/ik.sto"), m, false);
        for (int r = 0; r < t.rows(); r += 500) {
            double[] l = m.lengths(all(m), t.values(r));
            for (int i = 0; i < l.length; i++) {
                OpenSimModel.Muscle mu = m.muscles().get(i);
                // within 50 %..150 % of optimal fibre + tendon slack length: the range of a normal gait
                double ref = mu.optimalFiberLength() + mu.tendonSlackLength();
                assertTrue(l[i] > 0.5 * ref && l[i] < 1.5 * ref, mu.name() + " " + l[i] + " vs " + ref);
            }
        }
    }

    @Test
    void walkingExampleGeometryAgreesWithItsPolynomials() {
        Path model = corpus("opensim-core/example3DWalking/subject_walk_scaled.osim");
        Path fbp = corpus("opensim-core/example3DWalking/subject_walk_scaled_FunctionBasedPathSet.xml");
        OpenSimModel geometry = OpenSimModel.read(model);
        OpenSimModel poly = OpenSimModel.read(model, fbp);
        assertEquals(80, geometry.muscles().size());
        assertTrue(poly.muscles().stream().allMatch(x -> x.path().startsWith("function-based")));
        CoordinateTable t = CoordinateTable.read(corpus("opensim-core/example3DWalking/coordinates.sto"), geometry,
                true);
        assertEquals(List.of("mtp_angle_r", "mtp_angle_l"), t.missing());
        double[] worst = new double[80];
        for (int r = 0; r < t.rows(); r += 25) {
            double[] g = geometry.lengths(all(geometry), t.values(r));
            double[] p = poly.lengths(all(poly), t.values(r));
            for (int i = 0; i < 80; i++) {
                worst[i] = Math.max(worst[i], Math.abs(g[i] - p[i]));
            }
        }
        int within1mm = 0;
        for (int i = 0; i < 80; i++) {
            String n = geometry.muscles().get(i).name();
            if (worst[i] < 1e-3) {
                within1mm++;
            } else {
                System.out.printf("walking example: %s geometry vs polynomial %.1f mm%n", n, worst[i] * 1e3);
            }
            // the toe muscles (edl, ehl, fhl) cross the mtp joint, which their fitted polynomials ignore
            double bound = n.startsWith("edl") || n.startsWith("ehl") || n.startsWith("fhl") ? 0.03 : 0.005;
            assertTrue(worst[i] < bound, n + " " + worst[i]);
        }
        assertTrue(within1mm >= 70, within1mm + " of 80 within 1 mm");
    }
}
