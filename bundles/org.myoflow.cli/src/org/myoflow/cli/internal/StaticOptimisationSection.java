package org.myoflow.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.spi.Progress;
import org.myoflow.musculoskeletal.opensim.CoordinateTable;
import org.myoflow.musculoskeletal.opensim.OpenSimModel;
import org.myoflow.musculoskeletal.opensim.OpenSimStaticOptimisation;

/**
 * The static-optimisation part of {@code bench realdata}: OpenSim's walking example (Rajagopal-derived model with
 * polynomial muscle paths, one gait cycle at 100 Hz), static optimisation with OpenSim's formulation
 * ({@link OpenSimStaticOptimisation.Options#defaults()}), the mean activation of each EMG site's muscles against
 * its measured envelope: Pearson r per site, mean = {@code so_real_corr} (docs/opensim.md). Quick and full are the
 * same (about a second).
 */
final class StaticOptimisationSection implements RealDataSection {

    /** EMG envelope → the model's muscles whose mean activation it is compared with. */
    static final Map<String, List<String>> SITES = new LinkedHashMap<>();

    static {
        SITES.put("soleus", List.of("soleus_r"));
        SITES.put("gastrocnemius", List.of("gasmed_r", "gaslat_r"));
        SITES.put("tibialis_anterior", List.of("tibant_r"));
        SITES.put("medial_hamstrings", List.of("semiten_r", "semimem_r"));
        SITES.put("biceps_femoris", List.of("bflh_r"));
        SITES.put("vastus_lateralis", List.of("vaslat_r"));
        SITES.put("vastus_medius", List.of("vasmed_r"));
        SITES.put("rectus_femoris", List.of("recfem_r"));
        SITES.put("gluteus_maximus", List.of("glmax1_r", "glmax2_r", "glmax3_r"));
        SITES.put("gluteus_medius", List.of("glmed1_r", "glmed2_r", "glmed3_r"));
    }

    @Override
    public String name() {
        return "static optimisation";
    }

    @Override
    public Result run(boolean quick, RealDataBenchmark.Data data, Progress progress) throws Exception {
        OpenSimModel m = OpenSimModel.read(data.file("opensim/subject_walk_scaled.osim"),
                data.file("opensim/subject_walk_scaled_FunctionBasedPathSet.xml"));
        CoordinateTable c = CoordinateTable.read(data.file("opensim/walk_coordinates_100Hz.sto"), m, true);
        var id = OpenSimStaticOptimisation.Moments.read(data.file("opensim/walk_id_100Hz.sto"), m);
        progress.checkCancelled();
        var r = OpenSimStaticOptimisation.solve(m, c, id, OpenSimStaticOptimisation.Options.defaults(),
                progress::isCancelled);
        progress.checkCancelled();
        Envelopes env = Envelopes.read(data.file("opensim/walk_emg_100Hz.sto"));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "OpenSim walking example: %d muscles, %d rows (%.2f-%.2f s); SO "
                + "activation vs measured envelope, Pearson r:", r.muscles().size(), r.time().length, r.time()[0],
                r.time()[r.time().length - 1]));
        double sum = 0;
        for (var e : SITES.entrySet()) {
            double[] measured = env.at(e.getKey(), r.time());
            double[] act = new double[r.time().length];
            for (String mu : e.getValue()) {
                double[] a = r.activation(mu);
                for (int t = 0; t < act.length; t++) {
                    act[t] += a[t] / e.getValue().size();
                }
            }
            double rr = pearson(act, measured);
            sum += rr;
            lines.add(String.format(Locale.ROOT, "  %-18s r = %.3f", e.getKey(), rr));
        }
        double mean = sum / SITES.size();
        lines.add(String.format(Locale.ROOT, "so_real_corr = %.4f (mean of %d sites)", mean, SITES.size()));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("so_real_corr", ActivationDecodingSection.round(mean));
        return new Result(f, lines);
    }

    /** The measured envelopes of an OpenSim storage file (time column first, whitespace-separated). */
    record Envelopes(Path file, List<String> labels, double[] time, double[][] columns) {

        static Envelopes read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file);
            int k = lines.indexOf("endheader");
            if (k < 0 || k + 1 >= lines.size()) {
                throw new DataException(file.getFileName() + ": no 'endheader' line followed by column labels");
            }
            List<String> labels = List.of(lines.get(k + 1).trim().split("\\s+"));
            List<double[]> rows = new ArrayList<>();
            for (int i = k + 2; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.isBlank()) {
                    continue;
                }
                double[] row = Arrays.stream(l.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
                if (row.length != labels.size()) {
                    throw new DataException(file.getFileName() + " line " + (i + 1) + ": " + row.length
                            + " values for " + labels.size() + " columns");
                }
                rows.add(row);
            }
            double[][] cols = new double[labels.size()][rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < labels.size(); j++) {
                    cols[j][i] = rows.get(i)[j];
                }
            }
            return new Envelopes(file, labels, cols[0], cols);
        }

        /** Column {@code label} linearly interpolated at {@code t} (held at the ends). */
        double[] at(String label, double[] t) {
            int j = labels.indexOf(label);
            if (j <= 0) {
                throw new DataException(file.getFileName() + ": no column '" + label + "' in " + labels);
            }
            double[] v = columns[j];
            double[] out = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                int hi = Arrays.binarySearch(time, t[i]);
                if (hi >= 0) {
                    out[i] = v[hi];
                    continue;
                }
                hi = -hi - 1;
                if (hi == 0) {
                    out[i] = v[0];
                } else if (hi >= time.length) {
                    out[i] = v[time.length - 1];
                } else {
                    double w = (t[i] - time[hi - 1]) / (time[hi] - time[hi - 1]);
                    out[i] = v[hi - 1] + w * (v[hi] - v[hi - 1]);
                }
            }
            return out;
        }
    }

    static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
