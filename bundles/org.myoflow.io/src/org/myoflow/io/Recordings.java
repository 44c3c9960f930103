package org.myoflow.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.myoflow.core.data.DataException;
import org.myoflow.io.internal.readers.AncReader;
import org.myoflow.io.internal.readers.BidsEmgReader;
import org.myoflow.io.internal.readers.C3dReader;
import org.myoflow.io.internal.readers.DelsysCsvReader;
import org.myoflow.io.internal.readers.EdfReader;
import org.myoflow.io.internal.readers.Hdf5Reader;
import org.myoflow.io.internal.readers.MatReader;
import org.myoflow.io.internal.readers.OpenSimReader;
import org.myoflow.io.internal.readers.OtbReader;
import org.myoflow.io.internal.readers.PlatformSignalReader;
import org.myoflow.io.internal.readers.SimpleTextReader;
import org.myoflow.io.internal.readers.TrcReader;
import org.myoflow.io.internal.readers.ViconCsvReader;
import org.myoflow.io.spi.RecordingReader;

/**
 * Finds the {@link RecordingReader} for a file and reads it. Candidates are the readers whose extensions include
 * the file's; among those whose {@link RecordingReader#matches(Path, byte[]) matches} accepts the first bytes,
 * the highest {@link RecordingReader#priority() priority} wins, a contributed (OSGi service) reader before a
 * built-in one of equal priority. Built-in readers are always present, also outside OSGi.
 *
 * @since 0.2
 */
public final class Recordings {

    private static final int HEAD = 4096;
    private static final List<RecordingReader> BUILT_IN = List.of(new C3dReader(), new OpenSimReader(),
            new TrcReader(), new AncReader(), new DelsysCsvReader(), new ViconCsvReader(), new SimpleTextReader(),
            new PlatformSignalReader(), new EdfReader(), new BidsEmgReader(), new MatReader(), new Hdf5Reader(),
            new OtbReader());
    private static final List<RecordingReader> CONTRIBUTED = new CopyOnWriteArrayList<>();

    private Recordings() {
    }

    /** Adds a contributed reader (called by the service tracker of this bundle; usable directly in tests). */
    public static void register(RecordingReader reader) {
        if (BUILT_IN.stream().noneMatch(b -> b.getClass() == reader.getClass())) {
            CONTRIBUTED.add(reader);
        }
    }

    public static void unregister(RecordingReader reader) {
        CONTRIBUTED.remove(reader);
    }

    /** Every reader: contributed ones first, then the built-in ones. */
    public static List<RecordingReader> readers() {
        List<RecordingReader> all = new ArrayList<>(CONTRIBUTED);
        all.addAll(BUILT_IN);
        return all;
    }

    /** Every extension some reader accepts, lower case with the dot. */
    public static Set<String> extensions() {
        Set<String> s = new LinkedHashSet<>();
        readers().forEach(r -> s.addAll(r.extensions()));
        return s;
    }

    /** Whether some reader accepts the file's extension. */
    public static boolean isSupported(Path file) {
        return extensions().contains(extension(file));
    }

    /** The reader for the file; a {@link DataException} when none accepts it. */
    public static RecordingReader readerFor(Path file) {
        String ext = extension(file);
        List<RecordingReader> byExt = readers().stream().filter(r -> r.extensions().contains(ext)).toList();
        if (byExt.isEmpty()) {
            throw new DataException(file + ": no reader for extension '" + ext + "'; readable: "
                    + String.join(", ", extensions()));
        }
        byte[] head = head(file);
        List<RecordingReader> ok = new ArrayList<>();
        for (RecordingReader r : byExt) {
            if (r.matches(file, head)) {
                ok.add(r);
            }
        }
        if (ok.isEmpty()) {
            throw new DataException(file + ": the content is not " + String.join(" nor ", byExt.stream()
                    .map(RecordingReader::description).toList()) + " (checked the first " + head.length + " bytes)");
        }
        // stable sort: contributed readers come first in readers(), so they win ties
        ok.sort(Comparator.comparingInt(RecordingReader::priority).reversed());
        return ok.get(0);
    }

    /** Reads the whole recording. */
    public static Recording read(Path file) {
        return readerFor(file).read(file);
    }

    /** Reads what {@code myoflow inspect} shows. */
    public static Recording inspect(Path file) {
        return readerFor(file).inspect(file);
    }

    static byte[] head(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": is a folder, not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The lower-case extension with the dot, "" when none. */
    public static String extension(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(dot) : "";
    }
}
