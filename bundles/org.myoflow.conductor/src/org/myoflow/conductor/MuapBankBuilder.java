package org.myoflow.conductor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.myoflow.core.data.MuapBank;

/**
 * Builds a {@link MuapBank} from a motor-unit anatomy, a planar conductor and an electrode array. The kernel
 * tables (one inverse 2-D FFT per depth level) are computed once for the anatomy's extent; every fibre then
 * costs one pass of {@code FibreProjection} (P2) into its unit's accumulator (fibres at any depth reuse the
 * tables by linear interpolation between the two nearest levels), and every unit one evaluation of (P1) with
 * its conduction velocity. Units run in parallel.
 *
 * @since 0.1
 */
public final class MuapBankBuilder {

    /** Extra FFT extent that keeps the periodic images of the kernels away, mm. */
    public static final double DEFAULT_MARGIN_MM = 64;

    private final PlanarLayeredConductor conductor;
    private final ElectrodeArray array;
    private final double fsHz;
    private final int samples;
    private final double onsetS;
    private final double gridSpacingMm;
    private final double depthStepMm;
    private final double marginMm;

    /**
     * Named settings of a builder for this conductor and array: sampling rate and MUAP duration must be set; onset
     * defaults to 0 s, the kernel grid spacing and the depth step to 0.5 mm, the FFT margin to
     * {@link #DEFAULT_MARGIN_MM}.
     */
    public static Settings builder(PlanarLayeredConductor conductor, ElectrodeArray array) {
        return new Settings(conductor, array);
    }

    /** Named, unit-carrying settings of a {@link MuapBankBuilder}. */
    public static final class Settings {
        private final PlanarLayeredConductor conductor;
        private final ElectrodeArray array;
        private double samplingRateHz = Double.NaN;
        private double muapDurationS = Double.NaN;
        private double onsetS;
        private double gridSpacingMm = 0.5;
        private double depthStepMm = 0.5;
        private double marginMm = DEFAULT_MARGIN_MM;

        private Settings(PlanarLayeredConductor conductor, ElectrodeArray array) {
            this.conductor = conductor;
            this.array = array;
        }

        /** Sampling rate of the MUAPs, Hz. */
        public Settings samplingRateHz(double v) {
            this.samplingRateHz = v;
            return this;
        }

        /** Length of each MUAP, s. */
        public Settings muapDurationS(double v) {
            this.muapDurationS = v;
            return this;
        }

        /** Time of sample 0 relative to the discharge, s. */
        public Settings onsetS(double v) {
            this.onsetS = v;
            return this;
        }

        /** Kernel grid spacing and quadrature step along the fibres, mm (0.5 is within 2 %). */
        public Settings gridSpacingMm(double v) {
            this.gridSpacingMm = v;
            return this;
        }

        /** Spacing of the depth levels of the kernel tables, mm. */
        public Settings depthStepMm(double v) {
            this.depthStepMm = v;
            return this;
        }

        /** Extra FFT extent that keeps the periodic images of the kernels away, mm. */
        public Settings marginMm(double v) {
            this.marginMm = v;
            return this;
        }

        /** The builder; refuses bad sampling or grid values. */
        public MuapBankBuilder build() {
            return new MuapBankBuilder(this);
        }
    }

    /**
     * @param durationS     length of each MUAP, s
     * @param onsetS        time of sample 0 relative to the discharge, s
     * @param gridSpacingMm kernel grid spacing and quadrature step along the fibres, mm (0.5 is within 2 %)
     * @param depthStepMm   spacing of the depth levels, mm
     * @deprecated positional; use {@link #builder(PlanarLayeredConductor, ElectrodeArray)}
     */
    @Deprecated
    public MuapBankBuilder(PlanarLayeredConductor conductor, ElectrodeArray array, double fsHz, double durationS,
            double onsetS, double gridSpacingMm, double depthStepMm) {
        this(builder(conductor, array).samplingRateHz(fsHz).muapDurationS(durationS).onsetS(onsetS)
                .gridSpacingMm(gridSpacingMm).depthStepMm(depthStepMm));
    }

    /** @deprecated positional; use {@link #builder(PlanarLayeredConductor, ElectrodeArray)} */
    @Deprecated
    public MuapBankBuilder(PlanarLayeredConductor conductor, ElectrodeArray array, double fsHz, double durationS,
            double onsetS, double gridSpacingMm, double depthStepMm, double marginMm) {
        this(builder(conductor, array).samplingRateHz(fsHz).muapDurationS(durationS).onsetS(onsetS)
                .gridSpacingMm(gridSpacingMm).depthStepMm(depthStepMm).marginMm(marginMm));
    }

    private MuapBankBuilder(Settings s) {
        if (!(s.samplingRateHz > 0) || !(s.muapDurationS > 0) || !Double.isFinite(s.onsetS)
                || !(s.gridSpacingMm > 0) || !(s.depthStepMm > 0)) {
            throw new IllegalArgumentException("bad sampling or grid: fs " + s.samplingRateHz + " Hz, duration "
                    + s.muapDurationS + " s, grid " + s.gridSpacingMm + " mm, depth step " + s.depthStepMm + " mm");
        }
        this.conductor = s.conductor;
        this.array = s.array;
        this.fsHz = s.samplingRateHz;
        this.samples = (int) Math.max(1, Math.round(s.muapDurationS * s.samplingRateHz));
        this.onsetS = s.onsetS;
        this.gridSpacingMm = s.gridSpacingMm;
        this.depthStepMm = s.depthStepMm;
        this.marginMm = s.marginMm;
    }

    public PlanarLayeredConductor conductor() {
        return conductor;
    }

    public ElectrodeArray array() {
        return array;
    }

    public double samplingRate() {
        return fsHz;
    }

    /** Samples per MUAP. */
    public int samples() {
        return samples;
    }

    public double onset() {
        return onsetS;
    }

    /** Kernel grid spacing, mm. */
    public double gridSpacingMm() {
        return gridSpacingMm;
    }

    /** Spacing of the depth levels, mm. */
    public double depthStepMm() {
        return depthStepMm;
    }

    /** The kernel grid that covers every fibre–electrode pair of the anatomy. */
    public PlanarLayeredConductor.KernelGrid gridFor(MotorUnitAnatomy anatomy) {
        return gridFor(anatomy.units());
    }

    /** The kernel grid that covers every fibre–electrode pair of these units (e.g. one hand-placed unit). */
    public PlanarLayeredConductor.KernelGrid gridFor(List<MotorUnitAnatomy.Unit> units) {
        double maxAcross = 0;
        double maxAlong = 0;
        for (double[] p : array.positions()) {
            maxAcross = Math.max(maxAcross, Math.abs(p[1]));
            maxAlong = Math.max(maxAlong, Math.abs(p[0]));
        }
        double maxFibreX = 0;
        double maxReach = 0;
        double maxDepth = 0;
        for (MotorUnitAnatomy.Unit u : units) {
            for (MotorUnitAnatomy.Fibre f : u.fibres()) {
                maxFibreX = Math.max(maxFibreX, Math.abs(f.xMm()));
                maxReach = Math.max(maxReach,
                        Math.abs(f.izMm()) + Math.max(f.rightSemiLengthMm(), f.leftSemiLengthMm()));
                maxDepth = Math.max(maxDepth, f.depthMm());
            }
        }
        return new PlanarLayeredConductor.KernelGrid(gridSpacingMm, maxAcross + maxFibreX + 2 * gridSpacingMm,
                maxAlong + maxReach + 4 * gridSpacingMm, maxDepth, depthStepMm, marginMm);
    }

    /** Monopolar potentials [unit][electrode][sample] in mV. */
    public double[][][] monopolar(MotorUnitAnatomy anatomy, IntConsumer unitsDone) {
        PlanarLayeredConductor.Kernels kernels = conductor.kernels(array.radiusMm(), gridFor(anatomy));
        return monopolar(anatomy, kernels, unitsDone);
    }

    /** As {@link #monopolar(MotorUnitAnatomy, IntConsumer)} with pre-computed kernels. */
    public double[][][] monopolar(MotorUnitAnatomy anatomy, PlanarLayeredConductor.Kernels kernels,
            IntConsumer unitsDone) {
        double[][] electrodes = array.positions();
        List<MotorUnitAnatomy.Unit> units = anatomy.units();
        double[][][] out = new double[units.size()][][];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, units.size()).parallel().forEach(i -> {
            out[i] = unitPotentials(units.get(i), kernels, electrodes);
            if (unitsDone != null) {
                unitsDone.accept(done.incrementAndGet());
            }
        });
        return out;
    }

    /** One unit's monopolar potentials [electrode][sample], mV: the sum over its fibres. */
    public double[][] unitPotentials(MotorUnitAnatomy.Unit unit, PlanarLayeredConductor.Kernels kernels,
            double[][] electrodes) {
        double maxL = 0;
        for (MotorUnitAnatomy.Fibre f : unit.fibres()) {
            maxL = Math.max(maxL, Math.max(f.rightSemiLengthMm(), f.leftSemiLengthMm()));
        }
        FibreProjection p = new FibreProjection(kernels, electrodes, maxL);
        double[][] d = p.newAccumulator();
        for (MotorUnitAnatomy.Fibre f : unit.fibres()) {
            p.accumulate(d, new FibreSource(f.izMm(), f.rightSemiLengthMm(), f.leftSemiLengthMm(), unit.cvMPerS()),
                    f.xMm(), f.depthMm());
        }
        return p.render(d, unit.cvMPerS(), fsHz, samples, onsetS);
    }

    /** The MUAP bank of the anatomy in the given montage (amplitudes in mV). */
    public MuapBank build(MotorUnitAnatomy anatomy, ElectrodeArray.Montage montage, IntConsumer unitsDone) {
        return build(anatomy, conductor.kernels(array.radiusMm(), gridFor(anatomy)), montage, unitsDone);
    }

    /** As {@link #build(MotorUnitAnatomy, ElectrodeArray.Montage, IntConsumer)} with pre-computed kernels. */
    public MuapBank build(MotorUnitAnatomy anatomy, PlanarLayeredConductor.Kernels kernels,
            ElectrodeArray.Montage montage, IntConsumer unitsDone) {
        return bank(monopolar(anatomy, kernels, unitsDone), montage);
    }

    /** The bank of monopolar potentials [unit][electrode][sample] (mV) in the given montage. */
    MuapBank bank(double[][][] mono, ElectrodeArray.Montage montage) {
        ElectrodeArray.Derivation der = array.derive(montage);
        double[][][] muaps = new double[mono.length][][];
        List<String> unitLabels = new ArrayList<>();
        for (int u = 0; u < mono.length; u++) {
            muaps[u] = der.apply(mono[u]);
            unitLabels.add("MU" + (u + 1));
        }
        return new MuapBank(muaps, fsHz, onsetS, der.labels(), unitLabels, der.positions(), der.rows(), der.cols(),
                "mV", montage.label());
    }
}
