package org.myoflow.conductor.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;

import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.LengthInterpolation;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.conductor.MuapSeriesBuilder;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.MuapBank;
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
 * Step {@code org.myoflow.conductor.cylindrical-muap-series}: the cylindrical MUAP bank of one seeded anatomy at
 * update times k / updateRate while the muscle length changes (the planar series step's rule: fibre length × s,
 * depth × 1/√s, CV × 1/s), the numerical counterpart of the cylindrical surrogate's series step. One detection table
 * serves every length of the range; with {@code lengthNodeStep} > 0 the MUAPs are computed exactly at the node
 * lengths and interpolated between them ({@link LengthInterpolation}), as the planar series step does.
 */
@Component(service = StepProvider.class)
public final class CylindricalMuapSeriesStep implements StepProvider {

    public static final String ID = "org.myoflow.conductor.cylindrical-muap-series";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("MUAP banks during movement (cylindrical conductor)")
            .category("Simulation/Volume conductor")
            .description("Simulates the MUAPs of a seeded motor-unit anatomy on a cylindrical limb (as the "
                    + "cylindrical MUAP-bank step: optional bone, anisotropic muscle, fat, skin) at update times "
                    + "k / updateRate while the normalised muscle length s(t) changes: every fibre's semi-lengths "
                    + "and innervation-zone position scale by s, its depth below the muscle surface by 1/sqrt(s) and "
                    + "the conduction velocity by 1/s. s(t) comes from the optional 'length' signal (1 = rest, "
                    + "allowed 0.7-1.3) or from the built-in profile. The same seed gives the same units and fibres "
                    + "at every time; at s = 1 the banks equal the cylindrical MUAP-bank step's. With lengthNodeStep "
                    + "> 0 (default 0.1) the MUAPs are computed exactly at the lengths 1 + j·lengthNodeStep around "
                    + "the range of s(t) and interpolated between them (time axis scaled by (s_node/s)², linear in "
                    + "s); 0 computes every distinct length exactly.")
            .reference(CylindricalMuapBankStep.FARINA_ET_AL_2004_TBME)
            .reference(PlanarMuapBankStep.FARINA_MERLETTI_2001_JEK)
            .reference(PlanarMuapSeriesStep.NEUROMOTION)
            .optionalInput("length", DataTypes.SIGNAL, "Normalised muscle length s(t) (1 = rest length, within "
                    + "[0.7, 1.3]); the channel labelled 'length', else the first. Without it the lengthProfile "
                    + "parameters are used")
            .output("muaps", DataTypes.MUAP_BANK_SERIES, "MUAP banks of units MU1..MUn at the update times")
            .settings(CylindricalMuapSeriesSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return CylindricalMuapSeriesStep::run;
    }

    /** Update times and lengths: [0] times (s), [1] normalised lengths. */
    static double[][] schedule(CylindricalMuapSeriesSettings s, Signal length) {
        return MuapSeriesBuilder.schedule(s.updateRate, s.duration, s::profileLength, length);
    }

    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        CylindricalMuapSeriesSettings s = context.settings(CylindricalMuapSeriesSettings.class);
        return PlanarMuapSeriesStep.seriesOutputs(context, s, s.array(), s.duration, s.updateRate);
    }

    private static void run(StepContext context) {
        CylindricalMuapSeriesSettings s = context.settings(CylindricalMuapSeriesSettings.class);
        List<ParameterSchema.Problem> problems = s.check();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters: " + problems);
        }
        Progress progress = context.progress();
        double[][] schedule = schedule(s, context.optionalInput("length", Signal.class).orElse(null));
        progress.update(0, "anatomy");
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(s.anatomySpec(), s.anatomyRandom(context));
        context.output("muaps", series(s, anatomy, schedule[0], schedule[1], progress));
        progress.update(1, "done");
    }

    /**
     * The series of banks in the settings' montage: exact banks at every distinct length when lengthNodeStep is 0
     * or there are no more distinct lengths than nodes, else interpolated from exact banks at the node lengths.
     */
    static MuapBankSeries series(CylindricalMuapSeriesSettings s, MotorUnitAnatomy anatomy, double[] times,
            double[] lengths, Progress progress) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        Set<Double> distinct = new HashSet<>();
        for (int k = 0; k < lengths.length; k++) {
            MuapSeriesBuilder.checkLength(lengths[k], "update " + k + " (t = " + times[k] + " s)");
            lo = Math.min(lo, lengths[k]);
            hi = Math.max(hi, lengths[k]);
            distinct.add(lengths[k]);
        }
        ElectrodeArray array = s.array();
        ElectrodeArray.Derivation der = array.derive(s.montage);
        double[] nodes = s.lengthNodeStep > 0 ? LengthInterpolation.nodes(lo, hi, s.lengthNodeStep) : null;
        boolean exact = nodes == null || distinct.size() <= nodes.length;
        double tableLo = exact ? lo : nodes[0];
        double tableHi = exact ? hi : nodes[nodes.length - 1];
        progress.update(0.02, "volume-conductor table");
        DoubleFunction<double[][][]> monopolar = CylindricalMuapBankStep.monopolarAtLength(s, anatomy, tableLo,
                tableHi);
        progress.checkCancelled();
        int computed = exact ? distinct.size() : nodes.length;
        int[] done = { 0 };
        DoubleFunction<double[][][]> counted = len -> {
            progress.checkCancelled();
            progress.update(0.05 + 0.85 * done[0] / computed, String.format(Locale.ROOT, "%s length %d of %d "
                    + "(s = %.4f)", exact ? "exact" : "node", done[0] + 1, computed, len));
            double[][][] m = monopolar.apply(len);
            done[0]++;
            return m;
        };
        DoubleFunction<double[][][]> at;
        if (exact) {
            at = counted;
        } else {
            LengthInterpolation li = LengthInterpolation.compute(nodes, counted, s.samplingRate, 0);
            at = li::at;
        }
        Map<Double, MuapBank> cache = new HashMap<>();
        List<MuapBank> banks = new ArrayList<>(lengths.length);
        for (int k = 0; k < lengths.length; k++) {
            MuapBank b = cache.get(lengths[k]);
            if (b == null) {
                double[][][] mono = at.apply(lengths[k]);
                double[][][] muaps = new double[mono.length][][];
                for (int u = 0; u < mono.length; u++) {
                    muaps[u] = der.apply(mono[u]);
                }
                b = new MuapBank(muaps, s.samplingRate, 0, der.labels(), null, der.positions(), der.rows(),
                        der.cols(), "mV", s.montage.label());
                cache.put(lengths[k], b);
            }
            banks.add(b);
            progress.checkCancelled();
            progress.update(0.9 + 0.1 * (k + 1.0) / lengths.length, "bank " + (k + 1) + " of " + lengths.length);
        }
        return new MuapBankSeries(banks, times);
    }
}
