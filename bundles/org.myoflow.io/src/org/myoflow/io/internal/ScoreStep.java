package org.myoflow.io.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.io.AgreementScores;
import org.osgi.service.component.annotations.Component;

/**
 * Scores estimates against measurements per muscle (channel) and trial ({@link AgreementScores}: r, R², RMSE, lag
 * of the cross-correlation peak), aggregated per trial, per subject and over all (mean ± SD); plots the estimate
 * over the measurement of one trial.
 */
@Component(service = StepProvider.class)
public final class ScoreStep implements StepProvider {

    public static final String ID = "org.myoflow.io.score";
    /** The score columns. */
    public static final List<String> COLUMNS = List.of("r", "R2", "RMSE", "lag_s");

    /** Parameters of {@link ScoreStep}. */
    public static final class Settings implements CheckedSettings {
        @Param(description = "Role of the estimates in each trial (e.g. refined, or a map output node.port)",
                required = true)
        public String estimate = "";

        @Param(description = "Role of the measurements in each trial (e.g. envelope)")
        public String measured = Roles.ENVELOPE;

        @Param(description = "Comma-separated muscles (channel labels) to score; empty: every label the estimate "
                + "and the measurement share")
        public String muscles = "";

        @Param(description = "Largest lag searched for the cross-correlation peak", unit = "s", min = 0)
        public double maxLag = 0.1;

        @Param(description = "Trial (1-based) whose estimates and measurements are plotted", min = 1)
        public int plotTrial = 1;

        @Override
        public List<ParameterSchema.Problem> check() {
            List<ParameterSchema.Problem> p = new ArrayList<>();
            if (!Roles.valid(estimate.strip())) {
                p.add(new ParameterSchema.Problem("estimate", "'" + Excerpt.of(estimate, 80) + "' is not a role"));
            }
            if (!Roles.valid(measured.strip())) {
                p.add(new ParameterSchema.Problem("measured", "'" + Excerpt.of(measured, 80) + "' is not a role"));
            }
            return p;
        }
    }

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Score estimates")
            .category("Datasets")
            .description("Compares estimated and measured activity per muscle and trial: Pearson r, R² (1 - SSres/"
                    + "SStot), RMSE and the lag of the cross-correlation peak within maxLag; aggregated per trial, "
                    + "per subject and over all trials (mean and SD). Plots the estimates over the measurements.")
            .input("dataset", DataTypes.DATASET, "trials with an estimate and a measured role")
            .output("scores", DataTypes.TABLE, "r, R2, RMSE and lag per trial and muscle")
            .output("summary", DataTypes.TABLE, "mean scores per trial and per subject, mean and SD over all")
            .output("comparison", DataTypes.SIGNAL, "measurement and estimate of each muscle of one trial, overlaid")
            .settings(Settings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return ScoreStep::run;
    }

    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        Map<String, DataSpec> m = new LinkedHashMap<>();
        m.put("scores", DataSpec.ofType(DataTypes.TABLE));
        m.put("summary", DataSpec.ofType(DataTypes.TABLE));
        m.put("comparison", DataSpec.ofType(DataTypes.SIGNAL));
        return m;
    }

    /** Scores of every trial and muscle, and their aggregates. */
    public record Result(ResultTable scores, ResultTable summary, Signal comparison) {
    }

    /** Computes the step's outputs (also for tests and benchmarks). */
    public static Result score(Dataset d, String estimateRole, String measuredRole, List<String> muscles,
            double maxLagSeconds, int plotTrial) {
        if (d.size() == 0) {
            throw new DataException("the dataset has no trial to score");
        }
        List<String> rows = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<String> trialLabels = new ArrayList<>();
        Map<String, List<double[]>> bySubject = new LinkedHashMap<>();
        List<double[]> perTrial = new ArrayList<>();
        Signal comparison = null;
        for (int i = 0; i < d.size(); i++) {
            Trial t = d.trial(i);
            String label = t.label(i + 1);
            Signal e = role(t, i, estimateRole);
            Signal m = role(t, i, measuredRole);
            if (Math.abs(e.samplingRate() - m.samplingRate()) > 1e-9 * m.samplingRate()) {
                throw new DataException("trial " + (i + 1) + " (" + label + "): estimate '" + estimateRole + "' at "
                        + e.samplingRate() + " Hz, measurement '" + measuredRole + "' at " + m.samplingRate()
                        + " Hz; resample one of them");
            }
            List<String> names = muscles.isEmpty() ? m.labels().stream().filter(l -> e.indexOf(l) >= 0).toList()
                    : muscles;
            if (names.isEmpty()) {
                throw new DataException("trial " + (i + 1) + " (" + label + "): the estimate " + Excerpt.list(
                        e.labels()) + " and the measurement " + Excerpt.list(m.labels()) + " share no muscle");
            }
            int n = Math.min(e.sampleCount(), m.sampleCount());
            int maxLag = (int) Math.round(maxLagSeconds * m.samplingRate());
            Signal.Builder plot = Signal.builder(m.samplingRate()).startTime(m.startTime()).quantity("activity");
            double[] sum = new double[4];
            for (String mu : names) {
                if (e.indexOf(mu) < 0 || m.indexOf(mu) < 0) {
                    throw new DataException("trial " + (i + 1) + " (" + label + "): muscle " + Excerpt.quoted(mu)
                            + " is not in the " + (e.indexOf(mu) < 0 ? "estimate " + Excerpt.list(e.labels())
                                    : "measurement " + Excerpt.list(m.labels())));
                }
                double[] ev = java.util.Arrays.copyOf(e.channel(mu), n);
                double[] mv = java.util.Arrays.copyOf(m.channel(mu), n);
                AgreementScores a;
                try {
                    a = AgreementScores.of(ev, mv, Math.min(maxLag, Math.max(0, n - 2)));
                } catch (DataException ex) {
                    throw new DataException("trial " + (i + 1) + " (" + label + "), muscle " + Excerpt.quoted(mu)
                            + ": " + ex.getMessage());
                }
                double[] row = { a.r(), a.r2(), a.rmse(), a.lagSamples() / m.samplingRate() };
                rows.add(label + " | " + mu);
                values.add(row);
                for (int c = 0; c < 4; c++) {
                    sum[c] += row[c];
                }
                if (i == plotTrial - 1) {
                    plot.channel(mu + " | measured", m.units().get(m.indexOf(mu)), mv);
                    plot.channel(mu + " | estimate", e.units().get(e.indexOf(mu)), ev);
                }
            }
            for (int c = 0; c < 4; c++) {
                sum[c] /= names.size();
            }
            trialLabels.add(label);
            perTrial.add(sum);
            bySubject.computeIfAbsent(t.subject(), k -> new ArrayList<>()).add(sum);
            if (i == plotTrial - 1) {
                comparison = plot.build();
            }
        }
        if (comparison == null) {
            throw new DataException("plotTrial " + plotTrial + " is beyond the dataset's " + d.size() + " trial(s)");
        }
        List<String> sRows = new ArrayList<>();
        List<double[]> sValues = new ArrayList<>();
        for (int i = 0; i < perTrial.size(); i++) {
            sRows.add("trial " + trialLabels.get(i));
            sValues.add(perTrial.get(i));
        }
        bySubject.forEach((subject, list) -> {
            sRows.add("subject " + (subject.isEmpty() ? "(none)" : subject) + " mean");
            sValues.add(mean(list));
        });
        sRows.add("all trials mean");
        sValues.add(mean(perTrial));
        sRows.add("all trials SD");
        sValues.add(sd(perTrial));
        ResultTable scores = new ResultTable("scores per trial and muscle (" + estimateRole + " vs " + measuredRole
                + ")", rows, COLUMNS, flat(values));
        ResultTable summary = new ResultTable(String.format(Locale.ROOT, "scores per trial (mean over muscles), "
                + "per subject, and over all trials (mean, SD); %d trial(s)", perTrial.size()), sRows, COLUMNS,
                flat(sValues));
        return new Result(scores, summary, comparison);
    }

    private static Signal role(Trial t, int i, String role) {
        return t.signal(role).orElseThrow(() -> new DataException("trial " + (i + 1) + " (" + t.label(i + 1)
                + ") has no signal of role '" + role + "' (it has: " + String.join(", ", t.signals().keySet())
                + ")"));
    }

    static double[] mean(List<double[]> rows) {
        double[] m = new double[COLUMNS.size()];
        for (double[] r : rows) {
            for (int c = 0; c < m.length; c++) {
                m[c] += r[c];
            }
        }
        for (int c = 0; c < m.length; c++) {
            m[c] /= rows.size();
        }
        return m;
    }

    /** Sample standard deviation (n - 1); NaN for one row. */
    static double[] sd(List<double[]> rows) {
        double[] m = mean(rows);
        double[] s = new double[m.length];
        for (double[] r : rows) {
            for (int c = 0; c < m.length; c++) {
                s[c] += (r[c] - m[c]) * (r[c] - m[c]);
            }
        }
        for (int c = 0; c < m.length; c++) {
            s[c] = rows.size() > 1 ? Math.sqrt(s[c] / (rows.size() - 1)) : Double.NaN;
        }
        return s;
    }

    private static double[] flat(List<double[]> rows) {
        double[] v = new double[rows.size() * COLUMNS.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, v, i * COLUMNS.size(), COLUMNS.size());
        }
        return v;
    }

    private static void run(StepContext ctx) {
        Settings s = ctx.settings(Settings.class);
        Dataset d = ctx.input("dataset", Dataset.class);
        Result r = score(d, s.estimate.strip(), s.measured.strip(), TrialSignalStep.labels(s.muscles), s.maxLag,
                s.plotTrial);
        ctx.output("scores", r.scores());
        ctx.output("summary", r.summary());
        ctx.output("comparison", r.comparison());
    }
}
