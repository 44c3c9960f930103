package org.myoflow.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.myoflow.core.data.DataException;
import org.myoflow.io.Bids;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingSummary;
import org.myoflow.io.Recordings;

import com.google.gson.GsonBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code myoflow inspect FILE [--json]}: what a recording holds, as the readers of org.myoflow.io see it: format,
 * vendor, each signal with its rate, length, channel labels, units and kinds, events, and the warnings of the
 * reader. Bad input data exits with 3 and a one-line message.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Show what a recording holds: format, vendor, signals with rates and durations, channel "
                + "labels, units and kinds, events and reader warnings.")
final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Parameters(index = "0", paramLabel = "FILE", description = "Recording file (.c3d, .sto, .mot, .trc, .anc, "
            + ".csv, .npy, .edf, .bdf) or a BIDS dataset folder")
    Path file;

    @Option(names = "--json", description = "Print the description as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (Bids.isDataset(file)) {
            return dataset();
        }
        Recording r;
        try {
            r = Recordings.inspect(file);
        } catch (DataException e) {
            cli.err.println("myoflow: " + e.getMessage());
            return ExitCodes.BAD_DATA;
        }
        RecordingSummary summary = RecordingSummary.of(r);
        if (json) {
            cli.out.println(summary.json());
        } else {
            cli.out.print(summary.text());
        }
        return ExitCodes.OK;
    }

    /** A BIDS dataset: its EMG recordings with their entities. */
    private int dataset() {
        List<Bids.Entry> entries;
        try {
            entries = Bids.list(file);
        } catch (DataException e) {
            cli.err.println("myoflow: " + e.getMessage());
            return ExitCodes.BAD_DATA;
        }
        if (json) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("dataset", file.toString());
            d.put("format", "bids");
            List<Map<String, Object>> recs = new ArrayList<>();
            for (Bids.Entry e : entries) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", file.relativize(e.file()).toString().replace('\\', '/'));
                m.putAll(e.entities().toMap());
                recs.add(m);
            }
            d.put("recordings", recs);
            cli.out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(d));
            return ExitCodes.OK;
        }
        cli.out.println(file + ": BIDS dataset, " + entries.size() + " EMG recording(s)");
        for (Bids.Entry e : entries) {
            Bids.Entities en = e.entities();
            cli.out.printf("  %s  subject=%s session=%s task=%s acquisition=%s run=%s%n",
                    file.relativize(e.file()).toString().replace('\\', '/'), en.subject(), dash(en.session()),
                    dash(en.task()), dash(en.acquisition()), dash(en.run()));
        }
        return ExitCodes.OK;
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
