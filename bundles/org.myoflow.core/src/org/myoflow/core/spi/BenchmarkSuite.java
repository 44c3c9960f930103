package org.myoflow.core.spi;

import java.io.PrintStream;
import java.util.Map;

/**
 * A benchmark run by {@code ./myoflow bench NAME [--quick] [--json]}. Register as a DS service
 * ({@code @Component(service = BenchmarkSuite.class)}) in the bundle whose methods it measures. A suite measures on
 * this machine, prints human-readable lines as it goes, and returns its figures; where it can, it reports a ratio
 * against a reference measured in the same run, which is steadier than absolute times on shared machines.
 *
 * @since 0.1
 */
public interface BenchmarkSuite {

    /** Short lower-case name used on the command line, e.g. "conductor". */
    String name();

    /** One line for {@code ./myoflow bench} without arguments. */
    String description();

    /**
     * Runs the benchmark.
     *
     * @param quick    a small variant that finishes in seconds (used by tests and CI)
     * @param out      where to print human-readable progress and results
     * @param progress progress and cancellation
     * @return the figures, JSON-compatible values only (numbers, strings, booleans, lists, maps)
     */
    Map<String, Object> run(boolean quick, PrintStream out, Progress progress) throws Exception;
}
