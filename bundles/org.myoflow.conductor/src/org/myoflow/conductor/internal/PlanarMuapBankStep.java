package org.myoflow.conductor.internal;

import java.util.List;
import java.util.Map;

import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.conductor.MuapBankBuilder;
import org.myoflow.conductor.PlanarLayeredConductor;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.Progress;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Step {@code org.myoflow.conductor.planar-muap-bank}: MUAPs of a seeded motor-unit anatomy at an electrode
 * array over a planar skin–fat–anisotropic-muscle volume conductor (Farina &amp; Merletti 2001).
 */
@Component(service = StepProvider.class)
public final class PlanarMuapBankStep implements StepProvider {

    public static final String ID = "org.myoflow.conductor.planar-muap-bank";

    static final String FARINA_MERLETTI_2001_TBME = "Farina D, Merletti R (2001) A novel approach for precise "
            + "simulation of the EMG signal detected by surface electrodes. IEEE Trans Biomed Eng 48(6):637-646";
    static final String FARINA_MERLETTI_2001_JEK = "Farina D, Merletti R (2001) J Electromyogr Kinesiol 11(3):175-187 "
            + "(generation, propagation and extinction of the source; title to be checked)";
    static final String ROSENFALCK_1969 = "Rosenfalck P (1969) Intra- and extracellular potential fields of "
            + "active nerve and muscle fibres. Acta Physiol Scand Suppl 321:1-168";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("MUAP bank (planar multi-layer conductor)")
            .category("Simulation/Volume conductor")
            .description("Simulates the action potentials of a seeded motor-unit anatomy (exponential fibre "
                    + "counts, circular territories in a rectangular cross-section, innervation-zone and "
                    + "fibre-length spread, CV rising with size) at a grid of circular electrodes over a planar "
                    + "skin / fat / anisotropic muscle volume conductor. Rosenfalck action potentials are "
                    + "generated at the innervation zone, propagate both ways and extinguish at the tendons. "
                    + "Sample 0 is the discharge at the innervation zone; amplitudes in mV; x along the fibres, "
                    + "y across.")
            .reference(FARINA_MERLETTI_2001_TBME)
            .reference(FARINA_MERLETTI_2001_JEK)
            .reference(ROSENFALCK_1969)
            .output("muaps", DataTypes.MUAP_BANK, "MUAPs of units MU1..MUn (smallest first) at every channel "
                    + "of the montage")
            .settings(PlanarMuapBankSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return PlanarMuapBankStep::run;
    }

    /** n units (the units parameter) at the channels of the montage, in mV at the set rate. */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        PlanarMuapBankSettings s = context.settings(PlanarMuapBankSettings.class);
        ElectrodeArray array = new ElectrodeArray(s.rows, s.cols, s.interElectrodeDistance, s.electrodeRadius,
                s.arrayCentreAlong, s.arrayCentreAcross, s.rotation);
        DataSpec spec = bankSpec(DataTypes.MUAP_BANK, s, array);
        reportSize(context, "muaps", spec, s, 1);
        return Map.of("muaps", spec);
    }

    /**
     * Reports the size of {@code banks} MUAP banks of this spec: banks × units × channels × samples × 8 bytes
     * (samples = muapDuration × samplingRate), in exact 64-bit products (an overflow refuses the node).
     */
    static void reportSize(ConfigureContext context, String port, DataSpec spec, PlanarMuapBankSettings s,
            long banks) {
        double samples = Math.max(1, Math.rint(s.muapDuration * s.samplingRate));
        if (!spec.unitsKnown() || spec.channelCount() < 0 || !(samples < 1L << 40)) {
            return;
        }
        long perBank = Math.multiplyExact(Math.multiplyExact((long) spec.units(), spec.channelCount()),
                (long) samples);
        context.outputSize(port, Math.multiplyExact(Math.multiplyExact(perBank, banks), 8L));
    }

    /** The spec of the MUAPs of {@code s.units} units recorded by {@code array} in {@code s.montage}. */
    static DataSpec bankSpec(org.myoflow.core.data.DataType type, PlanarMuapBankSettings s, ElectrodeArray array) {
        return DataSpec.ofType(type).withQuantity("muap").withUnit("mV")
                .withChannels(array.derive(s.montage).labels()).withSamplingRate(s.samplingRate).withUnits(s.units);
    }

    private static void run(StepContext context) {
        PlanarMuapBankSettings s = context.settings(PlanarMuapBankSettings.class);
        List<ParameterSchema.Problem> problems = s.check();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters: " + problems);
        }
        Progress progress = context.progress();
        progress.update(0, "anatomy");
        MotorUnitAnatomy anatomy = MotorUnitAnatomy.generate(s.anatomySpec(), s.anatomyRandom(context));
        PlanarLayeredConductor conductor = new PlanarLayeredConductor(s.muscleConductivityAlong,
                s.muscleConductivityAcross, s.fatConductivity, s.fatThickness, s.skinConductivity, s.skinThickness);
        ElectrodeArray array = ElectrodeArray.builder().rows(s.rows).cols(s.cols).spacingMm(s.interElectrodeDistance)
                .radiusMm(s.electrodeRadius).centreAlongMm(s.arrayCentreAlong).centreAcrossMm(s.arrayCentreAcross)
                .rotationDeg(s.rotation).build();
        MuapBankBuilder builder = MuapBankBuilder.builder(conductor, array).samplingRateHz(s.samplingRate)
                .muapDurationS(s.muapDuration).onsetS(0).gridSpacingMm(s.gridSpacing).depthStepMm(s.depthStep).build();
        progress.update(0.05, "volume-conductor kernels");
        PlanarLayeredConductor.Kernels kernels = conductor.kernels(array.radiusMm(), builder.gridFor(anatomy));
        progress.checkCancelled();
        int n = anatomy.units().size();
        Object lock = new Object(); // units finish on pool threads; report one at a time
        double[][][] mono = builder.monopolar(anatomy, kernels, done -> {
            synchronized (lock) {
                progress.checkCancelled();
                progress.update(0.3 + 0.7 * done / n, "unit " + done + " of " + n);
            }
        });
        ElectrodeArray.Derivation der = array.derive(s.montage);
        double[][][] muaps = new double[n][][];
        for (int u = 0; u < n; u++) {
            muaps[u] = der.apply(mono[u]);
        }
        context.output("muaps", new MuapBank(muaps, s.samplingRate, 0, der.labels(), null, der.positions(),
                der.rows(), der.cols(), "mV", s.montage.label()));
        progress.update(1, "done");
    }
}
