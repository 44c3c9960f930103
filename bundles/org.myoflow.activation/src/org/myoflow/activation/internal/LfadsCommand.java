package org.myoflow.activation.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.myoflow.activation.lfads.AutoLfads;
import org.myoflow.activation.lfads.PopulationFiles;
import org.myoflow.core.spi.CommandContribution;
import org.myoflow.core.spi.Progress;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ./myoflow lfads member SPEC.json}: trains one AutoLFADS member as its spec says and writes its checkpoint
 * and score beside it ({@link PopulationFiles#runMember}). The processes and SLURM runners of the LFADS step start
 * it; users do not need it.
 */
@Component(service = CommandContribution.class)
public final class LfadsCommand implements CommandContribution {

    static final String USAGE = "Usage: myoflow lfads member SPEC.json\n"
            + "  Trains one AutoLFADS population member as SPEC.json says (written by the LFADS step's 'processes' or\n"
            + "  'slurm' runner) and writes checkpoint.bin and score.json beside it. Exit codes: 0 ok (a diverged\n"
            + "  member is ok: it scores null), 2 usage, 3 unreadable or invalid spec/data, 4 training failed,\n"
            + "  130 cancelled.";

    @Override
    public String name() {
        return "lfads";
    }

    @Override
    public String description() {
        return "(internal) Train one AutoLFADS population member for the LFADS step's processes/slurm runners.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err, AtomicBoolean cancel) {
        if (args.size() == 1 && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
            out.println(USAGE);
            return OK;
        }
        if (args.size() != 2 || !args.get(0).equals("member")) {
            err.println("myoflow: lfads: expected 'member SPEC.json', got " + args);
            err.println(USAGE);
            return INVALID;
        }
        Path spec = Path.of(args.get(1));
        if (!Files.isRegularFile(spec)) {
            err.println("myoflow: lfads: no member spec " + spec.toAbsolutePath());
            return BAD_DATA;
        }
        Progress progress = new Progress() {
            @Override
            public void update(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        };
        try {
            AutoLfads.Score s = PopulationFiles.runMember(spec, progress);
            out.println(String.format(Locale.ROOT, "member %d: train loss %s, validation loss %s, %.1f s",
                    s.member(), s.trainLoss(), s.validationLoss(), s.seconds()));
            return OK;
        } catch (CancellationException e) {
            err.println("myoflow: lfads: cancelled");
            return CANCELLED;
        } catch (IOException e) {
            err.println("myoflow: lfads: " + e.getMessage());
            return BAD_DATA;
        } catch (RuntimeException e) {
            err.println("myoflow: lfads: member " + spec + " failed: " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }
}
