package org.myoflow.conductor.internal;

import java.util.List;
import java.util.Map;

import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.conductor.MuapSeriesBuilder;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.MuapBankSeries;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.Progress;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Step {@code org.myoflow.conductor.planar-muap-series}: the planar MUAP bank of one seeded anatomy recomputed at
 * update times k / updateRate while the muscle length changes (NeuroMotion's rule: fibre length × s, depth ×
 * 1/√s, CV × 1/s). The anatomy is drawn once; the conductor's kernel tables are computed once for all times.
 */
@Component(service = StepProvider.class)
public final class PlanarMuapSeriesStep implements StepProvider {

    public static final String ID = "org.myoflow.conductor.planar-muap-series";

    static final String NEUROMOTION = "Ma S et al., BioMime / NeuroMotion (arXiv 2211.01856; IEEE Trans Neural "
            + "Netw Learn Syst 2025): muscle-length rule depth x 1/sqrt(s), CV x 1/s, updates at 5 Hz "
            + "(citation to be checked)";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("MUAP banks during movement (planar conductor)")
            .category("Simulation/Volume conductor")
            .description("Simulates the MUAPs of a seeded motor-unit anatomy over a planar skin / fat / "
                    + "anisotropic muscle conductor (as the planar MUAP-bank step) at update times k / updateRate "
                    + "while the normalised muscle length s(t) changes: at length s every fibre's semi-lengths "
                    + "and innervation-zone position scale by s, its depth below the muscle surface by 1/sqrt(s) "
                    + "and the conduction velocity by 1/s. s(t) comes from the optional 'length' signal (1 = rest, "
                    + "allowed 0.7-1.3) or from the built-in profile. The same seed gives the same units and "
                    + "fibres at every time; at s = 1 the banks equal the planar MUAP-bank step's. With lengthNodeStep > 0 "
                    + "(default 0.1) the MUAPs are computed exactly at the lengths 1 + j·lengthNodeStep around "
                    + "the range of s(t) and interpolated between them (time axis scaled by (s_node/s)², linear "
                    + "in s), which makes long movements real-time; 0 computes every update exactly.")
            .reference(PlanarMuapBankStep.FARINA_MERLETTI_2001_TBME)
            .reference(PlanarMuapBankStep.FARINA_MERLETTI_2001_JEK)
            .reference(PlanarMuapBankStep.ROSENFALCK_1969)
            .reference(NEUROMOTION)
            .optionalInput("length", DataTypes.SIGNAL, "Normalised muscle length s(t) (1 = rest length, within "
                    + "[0.7, 1.3]); the channel labelled 'length', else the first. Without it the lengthProfile "
                    + "parameters are used")
            .output("muaps", DataTypes.MUAP_BANK_SERIES, "MUAP banks of units MU1..MUn at the update times")
            .settings(PlanarMuapSeriesSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return PlanarMuapSeriesStep::run;
    }

    /** Update times and lengths: [0] times (s), [1] normalised lengths. */
    static double[][] schedule(PlanarMuapSeriesSettings s, Signal length) {
        return MuapSeriesBuilder.schedule(s.updateRate, s.duration, s::profileLength, length);
    }

    /** Banks of n units (the units parameter) at the channels of the montage, in mV at the set rate. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        PlanarMuapSeriesSettings s = context.settings(PlanarMuapSeriesSettings.class);
        return seriesOutputs(context, s, s.array(), s.duration, s.updateRate);
    }

    /**
     * The outputs of a MUAP-series step (planar or cylindrical): a connected length signal must have a channel; one
     * bank per update time k / updateRate, its size reported for the memory check.
     */
    static Map<String, DataSpec> seriesOutputs(ConfigureContext context, PlanarMuapBankSettings s,
            org.myoflow.conductor.ElectrodeArray array, double duration, double updateRate) {
        context.inputSpec("length").ifPresent(in -> {
            if (in.channelCount() == 0) {
                context.problem("length", null, "the length signal has no channels");
            }
        });
        DataSpec spec = PlanarMuapBankStep.bankSpec(DataTypes.MUAP_BANK_SERIES, s, array);
        double banks = Math.floor(duration * updateRate) + 1; // one bank per update time k / updateRate
        if (banks < 1L << 40) {
            PlanarMuapBankStep.reportSize(context, "muaps", spec, s, (long) banks);
        }
        return Map.of("muaps", spec);
    }

    private static void run(StepContext context) {
        PlanarMuapSeriesSettings s = context.settings(PlanarMuapSeriesSettings.class);
        List<ParameterSchema.Problem> problems = s.check();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters: " + problems);
        }
        Progress progress = context.progress();
        double[][] schedule = schedule(s, context.optionalInput("length", Signal.class).orElse(null));
        progress.update(0, "anatomy");
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(s.anatomySpec(), s.anatomyRandom(context));
        MuapSeriesBuilder series = new MuapSeriesBuilder(s.bankBuilder());
        progress.update(0.02, "volume-conductor kernels");
        progress.checkCancelled();
        MuapBankSeries out = series.series(anatomy, schedule[0], schedule[1], s.montage, s.lengthNodeStep, new Progress() {
            @Override
            public void update(double fraction, String message) {
                progress.update(0.1 + 0.9 * fraction, message);
            }

            @Override
            public boolean isCancelled() {
                return progress.isCancelled();
            }
        });
        context.output("muaps", out);
        progress.update(1, "done");
    }
}
