package org.myoflow.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * SIGTERM/SIGINT handling (issue 19): the first signal sets the command's cancellation flag; the exit code becomes
 * 130 with one "cancelled" line, unless the command completed its work anyway. The signal itself is simulated
 * ({@link SignalCancel#onSignal}); the product's reliability suite sends real ones (tests/reliability/cases).
 */
public class SignalCancelTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSignalCancelsAndTheCommandExitsWith130AndOneCancelledLine() {
        AtomicBoolean cancel = new AtomicBoolean();
        try (SignalCancel s = SignalCancel.install(cancel, errStream, 60_000)) {
            assertNull(s.received());
            assertEquals(4, s.exitCode(4), "no signal: the command's own code");
            s.onSignal("TERM");
            assertTrue(cancel.get(), "the cancellation flag is set");
            assertEquals("TERM", s.received());
            assertTrue(err().contains("myoflow: SIGTERM received, cancelling"), err());
            // the run service noticed and returned CANCELLED, having printed "myoflow: cancelled" itself
            err.reset();
            assertEquals(130, s.exitCode(130));
            assertEquals("", err());
            // a command that failed meanwhile (e.g. interrupted) is reported as cancelled
            assertEquals(130, s.exitCode(4));
            assertEquals("myoflow: cancelled (SIGTERM)", err().strip());
            // a command that completed its work keeps 0 and says why
            err.reset();
            assertEquals(0, s.exitCode(0));
            assertTrue(err().contains("SIGTERM came after the work was done: the results are complete"), err());
        }
    }

    @Test
    void closingRestoresTheHandlersAndStopsTheWatchdog() throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();
        SignalCancel s = SignalCancel.install(cancel, errStream, 60_000);
        s.onSignal("INT");
        s.close();
        // the watchdog ends when the command has finished (it would halt the JVM after the grace period otherwise)
        for (int i = 0; i < 200 && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("myoflow-cancel-watchdog")); i++) {
            Thread.sleep(10);
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("myoflow-cancel-watchdog")), "watchdog stopped");
        assertTrue(cancel.get());
    }
}
