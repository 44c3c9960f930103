package org.myoflow.io.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Dataset;
import org.myoflow.core.spi.CheckedSettings;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.io.DatasetFiles;
import org.osgi.service.component.annotations.Component;

/**
 * Reads a dataset of trials from a {@code dataset.tsv} manifest or a BIDS-EMG folder ({@link DatasetFiles}).
 * Validation parses the manifest and checks that every file it names exists: a missing file is a data problem
 * ({@link ConfigureContext#dataProblem}, exit 3) naming the row and the column.
 */
@Component(service = StepProvider.class)
public final class DatasetStep implements StepProvider {

    public static final String ID = "org.myoflow.io.dataset";
    public static final String OUTPUT = "dataset";

    /** Parameters of {@link DatasetStep}. */
    public static final class Settings implements CheckedSettings {
        @Param(description = "Manifest (dataset.tsv): one row per trial, metadata columns (subject, session, task, "
                + "trial, condition, extra) and file columns by role (emg, envelope, kinematics, moments, simulated, "
                + "file:ROLE), paths relative to the manifest")
        public Path manifest = Path.of("");

        @Param(description = "BIDS-EMG dataset: its dataset_description.json (the recordings sub-*/[ses-*/]emg/"
                + "*_emg.edf|bdf become trials with role emg)")
        public Path bids = Path.of("");

        @Override
        public List<ParameterSchema.Problem> check() {
            if (given(manifest) == given(bids)) {
                return List.of(new ParameterSchema.Problem("manifest", "give exactly one of 'manifest' and 'bids'"));
            }
            return List.of();
        }

        static boolean given(Path p) {
            return p != null && !p.toString().isEmpty();
        }
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Dataset")
            .category("Input")
            .description("Reads a dataset of trials (signals by role: emg, envelope, kinematics, moments, simulated; "
                    + "metadata: subject, session, task, trial, condition) from a dataset.tsv manifest or a BIDS-EMG "
                    + "folder. Every file is read by the platform's recording readers (C3D, OpenSim .sto/.mot, "
                    + "EDF/BDF, CSV, ...). Validation checks that every file the manifest names exists.")
            .reference("Poldrack RA et al. (2024) The past, present, and future of the Brain Imaging Data Structure "
                    + "(BIDS). Imaging Neuroscience 2:1-19 (BIDS-EMG: the EMG extension)")
            .output(OUTPUT, DataTypes.DATASET, "the trials")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return DatasetStep::run;
    }

    /** Parses the manifest (or lists the BIDS folder) and checks every file: a DataException (exit 3) otherwise. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        Settings s = context.settings(Settings.class);
        String param = Settings.given(s.manifest) ? "manifest" : "bids";
        DatasetFiles.Manifest m;
        try {
            m = manifest(s);
        } catch (DataException e) {
            context.dataProblem(param, e.getMessage());
            return Map.of();
        }
        List<String> missing = new ArrayList<>(m.missing());
        if (Settings.given(s.bids)) {
            missing.addAll(DatasetFiles.bidsMissing(m));
        }
        if (!missing.isEmpty()) {
            context.dataProblem(param, String.join("; ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? " (and " + (missing.size() - 5) + " more)" : ""));
            return Map.of();
        }
        // the files' content, not only the manifest's, keys the cached dataset
        for (DatasetFiles.Row r : m.rows()) {
            for (Path f : r.files().values()) {
                context.inputFile(f);
                if (Settings.given(s.bids)) {
                    context.inputFile(org.myoflow.io.Bids.sibling(f, "channels.tsv"));
                    context.inputFile(org.myoflow.io.Bids.sibling(f, "emg.json"));
                }
            }
        }
        return Map.of(OUTPUT, DataSpec.ofType(DataTypes.DATASET));
    }

    private static DatasetFiles.Manifest manifest(Settings s) {
        return Settings.given(s.manifest) ? DatasetFiles.manifest(s.manifest)
                : DatasetFiles.bids(s.bids.toAbsolutePath().getParent());
    }

    private static void run(StepContext ctx) {
        Settings s = ctx.settings(Settings.class);
        DatasetFiles.Manifest m = manifest(s);
        ctx.progress().update(0, "reading " + m.rows().size() + " trial(s)");
        Dataset d = Settings.given(s.manifest) ? m.load() : DatasetFiles.loadBids(m);
        ctx.logger().log(System.Logger.Level.INFO, () -> d.toString());
        ctx.output(OUTPUT, d);
        ctx.progress().update(1, null);
    }
}
