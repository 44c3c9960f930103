package org.myoflow.conductor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.conductor.FibreSource;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.spi.CommandContribution;
import org.myoflow.io.ResultFiles;

import picocli.CommandLine;

/**
 * {@code myoflow muap} options for comparisons with other simulators (issue 16, item 2): array rotation and
 * centre offset, bone, source constants, cylindrical grid sizes, the sidecar's timing split, and --fibres N through
 * the steps' summation.
 */
public class MuapOptionsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private int counter;

    private int run(List<String> args) {
        return new MuapCommandContribution().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new AtomicBoolean());
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Runs the command with the given options (plus --out) and reads the bank back. */
    private MuapBank muap(String... options) {
        Path f = dir.resolve("m" + (counter++) + ".npy");
        List<String> args = new ArrayList<>(List.of(options));
        args.add("--out");
        args.add(f.toString());
        assertEquals(CommandContribution.OK, run(args), err());
        return (MuapBank) ResultFiles.read(f);
    }

    private Map<String, Object> sidecar(String... options) {
        Path f = dir.resolve("s" + (counter++) + ".npy");
        List<String> args = new ArrayList<>(List.of(options));
        args.add("--out");
        args.add(f.toString());
        assertEquals(CommandContribution.OK, run(args), err());
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) ResultFiles.readSidecar(f).get("muapCommand");
        return p;
    }

    private static double maxAbs(MuapBank b) {
        double m = 0;
        for (int c = 0; c < b.channelCount(); c++) {
            for (double v : b.muap(0, c)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** max |a − b| over a channel pair. */
    private static double maxDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static final String[] PLANAR5 = { "--model", "planar", "--rows", "5", "--cols", "5", "--ied-mm", "5",
        "--depth-mm", "3", "--fs", "4096", "--duration-ms", "30" };

    /** The options of base with more's options added; an option given again replaces its value (pairs only). */
    private static String[] with(String[] base, String... more) {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        for (String[] a : new String[][] { base, more }) {
            for (int i = 0; i + 1 < a.length; i += 2) {
                m.put(a[i], a[i + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> {
            out.add(k);
            out.add(v);
        });
        return out.toArray(String[]::new);
    }

    @Test
    void rotationBy90DegreesSwapsRowsAndColumns() {
        for (String model : new String[] { "planar", "cylindrical" }) {
            String[] base = with(PLANAR5, "--model", model, "--electrode-radius-mm", "0");
            MuapBank plain = muap(base);
            MuapBank rotated = muap(with(base, "--rotation-deg", "90"));
            double tol = 1e-3 * maxAbs(plain);
            // rotated (r, c) sits at along −(c − 2)·IED, across (r − 2)·IED: the unrotated electrode (4 − c, r);
            // the fibre (IZ at the centre, equal semi-lengths) is symmetric along, so that is also (c, r)
            double worstSwap = 0;
            double worstExact = 0;
            for (int r = 0; r < 5; r++) {
                for (int c = 0; c < 5; c++) {
                    double[] rot = rotated.muap(0, r * 5 + c);
                    worstExact = Math.max(worstExact, maxDiff(rot, plain.muap(0, (4 - c) * 5 + r)));
                    worstSwap = Math.max(worstSwap, maxDiff(rot, plain.muap(0, c * 5 + r)));
                }
            }
            assertTrue(worstExact <= tol, model + ": rotated vs moved electrode differ by " + worstExact);
            assertTrue(worstSwap <= tol, model + ": rotated vs transposed differ by " + worstSwap);
            // and the rotation really moved something: row 0 of the rotated array is not row 0 of the plain one
            assertTrue(maxDiff(rotated.muap(0, 0 * 5 + 2), plain.muap(0, 2)) > 0.1 * maxAbs(plain), model);
        }
    }

    @Test
    void arrayOffsetOfOneIedAlongTheFibresShiftsByOneElectrode() {
        for (String model : new String[] { "planar", "cylindrical" }) {
            String[] base = with(PLANAR5, "--model", model, "--iz-mm", "1.5", "--left-mm", "40", "--right-mm", "60");
            MuapBank plain = muap(base);
            MuapBank shifted = muap(with(base, "--array-along-mm", "5"));
            double tol = 2e-3 * maxAbs(plain);
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 5; c++) {
                    double d = maxDiff(shifted.muap(0, r * 5 + c), plain.muap(0, (r + 1) * 5 + c));
                    assertTrue(d <= tol, model + " r" + r + "c" + c + ": " + d + " > " + tol);
                }
            }
            // equivalently the fibre moved the other way: --iz-mm − IED without offset
            MuapBank moved = muap(with(base, "--iz-mm", "-3.5"));
            for (int ch = 0; ch < 25; ch++) {
                assertTrue(maxDiff(moved.muap(0, ch), shifted.muap(0, ch)) <= tol, model + " channel " + ch);
            }
            // across: one IED across is one column
            MuapBank across = muap(with(base, "--array-across-mm", "5"));
            double tolAcross = tol; // cylindrical: the offset is an arc on the skin, as the columns are
            for (int r = 0; r < 5; r++) {
                for (int c = 0; c < 4; c++) {
                    double d = maxDiff(across.muap(0, r * 5 + c), plain.muap(0, r * 5 + c + 1));
                    assertTrue(d <= tolAcross, model + " across r" + r + "c" + c + ": " + d);
                }
            }
        }
    }

    private double[][] positions(String... args) {
        MuapCommand cmd = new MuapCommand(new PrintStream(out), new PrintStream(err));
        new CommandLine(cmd).parseArgs(args);
        return cmd.resolvedFibrePositions();
    }

    @Test
    void unitOfNFibresIsTheSumOfItsSingleFibres() {
        for (String model : new String[] { "planar", "cylindrical" }) {
            String[] base = with(PLANAR5, "--model", model, "--rows", "4", "--cols", "3");
            String[] unit = with(base, "--fibres", "6", "--territory-mm", "2.5", "--seed", "7");
            MuapBank whole = muap(unit);
            double[][] pos = positions(unit);
            assertEquals(6, pos.length);
            double[][] sum = new double[whole.channelCount()][whole.sampleCount()];
            double rs = 20 + 1 + 1; // cylindrical defaults: muscle 20, fat 1, skin 1
            for (double[] p : pos) {
                String depth = Double.toString(model.equals("planar") ? p[1] : 20 - p[0]);
                String lateral = Double.toString(model.equals("planar") ? p[0] : p[1] * rs);
                MuapBank one = muap(with(base, "--depth-mm", depth, "--lateral-mm", lateral));
                for (int c = 0; c < sum.length; c++) {
                    double[] x = one.muap(0, c);
                    for (int s = 0; s < x.length; s++) {
                        sum[c][s] += x[s];
                    }
                }
            }
            double tol = 1e-6 * maxAbs(whole);
            for (int c = 0; c < sum.length; c++) {
                double d = maxDiff(whole.muap(0, c), sum[c]);
                assertTrue(d <= tol, model + " channel " + c + ": " + d + " > " + tol);
            }
            // the fibres really are spread: not all at one depth
            assertTrue(Math.abs(pos[0][0] - pos[1][0]) + Math.abs(pos[0][1] - pos[1][1]) > 1e-3, model);
        }
    }

    @Test
    void sourceConstantsScaleTheMuap() {
        MuapBank plain = muap(PLANAR5);
        MuapBank scaled = muap(with(PLANAR5, "--intracellular-s-per-m", "2.02", "--fibre-radius-mm", "0.05"));
        for (int c = 0; c < plain.channelCount(); c++) {
            double[] a = plain.muap(0, c);
            double[] b = scaled.muap(0, c);
            for (int s = 0; s < a.length; s++) {
                assertEquals(8 * a[s], b[s], 1e-12 * maxAbs(plain) + 1e-12 * Math.abs(8 * a[s]));
            }
        }
    }

    @Test
    void boneChangesTheCylindricalMuapAndGridSizesConverge() {
        String[] base = with(PLANAR5, "--model", "cylindrical", "--muscle-radius-mm", "15", "--depth-mm", "6");
        MuapBank plain = muap(base);
        MuapBank tiny = muap(with(base, "--bone-radius-mm", "1e-3"));
        MuapBank bone = muap(with(base, "--bone-radius-mm", "7", "--bone-s-per-m", "0.02"));
        double m = maxAbs(plain);
        double dTiny = 0;
        double dBone = 0;
        for (int c = 0; c < plain.channelCount(); c++) {
            dTiny = Math.max(dTiny, maxDiff(plain.muap(0, c), tiny.muap(0, c)));
            dBone = Math.max(dBone, maxDiff(plain.muap(0, c), bone.muap(0, c)));
        }
        assertTrue(dTiny < 1e-3 * m, "a bone of 1 um changes the MUAP by " + dTiny + " of " + m);
        assertTrue(dBone > 1e-3 * m, "a poorly conducting bone of 7 mm under a fibre at rho = 9 mm changes nothing: "
                + dBone);
        assertTrue(Double.isFinite(maxAbs(bone)) && maxAbs(bone) < 10 * m);
        // more harmonics, and a longer z period (less periodic wrap of the far field), change the MUAP little
        MuapBank moreTheta = muap(with(base, "--theta-points", "256"));
        MuapBank longerZ = muap(with(base, "--z-points", "2048"));
        double dTheta = 0;
        double dZ = 0;
        for (int c = 0; c < plain.channelCount(); c++) {
            dTheta = Math.max(dTheta, maxDiff(plain.muap(0, c), moreTheta.muap(0, c)));
            dZ = Math.max(dZ, maxDiff(plain.muap(0, c), longerZ.muap(0, c)));
        }
        // (at rho0/R_m = 0.6 the orders above 90 are below the rounding error; the default z period, the least that
        // holds fibre and array within half a period, wraps about 2 % of the peak back in this case)
        assertTrue(dTheta < 1e-6 * m, "theta 256 changes the MUAP by " + dTheta / m);
        assertTrue(dZ > 1e-4 * m && dZ < 3e-2 * m, "z 2048 changes the MUAP by " + dZ / m);
        // the angular grid matters for a shallow fibre: 16 points (|n| <= 8) are visibly coarse
        String[] shallow = with(base, "--depth-mm", "0.5");
        MuapBank fine = muap(shallow);
        MuapBank coarse = muap(with(shallow, "--theta-points", "16"));
        double dCoarse = 0;
        for (int c = 0; c < fine.channelCount(); c++) {
            dCoarse = Math.max(dCoarse, maxDiff(fine.muap(0, c), coarse.muap(0, c)));
        }
        assertTrue(dCoarse > 0.05 * maxAbs(fine), "theta 16 changes a shallow fibre's MUAP by " + dCoarse);
    }

    @Test
    void sidecarRecordsTheOptionsAndTheTimingSplit() {
        Map<String, Object> p = sidecar(with(PLANAR5, "--model", "cylindrical", "--bone-radius-mm", "5",
                "--bone-s-per-m", "0.03", "--rotation-deg", "10", "--array-along-mm", "2", "--array-across-mm", "-1",
                "--intracellular-s-per-m", "1.5", "--fibre-radius-mm", "0.03", "--theta-points", "120",
                "--fibres", "3"));
        assertEquals(5.0, ((Number) p.get("boneRadiusMm")).doubleValue());
        assertEquals(0.03, ((Number) p.get("boneSPerM")).doubleValue());
        assertEquals(10.0, ((Number) p.get("rotationDeg")).doubleValue());
        assertEquals(2.0, ((Number) p.get("arrayCentreAlongMm")).doubleValue());
        assertEquals(-1.0, ((Number) p.get("arrayCentreAcrossMm")).doubleValue());
        assertEquals(1.5, ((Number) p.get("intracellularSPerM")).doubleValue());
        assertEquals(0.03, ((Number) p.get("fibreRadiusMm")).doubleValue());
        assertEquals(120L, ((Number) p.get("thetaPoints")).longValue());
        long nz = ((Number) p.get("zPoints")).longValue();
        assertTrue(nz >= 16 && Long.bitCount(nz) == 1, "zPoints " + nz);
        long shared = ((Number) p.get("sharedTablesUs")).longValue();
        long perFibre = ((Number) p.get("perFibreUs")).longValue();
        assertTrue(shared > 0 && shared < 120_000_000L, "sharedTablesUs " + shared);
        assertTrue(perFibre > 0 && perFibre < 120_000_000L, "perFibreUs " + perFibre);
        assertEquals(perFibre / 3.0, ((Number) p.get("perFibreMeanUs")).doubleValue(), 0.34); // from ns, not whole µs

        Map<String, Object> q = sidecar(PLANAR5);
        assertEquals(FibreSource.INTRACELLULAR_CONDUCTIVITY_S_PER_M, ((Number) q.get("intracellularSPerM")).doubleValue());
        assertEquals(0.025, ((Number) q.get("fibreRadiusMm")).doubleValue());
        assertEquals(0.0, ((Number) q.get("rotationDeg")).doubleValue());
        assertTrue(((Number) q.get("sharedTablesUs")).longValue() > 0);
        assertTrue(((Number) q.get("perFibreUs")).longValue() > 0);
        assertTrue(!q.containsKey("zPoints") && !q.containsKey("boneRadiusMm"), q.toString());
    }

    @Test
    void badValuesOfTheNewOptionsExitTwoNamingTheOption() {
        String[][] cases = {
            { "--rotation-deg", "400" }, { "--rotation-deg", "NaN" }, { "--array-along-mm", "Infinity" },
            { "--array-across-mm", "1e9" }, { "--intracellular-s-per-m", "0" }, { "--intracellular-s-per-m", "-1" },
            { "--fibre-radius-mm", "0" }, { "--fibre-radius-mm", "2" },
            { "--model", "cylindrical", "--bone-radius-mm", "20" }, { "--model", "cylindrical", "--bone-radius-mm",
                "-1" }, { "--model", "cylindrical", "--bone-radius-mm", "5", "--bone-s-per-m", "0" },
            { "--model", "cylindrical", "--theta-points", "7" }, { "--model", "cylindrical", "--theta-points", "0" },
            { "--model", "cylindrical", "--theta-points", "100000" }, { "--model", "cylindrical", "--z-points", "100" },
            { "--model", "cylindrical", "--z-points", "16" }, { "--model", "cylindrical", "--z-points", "0" },
            { "--model", "cylindrical", "--z-points", "1073741824" }, { "--bone-radius-mm", "3" },
            { "--z-points", "1024" }, { "--theta-points", "64" },
        };
        String[] expected = { "--rotation-deg", "--rotation-deg", "--array-along-mm", "--array-across-mm",
            "--intracellular-s-per-m", "--intracellular-s-per-m", "--fibre-radius-mm", "--fibre-radius-mm",
            "--bone-radius-mm", "--bone-radius-mm", "--bone-s-per-m", "--theta-points", "--theta-points",
            "--theta-points", "--z-points", "--z-points", "--z-points", "--z-points", "--bone-radius-mm", "--z-points",
            "--theta-points" };
        for (int i = 0; i < cases.length; i++) {
            err.reset();
            List<String> args = new ArrayList<>(List.of(with(PLANAR5, cases[i])));
            args.add("--out");
            args.add(dir.resolve("bad.npy").toString());
            assertEquals(CommandContribution.INVALID, run(args), String.join(" ", cases[i]) + ": " + err());
            assertTrue(err().contains(expected[i]), String.join(" ", cases[i]) + ": " + err());
        }
        // an array far along the fibres: the table that would span it is too large, named by the offset
        for (String model : new String[] { "planar", "cylindrical" }) {
            err.reset();
            List<String> far = new ArrayList<>(List.of(with(PLANAR5, "--model", model, "--array-along-mm", "9e5",
                    "--out", dir.resolve("bad.npy").toString())));
            assertEquals(CommandContribution.INVALID, run(far), model + ": " + err());
            assertTrue(err().contains("--array-along-mm"), model + ": " + err());
        }
        // a long array turned across a thin limb: wider than its circumference
        err.reset();
        List<String> wide = new ArrayList<>(List.of(with(PLANAR5, "--model", "cylindrical", "--rows", "40", "--cols",
                "2", "--muscle-radius-mm", "10", "--rotation-deg", "90", "--out", dir.resolve("bad.npy").toString())));
        assertEquals(CommandContribution.INVALID, run(wide), err());
        assertTrue(err().contains("--rotation-deg") && err().contains("circumference"), err());
        // a fibre inside the bone
        err.reset();
        List<String> args = new ArrayList<>(List.of(with(PLANAR5, "--model", "cylindrical", "--bone-radius-mm",
                "17.5", "--out", dir.resolve("bad.npy").toString())));
        assertEquals(CommandContribution.INVALID, run(args), err());
        assertTrue(err().contains("--depth-mm") && err().contains("bone"), err());
    }
}
