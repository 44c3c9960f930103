package org.myoflow.io.spi;

import java.nio.file.Path;
import java.util.List;

import org.myoflow.io.Recording;

/**
 * Reads one file format into a {@link Recording}. Contribute a reader by registering an implementation as an OSGi
 * service (Declarative Services: {@code @Component(service = RecordingReader.class)}); {@link
 * org.myoflow.io.Recordings} then offers it to {@code io.read-recording}, {@code io.read-signal} and
 * {@code myoflow inspect}. See docs/writing-a-reader.md.
 * <p>
 * Contract: every malformed input is refused with a {@link org.myoflow.core.data.DataException} naming the file
 * and where (line, or byte offset) and why; never another exception, a hang, or an allocation sized by an unchecked
 * header field (check lengths against the file size first).
 *
 * @since 0.2
 */
public interface RecordingReader {

    /** Short stable id, e.g. "c3d", "opensim-storage", "delsys-csv". */
    String formatId();

    /** One line for users, e.g. "C3D (c3d.org) motion capture and analog data". */
    String description();

    /** Lower-case extensions with the dot that this reader may read, e.g. {@code .c3d}. */
    List<String> extensions();

    /**
     * Whether this reader recognises the file from its first bytes (up to 4096, fewer for a short file). Called
     * only for files with one of {@link #extensions()}; a reader that cannot tell from the bytes returns true.
     */
    boolean matches(Path file, byte[] head);

    /**
     * Higher wins among readers that match one file. Built-in readers use 0 (specific formats) or -10 (generic
     * fall-backs such as plain CSV); a third-party reader that should replace a built-in one uses a positive value.
     */
    default int priority() {
        return 0;
    }

    /** Reads the whole file. */
    Recording read(Path file);

    /**
     * What {@code myoflow inspect} shows: by default the whole {@link #read(Path)}; a reader of large files may
     * override this to read only the header, leaving sample data empty but rates, labels and lengths stated in
     * the metadata.
     */
    default Recording inspect(Path file) {
        return read(file);
    }
}
