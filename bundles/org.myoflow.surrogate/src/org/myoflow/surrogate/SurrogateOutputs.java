package org.myoflow.surrogate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.MuapBank;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;

/**
 * What the planar ({@link SurrogateModel}) and the cylindrical ({@link CylindricalSurrogateModel}) surrogates share
 * around their ONNX graph: the range-checked normalised input, the conversion of the output to monopolar MUAPs in
 * mV with the refusal of non-finite values, and the bank in a montage.
 */
final class SurrogateOutputs {

    private SurrogateOutputs() {
    }

    /** Refuses a card of another task (SIGNATURE_MISMATCH naming the model, its task and this one). */
    static void requireTask(String model, ModelCard card, String task, String what) {
        if (!task.equals(card.task())) {
            throw new ModelException(ModelException.Kind.SIGNATURE_MISMATCH, "model '" + model + "' is a '"
                    + card.task() + "' model, not a " + what + " ('" + task + "')");
        }
    }

    /**
     * The normalised input [N·C] of the conditions, each checked first (an IllegalArgumentException of the check
     * becomes a DataException naming the model and, through the check's message, where).
     */
    static <C> float[] normalise(String model, List<C> conditions, List<String> where, int count,
            BiConsumer<C, String> check, Function<C, double[]> normalise) {
        float[] x = new float[conditions.size() * count];
        for (int i = 0; i < conditions.size(); i++) {
            C c = conditions.get(i);
            try {
                check.accept(c, where.get(i));
            } catch (IllegalArgumentException e) {
                throw new DataException("model '" + model + "' was trained for other conditions: " + e.getMessage());
            }
            double[] v = normalise.apply(c);
            for (int j = 0; j < count; j++) {
                x[i * count + j] = (float) v[j];
            }
        }
        return x;
    }

    /**
     * Monopolar MUAPs [unit][electrode][sample] in mV from the graph's output d of n units: layout NET
     * ([n][e][t]) or NTHW ([n][t][h][w], electrode k = h·W + w), each value times scale. A non-finite value is
     * refused naming the unit (where), electrode and sample. NET at scale 1 (this platform's models) converts
     * without further arithmetic after one finiteness check of the whole output.
     */
    static double[][][] monopolar(String model, float[] d, int n, int e, int t, boolean nthw, double scale,
            List<String> where) {
        if (!nthw && scale == 1) {
            checkFinite(model, d, e, t, where);
            double[][][] out = new double[n][e][];
            int base = 0;
            for (int i = 0; i < n; i++) {
                double[][] unit = out[i];
                for (int k = 0; k < e; k++) {
                    double[] wave = new double[t];
                    for (int s = 0; s < t; s++) {
                        wave[s] = d[base + s];
                    }
                    unit[k] = wave;
                    base += t;
                }
            }
            return out;
        }
        double[][][] out = new double[n][e][t];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < e; k++) {
                for (int s = 0; s < t; s++) {
                    // NET: [i][k][s]; NTHW: [i][s][h][w] with electrode k = h·W + w
                    int idx = nthw ? (i * t + s) * e + k : (i * e + k) * t + s;
                    double v = d[idx] * scale;
                    if (!Double.isFinite(v)) {
                        throw nonFinite(model, where.get(i), k, s);
                    }
                    out[i][k][s] = v;
                }
            }
        }
        return out;
    }

    /**
     * Refuses a non-finite value of a NET output, naming the unit, electrode and sample. Fast path: the double sum
     * of float values is finite if and only if every value is (a float's magnitude is below 3.5e38, far from
     * overflowing a double sum of fewer than 2^31 of them), so the element-wise search only runs when something is
     * wrong.
     */
    private static void checkFinite(String model, float[] d, int e, int t, List<String> where) {
        double sum = 0;
        for (float v : d) {
            sum += v;
        }
        if (Double.isFinite(sum)) {
            return;
        }
        for (int j = 0; j < d.length; j++) {
            if (!Float.isFinite(d[j])) {
                throw nonFinite(model, where.get(j / (e * t)), j / t % e, j % t);
            }
        }
    }

    private static DataException nonFinite(String model, String where, int electrode, int sample) {
        return new DataException("model '" + model + "' produced a non-finite value for " + where + ", electrode "
                + (electrode + 1) + ", sample " + sample);
    }

    /** A MUAP bank of monopolar MUAPs in the given montage of the array, units labelled MU1..MUn. */
    static MuapBank bank(double[][][] mono, ElectrodeArray array, double samplingRateHz,
            ElectrodeArray.Montage montage) {
        ElectrodeArray.Derivation der = array.derive(montage);
        double[][][] muaps = new double[mono.length][][];
        List<String> units = new ArrayList<>();
        for (int u = 0; u < mono.length; u++) {
            muaps[u] = der.apply(mono[u]);
            units.add("MU" + (u + 1));
        }
        return new MuapBank(muaps, samplingRateHz, 0, der.labels(), units, der.positions(), der.rows(), der.cols(),
                "mV", montage.label());
    }
}
