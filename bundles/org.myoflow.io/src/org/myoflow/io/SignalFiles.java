package org.myoflow.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;

/**
 * One way to read a signal: the format follows the file extension, so every step, the CLI and the GUI accept
 * the same files with the same error messages.
 * <ul>
 * <li>{@code .csv}: {@link CsvSignalFormat}</li>
 * <li>{@code .sto}, {@code .mot}: {@link OpenSimStorage}</li>
 * <li>{@code .npy} with its {@code .json} sidecar: {@link ResultFiles}</li>
 * </ul>
 *
 * @since 0.1
 */
public final class SignalFiles {

    /** The extensions {@link #read(Path)} and {@link #write(Signal, Path)} understand (lower case). */
    public static final List<String> EXTENSIONS = List.of(".csv", ".sto", ".mot", ".npy");

    private SignalFiles() {
    }

    /** Reads a signal; a CSV file must have a time column. */
    public static Signal read(Path file) {
        return read(file, 0);
    }

    /**
     * Reads a signal.
     *
     * @param fsIfNoTime sampling rate (Hz) for a CSV file without a time column; ignored otherwise
     */
    public static Signal read(Path file, double fsIfNoTime) {
        return switch (extension(file)) {
            case ".csv" -> CsvSignalFormat.read(file, fsIfNoTime);
            case ".sto", ".mot" -> OpenSimStorage.read(file);
            case ".npy" -> ResultFiles.readSignal(file);
            default -> throw unsupported(file);
        };
    }

    /**
     * What {@link #read(Path, double)} would give, known without reading the samples: the channel labels and
     * units from the header (CSV first line, OpenSim header, .npy sidecar) and the sampling rate where the header
     * states it. A file whose header cannot be read gives a spec with everything unknown: reading it reports the
     * problem with its line.
     */
    public static DataSpec peek(Path file, double fsIfNoTime) {
        try {
            return switch (extension(file)) {
                case ".csv" -> CsvSignalFormat.peek(file, fsIfNoTime);
                case ".sto", ".mot" -> OpenSimStorage.peek(file);
                case ".npy" -> ResultFiles.peekSignal(file);
                default -> DataSpec.ofType(DataTypes.SIGNAL);
            };
        } catch (DataException | java.io.UncheckedIOException e) {
            return DataSpec.ofType(DataTypes.SIGNAL);
        }
    }

    /** Writes a signal in the format of the extension ({@code .npy} also writes the {@code .json} sidecar). */
    public static void write(Signal signal, Path file) {
        switch (extension(file)) {
            case ".csv" -> CsvSignalFormat.write(signal, file);
            case ".sto", ".mot" -> OpenSimStorage.write(signal, file);
            case ".npy" -> ResultFiles.write(signal, file);
            default -> throw unsupported(file);
        }
    }

    /** Whether the extension of the file is one of {@link #EXTENSIONS}. */
    public static boolean isSupported(Path file) {
        return EXTENSIONS.contains(extension(file));
    }

    private static String extension(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(dot) : "";
    }

    private static DataException unsupported(Path file) {
        return new DataException(file + ": unsupported signal file extension; supported: .csv, .sto, .mot, "
                + ".npy (with its .json sidecar)");
    }
}
