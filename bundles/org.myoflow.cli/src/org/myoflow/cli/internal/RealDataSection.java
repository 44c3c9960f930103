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

    /** A part that only needs the quick flag (it finds its own data), e.g. a method bundle's real-data study. */
    @FunctionalInterface
    interface Part {
        Result run(boolean quick) throws Exception;
    }

    /**
     * A section from a part: {@code RealDataSection.of("gait", quick -> { var g = Study.run(quick);
     * return new RealDataSection.Result(g.figures(), g.lines()); })}.
     */
    static RealDataSection of(String name, Part part) {
        return new RealDataSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result run(boolean quick, RealDataBenchmark.Data data, Progress progress) throws Exception {
                progress.checkCancelled();
                return part.run(quick);
            }
        };
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
