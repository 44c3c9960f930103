package org.myoflow.spikes.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Progress;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.spikes.FuglevandPool;
import org.myoflow.spikes.MotorUnitPool;
import org.myoflow.spikes.NeuroMotionPool;
import org.myoflow.spikes.SpikeTrainGenerator;
import org.myoflow.spikes.TwitchModel;
import org.osgi.service.component.annotations.Component;

/**
 * Step {@code org.myoflow.spikes.motor-unit-pool}: spike trains and twitch force of a motor-unit pool driven by an
 * excitation signal (Fuglevand, Winter &amp; Patla 1993, or the NeuroMotion variant).
 */
@Component(service = StepProvider.class)
public final class MotorUnitPoolStep implements StepProvider {

    public static final String ID = "org.myoflow.spikes.motor-unit-pool";

    static final String FUGLEVAND_1993 = "Fuglevand AJ, Winter DA, Patla AE (1993) Models of recruitment and rate "
            + "coding organization in motor-unit pools. J Neurophysiol 70(6):2470-2488";
    static final String NEUROMOTION = "Ma S, Clarke AK, Maksymenko K, Deslauriers-Gauthier S, Sheng X, Zhu X, "
            + "Farina D (2024) Conditional generative models for simulation of EMG during naturalistic movements "
            + "(NeuroMotion). IEEE Trans Neural Netw Learn Syst; arXiv:2211.01856";
    static final String KONSTANTIN_2020 = "Konstantin A, Yu T, Le Carpentier E, Aoustin Y, Farina D (2020) "
            + "Simulation of motor unit action potential recordings from intramuscular multichannel scanning "
            + "electrodes. IEEE Trans Biomed Eng 67(7):2005-2014";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Motor-unit pool (Fuglevand 1993)")
            .category("Simulation/Spikes")
            .description("Recruits motor units by threshold and rate-codes them from an excitation u(t) in [0, 1] "
                    + "(fraction of maximal excitation), with Gaussian inter-spike-interval noise; sums "
                    + "Fuglevand's gain-scaled twitches into a force in multiples of the smallest unit's twitch "
                    + "peak. Units are numbered 1..n, smallest first. The excitation is interpolated linearly "
                    + "between samples; spike times are continuous.")
            .reference(FUGLEVAND_1993)
            .reference(NEUROMOTION)
            .reference(KONSTANTIN_2020)
            .input("excitation", DataTypes.SIGNAL, "Excitation in [0, 1]: one channel, or the one named by "
                    + "the channel parameter")
            .output("spikes", DataTypes.SPIKE_TRAINS, "Firing times of units MU1..MUn on the excitation's time "
                    + "axis")
            .output("force", DataTypes.SIGNAL, "Pool force, channel 'force' in multiples of the smallest unit's "
                    + "twitch peak (a.u.)")
            .settings(MotorUnitPoolSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return MotorUnitPoolStep::run;
    }

    /**
     * Refuses an excitation whose channel cannot be chosen (several channels and no {@code channel}, or a
     * {@code channel} it does not have) and a signal that is known to be no excitation; declares n units of spike
     * trains and one force channel.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext context) {
        MotorUnitPoolSettings s = context.settings(MotorUnitPoolSettings.class);
        DataSpec in = context.inputSpec("excitation").orElseThrow();
        String label = s.channel == null ? "" : s.channel;
        if (label.isEmpty() && in.channelCount() > 1) {
            context.problem("excitation", null, "the excitation has " + in.channelCount() + " channels "
                    + in.channelLabels() + "; set parameter 'channel' to the one that drives this pool");
        } else if (!label.isEmpty() && in.channelsKnown() && !in.hasChannel(label)) {
            context.problem("excitation", label, "parameter 'channel' names a channel the excitation does not "
                    + "have; its channels are " + in.channelLabels());
        } else if (in.channelCount() == 0) {
            context.problem("excitation", null, "the excitation has no channels");
        }
        if (in.quantity() != null && List.of("emg", "force", "angle", "torque").contains(in.quantity())) {
            context.problem("excitation", label.isEmpty() ? null : label, "expects an excitation in [0, 1], got "
                    + "a signal of quantity '" + in.quantity() + "'");
        }
        double duration = in.duration();
        return Map.of("spikes", DataSpec.ofType(DataTypes.SPIKE_TRAINS).withUnits(s.units).withDuration(duration),
                "force", DataSpec.signal("force", "a.u.", List.of("force"), s.forceSamplingRate,
                        Double.isNaN(duration) ? Double.NaN : Math.rint(duration * s.forceSamplingRate)
                                / s.forceSamplingRate));
    }

    private static void run(StepContext context) {
        MotorUnitPoolSettings s = context.settings(MotorUnitPoolSettings.class);
        Signal signal = context.input("excitation", Signal.class);
        int channel = selectChannel(signal, s.channel);
        double[] u = signal.channel(channel);
        checkExcitation(signal, channel, u);
        if (signal.startTime() < 0) {
            throw new DataException("excitation starts at t = " + signal.startTime()
                    + " s; spike trains need a time axis starting at or after 0");
        }

        MotorUnitPool pool = switch (s.model) {
            case FUGLEVAND_1993 -> new FuglevandPool(s.units, s.recruitmentRange, s.peakRateFirst,
                    s.peakRateDifference, s.minRate, s.gain, s.isiCv);
            case NEUROMOTION -> NeuroMotionPool.defaults(s.units);
        };
        TwitchModel twitches = new TwitchModel(s.units, s.twitchForceRange, s.twitchTimeRange,
                s.longestContraction);

        Progress progress = context.progress();
        int n = pool.size();
        double[][] trains = SpikeTrainGenerator.generate(pool, u, signal.samplingRate(), signal.startTime(),
                context.random(), i -> {
                    progress.checkCancelled();
                    progress.update(0.6 * i / n, "spike trains: unit " + i + " of " + n);
                });

        double end = signal.startTime() + signal.duration();
        double forceSamples = Math.rint(signal.duration() * s.forceSamplingRate);
        if (forceSamples < 1 || forceSamples > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "excitation of %g s at a force sampling rate of %g Hz gives %.0f force samples", signal.duration(),
                    s.forceSamplingRate, forceSamples));
        }
        double[] force = twitches.force(trains, s.forceSamplingRate, signal.startTime(), (int) forceSamples, i -> {
            progress.checkCancelled();
            progress.update(0.6 + 0.4 * i / n, "force: unit " + i + " of " + n);
        });
        // a.u.: multiples of the smallest unit's twitch peak P_1
        double unitForce = twitches.peak(1);
        for (int k = 0; k < force.length; k++) {
            force[k] /= unitForce;
        }

        context.output("spikes", new SpikeTrains(trains, end, null));
        context.output("force", Signal.builder(s.forceSamplingRate).startTime(signal.startTime())
                .quantity("force").channel("force", "a.u.", force).build());
        progress.update(1, "done");
    }

    private static int selectChannel(Signal signal, String label) {
        if (signal.channelCount() == 0 || signal.sampleCount() == 0) {
            throw new DataException("excitation signal is empty (" + signal.channelCount() + " channels, "
                    + signal.sampleCount() + " samples)");
        }
        if (label == null || label.isEmpty()) {
            return 0;
        }
        int c = signal.indexOf(label);
        if (c < 0) {
            throw new DataException("excitation has no channel '" + label + "'; its channels are "
                    + signal.labels());
        }
        return c;
    }

    private static void checkExcitation(Signal signal, int channel, double[] u) {
        for (int k = 0; k < u.length; k++) {
            if (!(u[k] >= 0 && u[k] <= 1)) {
                throw new DataException("excitation channel '" + signal.labels().get(channel) + "' sample " + k
                        + " (t = " + signal.timeAt(k) + " s) is " + u[k]
                        + ", outside [0, 1] (fraction of maximal excitation)");
            }
        }
    }
}
