package org.myoflow.io.internal;

import java.nio.file.Path;

import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.Signal;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSelection;
import org.myoflow.io.Recordings;
import org.osgi.service.component.annotations.Component;

/**
 * Reads a recording of any format a {@link org.myoflow.io.spi.RecordingReader} understands (C3D, OpenSim, TRC,
 * ANC, Delsys and Vicon CSV, the platform's CSV and .npy) and outputs one signal: channels selected by label list,
 * regular expression or kind, renamed, and optionally converted to SI units ({@link RecordingSelection}).
 */
@Component(service = StepProvider.class)
public final class ReadRecordingStep implements StepProvider {

    public static final String ID = "org.myoflow.io.read-recording";
    public static final String OUTPUT = "signal";

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Read recording")
            .category("Input")
            .description("Reads a recording (C3D, OpenSim .sto/.mot, TRC, Motion Analysis .anc, Delsys Trigno CSV, "
                    + "Vicon Nexus CSV, CSV, .npy) and outputs one of its signals: channels chosen by label, regular "
                    + "expression or kind (emg, force, moment, angle, marker, accelerometer, gyroscope), renamed "
                    + "(EMG1=Biceps) and optionally converted to SI units.")
            .reference("C3D.ORG: The C3D File Format User Guide (Motion Lab Systems), https://www.c3d.org")
            .reference("Delp SL et al. (2007) OpenSim: open-source software to create and analyze dynamic "
                    + "simulations of movement. IEEE Trans Biomed Eng 54(11):1940-1950 (.sto/.mot storage format)")
            .output(OUTPUT, DataTypes.SIGNAL, "the selected channels")
            .settings(Settings.class)
            .build();

    /** Parameters of {@link ReadRecordingStep}. */
    public static final class Settings {
        @Param(description = "Recording file (.c3d, .sto, .mot, .trc, .anc, .csv, .npy)", required = true)
        public Path file;

        @Param(description = "Signal group (e.g. analog, markers, emg); empty: the group of the selected channels,"
                + " else the one with the most EMG channels")
        public String signal = "";

        @Param(description = "Comma-separated channel labels to keep, in this order; empty keeps all")
        public String channels = "";

        @Param(description = "Regular expression: keep channels whose label contains a match")
        public String pattern = "";

        @Param(description = "Comma-separated channel kinds to keep: emg, force, moment, angle, marker, "
                + "accelerometer, gyroscope, other")
        public String kind = "";

        @Param(description = "Comma-separated renames OLD=NEW, e.g. EMG1=Biceps")
        public String rename = "";

        /** Whether values keep the file's units or are converted to SI. */
        public enum UnitChoice {
            KEEP, SI
        }

        @Param(description = "Units: KEEP (as in the file) or SI (V, m, N, N·m, rad, m/s²)")
        public UnitChoice units = UnitChoice.KEEP;

        @Param(description = "What the signal measures, e.g. emg; empty: emg when every channel is EMG")
        public String quantity = "";

        @Param(description = "Sampling rate in Hz for signals whose file does not state one (MAT/HDF5 arrays "
                + "without a rate variable or time vector); 0: as the file says", min = 0)
        public double samplingRate = 0;
    }

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return ReadRecordingStep::run;
    }

    /** The recording with {@code rate} for every signal group whose rate the file does not state. */
    static Recording withRate(Recording rec, double rate) {
        if (!(rate > 0)) {
            return rec;
        }
        java.util.List<org.myoflow.io.RecordingSignal> out = new java.util.ArrayList<>();
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(rec.metadata());
        for (org.myoflow.io.RecordingSignal g : rec.signals()) {
            String key = org.myoflow.io.internal.readers.ArraySignals.UNKNOWN_RATE + g.name();
            if (meta.remove(key) != null) {
                out.add(new org.myoflow.io.RecordingSignal(g.name(), rate, g.startTime(), g.labels(), g.units(),
                        g.kinds(), g.data()));
            } else {
                out.add(g);
            }
        }
        java.util.List<String> warnings = rec.warnings().stream().filter(w -> !w.contains("no sampling rate"))
                .toList();
        return new Recording(rec.source(), rec.formatId(), rec.vendor(), meta, out, rec.events(), warnings);
    }

    private static void run(StepContext ctx) {
        Settings s = ctx.settings(Settings.class);
        ctx.progress().update(0, "reading " + s.file.getFileName());
        Recording rec = withRate(Recordings.read(s.file), s.samplingRate);
        for (String w : rec.warnings()) {
            ctx.logger().log(System.Logger.Level.WARNING, s.file.getFileName() + ": " + w);
        }
        Signal read = new RecordingSelection(s.signal, s.channels, s.pattern, s.kind, s.rename,
                s.units == Settings.UnitChoice.SI).apply(rec);
        Signal signal = s.quantity.isBlank() ? read : read.toBuilder().quantity(s.quantity.strip()).build();
        ctx.logger().log(System.Logger.Level.DEBUG, () -> s.file + ": " + signal);
        ctx.output(OUTPUT, signal);
        ctx.progress().update(1, null);
    }
}
