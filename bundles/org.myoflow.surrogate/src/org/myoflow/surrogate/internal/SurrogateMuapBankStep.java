package org.myoflow.surrogate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.conductor.MuapConditions;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.core.data.DataException;
import org.myoflow.ml.ModelException;
import org.myoflow.ml.Models;
import org.myoflow.surrogate.SurrogateModel;
import org.osgi.service.component.annotations.Component;

/**
 * Step {@code org.myoflow.surrogate.surrogate-muap-bank}: the MUAP bank of a seeded anatomy from a neural surrogate
 * instead of the numerical conductor. Same output type as the planar MUAP-bank step, so a pipeline switches by
 * changing this one node; with the same anatomy parameters and seed it draws the same units.
 */
@Component(service = StepProvider.class)
public final class SurrogateMuapBankStep implements StepProvider {

    public static final String ID = "org.myoflow.surrogate.surrogate-muap-bank";

    static final String BIOMIME = "Ma S, Clarke AK, Maksymenko K, et al. (2022/2025) Conditional generative models "
            + "for simulation of EMG during naturalistic movements (BioMime), arXiv 2211.01856; IEEE Trans Neural "
            + "Netw Learn Syst";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("MUAP bank (neural surrogate)")
            .category("Simulation/Volume conductor")
            .description("Predicts the MUAPs of a seeded motor-unit anatomy with a trained MUAP surrogate from the "
                    + "model registry (BioMime's idea: a conditional network conditioned on fibre count, depth, "
                    + "position, innervation zone, conduction velocity and length). The units are drawn as the "
                    + "planar MUAP-bank step draws them; the model's card fixes conductor, array and sampling. "
                    + "Conditions outside the model's training ranges are refused.")
            .reference(BIOMIME)
            .output("muaps", DataTypes.MUAP_BANK, "MUAP bank of units MU1..MUn (mV)")
            .settings(SurrogateMuapSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return SurrogateMuapBankStep::run;
    }

    static void checkSettings(SurrogateMuapSettings s) {
        List<ParameterSchema.Problem> problems = s.check();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters: " + problems);
        }
    }

    /**
     * The named surrogate from the registry; a missing, corrupted or mismatched model is bad input of this node
     * (exit code 3), reported with the registry's message. The engine resolved the name when it planned the
     * pipeline; this opens that very file.
     */
    static SurrogateModel loadModel(StepContext context, String name) {
        try {
            return SurrogateModel.load(context, name);
        } catch (ModelException e) {
            throw new DataException(e.getMessage() + (e.kind() == ModelException.Kind.NOT_FOUND
                    ? " (./myoflow models lists the installed ones; ./myoflow train muap-surrogate-demo makes the demo's)"
                    : ""));
        }
    }

    /** The conditions of every unit of the anatomy at normalised length s, with where-labels for messages. */
    static List<MuapConditions> conditions(MotorUnitAnatomy anatomy, double s, List<String> where, String at) {
        List<MuapConditions> out = new ArrayList<>();
        MotorUnitAnatomy a = s == 1 ? anatomy : anatomy.stretched(s);
        for (int i = 0; i < a.units().size(); i++) {
            out.add(MuapConditions.of(a.units().get(i), s));
            where.add(String.format(Locale.ROOT, "unit MU%d%s", i + 1, at));
        }
        return out;
    }

    /** The MUAPs of n units (the units parameter) in mV; a model missing from the registry is refused. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        SurrogateMuapSettings s = context.settings(SurrogateMuapSettings.class);
        checkModel(context, s.model);
        return Map.of("muaps", DataSpec.ofType(DataTypes.MUAP_BANK).withQuantity("muap").withUnit("mV")
                .withUnits(s.units));
    }

    /** A problem on parameter 'model' when the registry has no surrogate of that name or it is another task. */
    static void checkModel(ConfigureContext context, String name) {
        var entry = context.model(name.strip()).map(Models::entry);
        if (entry.isEmpty()) {
            context.parameterProblem("model", "MUAP surrogate '" + name.strip() + "' is not in the model registry "
                    + "(./myoflow models lists the installed ones; ./myoflow train muap-surrogate-demo makes the "
                    + "demo's)");
            return;
        }
        try {
            String task = entry.get().card().task();
            if (!SurrogateModel.TASK.equals(task)) {
                context.parameterProblem("model", "model '" + name.strip() + "' is a '" + task + "' model, not a "
                        + "MUAP surrogate ('" + SurrogateModel.TASK + "')");
            }
        } catch (RuntimeException e) { // ModelException: an unreadable card
            context.parameterProblem("model", "MUAP surrogate '" + name.strip() + "': " + e.getMessage());
        }
    }

    private static void run(StepContext context) {
        SurrogateMuapSettings s = context.settings(SurrogateMuapSettings.class);
        checkSettings(s);
        context.progress().update(0, "loading model " + s.model);
        SurrogateModel model = SurrogateMuapBankStep.loadModel(context, s.model);
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(s.anatomySpec(), s.anatomyRandom(context));
        List<String> where = new ArrayList<>();
        List<MuapConditions> c = conditions(anatomy, 1, where, "");
        context.progress().update(0.2, "surrogate inference for " + c.size() + " units");
        MuapBank bank = model.bank(c, where, s.montage);
        context.output("muaps", bank);
        context.progress().update(1, "done");
    }
}
