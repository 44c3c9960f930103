package org.myoflow.cli.internal;

import java.util.List;
import java.util.Map;

import org.myoflow.core.spi.Progress;

/**
 * One part of {@code ./myoflow bench realdata}: measures one method on packaged real recordings and returns its
 * figures (only the keys it measured) and the lines to print. {@link RealDataBenchmark#SECTIONS} lists the parts in
 * the order they run.
 */
public interface RealDataSection {

    /**
     * The figures of a section.
     *
     * @param figures key → value, in print order (numbers, strings, booleans, lists, maps)
     * @param lines   human-readable lines
     */
    record Result(Map<String, Object> figures, List<String> lines) {
    }

    /** Short name printed as the section's heading, e.g. "activation". */
    String name();

    /**
     * Runs the section.
     *
     * @param quick the small variant (seconds)
     * @param data  where the packaged real data can be read ({@link RealDataBenchmark#data})
     */
    Result run(boolean quick, RealDataBenchmark.Data data, Progress progress) throws Exception;
}
