package org.myoflow.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Signal;
import org.myoflow.io.Bids;
import org.myoflow.io.EdfWriter;
import org.myoflow.io.MatFiles;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSelection;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.Recordings;
import org.myoflow.io.SignalFiles;

import com.google.gson.GsonBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code myoflow convert IN OUT}: any recording a reader of org.myoflow.io understands to EDF+ ({@code .edf}),
 * BDF+ ({@code .bdf}), a BIDS-EMG dataset (a folder), OpenSim storage ({@code .sto}/{@code .mot}), CSV or
 * {@code .npy}, chosen by OUT's extension or {@code --format}. EDF/BDF output gets a sidecar {@code <OUT
 * stem>.json} stating each channel's quantisation. Bad input exits with 3 and a one-line message.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Convert a recording (any readable format, or a BIDS-EMG data file) to EDF+ (.edf), BDF+ "
                + "(.bdf), a BIDS-EMG dataset folder, MATLAB .mat (v5), OpenSim .sto/.mot, .csv or .npy, by OUT's "
                + "extension or --format.")
final class ConvertCommand implements Callable<Integer> {

    static final List<String> FORMATS = List.of("edf", "bdf", "bids", "mat", "sto", "mot", "csv", "npy");

    @ParentCommand
    Cli cli;

    @Parameters(index = "0", paramLabel = "IN", description = "Recording file, or a BIDS dataset with one run")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file or, for bids, the dataset folder")
    Path out;

    @Option(names = "--format", description = "Output format: edf, bdf, bids, mat, sto, mot, csv or npy; default: "
            + "from OUT's extension (a path without one: bids)")
    String format;

    @Option(names = "--signal", description = "Signal group to convert (default: all groups for edf/bdf/bids, "
            + "else the EMG group)")
    String signal = "";

    @Option(names = "--channels", description = "Comma-separated channel labels to keep")
    String channels = "";

    @Option(names = "--kind", description = "Comma-separated channel kinds to keep (emg, force, ...)")
    String kind = "";

    @Option(names = "--subject", description = "BIDS subject label (default: ${DEFAULT-VALUE})")
    String subject = "01";

    @Option(names = "--session", description = "BIDS session label")
    String session = "";

    @Option(names = "--task", description = "BIDS task label (default: ${DEFAULT-VALUE})")
    String task = "converted";

    @Option(names = "--run", description = "BIDS run index")
    String run = "";

    @Option(names = "--power-line", description = "BIDS power line frequency, Hz (default: ${DEFAULT-VALUE})")
    double powerLine = 50;

    @Option(names = "--bdf", description = "BIDS: store 24-bit BDF+ instead of 16-bit EDF+")
    boolean bdf;

    @Override
    public Integer call() {
        String fmt = format != null ? format.strip().toLowerCase(Locale.ROOT) : byExtension(out);
        if (!FORMATS.contains(fmt)) {
            cli.err.println("myoflow: unknown output format '" + fmt + "'; use one of " + FORMATS
                    + " (by OUT's extension or --format)");
            return ExitCodes.INVALID;
        }
        try {
            Recording rec = Bids.isDataset(in) ? Bids.read(in).recording() : Recordings.read(in);
            boolean selected = !signal.isBlank() || !channels.isBlank() || !kind.isBlank();
            switch (fmt) {
                case "edf", "bdf" -> {
                    Recording r = selected ? selection(rec) : rec;
                    EdfWriter.Result res = EdfWriter.write(r, out, fmt.equals("bdf"));
                    Map<String, Object> side = new LinkedHashMap<>();
                    side.put("source", in.toString());
                    side.putAll(res.toMap());
                    Path json = sidecar(out);
                    Files.writeString(json, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                            .toJson(side) + "\n", StandardCharsets.UTF_8);
                    cli.out.printf("%s: %d channels, %d records of %s s (%s); quantisation in %s%n", out,
                            res.quantisation().size(), res.records(), res.recordDuration(), res.bdf() ? "BDF+"
                                    : "EDF+", json.getFileName());
                    if (res.paddedSamples() > 0) {
                        cli.out.println("note: the last record is padded with " + res.paddedSamples()
                                + " repeated samples");
                    }
                }
                case "bids" -> {
                    Recording r = selected ? selection(rec) : rec;
                    Bids.Exported e = Bids.export(out, new Bids.Entities(subject, session, task, "", run), r,
                            powerLine, bdf, null, null);
                    cli.out.println(e.dataFile() + ": BIDS-EMG run written (" + e.files().size() + " files)");
                }
                default -> {
                    Signal s = new RecordingSelection(signal, channels, "", kind, "", false).apply(rec);
                    Path target = out;
                    if (!Recordings.extension(out).equals("." + fmt)) {
                        throw new DataException(out + ": --format " + fmt + " needs OUT to end with ." + fmt);
                    }
                    if (fmt.equals("mat")) {
                        MatFiles.write(s, target);
                    } else {
                        SignalFiles.write(s, target);
                    }
                    cli.out.printf("%s: %d channels, %d samples at %s Hz%n", target, s.channelCount(),
                            s.sampleCount(), s.samplingRate());
                }
            }
            return ExitCodes.OK;
        } catch (DataException e) {
            cli.err.println("myoflow: " + e.getMessage());
            return ExitCodes.BAD_DATA;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Recording selection(Recording rec) {
        Signal s = new RecordingSelection(signal, channels, "", kind, "", false).apply(rec);
        RecordingSignal rs = new RecordingSignal(signal.isBlank() ? "signals" : signal, s.samplingRate(),
                s.startTime(), s.labels(), s.units(), s.labels().stream().map(l -> kindOf(rec, l)).toList(),
                java.util.stream.IntStream.range(0, s.channelCount()).mapToObj(s::channel)
                        .toArray(double[][]::new));
        return new Recording(rec.source(), rec.formatId(), rec.vendor(), rec.metadata(), List.of(rs), rec.events(),
                rec.warnings());
    }

    private static org.myoflow.io.ChannelKind kindOf(Recording rec, String label) {
        for (RecordingSignal s : rec.signals()) {
            int i = s.indexOf(label);
            if (i >= 0) {
                return s.kinds().get(i);
            }
        }
        return org.myoflow.io.ChannelKind.OTHER;
    }

    static String byExtension(Path out) {
        String ext = Recordings.extension(out);
        return ext.isEmpty() ? "bids" : ext.substring(1);
    }

    static Path sidecar(Path out) {
        String n = out.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return out.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + ".json");
    }
}
