package org.myoflow.io.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataSpec;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.ConfigureContext;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.io.RecordingSelection;
import org.myoflow.io.Recordings;
import org.myoflow.io.SignalFiles;
import org.myoflow.io.internal.readers.OpenSimReader;
import org.myoflow.io.internal.readers.PlatformSignalReader;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.service.component.annotations.Component;

/**
 * The pipeline's entry point for recorded data: reads a signal file through {@link SignalFiles}, optionally
 * keeps some channels (in the order given) and sets the quantity, so that downstream steps can be chosen by what
 * the signal measures.
 */
@Component(service = StepProvider.class)
public final class ReadSignalStep implements StepProvider {

    public static final String ID = "org.myoflow.io.read-signal";
    public static final String OUTPUT = "signal";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Read signal")
            .category("Input")
            .description("Reads a multichannel signal from a .csv, OpenSim .sto/.mot or .npy (+ .json sidecar) file,"
                    + " or the default signal of any recording io.read-recording reads (C3D, TRC, ANC, Delsys and "
                    + "Vicon CSV). Non-uniform time steps are resampled onto the median step by linear interpolation.")
            .reference("Delp SL et al. (2007) OpenSim: open-source software to create and analyze dynamic "
                    + "simulations of movement. IEEE Trans Biomed Eng 54(11):1940-1950 (.sto/.mot storage format)")
            .reference("NumPy Enhancement Proposal 1: A simple file format for NumPy arrays (.npy format)")
            .output(OUTPUT, DataTypes.SIGNAL, "the signal read from the file")
            .settings(Settings.class)
            .build();

    /** Parameters of {@link ReadSignalStep}. */
    public static final class Settings {
        @Param(description = "Signal file: .csv, .sto, .mot, .npy with .json sidecar, or a recording (.c3d, .trc, "
                + ".anc)", required = true)
        public Path file;

        @Param(description = "Comma-separated channel labels to keep, in this order; empty keeps all channels")
        public String channels = "";

        @Param(description = "Sampling rate for CSV files without a time column", unit = "Hz", min = 0)
        public double samplingRate = 0;

        @Param(description = "What the signal measures, e.g. excitation or emg; empty keeps the file's value")
        public String quantity = "";
    }

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return ReadSignalStep::run;
    }

    /**
     * Peeks at the file's header (never its samples): its channel labels and units, the sampling rate where the
     * header states it; a {@code channels} selection naming a channel the header lacks is refused.
     */
    @Override
    public Map<String, DataSpec> configure(ConfigureContext ctx) {
        Settings s = ctx.settings(Settings.class);
        DataSpec spec = SignalFiles.peek(s.file, s.samplingRate);
        List<String> wanted = Arrays.stream(s.channels.split(",")).map(String::strip).filter(c -> !c.isEmpty())
                .toList();
        if (!wanted.isEmpty() && spec.channelsKnown()) {
            List<String> units = new ArrayList<>();
            for (String w : wanted) {
                if (!spec.hasChannel(w)) {
                    ctx.parameterProblem("channels", s.file.getFileName() + " has no channel " + Excerpt.quoted(w)
                            + "; available: " + Excerpt.list(spec.channelLabels()));
                } else {
                    units.add(spec.channelUnits() == null ? "" : spec.channelUnits().get(
                            spec.channelLabels().indexOf(w)));
                }
            }
            spec = spec.withChannels(wanted, units.size() == wanted.size() ? units : null);
        } else if (!wanted.isEmpty()) {
            spec = spec.withChannels(wanted, null);
        }
        return Map.of(OUTPUT, s.quantity.isBlank() ? spec : spec.withQuantity(s.quantity.strip()));
    }

    private static void run(StepContext ctx) {
        Settings s = ctx.settings(Settings.class);
        ctx.progress().update(0, "reading " + s.file.getFileName());
        Signal read = select(read(s.file, s.samplingRate), s.channels, s.file);
        Signal signal = s.quantity.isBlank() ? read : read.toBuilder().quantity(s.quantity.strip()).build();
        ctx.logger().log(System.Logger.Level.DEBUG, () -> s.file + ": " + signal);
        ctx.output(OUTPUT, signal);
        ctx.progress().update(1, null);
    }

    /**
     * The platform's own formats (.csv with or without time column, .sto, .mot, .npy) as before; every other
     * recording a {@link RecordingReader} understands (C3D, TRC, ANC, vendor CSV) through {@link Recordings}, its
     * default signal ({@link RecordingSelection#all()}).
     */
    static Signal read(Path file, double samplingRate) {
        if (SignalFiles.isSupported(file)) {
            RecordingReader r = Recordings.readerFor(file);
            if (r instanceof PlatformSignalReader || r instanceof OpenSimReader) {
                return SignalFiles.read(file, samplingRate);
            }
            return RecordingSelection.all().apply(r.read(file));
        }
        if (Recordings.isSupported(file)) {
            return RecordingSelection.all().apply(Recordings.read(file));
        }
        return SignalFiles.read(file, samplingRate);
    }

    /** The channels named in a comma-separated list, in that order; the whole signal when the list is blank. */
    static Signal select(Signal signal, String channels, Path file) {
        List<String> wanted = Arrays.stream(channels.split(",")).map(String::strip).filter(c -> !c.isEmpty())
                .toList();
        if (wanted.isEmpty()) {
            return signal;
        }
        List<String> missing = new ArrayList<>(wanted);
        missing.removeAll(signal.labels());
        if (!missing.isEmpty()) {
            throw new DataException(file + ": no channel " + String.join(", ", missing.stream()
                    .map(Excerpt::quoted).toList()) + "; available: " + Excerpt.list(signal.labels()));
        }
        Signal.Builder b = Signal.builder(signal.samplingRate()).startTime(signal.startTime())
                .quantity(signal.quantity());
        for (String label : wanted) {
            int i = signal.indexOf(label);
            try {
                b.channel(label, signal.units().get(i), signal.channel(i));
            } catch (DataException e) {
                throw new DataException(file + ": channels " + Excerpt.quoted(channels) + ": " + e.getMessage(), e);
            }
        }
        return b.build();
    }
}
