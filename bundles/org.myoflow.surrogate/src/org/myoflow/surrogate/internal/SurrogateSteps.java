package org.myoflow.surrogate.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.myoflow.conductor.AnatomySettings;
import org.myoflow.conductor.MuapSeriesBuilder;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataType;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.Progress;
import org.myoflow.ml.ModelCard;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.Models;

/**
 * What the planar and the cylindrical surrogate steps share: the parameter check, the registry look-up of the model
 * at configure time and its loading at run time with the same messages, the where-labels of the units and the
 * series of banks at the update times.
 */
final class SurrogateSteps {

    /** Description of the series steps' optional input 'length'. */
    static final String LENGTH_INPUT = "Normalised muscle length s(t) (1 = rest length); the channel labelled "
            + "'length', else the first";
    /** Description of the series steps' output 'muaps'. */
    static final String SERIES_OUTPUT = "MUAP banks of units MU1..MUn at the update times";

    private SurrogateSteps() {
    }

    /** The output 'muaps' of this type: MUAPs of n units in mV. */
    static Map<String, DataSpec> output(DataType type, int units) {
        return Map.of("muaps", DataSpec.ofType(type).withQuantity("muap").withUnit("mV").withUnits(units));
    }

    /** Opens a surrogate model (may throw ModelException). */
    @FunctionalInterface
    interface Loader<M> {
        M load();
    }

    /** The bank of the units at normalised length s; at says when, for messages. */
    @FunctionalInterface
    interface BankAt {
        MuapBank bank(double s, String at);
    }

    /** Throws IllegalArgumentException listing the parameter problems, if any. */
    static void checkSettings(AnatomySettings s) {
        List<ParameterSchema.Problem> problems = s.check();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters: " + problems);
        }
    }

    /** The problems plus one on lengthAmplitude when the length profile refuses the amplitude. */
    static List<ParameterSchema.Problem> withProfileProblem(List<ParameterSchema.Problem> problems,
            MuapSeriesBuilder.LengthProfile profile, double amplitude) {
        String p = profile.problem(amplitude);
        if (p != null) {
            problems.add(new ParameterSchema.Problem("lengthAmplitude", p));
        }
        return problems;
    }

    /** "(./myoflow models lists the installed ones; ./myoflow train RECIPE makes WHICH)". */
    static String hint(String recipe, String which) {
        return "(./myoflow models lists the installed ones; ./myoflow train " + recipe + " makes " + which + ")";
    }

    /**
     * The model; a missing, corrupted or mismatched one is bad input of the node (exit code 3), reported with the
     * registry's message (and the hint when it is missing).
     */
    static <M> M load(Loader<M> loader, String hint) {
        try {
            return loader.load();
        } catch (ModelException e) {
            throw new DataException(e.getMessage() + (e.kind() == ModelException.Kind.NOT_FOUND ? " " + hint : ""));
        }
    }

    /**
     * At configure time: what read gives of the registry card of the named model of this task, or null after a
     * problem on parameter 'model' (missing, another task, an unreadable card or what read refuses).
     *
     * @param what the kind of model, for messages ("MUAP surrogate")
     */
    static <T> T card(ConfigureContext context, String name, String task, String what, String hint,
            Function<ModelCard, T> read) {
        var entry = context.model(name).map(Models::entry);
        if (entry.isEmpty()) {
            context.parameterProblem("model", what + " '" + name + "' is not in the model registry " + hint);
            return null;
        }
        try {
            ModelCard card = entry.get().card();
            if (!task.equals(card.task())) {
                context.parameterProblem("model", "model '" + name + "' is a '" + card.task() + "' model, not a "
                        + what + " ('" + task + "')");
                return null;
            }
            return read.apply(card);
        } catch (RuntimeException e) { // ModelException: an unreadable card; or what read refuses
            context.parameterProblem("model", what + " '" + name + "': " + e.getMessage());
            return null;
        }
    }

    /** "unit MU{i+1}{at}". */
    static String unit(int i, String at) {
        return String.format(Locale.ROOT, "unit MU%d%s", i + 1, at);
    }

    /** The series of banks at the scheduled lengths (equal lengths computed once), cancellable. */
    static MuapBankSeries series(double[] times, double[] lengths, BankAt bankAt, Progress progress) {
        Map<Double, MuapBank> cache = new HashMap<>();
        List<MuapBank> banks = new ArrayList<>();
        for (int k = 0; k < lengths.length; k++) {
            double s = lengths[k];
            MuapBank b = cache.get(s);
            if (b == null) {
                b = bankAt.bank(s, String.format(Locale.ROOT, " at update %d (t = %s s, length %.4f)", k, times[k],
                        s));
                cache.put(s, b);
            }
            banks.add(b);
            if (progress != null) {
                progress.checkCancelled();
                progress.update((k + 1.0) / lengths.length, "bank " + (k + 1) + " of " + lengths.length);
            }
        }
        return new MuapBankSeries(banks, times);
    }
}
