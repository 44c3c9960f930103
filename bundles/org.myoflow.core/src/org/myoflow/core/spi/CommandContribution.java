package org.myoflow.core.spi;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A subcommand of the headless runner ({@code ./myoflow NAME ARGS...}) contributed by the bundle that owns what it
 * does, as {@link BenchmarkSuite}s are: register it as a DS service
 * ({@code @Component(service = CommandContribution.class)}). The runner lists it in {@code --help} with its
 * {@link #description()} and hands it the arguments after its name; the built-in commands (run, validate, steps, demo,
 * bench, models, train) take precedence over a contribution of the same name.
 *
 * @since 0.2
 */
public interface CommandContribution {

    /** Success. */
    int OK = 0;
    /** Usage error (bad option or value); the message names the option. */
    int INVALID = 2;
    /** Bad input data. */
    int BAD_DATA = 3;
    /** The work failed. */
    int FAILED = 4;
    /** Cancelled. */
    int CANCELLED = 130;

    /** The subcommand, lower case, e.g. "muap". */
    String name();

    /** One line for the runner's {@code --help}. */
    String description();

    /**
     * Runs the command.
     *
     * @param args   the arguments after the command's name ({@code --help} included, which the command answers)
     * @param out    results and its own help
     * @param err    messages, prefixed "myoflow: NAME: "
     * @param cancel set when the user cancels (Ctrl-C)
     * @return the exit code ({@link #OK}, {@link #INVALID}, {@link #BAD_DATA}, {@link #FAILED}, {@link #CANCELLED})
     */
    int run(List<String> args, PrintStream out, PrintStream err, AtomicBoolean cancel) throws Exception;
}
