package org.example.myoflow.rms;

import java.util.Locale;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.Progress;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.osgi.service.component.annotations.Component;

/**
 * Step {@code org.example.myoflow.moving-rms}: the centred moving RMS envelope of every channel of a signal. A
 * worked example of a third-party step bundle: it uses only the exported Myoflow API packages
 * ({@code org.myoflow.core.data}, {@code org.myoflow.core.spi}) and registers itself as a DS service.
 */
@Component(service = StepProvider.class)
public final class MovingRmsStep implements StepProvider {

    public static final String ID = "org.example.myoflow.moving-rms";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Moving RMS (example plug-in)")
            .category("Examples")
            .description("Centred moving root-mean-square envelope of every channel: each sample is the RMS of the "
                    + "window samples around it; near the edges only the available samples are averaged. "
                    + "Same sampling rate, start time, labels and units as the input.")
            .reference("De Luca CJ (1997) The use of surface electromyography in biomechanics. "
                    + "J Appl Biomech 13(2):135-163")
            .input("signal", DataTypes.SIGNAL, "Any signal, e.g. EMG or force")
            .output("envelope", DataTypes.SIGNAL, "The RMS envelope, one channel per input channel")
            .settings(MovingRmsSettings.class)
            .build();

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return MovingRmsStep::run;
    }

    private static void run(StepContext context) {
        MovingRmsSettings s = context.settings(MovingRmsSettings.class);
        Signal in = context.input("signal", Signal.class);
        double fs = in.samplingRate();
        long w = Math.round(s.window * fs);
        if (w < 1) {
            throw new DataException(String.format(Locale.ROOT,
                    "window %g s is shorter than one sample at the signal's sampling rate of %g Hz (%g s per sample)",
                    s.window, fs, 1 / fs));
        }
        // a window of 2n+1 samples already covers the whole signal at every sample: clamping changes nothing
        int samples = (int) Math.min(w, Math.min(Integer.MAX_VALUE, 2L * in.sampleCount() + 1));
        String quantity = in.quantity().isEmpty() ? "rms" : in.quantity() + " rms";
        Signal.Builder out = Signal.builder(fs).startTime(in.startTime()).quantity(quantity);
        Progress progress = context.progress();
        int channels = in.channelCount();
        for (int c = 0; c < channels; c++) {
            progress.checkCancelled();
            out.channel(in.labels().get(c), in.units().get(c), MovingRms.of(in.channel(c), samples));
            progress.update((c + 1.0) / channels, "channel " + in.labels().get(c));
        }
        context.output("envelope", out.build());
    }
}
