package org.myoflow.surrogate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.conductor.MuapConditions;
import org.myoflow.conductor.MuapSeriesBuilder;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Progress;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.surrogate.SurrogateModel;
import org.osgi.service.component.annotations.Component;

/**
 * Step {@code org.myoflow.surrogate.surrogate-muap-series}: MUAP banks during movement from a neural surrogate, the
 * drop-in replacement of the planar MUAP-series step (same output type, same anatomy for the same seed, same
 * muscle-length rule: depth × 1/√s, IZ and fibre length × s, CV × 1/s). All units of one update time go through
 * the network in one inference call.
 */
@Component(service = StepProvider.class)
public final class SurrogateMuapSeriesStep implements StepProvider {

    public static final String ID = "org.myoflow.surrogate.surrogate-muap-series";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("MUAP banks during movement (neural surrogate)")
            .category("Simulation/Volume conductor")
            .description("Predicts the MUAPs of a seeded motor-unit anatomy at update times k / updateRate while "
                    + "the normalised muscle length s(t) changes, with a trained MUAP surrogate from the model "
                    + "registry; one batched inference per update time. Drop-in replacement of the planar "
                    + "MUAP-series step; s(t) from the optional 'length' signal or the built-in profile.")
            .reference(SurrogateMuapBankStep.BIOMIME)
            .optionalInput("length", DataTypes.SIGNAL, SurrogateSteps.LENGTH_INPUT)
            .output("muaps", DataTypes.MUAP_BANK_SERIES, SurrogateSteps.SERIES_OUTPUT)
            .settings(SurrogateMuapSeriesSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return SurrogateMuapSeriesStep::run;
    }

    /** The series of banks for the anatomy at the scheduled lengths (equal lengths computed once). */
    public static MuapBankSeries series(SurrogateModel model, MotorUnitAnatomy anatomy, double[] times,
            double[] lengths, org.myoflow.conductor.ElectrodeArray.Montage montage, Progress progress) {
        return SurrogateSteps.series(times, lengths, (s, at) -> {
            List<String> where = new ArrayList<>();
            List<MuapConditions> c = SurrogateMuapBankStep.conditions(anatomy, s, where, at);
            return model.bank(c, where, montage);
        }, progress);
    }

    /** Banks of n units (the units parameter) in mV; a model missing from the registry is refused. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        SurrogateMuapSeriesSettings s = context.settings(SurrogateMuapSeriesSettings.class);
        SurrogateMuapBankStep.checkModel(context, s.model);
        return SurrogateSteps.output(DataTypes.MUAP_BANK_SERIES, s.units);
    }

    private static void run(StepContext context) {
        SurrogateMuapSeriesSettings s = context.settings(SurrogateMuapSeriesSettings.class);
        SurrogateMuapBankStep.checkSettings(s);
        Progress progress = context.progress();
        double[][] schedule = MuapSeriesBuilder.schedule(s.updateRate, s.duration, s::profileLength,
                context.optionalInput("length", Signal.class).orElse(null));
        progress.update(0, "loading model " + s.model);
        SurrogateModel model = SurrogateMuapBankStep.loadModel(context, s.model);
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(s.anatomySpec(), s.anatomyRandom(context));
        context.output("muaps", series(model, anatomy, schedule[0], schedule[1], s.montage, progress));
        progress.update(1, "done");
    }
}
