package org.myoflow.conductor.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.myoflow.core.spi.CommandContribution;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine;

/** {@code ./myoflow muap}: the conductor's own command ({@link MuapCommand}), a fresh command per run. */
@Component(service = CommandContribution.class)
public final class MuapCommandContribution implements CommandContribution {

    @Override
    public String name() {
        return "muap";
    }

    @Override
    public String description() {
        return "Compute the MUAP of a single fibre (or of one unit) in a layered volume conductor.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err, AtomicBoolean cancel) {
        CommandLine cl = new CommandLine(new MuapCommand(out, err));
        cl.setCommandName("myoflow muap");
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("myoflow: muap: internal error: " + ex);
            ex.printStackTrace(err);
            return FAILED;
        });
        return cl.execute(args.toArray(String[]::new));
    }
}
