package org.myoflow.io.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.myoflow.core.data.Data;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Dataset;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.data.Roles;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.Trial;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.core.spi.SubPipelineStep;
import org.myoflow.core.spi.SubPipelines;
import org.osgi.service.component.annotations.Component;

/**
 * Maps a sub-pipeline (another pipeline of the same experiment file) over every trial of a dataset: the trials run
 * in parallel (as many at once as the run has worker threads, each trial's pipeline on one thread), each with the
 * trial bound for its {@code trial-signal} nodes and the run's result cache keyed by the trial's content. The output
 * is the input dataset with the chosen sub-pipeline outputs added to each trial as new roles.
 */
@Component(service = StepProvider.class)
public final class MapTrialsStep implements StepProvider, SubPipelineStep {

    public static final String ID = "org.myoflow.io.map";
    public static final String INPUT = "dataset";
    public static final String OUTPUT = "dataset";

    /** Parameters of {@link MapTrialsStep}. */
    public static final class Settings {
        @Param(description = "Name of the pipeline (in this experiment file) to run for every trial; its "
                + "trial-signal nodes read the trial", required = true)
        public String pipeline = "";

        @Param(description = "Comma-separated sub-pipeline outputs to keep, node.port or node.port=role; empty "
                + "keeps every signal output of the nodes no other node reads, as role node.port")
        public String outputs = "";
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Map over trials")
            .category("Datasets")
            .description("Runs another pipeline of this experiment once per trial of a dataset (trials in parallel, "
                    + "results cached per trial content) and adds its outputs to each trial as new signal roles.")
            .input(INPUT, DataTypes.DATASET, "the trials")
            .output(OUTPUT, DataTypes.DATASET, "the trials with the sub-pipeline's outputs as new roles")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return MapTrialsStep::run;
    }

    @Override
    public String pipeline(Map<String, Object> parameters) {
        Object p = parameters.get("pipeline");
        return p == null ? "" : p.toString().strip();
    }

    /** One kept output: sub-pipeline node and port, and the role it gets. */
    record Kept(String node, String port, String role) {
        String key() {
            return node + "." + port;
        }
    }

    /** Parses {@code outputs}; a problem names the entry. */
    static List<Kept> kept(String outputs) {
        List<Kept> out = new ArrayList<>();
        for (String e : outputs.split(",")) {
            if (e.isBlank()) {
                continue;
            }
            String s = e.strip();
            int eq = s.indexOf('=');
            String ref = eq < 0 ? s : s.substring(0, eq).strip();
            int dot = ref.lastIndexOf('.');
            if (dot <= 0 || dot == ref.length() - 1) {
                throw new IllegalArgumentException("'" + Excerpt.of(s, 80) + "' is not node.port or node.port=role");
            }
            String role = eq < 0 ? ref : s.substring(eq + 1).strip();
            if (!Roles.valid(role)) {
                throw new IllegalArgumentException("'" + Excerpt.of(s, 80) + "': '" + Excerpt.of(role, 80)
                        + "' is not a role (1-64 letters, digits, '.', '_' or '-', starting with a letter)");
            }
            out.add(new Kept(ref.substring(0, dot), ref.substring(dot + 1), role));
        }
        return out;
    }

    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        Settings s = context.settings(Settings.class);
        try {
            kept(s.outputs);
        } catch (IllegalArgumentException e) {
            context.parameterProblem("outputs", e.getMessage());
        }
        context.pipelines().ifPresent(p -> {
            for (String why : p.check(s.pipeline.strip())) {
                context.parameterProblem("pipeline", why);
            }
        });
        return Map.of(OUTPUT, DataSpec.ofType(DataTypes.DATASET));
    }

    private static void run(StepContext ctx) throws Exception {
        Settings s = ctx.settings(Settings.class);
        Dataset in = ctx.input(INPUT, Dataset.class);
        SubPipelines subs = ctx.pipelines();
        String name = s.pipeline.strip();
        List<Kept> kept = kept(s.outputs);
        List<String> sinks = subs.sinks(name);
        int n = in.size();
        int threads = Math.max(1, Math.min(subs.threads(), n));
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "myoflow-map-" + ctx.nodeId());
            t.setDaemon(true);
            return t;
        });
        List<Trial> out = new ArrayList<>();
        try {
            List<Future<Trial>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    Trial t = in.trial(index);
                    Map<String, Data> results;
                    try {
                        results = subs.run(name, t);
                    } catch (DataException e) {
                        throw new DataException("trial " + (index + 1) + " (" + t.label(index + 1) + "): "
                                + e.getMessage(), e);
                    }
                    Trial mapped = t.withSignals(select(results, kept, sinks, name, index, t));
                    ctx.progress().update(finished.incrementAndGet() / (double) n, "trial " + (index + 1) + " of "
                            + n);
                    return mapped;
                }));
            }
            for (Future<Trial> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    for (Future<Trial> g : futures) {
                        g.cancel(true);
                    }
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(c);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (ctx.progress().isCancelled()) {
            throw new CancellationException("run cancelled");
        }
        ctx.output(OUTPUT, new Dataset(out));
    }

    private static Map<String, Signal> select(Map<String, Data> results, List<Kept> kept, List<String> sinks,
            String pipeline, int index, Trial t) {
        Map<String, Signal> add = new LinkedHashMap<>();
        if (kept.isEmpty()) {
            results.forEach((key, d) -> {
                String node = key.substring(0, key.lastIndexOf('.'));
                if (sinks.contains(node) && d instanceof Signal sig) {
                    add.put(key, sig);
                }
            });
            return add;
        }
        for (Kept k : kept) {
            Data d = results.get(k.key());
            if (d == null) {
                throw new IllegalStateException("pipeline '" + pipeline + "' has no output " + k.key()
                        + " (outputs: " + String.join(", ", results.keySet()) + ")");
            }
            if (!(d instanceof Signal sig)) {
                throw new IllegalStateException("pipeline '" + pipeline + "' output " + k.key() + " is "
                        + d.type().id() + ", not a signal: only signals become trial roles");
            }
            add.put(k.role(), sig);
        }
        return add;
    }
}
