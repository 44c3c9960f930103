package org.myoflow.conductor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.conductor.CylindricalLayeredConductor;
import org.myoflow.conductor.PlanarLayeredConductor;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.engine.Configuration;
import org.myoflow.core.engine.StepHarness;
import org.myoflow.core.spi.CommandContribution;

/**
 * Issue 19: {@code myoflow muap} sizes its arrays before allocating them, in 64-bit arithmetic; overflowing or
 * oversized options exit 2 naming the option (no stack trace, no file).
 */
public class MuapSizingTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int muap(String... args) {
        return new MuapCommandContribution().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new AtomicBoolean());
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSampleCountBeyondAnIntIsRefusedNotWrapped() {
        Path f = dir.resolve("d.npy");
        // 2 097 152 040 ms x 2048 Hz = 4 294 967 378 samples: (int) wrapped to 82 before
        assertEquals(CommandContribution.INVALID, muap("--fs", "2048", "--duration-ms", "2097152040", "--out",
                f.toString()));
        assertTrue(err().contains("myoflow: muap: --duration-ms: --duration-ms 2097152040 x --fs 2048 gives "
                + "4294967378 samples, more than the 2147483639 one channel can hold"), err());
        assertFalse(Files.exists(f));
    }

    @Test
    void aHugeTerritoryIsRefusedNamingTheOption() {
        Path f = dir.resolve("t.npy");
        assertEquals(CommandContribution.INVALID, muap("--territory-mm", "1e6", "--fibres", "1000", "--out",
                f.toString()));
        assertTrue(err().startsWith("myoflow: muap: --territory-mm: the volume-conductor kernel grid (4194304 x "),
                err());
        assertFalse(err().contains("Exception"), err());
        assertFalse(Files.exists(f));
    }

    @Test
    void aLongCylindricalFibreIsRefusedNamingTheOption() {
        assertEquals(CommandContribution.INVALID, muap("--model", "cylindrical", "--right-mm", "1e12", "--out",
                dir.resolve("c.npy").toString()));
        assertTrue(err().startsWith("myoflow: muap: --right-mm: the fibres reach "), err());
    }

    @Test
    void muapBankStepsReportTheirSize() {
        // 12 units x (3 x 2 monopolar = 6 channels) x round(0.04 s x 2048 Hz) = 82 samples x 8 bytes
        Configuration bank = StepHarness.of(new PlanarMuapBankStep()).param("units", 12L).param("rows", 3L)
                .param("cols", 2L).configure();
        assertTrue(bank.valid(), bank.problems().toString());
        assertEquals(12L * 6 * 82 * 8, bank.sizes().get("test"));
        // a series over 10 s updated at 5 Hz: 51 banks of 7 units x 64 channels x 82 samples
        Configuration series = StepHarness.of(new PlanarMuapSeriesStep()).param("units", 7L).configure();
        assertEquals(51L * 7 * 64 * 82 * 8, series.sizes().get("test"));
        Configuration cyl = StepHarness.of(new CylindricalMuapBankStep()).param("units", 3L).configure();
        DataSpec spec = cyl.spec("test", "muaps").orElseThrow();
        assertEquals(3L * spec.channelCount() * Math.round(0.04 * 2048) * 8, cyl.sizes().get("test"));
    }

    @Test
    void kernelGridSizesAreExact() {
        PlanarLayeredConductor.KernelGrid g = new PlanarLayeredConductor.KernelGrid(0.5, 20, 60, 10, 0.5, 10);
        assertEquals(128, g.fftPointsAcross()); // (40 + 10) / 0.5 = 100 -> 128
        assertEquals(512, g.fftPointsAlong()); // (120 + 10) / 0.5 = 260 -> 512
        assertEquals(128L * 512 * 16 + (20 + 2) * 41L * 121 * 4, g.estimatedBytes()); // spectra + tables
        PlanarLayeredConductor.KernelGrid huge = new PlanarLayeredConductor.KernelGrid(0.5, 1e300, 1e300, 1, 0.5, 0);
        assertEquals(Long.MAX_VALUE, huge.estimatedBytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PlanarLayeredConductor(0.5, 0.1, 0.05, 3, 1, 1).kernels(0, huge));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CylindricalLayeredConductor.zPointsFor(
                new double[][] { { 0, 0 } }, new double[][] { { -1e12, 1e12 } }, 0.5));
    }
}
