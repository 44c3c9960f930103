package org.myoflow.activation.internal;

import java.util.Map;
import java.util.Optional;

import org.myoflow.dsp.Preprocessed;
import org.myoflow.dsp.Preprocessor;
import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;

/** What the activation steps share: ports, references, and reading and preprocessing their input. */
final class ActivationSteps {

    static final String EMG = "emg";
    static final String REFERENCE = "reference";
    static final String ACTIVATION = "activation";

    static final String WIMALASENA_2022 = "Wimalasena LN, Braun JF, Keshtkaran MR, Hofmann D, Gallego JA, "
            + "Alessandro C, Tresch MC, Miller LE, Pandarinath C (2022) Estimating muscle activation from EMG using "
            + "deep learning-based dynamical systems models. J Neural Eng 19(3):036013";
    static final String SANGER_2007 = "Sanger TD (2007) Bayesian filtering of myoelectric signals. "
            + "J Neurophysiol 97(2):1839-1845";
    static final String WINTER = "Winter DA (2009) Biomechanics and motor control of human movement, 4th ed. Wiley "
            + "(linear envelope: full-wave rectification and low-pass filtering)";

    private ActivationSteps() {
    }

    /** The common ports on a descriptor builder. */
    static StepDescriptor.Builder ports(StepDescriptor.Builder b) {
        return b.input(EMG, DataTypes.SIGNAL, "Raw EMG, one channel per electrode or muscle")
                .optionalInput(REFERENCE, DataTypes.SIGNAL, "EMG whose clip levels and scales are used instead of "
                        + "the input's own (e.g. the recording a model was fitted on); same channels as emg")
                .output(ACTIVATION, DataTypes.SIGNAL, "Activation estimate per channel at the bin rate, in units of "
                        + "each channel's scale percentile");
    }

    /**
     * Configure-time checks of the common ports: a reference on other channels than the EMG, a band-pass upper
     * edge not below the EMG's Nyquist frequency; the activation has the EMG's channels in a.u.
     */
    static Map<String, DataSpec> configure(ConfigureContext context, PreprocessingSettings s) {
        DataSpec emg = context.inputSpec(EMG).orElseThrow();
        context.inputSpec(REFERENCE).ifPresent(r -> {
            if (r.channelsKnown() && emg.channelsKnown() && !r.channelLabels().equals(emg.channelLabels())) {
                String first = emg.channelLabels().stream().filter(l -> !r.hasChannel(l)).findFirst().orElse(null);
                context.problem(REFERENCE, first, "the reference has channels " + r.channelLabels() + ", the EMG has "
                        + emg.channelLabels());
            }
        });
        checkBandPass(context, s, emg);
        return Map.of(ACTIVATION, activation(emg));
    }

    /** The band-pass must end below the Nyquist frequency of a recording of known rate. */
    static void checkBandPass(ConfigureContext context, PreprocessingSettings s, DataSpec emg) {
        double fs = emg.samplingRate();
        if (s.bandPass && !Double.isNaN(fs) && !(s.bandPassHigh < fs / 2)) {
            context.parameterProblem("bandPassHigh", "the band-pass upper edge " + s.bandPassHigh + " Hz is not "
                    + "below the Nyquist frequency " + fs / 2 + " Hz of input '" + EMG + "' sampled at " + fs + " Hz");
        }
    }

    /** An activation estimate per channel of {@code emg} (bin rate left unknown), in a.u. */
    static DataSpec activation(DataSpec emg) {
        return DataSpec.ofType(DataTypes.SIGNAL).withQuantity("activation").withUnit("a.u.")
                .withChannels(emg.channelLabels());
    }

    /** The input preprocessed, with the reference's clip levels and scales when one is connected. */
    static Preprocessed preprocess(StepContext context, PreprocessingSettings s) {
        Signal emg = context.input(EMG, Signal.class);
        Optional<Signal> ref = context.optionalInput(REFERENCE, Signal.class);
        if (ref.isEmpty()) {
            return Preprocessor.apply(emg, s.preprocessing());
        }
        Signal r = ref.get();
        if (r.channelCount() != emg.channelCount()) {
            throw new DataException("the reference has " + r.channelCount() + " channels, the EMG has "
                    + emg.channelCount());
        }
        if (!r.labels().equals(emg.labels())) {
            throw new DataException("the reference has channels " + r.labels() + ", the EMG has " + emg.labels());
        }
        Preprocessed p = Preprocessor.apply(r, s.preprocessing());
        return Preprocessor.apply(emg, s.preprocessing(), p.clipLevels(), p.scales());
    }

    static void output(StepContext context, Preprocessed p, double[][] estimate) {
        context.output(ACTIVATION, p.toSignal(estimate, "activation"));
        context.progress().update(1, "done");
    }
}
