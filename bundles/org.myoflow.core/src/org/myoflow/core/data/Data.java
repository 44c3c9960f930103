package org.myoflow.core.data;

import java.util.Map;

/**
 * A value flowing between pipeline nodes through ports. Every data type can be written as one float64
 * matrix (the {@code .npy} result file) plus a metadata map (the {@code .json} sidecar), and has a content
 * digest used for caching and provenance. Instances are immutable.
 *
 * @since 0.1
 */
public interface Data {

    /** The port data type this value belongs to. */
    DataType type();

    /** The content as a row-major float64 table, as written to the result file. */
    NumericTable toTable();

    /** Metadata written to the sidecar (sampling rate, labels, units, ...): JSON-compatible values only. */
    Map<String, Object> metadata();

    /** SHA-256 (hex) of the content and the metadata; equal data give equal digests. */
    String digest();
}
