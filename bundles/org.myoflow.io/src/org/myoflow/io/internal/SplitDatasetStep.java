package org.myoflow.io.internal;

import java.util.Map;

import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Dataset;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.io.DatasetSplits;
import org.osgi.service.component.annotations.Component;

/** One fold of an evaluation split ({@link DatasetSplits}): train and test datasets. */
@Component(service = StepProvider.class)
public final class SplitDatasetStep implements StepProvider {

    public static final String ID = "org.myoflow.io.split";

    /** Parameters of {@link SplitDatasetStep}. */
    public static final class Settings {
        @Param(description = "LEAVE_TRIAL_OUT (one fold per trial), LEAVE_SUBJECT_OUT (one fold per subject) or "
                + "K_FOLD (k seeded random parts)")
        public DatasetSplits.Method method = DatasetSplits.Method.LEAVE_TRIAL_OUT;

        @Param(description = "The fold to output, 0-based (sweep it to run every fold)", min = 0)
        public int fold = 0;

        @Param(description = "Number of folds of K_FOLD", min = 2, appliesWhen = "method=K_FOLD")
        public int k = 5;

        @Param(description = "Seed of the K_FOLD permutation (independent of the experiment seed, so that "
                + "every fold of a sweep shares one permutation)", appliesWhen = "method=K_FOLD")
        public long seed = 0;
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Split dataset")
            .category("Datasets")
            .description("Splits a dataset into training and test trials for one fold of leave-trial-out, "
                    + "leave-subject-out or seeded k-fold cross-validation; deterministic, trial order kept.")
            .input("dataset", DataTypes.DATASET, "the trials")
            .output("train", DataTypes.DATASET, "the training trials")
            .output("test", DataTypes.DATASET, "the test trials")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return SplitDatasetStep::run;
    }

    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        return Map.of("train", DataSpec.ofType(DataTypes.DATASET), "test", DataSpec.ofType(DataTypes.DATASET));
    }

    private static void run(StepContext ctx) {
        Settings s = ctx.settings(Settings.class);
        Dataset d = ctx.input("dataset", Dataset.class);
        DatasetSplits.Split split = DatasetSplits.split(d, s.method, s.fold, s.k, s.seed);
        ctx.logger().log(System.Logger.Level.INFO, () -> "fold " + s.fold + " of " + split.folds() + ": "
                + split.train().size() + " training, " + split.test().size() + " test trial(s)");
        ctx.output("train", split.train());
        ctx.output("test", split.test());
    }
}
