package org.myoflow.cli.internal;

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

import com.google.gson.GsonBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code myoflow models}: every model in the user, lab-shared and installation folders, in lookup order, with its
 * card's key facts and whether {@code model.onnx} matches the card's SHA-256. A broken model is listed with its
 * problem; the listing itself never fails.
 */
@Command(name = "models", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "List the trained models (user folder, then lab-shared folder, then installation) and check "
                + "each model.onnx against its card.")
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
}
