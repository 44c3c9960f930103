package org.myoflow.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

import org.myoflow.core.data.DataException;
import org.myoflow.core.engine.NodeResult;
import org.myoflow.core.spi.Progress;
import org.myoflow.ml.ModelRegistry;
import org.myoflow.ml.TrainingRecipe;
import org.myoflow.ml.TrainingRequest;
import org.myoflow.ml.TrainingResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code myoflow train RECIPE}: runs a {@link TrainingRecipe} contributed as a DS service and writes the model
 * into the user's model folder (or {@code --out}). Exit 2 for an unknown recipe or an invalid override, 3 for bad
 * training data, 4 when training fails, 130 when cancelled.
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Train a model with an installed recipe (no RECIPE: list the recipes).")
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RECIPE", description = "Recipe id.")
    String recipeId;

    @Option(names = "--quick", description = "The small variant (seconds), where the recipe has one.")
    boolean quick;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: the recipe's).")
    Long seed;

    @Option(names = { "-o", "--out" }, paramLabel = "DIR",
            description = "Model folder root (default: the user's model folder, $MYOFLOW_MODELS or ~/.myoflow/models).")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a recipe parameter (repeatable).")
    Map<String, String> sets = new LinkedHashMap<>();

    @Override
    public Integer call() {
        List<TrainingRecipe> all = new ArrayList<>(cli.recipes.get());
        all.sort(Comparator.comparing(TrainingRecipe::id));
        if (recipeId == null) {
            all.forEach(r -> cli.out.printf("%-24s %s%s%n", r.id(), r.description(),
                    r.hasQuickVariant() ? " [--quick]" : ""));
            cli.out.println(all.size() + " training recipe(s) installed");
            return ExitCodes.OK;
        }
        TrainingRecipe recipe = all.stream().filter(r -> r.id().equals(recipeId)).findFirst().orElse(null);
        if (recipe == null) {
            cli.err.println("myoflow: no training recipe '" + recipeId + "'; installed: "
                    + all.stream().map(TrainingRecipe::id).toList());
            return ExitCodes.INVALID;
        }
        if (quick && !recipe.hasQuickVariant()) {
            cli.err.println("myoflow: recipe '" + recipeId + "' has no quick variant");
            return ExitCodes.INVALID;
        }
        Path root = out != null ? out : ModelRegistry.userFolder();
        ConsoleProgress display = new ConsoleProgress(cli.err, cli.terminal, 1);
        Progress progress = new Progress() {
            @Override
            public void update(double fraction, String message) {
                display.nodeProgress(recipeId, Math.max(0, Math.min(1, fraction)), message);
            }

            @Override
            public boolean isCancelled() {
                return cli.cancel.get();
            }
        };
        long t0 = System.nanoTime();
        display.nodeStarted(recipeId, "training");
        TrainingResult result;
        try {
            result = recipe.train(new TrainingRequest(quick, seed, root, sets), progress);
        } catch (CancellationException e) {
            endLine();
            cli.err.println("myoflow: cancelled");
            return ExitCodes.CANCELLED;
        } catch (IllegalArgumentException e) {
            endLine();
            cli.err.println("myoflow: train " + recipeId + ": " + e.getMessage());
            return ExitCodes.INVALID;
        } catch (DataException e) {
            endLine();
            cli.err.println("myoflow: train " + recipeId + ": bad training data: " + e.getMessage());
            return ExitCodes.BAD_DATA;
        } catch (RuntimeException e) {
            endLine();
            cli.err.println("myoflow: train " + recipeId + " failed: " + e.getMessage());
            if (System.getProperty("myoflow.debug") != null) {
                e.printStackTrace(cli.err);
            }
            return ExitCodes.STEP_FAILED;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        display.nodeFinished(new NodeResult(recipeId, "training", "", "", "", Map.of(), seed == null ? 0 : seed, null,
                false, ms, Map.of(), Map.of()));
        cli.out.printf(Locale.ROOT, "Trained '%s' in %.1f s; model in %s%n", recipeId, ms / 1000.0,
                result.modelFolder().toAbsolutePath().normalize());
        result.metrics().forEach((k, v) -> cli.out.printf(Locale.ROOT, "  %-20s %.6g%n", k, v));
        return ExitCodes.OK;
    }

    private void endLine() {
        if (cli.terminal) {
            cli.err.println();
        }
    }
}
