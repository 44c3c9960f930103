package org.myoflow.activation.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.myoflow.activation.lfads.AutoLfads;
import org.myoflow.activation.lfads.LfadsHyperparameters;
import org.myoflow.activation.lfads.LfadsTraining;
import org.myoflow.activation.lfads.LocalProcessLauncher;
import org.myoflow.activation.lfads.MemberLauncher;
import org.myoflow.activation.lfads.ProcessRunner;
import org.myoflow.activation.lfads.SlurmLauncher;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.Models;
import org.osgi.service.component.annotations.Component;

/**
 * Step {@code org.myoflow.activation.lfads}: trains an LFADS-style model on one to four recordings of the same
 * channels (AutoLFADS search or fixed hyper-parameters) and estimates the activation of the first recording with
 * the exported ONNX model; optionally saves the model to the user's model folder.
 */
@Component(service = StepProvider.class)
public final class LfadsStep implements StepProvider {

    public static final String ID = "org.myoflow.activation.lfads";

    static final String KESHTKARAN_2022 = "Keshtkaran MR, Sedler AR, Chowdhury RH, Tandon R, Basrai D, Nguyen SL, "
            + "Sohn H, Jazayeri M, Miller LE, Pandarinath C (2022) A large-scale neural network training framework for "
            + "generalized estimation of single-trial population dynamics. Nat Methods 19:1572-1577";
    static final String PANDARINATH_2018 = "Pandarinath C, O'Shea DJ, Collins J, et al. (2018) Inferring single-trial "
            + "neural population dynamics using sequential auto-encoders. Nat Methods 15:805-815";

    static final String[] EXTRA = {"emg2", "emg3", "emg4"};

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("LFADS activation (train + estimate)")
            .category("Activation")
            .description("Trains an LFADS-style sequential autoencoder (bidirectional GRU encoders, controller, GRU "
                    + "generator, low-dimensional factors, Gamma likelihood of the rectified, binned EMG; KL and L2 "
                    + "penalties with ramps, dropout, coordinated dropout, temporal-shift augmentation) on the "
                    + "recordings, with an AutoLFADS population-based search over the regularisation "
                    + "hyper-parameters within a time budget, then estimates the activation of 'emg' with the "
                    + "exported ONNX model. The 'search' output holds the search history (one sample per "
                    + "generation).")
            .reference(ActivationSteps.WIMALASENA_2022)
            .reference(KESHTKARAN_2022)
            .reference(PANDARINATH_2018)
            .input(ActivationSteps.EMG, DataTypes.SIGNAL, "EMG to train on and to estimate")
            .optionalInput("emg2", DataTypes.SIGNAL, "A further recording of the same channels to train on")
            .optionalInput("emg3", DataTypes.SIGNAL, "A further recording of the same channels to train on")
            .optionalInput("emg4", DataTypes.SIGNAL, "A further recording of the same channels to train on")
            .optionalInput("trials", DataTypes.DATASET, "A dataset whose trials (their trialsRole signal, the "
                    + "channels of 'emg') are further recordings to train on")
            .output(ActivationSteps.ACTIVATION, DataTypes.SIGNAL, "Activation estimate of 'emg' per channel at the "
                    + "bin rate, in units of each channel's scale percentile (over all recordings)")
            .output("search", DataTypes.SIGNAL, "Search history: per member, validation loss, a diverged flag "
                    + "(a diverged member's loss is shown as the search's worst finite loss) and hyper-parameters at "
                    + "the end of each generation (one sample per generation); without search, one sample of the "
                    + "hyper-parameters")
            .settings(LfadsSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return LfadsStep::run;
    }

    /**
     * Refuses further recordings on other channels than 'emg' and a band-pass above the Nyquist frequency; the
     * activation has the EMG's channels.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        LfadsSettings s = context.settings(LfadsSettings.class);
        DataSpec emg = context.inputSpec(ActivationSteps.EMG).orElseThrow();
        for (String port : EXTRA) {
            context.inputSpec(port).ifPresent(o -> {
                if (o.channelsKnown() && emg.channelsKnown() && !o.channelLabels().equals(emg.channelLabels())) {
                    String first = emg.channelLabels().stream().filter(l -> !o.hasChannel(l)).findFirst()
                            .orElse(null);
                    context.problem(port, first, port + " has channels " + o.channelLabels() + ", emg has "
                            + emg.channelLabels() + "; every training recording needs the same channels");
                }
            });
        }
        ActivationSteps.checkBandPass(context, s, emg);
        Map<String, DataSpec> out = new java.util.LinkedHashMap<>();
        out.put(ActivationSteps.ACTIVATION, ActivationSteps.activation(emg));
        out.put("search", context.outputType("search"));
        return out;
    }

    private static void run(StepContext context) {
        LfadsSettings s = context.settings(LfadsSettings.class);
        List<ParameterSchema.Problem> problems = s.check();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters: " + problems);
        }
        List<Signal> recordings = new ArrayList<>();
        recordings.add(context.input(ActivationSteps.EMG, Signal.class));
        for (String port : EXTRA) {
            Optional<Signal> o = context.optionalInput(port, Signal.class);
            o.ifPresent(recordings::add);
        }
        context.optionalInput("trials", org.myoflow.core.data.Dataset.class)
                .ifPresent(d -> recordings.addAll(trialRecordings(d, s.trialsRole.strip(), recordings.get(0))));
        String name = s.saveAs.isEmpty() ? "lfads-" + context.nodeId() : s.saveAs;
        LfadsTraining.Result r;
        try {
            r = LfadsTraining.train(recordings, s.training(context.seed()), name, context.progress(),
                    population(s, context));
        } catch (ModelException e) {
            throw new DataException("LFADS model: " + e.getMessage(), e);
        }
        System.Logger log = context.logger();
        log.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "LFADS trained in %.1f s on %d windows "
                + "(%d validation): %s", r.trainSeconds(), r.trainingWindows(), r.validationWindows(),
                r.hyperparameters()));
        if (!s.saveAs.isEmpty()) {
            Path folder = Models.saveFolder(context, s.saveAs);
            ModelCard written = ModelRegistry.writeModel(folder, r.onnx(), r.card());
            log.log(System.Logger.Level.INFO, "LFADS model saved to " + folder + " (SHA-256 " + written.onnxSha256()
                    + ")");
        }
        Signal emg = recordings.get(0);
        try (var model = r.model()) {
            context.output(ActivationSteps.ACTIVATION, model.estimate(emg));
        }
        context.output("search", history(r, s));
        context.progress().update(1, "done");
    }

    /** The population of the search as the runner parameter chooses it. */
    static AutoLfads.PopulationFactory population(LfadsSettings s, StepContext context) {
        if (!s.search || LfadsSettings.RUNNER_IN_PROCESS.equals(s.runner)) {
            return AutoLfads.InProcessRunner::new;
        }
        Path dir = s.populationFolder.isEmpty() ? context.scratchDirectory().resolve("autolfads")
                : Path.of(s.populationFolder);
        List<String> command = LocalProcessLauncher.productCommand();
        MemberLauncher launcher;
        if (LfadsSettings.RUNNER_SLURM.equals(s.runner)) {
            List<String> options;
            try {
                options = SlurmLauncher.resources(s.cpus, s.mem, s.time, s.partition, s.account,
                        s.profile.isEmpty() ? null : Path.of(s.profile));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("profile: cannot read " + s.profile + ": " + e.getMessage(), e);
            }
            launcher = new SlurmLauncher(command, options);
        } else {
            launcher = new LocalProcessLauncher(command, s.parallel);
        }
        context.logger().log(System.Logger.Level.INFO, "AutoLFADS members trained by the " + s.runner
                + " runner in " + dir);
        return ProcessRunner.factory(dir, launcher);
    }

    /**
     * Each trial's signal of the role with the channels of {@code emg}, in its order; a trial lacking the role or a
     * channel is named (1-based) with its label.
     */
    static List<Signal> trialRecordings(org.myoflow.core.data.Dataset d, String role, Signal emg) {
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            org.myoflow.core.data.Trial t = d.trial(i);
            String where = "trials: trial " + (i + 1) + " (" + t.label(i + 1) + ")";
            Signal sig = t.signal(role).orElseThrow(() -> new DataException(where + " has no signal of role '" + role
                    + "' (it has: " + String.join(", ", t.signals().keySet()) + ")"));
            Signal.Builder b = Signal.builder(sig.samplingRate()).startTime(sig.startTime()).quantity(sig.quantity());
            for (int c = 0; c < emg.channelCount(); c++) {
                String l = emg.labels().get(c);
                int k = sig.indexOf(l);
                if (k < 0) {
                    throw new DataException(where + ", role '" + role + "': no channel '" + l + "' (it has "
                            + sig.labels() + "); every training recording needs the channels of 'emg'");
                }
                b.channel(l, sig.units().get(k), sig.channel(k));
            }
            out.add(b.build());
        }
        return out;
    }

    /** The search history as a signal with one sample per generation. */
    static Signal history(LfadsTraining.Result r, LfadsSettings s) {
        AutoLfads.Result search = r.search();
        Signal.Builder b = Signal.builder(1).quantity("autolfads-history");
        if (search == null) {
            LfadsHyperparameters h = r.hyperparameters();
            h.asMap().forEach((k, x) -> b.channel(k, "", new double[] {x}));
            return b.build();
        }
        int gens = search.generations();
        int pop = s.population;
        double[][] loss = new double[pop][gens];
        double[][][] hp = new double[pop][LfadsHyperparameters.NAMES.length][gens];
        for (AutoLfads.Entry e : search.history()) {
            loss[e.member()][e.generation() - 1] = e.validationLoss();
            double[] v = e.hyperparameters().asMap().values().stream().mapToDouble(Double::doubleValue).toArray();
            for (int i = 0; i < v.length; i++) {
                hp[e.member()][i][e.generation() - 1] = v[i];
            }
        }
        double worst = Double.NEGATIVE_INFINITY;
        for (double[] l : loss) {
            for (double v : l) {
                if (Double.isFinite(v)) {
                    worst = Math.max(worst, v);
                }
            }
        }
        for (int m = 0; m < pop; m++) {
            b.channel("member" + (m + 1) + ".validationLoss", "nats", finite(loss[m], worst));
            double[] diverged = new double[gens];
            for (int g = 0; g < gens; g++) {
                diverged[g] = Double.isFinite(loss[m][g]) ? 0 : 1;
            }
            b.channel("member" + (m + 1) + ".diverged", "", diverged);
        }
        for (int m = 0; m < pop; m++) {
            for (int i = 0; i < LfadsHyperparameters.NAMES.length; i++) {
                b.channel("member" + (m + 1) + "." + LfadsHyperparameters.NAMES[i], "", hp[m][i]);
            }
        }
        return b.build();
    }

    /** Non-finite losses (diverged members) shown as the worst finite loss of the search. */
    private static double[] finite(double[] v, double worst) {
        double[] o = v.clone();
        for (int i = 0; i < o.length; i++) {
            if (!Double.isFinite(o[i])) {
                o[i] = Double.isFinite(worst) ? worst : 0;
            }
        }
        return o;
    }
}
