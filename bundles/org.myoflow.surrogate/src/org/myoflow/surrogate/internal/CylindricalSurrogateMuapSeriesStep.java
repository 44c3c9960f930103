package org.myoflow.surrogate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.MotorUnitAnatomy;
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
import org.myoflow.surrogate.CylindricalConditions;
import org.myoflow.surrogate.CylindricalSurrogateModel;
import org.osgi.service.component.annotations.Component;

/**
 * Step {@code org.myoflow.surrogate.cylindrical-surrogate-muap-series}: MUAP banks on a limb during movement from
 * the cylindrical neural surrogate (same output type and length rule as the planar MUAP-series steps: depth ×
 * 1/√s, IZ and fibre length × s, CV × 1/s; lateral positions, so angles, unchanged). All units of one update time
 * go through the network in one inference call; equal lengths are computed once.
 */
@Component(service = StepProvider.class)
public final class CylindricalSurrogateMuapSeriesStep implements StepProvider {

    public static final String ID = "org.myoflow.surrogate.cylindrical-surrogate-muap-series";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("MUAP banks during movement (cylindrical neural surrogate)")
            .category("Simulation/Volume conductor")
            .description("Predicts the MUAPs of a seeded motor-unit anatomy on a cylindrical limb at update times "
                    + "k / updateRate while the normalised muscle length s(t) changes, with a trained cylindrical "
                    + "MUAP surrogate from the model registry; one batched inference per update time. s(t) from "
                    + "the optional 'length' signal or the built-in profile; parameters and units outside the "
                    + "model's ranges are refused.")
            .reference(SurrogateMuapBankStep.BIOMIME)
            .optionalInput("length", DataTypes.SIGNAL, SurrogateSteps.LENGTH_INPUT)
            .output("muaps", DataTypes.MUAP_BANK_SERIES, SurrogateSteps.SERIES_OUTPUT)
            .settings(CylindricalSurrogateMuapSeriesSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return CylindricalSurrogateMuapSeriesStep::run;
    }

    /** The series of banks for the anatomy at the scheduled lengths (equal lengths computed once). */
    public static MuapBankSeries series(CylindricalSurrogateModel model, MotorUnitAnatomy anatomy, double fatMm,
            double[] times, double[] lengths, ElectrodeArray.Montage montage, Progress progress) {
        double rm = model.config().muscleRadiusMm();
        return SurrogateSteps.series(times, lengths, (s, at) -> {
            List<String> where = new ArrayList<>();
            List<CylindricalConditions> c = CylindricalSurrogateMuapBankStep.conditions(anatomy, s, rm, fatMm, where,
                    at);
            return model.bank(c, where, montage);
        }, progress);
    }

    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        CylindricalSurrogateMuapSeriesSettings s = context.settings(CylindricalSurrogateMuapSeriesSettings.class);
        boolean lengthInput = context.inputSpec("length").isPresent();
        CylindricalSurrogateMuapBankStep.checkModel(context, s, lengthInput ? null : s.lengthRange());
        return SurrogateSteps.output(DataTypes.MUAP_BANK_SERIES, s.units);
    }

    private static void run(StepContext context) {
        CylindricalSurrogateMuapSeriesSettings s = context.settings(CylindricalSurrogateMuapSeriesSettings.class);
        CylindricalSurrogateMuapBankStep.checkSettings(s);
        Progress progress = context.progress();
        Signal length = context.optionalInput("length", Signal.class).orElse(null);
        double[][] schedule = MuapSeriesBuilder.schedule(s.updateRate, s.duration, s::profileLength, length);
        progress.update(0, "loading model " + s.model);
        CylindricalSurrogateModel model = CylindricalSurrogateMuapBankStep.loadModel(context, s.model);
        CylindricalSurrogateMuapBankStep.checkRanges(s, model.config(), length == null ? s.lengthRange() : null);
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(s.anatomySpec(), s.anatomyRandom(context));
        context.output("muaps", series(model, anatomy, s.fatThickness, schedule[0], schedule[1], s.montage,
                progress));
        progress.update(1, "done");
    }
}
