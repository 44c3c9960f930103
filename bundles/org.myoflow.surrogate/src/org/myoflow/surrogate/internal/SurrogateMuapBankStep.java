package org.myoflow.surrogate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.conductor.MuapConditions;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
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
        SurrogateSteps.checkSettings(s);
    }

    /** Where ./myoflow models and train point when the model is missing. */
    private static final String HINT = SurrogateSteps.hint("muap-surrogate-demo", "the demo's");

    /**
     * The named surrogate from the registry; a missing, corrupted or mismatched model is bad input of this node
     * (exit code 3), reported with the registry's message. The engine resolved the name when it planned the
     * pipeline; this opens that very file.
     */
    static SurrogateModel loadModel(StepContext context, String name) {
        return SurrogateSteps.load(() -> SurrogateModel.load(context, name), HINT);
    }

    /** The conditions of every unit of the anatomy at normalised length s, with where-labels for messages. */
    static List<MuapConditions> conditions(MotorUnitAnatomy anatomy, double s, List<String> where, String at) {
        List<MuapConditions> out = new ArrayList<>();
        MotorUnitAnatomy a = s == 1 ? anatomy : anatomy.stretched(s);
        for (int i = 0; i < a.units().size(); i++) {
            out.add(MuapConditions.of(a.units().get(i), s));
            where.add(SurrogateSteps.unit(i, at));
        }
        return out;
    }

    /** The MUAPs of n units (the units parameter) in mV; a model missing from the registry is refused. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        SurrogateMuapSettings s = context.settings(SurrogateMuapSettings.class);
        checkModel(context, s.model);
        return SurrogateSteps.output(DataTypes.MUAP_BANK, s.units);
    }

    /** A problem on parameter 'model' when the registry has no surrogate of that name or it is another task. */
    static void checkModel(ConfigureContext context, String name) {
        SurrogateSteps.card(context, name.strip(), SurrogateModel.TASK, "MUAP surrogate", HINT, card -> card);
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
