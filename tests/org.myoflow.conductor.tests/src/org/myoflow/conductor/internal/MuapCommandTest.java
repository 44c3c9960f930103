package org.myoflow.conductor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.spi.CommandContribution;
import org.myoflow.io.ResultFiles;

/** {@code myoflow muap}, the conductor's command contribution: files, sidecar shape, depth dependence, bad options. */
public class MuapCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs {@code myoflow muap ...}: the first argument is the command's name, as the runner dispatches it. */
    private int run(String... args) {
        assertEquals("muap", args[0]);
        MuapCommandContribution muap = new MuapCommandContribution();
        assertEquals(args[0], muap.name());
        return muap.run(List.of(args).subList(1, args.length), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new AtomicBoolean());
    }

    /** The exit codes of the headless runner, as the contribution returns them. */
    private static final class ExitCodes {
        static final int OK = CommandContribution.OK;
        static final int INVALID = CommandContribution.INVALID;
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A planar single fibre under a 5 x 3 array, single differential: 4 x 3 channels. */
    private Path planar(String name, String depthMm, String montage) {
        Path f = dir.resolve(name + ".npy");
        assertEquals(ExitCodes.OK, run("muap", "--model", "planar", "--depth-mm", depthMm, "--rows", "5", "--cols",
                "3", "--ied-mm", "5", "--montage", montage, "--fs", "4096", "--duration-ms", "30", "--out",
                f.toString()), err());
        return f;
    }

    private static double maxPeakToPeak(MuapBank b) {
        double best = 0;
        for (int c = 0; c < b.channelCount(); c++) {
            double[] x = b.muap(0, c);
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                mn = Math.min(mn, v);
                mx = Math.max(mx, v);
            }
            best = Math.max(best, mx - mn);
        }
        return best;
    }

    @Test
    void planarSingleFibreWritesNpyAndSidecar() {
        Path f = planar("shallow", "2", "sd");
        assertTrue(Files.isRegularFile(f), f.toString());
        assertTrue(Files.isRegularFile(dir.resolve("shallow.json")));
        Map<String, Object> meta = ResultFiles.readSidecar(f);
        int samples = (int) Math.round(0.030 * 4096);
        assertEquals(List.of(1L, 12L, (long) samples), meta.get("shape3d"), meta.toString());
        assertEquals("single-differential", meta.get("montage"));
        assertEquals(4L, meta.get("rows"));
        assertEquals(3L, meta.get("cols"));
        String line = out.toString(StandardCharsets.UTF_8);
        assertTrue(line.contains("peak-to-peak") && line.contains("12 channels"), line);
        MuapBank b = (MuapBank) ResultFiles.read(f);
        assertEquals(12, b.channelCount());
        assertTrue(maxPeakToPeak(b) > 0);
    }

    @Test
    void deeperFibreGivesSmallerPeakToPeak() {
        double shallow = maxPeakToPeak((MuapBank) ResultFiles.read(planar("d2", "2", "monopolar")));
        double deep = maxPeakToPeak((MuapBank) ResultFiles.read(planar("d8", "8", "monopolar")));
        assertTrue(deep > 0 && deep < shallow, "deep " + deep + " mV vs shallow " + shallow + " mV");
    }

    @Test
    void badValuesExitTwoNamingTheOption() {
        assertEquals(ExitCodes.INVALID, run("muap", "--depth-mm", "-1", "--out", dir.resolve("x.npy").toString()));
        assertTrue(err().contains("--depth-mm"), err());
        assertEquals(ExitCodes.INVALID, run("muap", "--montage", "dd", "--rows", "2", "--out",
                dir.resolve("y.npy").toString()));
        assertTrue(err().contains("--rows"), err());
        assertEquals(ExitCodes.INVALID, run("muap", "--cv", "0", "--out", dir.resolve("z.npy").toString()));
        assertTrue(err().contains("--cv"), err());
        assertEquals(ExitCodes.INVALID, run("muap", "--fat-mm", "-0.5", "--out", dir.resolve("w.npy").toString()));
        assertTrue(err().contains("--fat-mm"), err());
        assertEquals(ExitCodes.INVALID, run("muap", "--model", "cylindrical", "--muscle-radius-mm", "10",
                "--depth-mm", "12", "--out", dir.resolve("v.npy").toString()));
        assertTrue(err().contains("--depth-mm") && err().contains("cylinder"), err());
        assertTrue(!Files.exists(dir.resolve("x.npy")));
    }

    @Test
    void cylindricalUnitOfSeveralFibres() {
        Path f = dir.resolve("cyl.npy");
        assertEquals(ExitCodes.OK, run("muap", "--model", "cylindrical", "--muscle-radius-mm", "15", "--rows", "3",
                "--cols", "2", "--fibres", "5", "--territory-mm", "1.5", "--seed", "3", "--out", f.toString()),
                err());
        MuapBank b = (MuapBank) ResultFiles.read(f);
        assertEquals(6, b.channelCount());
        assertTrue(maxPeakToPeak(b) > 0);
    }
}
