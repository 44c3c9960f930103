package org.myoflow.activation.internal;

import java.util.ArrayList;
import java.util.List;

import org.myoflow.activation.lfads.AutoLfads;
import org.myoflow.activation.lfads.LfadsArchitecture;
import org.myoflow.activation.lfads.LfadsHyperparameters;
import org.myoflow.activation.lfads.LfadsTrainer;
import org.myoflow.activation.lfads.LfadsTraining;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.core.spi.Param;

/** Parameters of the LFADS training step: preprocessing, windows, network sizes, search or fixed training. */
public class LfadsSettings extends PreprocessingSettings {

    @Param(description = "With the trials input: the role of the EMG in each trial (its channels as in 'emg')")
    public String trialsRole = "emg";

    @Param(description = "Bins per window the model sees (e.g. 100 bins of 10 ms = 1 s)", min = 8, max = 2000)
    public int windowBins = 100;

    @Param(description = "Overlap of the training windows (more overlap, more training windows)", min = 0,
            max = 1999)
    public int trainingOverlap = 75;

    @Param(description = "Overlap of the windows when estimating; the overlaps are cross-faded", min = 0, max = 1999)
    public int inferenceOverlap = 50;

    @Param(description = "Run the AutoLFADS population-based search over the regularisation hyper-parameters; "
            + "off trains once with the values below")
    public boolean search = true;

    @Param(description = "AutoLFADS population size", min = 2, max = 64,
            appliesWhen = "search=true")
    public int population = 4;

    @Param(description = "Epochs each member trains between two exploit/explore steps", min = 1, max = 100,
            appliesWhen = "search=true")
    public int epochsPerGeneration = 3;

    @Param(description = "Most generations of the search", min = 1, max = 1000,
            appliesWhen = "search=true")
    public int generations = 20;

    @Param(description = "Wall-clock budget of the search; no generation starts that would end after it", unit = "s",
            min = 1, max = 1e6,
            appliesWhen = "search=true")
    public double budget = 300;

    @Param(description = "Epochs when the search is off", min = 1, max = 10000,
            appliesWhen = "search=false")
    public int epochs = 40;

    @Param(description = "Adam learning rate (without search; the search starts one member here)", min = 1e-4,
            max = 1e-2)
    public double learningRate = 2e-3;

    @Param(description = "Dropout rate", min = 0, max = 0.6)
    public double dropout = 0.1;

    @Param(description = "Coordinated-dropout rate: fraction of input entries hidden from the encoders and scored",
            min = 0, max = 0.7)
    public double coordinatedDropout = 0.3;

    @Param(description = "Weight of the initial-condition KL divergence", min = 1e-4, max = 10)
    public double klIcScale = 1;

    @Param(description = "Weight of the inferred-input KL divergence", min = 1e-4, max = 10)
    public double klCoScale = 1;

    @Param(description = "Weight of the L2 penalty on the recurrent weights", min = 1e-5, max = 10)
    public double l2Scale = 1;

    @Param(description = "State size per direction of the two bidirectional encoders", min = 1, max = 1024)
    public int encoder = 64;

    @Param(description = "State size of the controller", min = 1, max = 1024)
    public int controller = 32;

    @Param(description = "State size of the generator", min = 1, max = 1024)
    public int generator = 64;

    @Param(description = "Dimension of the initial-condition latent", min = 1, max = 1024)
    public int icDim = 16;

    @Param(description = "Dimension of the inferred inputs", min = 1, max = 64)
    public int coDim = 2;

    @Param(description = "Number of latent factors", min = 1, max = 256)
    public int factors = 8;

    @Param(description = "Windows per update", min = 1, max = 4096)
    public int batchSize = 32;

    @Param(description = "Fraction of each recording's windows (its end) held out for validation", min = 0, max = 0.49)
    public double validationFraction = 0.15;

    @Param(description = "Who trains the AutoLFADS members: in-process (one after the other in this process), "
            + "processes (a process each on this machine, 'parallel' at a time) or slurm (one SLURM array job per "
            + "generation, a task per member); the same seed gives the same search with each",
            appliesWhen = "search=true")
    public String runner = RUNNER_IN_PROCESS;

    @Param(description = "Members trained at a time by the processes runner", min = 1, max = 64,
            appliesWhen = "search=true")
    public int parallel = 2;

    @Param(description = "Folder for the population's data, checkpoints, scores and logs with the processes and slurm "
            + "runners (absolute; empty: the run's scratch folder). With slurm it must be on a file system the "
            + "compute nodes share", appliesWhen = "search=true")
    public String populationFolder = "";

    @Param(description = "slurm runner: CPUs per member task (sbatch --cpus-per-task; 0: the cluster's default)",
            min = 0, max = 1024, appliesWhen = "search=true")
    public int cpus = 0;

    @Param(description = "slurm runner: memory per member task as sbatch takes it, e.g. 4G (empty: the cluster's "
            + "default)", appliesWhen = "search=true")
    public String mem = "";

    @Param(description = "slurm runner: time limit per member task, e.g. 30 or 1:00:00 (empty: the partition's)",
            appliesWhen = "search=true")
    public String time = "";

    @Param(description = "slurm runner: partition (empty: the default)", appliesWhen = "search=true")
    public String partition = "";

    @Param(description = "slurm runner: account charged (empty: the user's default)", appliesWhen = "search=true")
    public String account = "";

    @Param(description = "slurm runner: a profile file of further sbatch options, one per line (absolute; empty: "
            + "none); the options above override it", appliesWhen = "search=true")
    public String profile = "";

    @Param(description = "Save the trained model under this name in the user's model folder (empty: do not save)")
    public String saveAs = "";

    static final String RUNNER_IN_PROCESS = "in-process";
    static final String RUNNER_PROCESSES = "processes";
    static final String RUNNER_SLURM = "slurm";
    static final List<String> RUNNERS = List.of(RUNNER_IN_PROCESS, RUNNER_PROCESSES, RUNNER_SLURM);

    public LfadsSettings() {
        binWidth = 10;
    }

    LfadsTraining.Settings training(long seed) {
        LfadsArchitecture sizes = new LfadsArchitecture(1, windowBins, encoder, encoder, controller, generator, icDim,
                coDim, factors);
        LfadsTrainer.Options options = new LfadsTrainer.Options(batchSize, 3, 6, 300, 1, seed);
        LfadsHyperparameters fixed = fixed();
        AutoLfads.Options s = search ? new AutoLfads.Options(population, epochsPerGeneration, generations, budget,
                0.25, 0.2, AutoLfads.Options.defaultRanges(), seed) : null;
        return new LfadsTraining.Settings(preprocessing(), windowBins, trainingOverlap, inferenceOverlap, sizes, options,
                s, fixed, epochs, validationFraction);
    }

    LfadsHyperparameters fixed() {
        return new LfadsHyperparameters(learningRate, dropout, coordinatedDropout, klIcScale, klCoScale, l2Scale);
    }

    @Override
    public List<ParameterSchema.Problem> check() {
        List<ParameterSchema.Problem> p = new ArrayList<>(super.check());
        if (trainingOverlap >= windowBins) {
            p.add(new ParameterSchema.Problem("trainingOverlap", "trainingOverlap " + trainingOverlap
                    + " must be below windowBins " + windowBins));
        }
        if (inferenceOverlap >= windowBins) {
            p.add(new ParameterSchema.Problem("inferenceOverlap", "inferenceOverlap " + inferenceOverlap
                    + " must be below windowBins " + windowBins));
        }
        p.addAll(ModelRegistry.checkSaveAs("saveAs", saveAs));
        if (!RUNNERS.contains(runner)) {
            p.add(new ParameterSchema.Problem("runner", "runner '" + runner + "' is none of " + RUNNERS));
        }
        if (!populationFolder.isEmpty() && !java.nio.file.Path.of(populationFolder).isAbsolute()) {
            p.add(new ParameterSchema.Problem("populationFolder", "populationFolder '" + populationFolder
                    + "' must be an absolute path (or empty: the run's scratch folder)"));
        }
        if (!profile.isEmpty() && !java.nio.file.Path.of(profile).isAbsolute()) {
            p.add(new ParameterSchema.Problem("profile", "profile '" + profile + "' must be an absolute path"));
        }
        if (RUNNER_SLURM.equals(runner)) {
            try {
                org.myoflow.activation.lfads.SlurmLauncher.resources(null, mem, time, partition, account, null);
            } catch (IllegalArgumentException | java.io.IOException e) {
                String name = e.getMessage().startsWith("--") ? e.getMessage().substring(2).split(" ")[0] : "runner";
                p.add(new ParameterSchema.Problem(name, e.getMessage()));
            }
        }
        return p;
    }
}
