package org.myoflow.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.ModelRegistry.ModelEntry;
import org.myoflow.surrogate.BiomimeImport;

import com.google.gson.GsonBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code myoflow models}: every model in the user, lab-shared and installation folders, in lookup order, with its
 * card's key facts and whether {@code model.onnx} matches the card's SHA-256. A broken model is listed with its
 * problem; the listing itself never fails. {@code myoflow models import FILE --biomime --name NAME} brings a BioMime
 * ONNX export in ({@link BiomimeImport}).
 */
@Command(name = "models", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "List the trained models (user folder, then lab-shared folder, then installation) and check "
                + "each model.onnx against its card.", subcommands = ModelsCommand.Import.class)
final class ModelsCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() {
        ModelRegistry registry = cli.models.get();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ModelEntry e : registry.list()) {
            rows.add(describe(e));
        }
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            List<Map<String, Object>> roots = new ArrayList<>();
            registry.roots().forEach(r -> roots.add(Map.of("source", r.source().name(), "path", r.path().toString())));
            all.put("folders", roots);
            all.put("models", rows);
            cli.out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                    .serializeSpecialFloatingPointValues().create().toJson(all));
            return ExitCodes.OK;
        }
        registry.roots().forEach(r -> cli.out.printf("%-12s %s%n", r.source(), r.path()));
        cli.out.println();
        for (Map<String, Object> r : rows) {
            cli.out.printf("%-24s %-9s %-18s %-12s %-10s %s%n", r.get("name"), r.getOrDefault("version", "?"),
                    r.getOrDefault("task", "?"), r.get("source"), r.get("status"), details(r));
        }
        long broken = rows.stream().filter(r -> !"ok".equals(r.get("status"))).count();
        cli.out.println(rows.size() + " model(s)" + (broken == 0 ? "" : ", " + broken + " not usable"));
        return ExitCodes.OK;
    }

    private static Map<String, Object> describe(ModelEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("source", e.source().name());
        m.put("folder", e.folder().toString());
        m.put("active", e.active());
        try {
            ModelCard card = e.card();
            m.put("version", card.version());
            m.put("task", card.task());
            m.put("metrics", card.metrics());
            ModelRegistry.verifyDigest(e);
            m.put("status", "ok");
        } catch (ModelException ex) {
            m.put("status", switch (ex.kind()) {
                case CORRUPTED -> "CORRUPTED";
                case MALFORMED_CARD -> "BAD-CARD";
                case NOT_FOUND -> "MISSING";
                default -> "UNREADABLE";
            });
            m.put("problem", ex.getMessage());
        }
        return m;
    }

    private static String details(Map<String, Object> r) {
        StringBuilder b = new StringBuilder();
        if (!Boolean.TRUE.equals(r.get("active"))) {
            b.append("(shadowed) ");
        }
        if (r.get("metrics") instanceof Map<?, ?> metrics) {
            metrics.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%s=%.4g ", k, (Double) v)));
        }
        if (r.get("problem") != null) {
            b.append(r.get("problem").toString().replace('\n', ' '));
        }
        return b.toString().trim();
    }

    /** {@code myoflow models import}: a BioMime ONNX export into a model folder. */
    @Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "Import an external ONNX model. Only BioMime generators (--biomime: conditions [N,6] -> "
                    + "MUAPs [N,96,10,32]) are supported; the model becomes a 'muap-surrogate' model.")
    static final class Import implements Callable<Integer> {

        @ParentCommand
        ModelsCommand parent;

        @Parameters(index = "0", paramLabel = "FILE", description = "The .onnx file.")
        Path file;

        @Option(names = "--biomime", description = "The file is a BioMime generator export (required).")
        boolean biomime;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Model name (folder name).")
        String name;

        @Option(names = "--ied", paramLabel = "MM", description = "Inter-electrode distance of the 10x32 grid in mm "
                + "(default: ${DEFAULT-VALUE}).")
        double iedMm = BiomimeImport.Options.DEFAULT_IED_MM;

        @Option(names = "--fs", paramLabel = "HZ", description = "Sampling rate of the 96 samples in Hz "
                + "(default: ${DEFAULT-VALUE}).")
        double fsHz = BiomimeImport.Options.DEFAULT_FS_HZ;

        @Option(names = "--scale", paramLabel = "FACTOR", description = "Amplitude scale BioMime was trained with "
                + "(default: ${DEFAULT-VALUE}).")
        double scale = BiomimeImport.Options.DEFAULT_SCALE;

        @Option(names = "--unit-mv", paramLabel = "MV", description = "mV per unit of the de-scaled output "
                + "(default: ${DEFAULT-VALUE}, i.e. volts).")
        double unitMv = BiomimeImport.Options.DEFAULT_DESCALED_UNIT_MV;

        @Option(names = "--to", paramLabel = "DIR", description = "Registry folder to write into (default: the user "
                + "models folder).")
        Path to;

        @Override
        public Integer call() {
            Cli cli = parent.cli;
            if (!biomime) {
                cli.err.println("myoflow: models import: only BioMime exports can be imported; pass --biomime");
                return ExitCodes.INVALID;
            }
            if (!Files.isRegularFile(file)) {
                cli.err.println("myoflow: models import: no such file: " + file);
                return ExitCodes.INVALID;
            }
            Path target = to != null ? to : ModelRegistry.userFolder();
            BiomimeImport.Options options;
            try {
                options = BiomimeImport.Options.defaults().withInterElectrodeDistanceMm(iedMm)
                        .withSamplingRateHz(fsHz).withAmplitudeScale(scale).withDescaledUnitMv(unitMv);
            } catch (IllegalArgumentException e) {
                cli.err.println("myoflow: models import: " + e.getMessage());
                return ExitCodes.INVALID;
            }
            try {
                ModelEntry e = BiomimeImport.importModel(file, name, target, options);
                ModelCard card = e.card();
                cli.out.printf(Locale.ROOT, "imported BioMime model '%s' into %s%n", name,
                        e.folder().toAbsolutePath());
                cli.out.printf(Locale.ROOT, "  %s%n  outputScale %.6g mV per output unit, grid 10x32 at %.4g mm, "
                        + "%.6g Hz%n", card.signature(), options.outputScale(), iedMm, fsHz);
                return ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                cli.err.println("myoflow: models import: " + e.getMessage());
                return ExitCodes.INVALID;
            } catch (ModelException e) {
                cli.err.println("myoflow: models import: " + e.getMessage());
                return switch (e.kind()) {
                    case NOT_FOUND, SIGNATURE_MISMATCH -> ExitCodes.INVALID;
                    default -> ExitCodes.BAD_DATA;
                };
            }
        }
    }
}
