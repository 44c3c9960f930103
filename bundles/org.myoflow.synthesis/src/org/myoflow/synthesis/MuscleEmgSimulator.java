package org.myoflow.synthesis;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.conductor.MuapBankBuilder;
import org.myoflow.conductor.PlanarLayeredConductor;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.spikes.FuglevandPool;
import org.myoflow.spikes.SpikeTrainGenerator;

/**
 * The simulation chain of one muscle recorded by one electrode configuration, through the simulation bundles'
 * public API: excitation → {@link FuglevandPool} spike trains ({@link SpikeTrainGenerator}) → MUAP bank of a seeded
 * {@link MotorUnitAnatomy} in a {@link PlanarLayeredConductor} ({@link MuapBankBuilder}) → EMG
 * ({@link EmgSynthesizer}). Ground-truth generators (benchmarks, simulated experiments) build their EMG with it
 * instead of repeating the chain; the settings are named and carry their units.
 *
 * <p>The anatomy and the MUAP bank are drawn once, on construction, from the generator given; every
 * {@link #cleanEmg} call then draws the spike trains from its own generator. The same settings and generator
 * states give bit-identical EMG.
 *
 * @since 0.2
 */
public final class MuscleEmgSimulator {

    /**
     * The Fuglevand (1993) pool's rate model (the unit count is {@link Settings#units()}).
     *
     * @param recruitmentRange     range of the recruitment thresholds (&gt; 1)
     * @param peakRateFirstHz      peak firing rate of the first unit, Hz
     * @param peakRateDifferenceHz peak rate of the first minus that of the last unit, Hz
     * @param minRateHz            minimum firing rate, Hz
     * @param gainHzPerExcitation  rate gain, Hz per unit of excitation
     * @param isiCv                coefficient of variation of the inter-spike intervals
     */
    public record PoolSettings(double recruitmentRange, double peakRateFirstHz, double peakRateDifferenceHz,
            double minRateHz, double gainHzPerExcitation, double isiCv) {

        /** Recruitment range 30, peak rates 35 to 25 Hz, minimum 8 Hz, gain 1 Hz per unit excitation, ISI CV 0.2. */
        public static PoolSettings fuglevand1993() {
            return new PoolSettings(30, 35, 10, 8, 1, 0.2);
        }

        /** The pool of n units. */
        public FuglevandPool pool(int units) {
            return new FuglevandPool(units, recruitmentRange, peakRateFirstHz, peakRateDifferenceHz, minRateHz,
                    gainHzPerExcitation, isiCv);
        }
    }

    /**
     * Everything that defines the simulated muscle and its recording.
     *
     * @param samplingRateHz rate of the excitation and of the EMG, Hz
     * @param pool           the pool's rate model
     * @param anatomy        motor-unit anatomy (its unit count is the pool's)
     * @param conductor      planar layered volume conductor
     * @param array          electrode array over the muscle
     * @param montage        spatial filter of the recorded channels
     * @param muapDurationS  length of each MUAP, s
     * @param gridSpacingMm  kernel grid spacing, mm
     * @param depthStepMm    spacing of the kernel depth levels, mm
     */
    public record Settings(double samplingRateHz, PoolSettings pool, MotorUnitAnatomy.Spec anatomy,
            PlanarLayeredConductor conductor, ElectrodeArray array, ElectrodeArray.Montage montage,
            double muapDurationS, double gridSpacingMm, double depthStepMm) {

        public Settings {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(anatomy, "anatomy");
            Objects.requireNonNull(conductor, "conductor");
            Objects.requireNonNull(array, "array");
            Objects.requireNonNull(montage, "montage");
            if (!(samplingRateHz > 0) || Double.isInfinite(samplingRateHz)) {
                throw new IllegalArgumentException("samplingRateHz must be positive and finite, got "
                        + samplingRateHz);
            }
        }

        /** Motor units in the pool. */
        public int units() {
            return anatomy.units();
        }

        /**
         * One bipolar surface channel over one muscle: the {@link PoolSettings#fuglevand1993()} pool; a muscle
         * cross-section of 40 x 15 mm times {@code crossSectionScale} with 25-2500 fibres per unit at 20 per mm²,
         * conduction velocity 4.25 ± 1.25 m/s, semi-fibres of 60 ± 5 mm and an innervation-zone spread of 10 mm;
         * the {@link PlanarLayeredConductor#defaults() default planar conductor} with the given fat thickness; two
         * electrodes of radius 2.5 mm, 10 mm apart along the fibres, centred 20 mm from the innervation zone, in the
         * single-differential montage; MUAPs of 30 ms on a 0.5 mm kernel grid.
         *
         * @param units             motor units in the pool
         * @param samplingRateHz    rate of the excitation and the EMG, Hz
         * @param fatMm             subcutaneous fat thickness, mm
         * @param crossSectionScale factor on the muscle cross-section's width and depth
         */
        public static Settings bipolarSurfaceChannel(int units, double samplingRateHz, double fatMm,
                double crossSectionScale) {
            MotorUnitAnatomy.Spec spec = MotorUnitAnatomy.Spec.builder().units(units).minFibres(25).maxFibres(2500)
                    .fibresPerMm2(20).muscleWidthMm(40 * crossSectionScale).muscleDepthMm(15 * crossSectionScale)
                    .cvMeanMPerS(4.25).cvSpreadMPerS(2.5).semiLengthMm(60).semiLengthSpreadMm(5).izSpreadMm(10)
                    .build();
            ElectrodeArray array = ElectrodeArray.builder().rows(2).cols(1).spacingMm(10).radiusMm(2.5)
                    .centreAlongMm(20).build();
            return new Settings(samplingRateHz, PoolSettings.fuglevand1993(), spec,
                    PlanarLayeredConductor.defaults().withFatMm(fatMm), array,
                    ElectrodeArray.Montage.SINGLE_DIFFERENTIAL, 0.03, 0.5, 0.5);
        }
    }

    private final Settings settings;
    private final FuglevandPool pool;
    private final MuapBank bank;

    /**
     * Draws the anatomy and builds the MUAP bank.
     *
     * @param settings the muscle and its recording
     * @param anatomy  source of the motor-unit anatomy (used once, here)
     */
    public MuscleEmgSimulator(Settings settings, RandomGenerator anatomy) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pool = settings.pool().pool(settings.units());
        MuapBankBuilder builder = MuapBankBuilder.builder(settings.conductor(), settings.array())
                .samplingRateHz(settings.samplingRateHz()).muapDurationS(settings.muapDurationS())
                .gridSpacingMm(settings.gridSpacingMm()).depthStepMm(settings.depthStepMm()).build();
        this.bank = builder.build(MotorUnitAnatomy.generate(settings.anatomy(), anatomy), settings.montage(), null);
    }

    public Settings settings() {
        return settings;
    }

    /** The MUAP bank of the drawn anatomy. */
    public MuapBank muaps() {
        return bank;
    }

    /** Sampling rate of the excitation and the EMG, Hz. */
    public double samplingRate() {
        return settings.samplingRateHz();
    }

    /**
     * Noise-free EMG (in the bank's unit, mV) of the first recorded channel, as long as the excitation.
     *
     * @param excitation samples in [0, 1] at the sampling rate
     * @param spikes     source of the spike trains' interval noise
     */
    public double[] cleanEmg(double[] excitation, RandomGenerator spikes) {
        int n = excitation.length;
        double fs = settings.samplingRateHz();
        double[][] trains = SpikeTrainGenerator.generate(pool, excitation, fs, 0, spikes, null);
        double[] x = EmgSynthesizer.synthesize(new SpikeTrains(trains, n / fs, null), bank, null)[0];
        return Arrays.copyOf(x, n);
    }

    /** Mean power (mean square) of x. */
    public static double meanPower(double[] x) {
        double power = 0;
        for (double v : x) {
            power += v * v;
        }
        return power / x.length;
    }

    /** Adds white Gaussian noise of standard deviation sigma to x in place, one draw per sample. */
    public static void addWhiteNoise(double[] x, double sigma, RandomGenerator random) {
        for (int i = 0; i < x.length; i++) {
            x[i] += sigma * random.nextGaussian();
        }
    }
}
