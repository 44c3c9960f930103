package org.myoflow.ml;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Brings a model trained elsewhere into a {@link ModelRegistry} folder ({@code model.onnx} + {@code model.json}
 * card), contributed as a DS service ({@code @Component(service = ModelImporter.class)}) by the bundle that knows the
 * format. {@code ./myoflow models import FILE --FORMAT --name NAME [--OPTION VALUE]... [--to DIR]} picks the
 * importer whose {@link #format()} is FORMAT and passes the named options.
 *
 * @since 0.2
 */
public interface ModelImporter {

    /** A numeric option of the import, {@code --name VALUE} on the command line. */
    record Option(String name, String paramLabel, double defaultValue, String description) {
    }

    /** The format's name, lower case, used as the command-line flag ({@code --biomime}). */
    String format();

    /** One line: what files the format covers and what model they become. */
    String description();

    /** The numeric options with their defaults (in the order of the help text). */
    List<Option> options();

    /**
     * Imports the file as model {@code name} under {@code targetRoot}.
     *
     * @param options values of some of {@link #options()} by name; the others take their defaults
     * @return the lines to print: what was imported, where, and the key facts of its card
     * @throws IllegalArgumentException when an option value or the name is refused (a usage error)
     * @throws ModelException           when the file cannot be read or is not of this format
     */
    List<String> importModel(Path file, String name, Path targetRoot, Map<String, Double> options)
            throws ModelException;
}
