package org.myoflow.io.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.DataTypes;
import org.myoflow.core.data.MuapBank;
import org.myoflow.core.data.Signal;
import org.myoflow.core.data.SpikeTrains;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.Step;
import org.myoflow.core.spi.StepContext;
import org.myoflow.core.spi.StepDescriptor;
import org.myoflow.core.spi.StepProvider;
import org.myoflow.io.Bids;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSignal;
import org.osgi.service.component.annotations.Component;

/**
 * Exports an EMG signal (a simulated run) as one run of a BIDS-EMG dataset ({@link Bids#export}): EDF+ or BDF+
 * data with {@code _emg.json}, {@code _channels.tsv}, {@code _electrodes.tsv} and {@code _coordsystem.json} from
 * the array geometry (the MUAP bank's electrode array, else channel labels {@code r<row>c<col>} spaced by the
 * inter-electrode distance), and the ground truth (spike trains, excitation, MUAPs) under
 * {@code derivatives/myoflow/}. Outputs the EMG as read back from the written file, i.e. quantised.
 */
@Component(service = StepProvider.class)
public final class ExportBidsStep implements StepProvider {

    public static final String ID = "org.myoflow.io.export-bids";

    private static final Pattern GRID_LABEL = Pattern.compile("(?i)r(\\d+)c(\\d+)");

    private static final StepDescriptor DESCRIPTOR = StepDescriptor.builder(ID, "1.0.0")
            .name("Export BIDS-EMG")
            .category("Input")
            .description("Writes the EMG as one run of a BIDS-EMG dataset (EDF+ or BDF+ with _emg.json, "
                    + "_channels.tsv, _electrodes.tsv and _coordsystem.json from the array geometry) and the "
                    + "connected ground truth (spike trains, excitation, MUAPs) under derivatives/myoflow. "
                    + "Outputs the EMG read back from the written file (quantised as stored).")
            .reference("Brain Imaging Data Structure specification 1.11, Electromyography (https://bids.neuroimaging"
                    + ".io)")
            .reference("Kemp B, Olivan J (2003) European data format 'plus' (EDF+), an EDF alike standard format for"
                    + " the exchange of physiological data. Clin Neurophysiol 114:1755-1761")
            .input("emg", DataTypes.SIGNAL, "the EMG to export")
            .optionalInput("spikes", DataTypes.SPIKE_TRAINS, "ground truth: motor unit discharge times")
            .optionalInput("excitation", DataTypes.SIGNAL, "ground truth: the excitation")
            .optionalInput("muaps", DataTypes.MUAP_BANK, "ground truth MUAPs; its electrode array gives the "
                    + "electrode positions")
            .output("signal", DataTypes.SIGNAL, "the EMG as stored in the EDF/BDF file")
            .settings(Settings.class)
            .build();

    /** Parameters of {@link ExportBidsStep}. */
    public static final class Settings {
        @Param(description = "Dataset folder, created when absent (an existing dataset gains the run); a relative "
                + "path is taken from the working directory", required = true)
        public String folder = "";

        @Param(description = "Subject label (letters and digits)")
        public String subject = "01";

        @Param(description = "Task label (letters and digits)")
        public String task = "simulation";

        @Param(description = "Session label; empty: no session level")
        public String session = "";

        @Param(description = "Acquisition label; empty: none")
        public String acquisition = "";

        @Param(description = "Run index; empty: none")
        public String run = "";

        @Param(description = "Power line frequency, Hz", min = 1)
        public double powerLineFrequency = 50;

        @Param(description = "Data format: EDF (16-bit EDF+) or BDF (24-bit BDF+)")
        public Format format = Format.BDF;

        /** The data file's format. */
        public enum Format {
            EDF, BDF
        }

        @Param(description = "Inter-electrode distance in mm for positions from r<row>c<col> channel labels when "
                + "no MUAP bank is connected", min = 0)
        public double interElectrodeDistance = 8;
    }

    @Override
    public StepDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Step createStep() {
        return ExportBidsStep::run;
    }

    private static void run(StepContext ctx) {
        Settings s = ctx.settings(Settings.class);
        Signal emg = ctx.input("emg", Signal.class);
        MuapBank bank = ctx.optionalInput("muaps", MuapBank.class).orElse(null);
        Bids.Geometry g = bank != null ? Bids.Geometry.of(bank) : fromLabels(emg.labels(), s.interElectrodeDistance);
        Bids.GroundTruth truth = new Bids.GroundTruth(ctx.optionalInput("spikes", SpikeTrains.class).orElse(null),
                ctx.optionalInput("excitation", Signal.class).orElse(null), bank);
        Bids.Entities ent = new Bids.Entities(s.subject, s.session, s.task, s.acquisition, s.run);
        ctx.progress().update(0, "writing " + ent.prefix());
        Path folder = Path.of(s.folder.strip()).toAbsolutePath();
        Bids.Exported out = Bids.export(folder, ent, recording(emg), s.powerLineFrequency,
                s.format == Settings.Format.BDF, g,
                truth.spikes() == null && truth.excitation() == null && truth.muaps() == null ? null : truth);
        ctx.logger().log(System.Logger.Level.INFO, () -> "BIDS-EMG run written: " + out.dataFile());
        RecordingSignal back = Bids.read(out.dataFile()).recording().signals().get(0);
        Signal.Builder b = Signal.builder(back.samplingRate()).startTime(emg.startTime()).quantity(emg.quantity());
        for (int c = 0; c < back.channelCount(); c++) {
            b.channel(emg.labels().get(c), emg.units().get(c), back.data()[c].length == emg.sampleCount()
                    ? back.data()[c] : java.util.Arrays.copyOf(back.data()[c], emg.sampleCount()));
        }
        ctx.output("signal", b.build());
        ctx.progress().update(1, null);
    }

    /** A one-group recording of a platform signal; every channel EMG unless the signal says another quantity. */
    public static Recording recording(Signal emg) {
        double[][] d = new double[emg.channelCount()][];
        for (int c = 0; c < d.length; c++) {
            d[c] = emg.channel(c);
        }
        String q = emg.quantity() == null ? "" : emg.quantity();
        ChannelKind k = q.isEmpty() || q.equalsIgnoreCase("emg") ? ChannelKind.EMG : ChannelKind.OTHER;
        RecordingSignal rs = new RecordingSignal("emg", emg.samplingRate(), emg.startTime(), emg.labels(),
                emg.units(), Collections.nCopies(d.length, k), d);
        return new Recording(Path.of("signal"), "signal", "", Map.of(), List.of(rs), List.of(), List.of());
    }

    /** Positions from labels r&lt;row&gt;c&lt;col&gt; (x = column, y = row, times the distance), else null. */
    public static Bids.Geometry fromLabels(List<String> labels, double ied) {
        double[][] pos = new double[labels.size()][];
        int rows = 0;
        int cols = 0;
        for (int i = 0; i < labels.size(); i++) {
            Matcher m = GRID_LABEL.matcher(labels.get(i).strip());
            if (!m.matches()) {
                return null;
            }
            int r = Integer.parseInt(m.group(1));
            int c = Integer.parseInt(m.group(2));
            rows = Math.max(rows, r);
            cols = Math.max(cols, c);
            pos[i] = new double[] { (c - 1) * ied, (r - 1) * ied };
        }
        boolean full = rows * cols == labels.size();
        return labels.isEmpty() ? null : new Bids.Geometry(new ArrayList<>(labels), pos, full ? rows : 0,
                full ? cols : 0, "monopolar");
    }
}
