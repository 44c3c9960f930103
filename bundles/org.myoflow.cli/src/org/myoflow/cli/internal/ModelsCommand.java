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
import org.myoflow.ml.ModelImporter;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.ModelRegistry.ModelEntry;

import com.google.gson.GsonBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * {@code myoflow models}: every model in the user, lab-shared and installation folders, in lookup order, with its
 * card's key facts and whether it is usable: {@code model.onnx} matches the card's SHA-256, ONNX Runtime loads it
 * and its inputs and outputs are the card's. A broken model is listed with its problem; the listing itself never
 * fails. {@code myoflow models import FILE --biomime --name NAME} brings a BioMime
 * ONNX export in, through the {@link ModelImporter} service the surrogate bundle contributes.
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
            // the digest alone says the file is the one the card was written for, not that it is a model: load it
            // (ONNX Runtime) and compare its inputs and outputs with the card's
            ModelRegistry.verify(e, null);
            m.put("status", "ok");
        } catch (ModelException ex) {
            m.putIfAbsent("version", "?");
            m.put("status", switch (ex.kind()) {
                case CORRUPTED -> "CORRUPTED";
                case MALFORMED_CARD -> "BAD-CARD";
                case NOT_FOUND -> "MISSING";
                case SIGNATURE_MISMATCH -> "MISMATCH";
                default -> "UNREADABLE";
            });
            m.put("problem", ex.getMessage());
        } catch (RuntimeException | LinkageError ex) {
            m.put("status", "UNREADABLE");
            m.put("problem", e.onnxFile() + ": cannot be loaded: " + ex);
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

    /**
     * {@code myoflow models import FILE --FORMAT --name NAME [--OPTION VALUE]... [--to DIR]}: an external model into
     * a model folder, by the {@link ModelImporter} service whose format is FORMAT (BioMime: {@code --biomime}, from
     * the surrogate bundle). The format's options are numbers ({@code --ied 8.75} or {@code --ied=8.75}).
     */
    @Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = { "Import an external ONNX model with the importer of its format (--biomime: BioMime "
                    + "generators, conditions [N,6] -> MUAPs [N,96,10,32], become 'muap-surrogate' models; options "
                    + "--ied MM, --fs HZ, --scale FACTOR, --unit-mv MV).",
                "Formats are contributed by the installed bundles; an unknown option is refused naming it." })
    static final class Import implements Callable<Integer> {

        @ParentCommand
        ModelsCommand parent;

        @Parameters(index = "0", paramLabel = "FILE", description = "The .onnx file.")
        Path file;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Model name (folder name): "
                + "a letter or digit, then letters, digits, '.', '_' or '-', at most 64 in all.")
        String name;

        @Option(names = "--overwrite", description = "Replace an existing model of that name in the target folder.")
        boolean overwrite;

        @Option(names = "--to", paramLabel = "DIR", description = "Registry folder to write into (default: the user "
                + "models folder).")
        Path to;

        @Unmatched
        List<String> rest = new ArrayList<>();

        @Override
        public Integer call() {
            Cli cli = parent.cli;
            if (!name.matches(ModelRegistry.NAME_PATTERN)) {
                cli.err.println("myoflow: models import: the model name \"" + escape(name) + "\" is not allowed: a "
                        + "letter or digit, then letters, digits, '.', '_' or '-', at most 64 characters");
                return ExitCodes.INVALID;
            }
            List<ModelImporter> importers = cli.importers.get();
            ModelImporter importer = null;
            Map<String, Double> options = new LinkedHashMap<>();
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                if (!a.startsWith("--") || a.length() == 2) {
                    cli.err.println("myoflow: models import: unexpected argument '" + a + "'");
                    return ExitCodes.INVALID;
                }
                String key = a.substring(2);
                String value = null;
                int eq = key.indexOf('=');
                if (eq >= 0) {
                    value = key.substring(eq + 1);
                    key = key.substring(0, eq);
                }
                String k = key;
                ModelImporter named = importers.stream().filter(m -> m.format().equals(k)).findFirst().orElse(null);
                boolean flag = value == null && (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--"));
                if (named == null && flag) {
                    cli.err.println("myoflow: models import: no importer for --" + key + " is installed; "
                            + installed(importers));
                    return ExitCodes.INVALID;
                }
                if (named != null && value == null) {
                    if (importer != null && importer != named) {
                        cli.err.println("myoflow: models import: pass one format, got --" + importer.format()
                                + " and --" + named.format());
                        return ExitCodes.INVALID;
                    }
                    importer = named;
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= rest.size()) {
                        cli.err.println("myoflow: models import: option --" + key + " needs a value");
                        return ExitCodes.INVALID;
                    }
                    value = rest.get(++i);
                }
                try {
                    options.put(key, Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    cli.err.println("myoflow: models import: --" + key + " needs a number, got '" + value + "'");
                    return ExitCodes.INVALID;
                }
            }
            if (importer == null) {
                cli.err.println("myoflow: models import: name the format of " + file + ": pass "
                        + (importers.isEmpty() ? "the flag of an installed importer (none is installed)"
                                : String.join(" or ", importers.stream().map(m -> "--" + m.format()).sorted()
                                        .toList())));
                return ExitCodes.INVALID;
            }
            ModelImporter chosen = importer;
            for (String k : options.keySet()) {
                if (chosen.options().stream().noneMatch(o -> o.name().equals(k))) {
                    cli.err.println("myoflow: models import: unknown option --" + k + " of --" + chosen.format()
                            + "; expected " + String.join(", ", chosen.options().stream().map(o -> "--" + o.name())
                                    .toList()));
                    return ExitCodes.INVALID;
                }
            }
            if (!Files.isRegularFile(file)) {
                cli.err.println("myoflow: models import: no such file: " + file);
                return ExitCodes.INVALID;
            }
            Path target = to != null ? to : ModelRegistry.userFolder();
            Path existing = target.resolve(name);
            if (Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !overwrite) {
                cli.err.println("myoflow: models import: a model named '" + name + "' exists in " + target
                        + ": pass --overwrite to replace it, or choose another --name");
                return ExitCodes.INVALID;
            }
            try {
                chosen.importModel(file, name, target, options).forEach(cli.out::println);
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

        /** The name with control characters, quotes and backslashes escaped (\n, \t, \u0001, ...). */
        static String escape(String s) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    default -> {
                        if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.toString();
        }

        private static String installed(List<ModelImporter> importers) {
            return importers.isEmpty() ? "none is installed"
                    : "installed: " + String.join(", ", importers.stream().map(m -> "--" + m.format()).sorted()
                            .toList());
        }
    }
}
