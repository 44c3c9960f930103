package org.myoflow.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.myoflow.cli.internal.Cli;
import org.myoflow.cli.internal.ExitCodes;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.spi.CommandContribution;

/** Subcommands contributed by bundles ({@link CommandContribution}): listed in --help, dispatched with their args. */
class CommandContributionTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<List<String>> calls = new ArrayList<>();

    private final CommandContribution echo = new CommandContribution() {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public String description() {
            return "Prints its arguments (a test contribution).";
        }

        @Override
        public int run(List<String> args, PrintStream o, PrintStream e, AtomicBoolean cancel) {
            calls.add(args);
            if (args.contains("--bad")) {
                e.println("myoflow: echo: --bad: not an option");
                return INVALID;
            }
            if (args.contains("--boom")) {
                throw new IllegalStateException("boom");
            }
            o.println(String.join(" ", args));
            return OK;
        }
    };

    /** A contribution named like a built-in command does not replace it. */
    private final CommandContribution steps = new CommandContribution() {
        @Override
        public String name() {
            return "steps";
        }

        @Override
        public String description() {
            return "shadowed";
        }

        @Override
        public int run(List<String> args, PrintStream o, PrintStream e, AtomicBoolean cancel) {
            calls.add(List.of("shadow"));
            return FAILED;
        }
    };

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Cli(new SimpleStepRegistry(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, "test", new AtomicBoolean())
                .withCommands(() -> List.of(echo, steps)).execute(args);
    }

    @Test
    void aContributedCommandGetsTheArgumentsAfterItsNameAndReturnsItsExitCode() {
        assertEquals(ExitCodes.OK, run("echo", "a", "--b", "3"));
        assertEquals(List.of(List.of("a", "--b", "3")), calls);
        assertEquals("a --b 3", out.toString(StandardCharsets.UTF_8).trim());
        assertEquals(ExitCodes.INVALID, run("echo", "--bad"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("myoflow: echo: --bad"), err.toString());
        assertEquals(ExitCodes.STEP_FAILED, run("echo", "--boom"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("internal error: java.lang.IllegalStateException"),
                err.toString());
    }

    @Test
    void helpListsTheContributionsAndBuiltInsKeepTheirNames() {
        assertEquals(ExitCodes.OK, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("echo") && help.contains("Prints its arguments (a test contribution)."), help);
        assertTrue(!help.contains("shadowed"), help);
        calls.clear();
        assertEquals(ExitCodes.OK, run("steps"));
        assertEquals(List.of(), calls);
    }
}
