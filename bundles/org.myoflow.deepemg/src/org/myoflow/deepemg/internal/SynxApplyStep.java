package org.myoflow.deepemg.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Dataset;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.data.ResultTable;
import org.myoflow.core.data.Roles;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.Trial;
import org.myoflow.core.spi.CheckedSettings;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.Progress;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.deepemg.EmgScaleCalibration;
import org.myoflow.deepemg.Nmf;
import org.osgi.service.component.annotations.Component;

/**
 * Applies a SynX calibration ({@link SynxCalibrateStep}'s table) to the trials of a dataset: per trial the measured
 * muscles' activations (scale factor × envelope), the synergy activations of its envelopes with the calibration's
 * synergy vectors held fixed (non-negative least squares per sample), the unmeasured muscles' excitations from
 * them, and the model moments of the chosen coordinates; each added to the trial as a role.
 */
@Component(service = StepProvider.class)
public final class SynxApplyStep implements StepProvider {

    /** Step id. */
    public static final String ID = "org.myoflow.deepemg.synx-apply";

    /** Parameters. */
    public static final class Settings extends SynxTrials.Settings implements CheckedSettings {
        @Param(description = "Role given to the activations of every calibrated muscle (measured: scale factor × "
                + "envelope; unmeasured: extrapolated), each in [0, 1]")
        public String activationRole = "synx";

        @Param(description = "Role given to the model moments of the coordinates (channels named like the "
                + "trial's moments, N·m)")
        public String modelMomentsRole = "synx-moments";

        @Override
        public List<ParameterSchema.Problem> check() {
            List<ParameterSchema.Problem> p = new ArrayList<>();
            for (String[] r : new String[][] {{"activationRole", activationRole},
                    {"modelMomentsRole", modelMomentsRole}}) {
                if (!Roles.valid(r[1].strip())) {
                    p.add(new ParameterSchema.Problem(r[0], "'" + Excerpt.of(r[1], 80) + "' is not a role"));
                }
            }
            return p;
        }
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("SynX: apply calibration")
            .category("Deep-muscle EMG")
            .description("Applies a SynX calibration (synx-calibrate) to other trials: measured activations as "
                    + "scale factor × envelope, unmeasured excitations from the synergy activations of the trial's "
                    + "envelopes (the calibration's synergy vectors held fixed), and the OpenSim model's moments "
                    + "of the coordinates with them; added to every trial as roles.")
            .reference("Ao D, Shourijeh MS, Patten C, Fregly BJ (2020) Evaluation of synergy extrapolation for "
                    + "predicting unmeasured muscle excitations from measured muscle synergies. Front Comput "
                    + "Neurosci 14:588943")
            .input("calibration", DataTypes.TABLE, "The calibration table of synx-calibrate")
            .input("trials", DataTypes.DATASET, "Trials with envelopesRole and kinematicsRole; momentsRole is "
                    + "optional (it only names the output channels and limits the time window; without it the "
                    + "channels are <coordinate>_moment)")
            .output("dataset", DataTypes.DATASET, "The trials with roles activationRole and modelMomentsRole added")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return SynxApplyStep::run;
    }

    /** Reads the model to check the coordinate names; the muscles come with the calibration table. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        Settings s = context.settings(Settings.class);
        SynxTrials.configure(context, s, null, null);
        Map<String, DataSpec> out = new LinkedHashMap<>();
        out.put("dataset", DataSpec.ofType(DataTypes.DATASET));
        return out;
    }

    private static void run(StepContext context) {
        Settings s = context.settings(Settings.class);
        context.output("dataset", apply(s, context.input("calibration", ResultTable.class),
                context.input("trials", Dataset.class), context.progress()));
    }

    /**
     * The calibration read back from its table.
     *
     * @param scales per subject (key "" for a calibration over all trials) the scale factors in measured order
     */
    record Calibration(List<String> measured, List<String> unmeasured, Map<String, double[]> scales,
            double[][] synergyVectors, double[][] weights) {

        boolean perSubject() {
            return !scales.containsKey(ALL_SUBJECTS);
        }
    }

    /** Key of the scale factors of a calibration over all trials (not per subject). */
    private static final String ALL_SUBJECTS = "*all trials*";

    static Calibration read(ResultTable t) {
        List<String> cols = t.columns();
        int k = cols.size() - 2;
        if (k < 1 || !cols.equals(SynxCalibrateStep.calibrationColumns(k))) {
            throw new DataException("calibration: columns " + Excerpt.list(cols) + " are not a synx-calibrate "
                    + "table's (measured, scale, synergy_1, ...)");
        }
        List<String> measured = new ArrayList<>();
        List<String> unmeasured = new ArrayList<>();
        List<double[]> w = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        Map<String, List<String>> musclesOf = new LinkedHashMap<>();
        Map<String, List<Double>> scalesOf = new LinkedHashMap<>();
        for (int r = 0; r < t.rows().size(); r++) {
            double[] vec = new double[k];
            for (int y = 0; y < k; y++) {
                vec[y] = t.get(r, 2 + y);
                if (!Double.isFinite(vec[y])) {
                    throw new DataException("calibration: row " + t.rows().get(r) + ", synergy_" + (y + 1) + " is "
                            + vec[y]);
                }
            }
            if (t.get(r, 0) == 1) {
                double scale = t.get(r, 1);
                if (!(scale > 0) || Double.isInfinite(scale)) {
                    throw new DataException("calibration: row " + t.rows().get(r) + ", scale is " + scale);
                }
                String label = t.rows().get(r);
                int sep = label.indexOf(SynxCalibrateStep.SUBJECT_SEPARATOR);
                String muscle = sep < 0 ? label : label.substring(0, sep);
                String subject = sep < 0 ? ALL_SUBJECTS
                        : label.substring(sep + SynxCalibrateStep.SUBJECT_SEPARATOR.length());
                musclesOf.computeIfAbsent(subject, z -> new ArrayList<>()).add(muscle);
                scalesOf.computeIfAbsent(subject, z -> new ArrayList<>()).add(scale);
                if (!measured.contains(muscle)) {
                    measured.add(muscle);
                    w.add(vec);
                }
            } else {
                unmeasured.add(t.rows().get(r));
                x.add(vec);
            }
        }
        if (measured.isEmpty()) {
            throw new DataException("calibration: no measured muscle");
        }
        if (musclesOf.containsKey(ALL_SUBJECTS) && musclesOf.size() > 1) {
            throw new DataException("calibration: rows with and without a subject");
        }
        Map<String, double[]> scales = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : musclesOf.entrySet()) {
            if (!e.getValue().equals(measured)) {
                throw new DataException("calibration: the measured muscles of subject '" + e.getKey() + "' "
                        + Excerpt.list(e.getValue()) + " differ from " + Excerpt.list(measured));
            }
            scales.put(e.getKey(), scalesOf.get(e.getKey()).stream().mapToDouble(Double::doubleValue).toArray());
        }
        return new Calibration(measured, unmeasured, scales, w.toArray(double[][]::new), x.toArray(double[][]::new));
    }

    static Dataset apply(Settings s, ResultTable table, Dataset trials, Progress progress) {
        Calibration c = read(table);
        SynxTrials.Setup setup;
        try {
            setup = SynxTrials.setup(s, c.measured(), c.unmeasured());
        } catch (DataException e) {
            throw new DataException("calibration: " + e.getMessage(), e);
        }
        List<EmgScaleCalibration.Result> results = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            String subject = c.perSubject() ? SynxCalibrateStep.subject(trials.trial(i)) : ALL_SUBJECTS;
            double[] scales = c.scales().get(subject);
            if (scales == null) {
                throw new DataException("trials: trial " + (i + 1) + " (" + trials.trial(i).label(i + 1)
                        + "): subject '" + subject + "' has no scale factors in the per-subject calibration (it has "
                        + Excerpt.list(new ArrayList<>(c.scales().keySet())) + ")");
            }
            results.add(new EmgScaleCalibration.Result(scales, c.weights(), Double.NaN));
        }
        List<SynxTrials.TrialData> data = SynxTrials.load(s, setup, trials, progress, 0, 0.9, true);
        List<String> muscles = new ArrayList<>(c.measured());
        muscles.addAll(c.unmeasured());
        List<Trial> out = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            SynxTrials.TrialData d = data.get(i);
            EmgScaleCalibration.Result r = results.get(i);
            EmgScaleCalibration.Trial t = d.trial(Nmf.activationsFor(c.synergyVectors(), d.envelopes()));
            double[][] am = r.measuredActivations(t);
            double[][] ax = r.missingExcitations(t);
            double[][] tau = r.torques(t);
            Signal.Builder act = Signal.builder(d.rate()).startTime(d.startTime()).quantity("activation");
            for (int m = 0; m < muscles.size(); m++) {
                act.channel(muscles.get(m), "", m < am.length ? am[m] : ax[m - am.length]);
            }
            Signal.Builder mom = Signal.builder(d.rate()).startTime(d.startTime()).quantity("torque");
            for (int k = 0; k < tau.length; k++) {
                mom.channel(d.momentLabels().get(k), "N·m", tau[k]);
            }
            Map<String, Signal> add = new LinkedHashMap<>();
            add.put(s.activationRole.strip(), act.build());
            add.put(s.modelMomentsRole.strip(), mom.build());
            out.add(trials.trial(i).withSignals(add));
        }
        return new Dataset(out);
    }
}
