package org.myoflow.cli.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.myoflow.core.lab.LabConfig;
import org.myoflow.core.lab.TemplateLibrary;

import com.google.gson.GsonBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code myoflow library [--json]} lists the lab's pipeline templates (name, description, path);
 * {@code myoflow library copy NAME DIR} gives the user a copy of one (never overwriting a file).
 */
@Command(name = "library", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "List the lab's shared pipeline templates (the library folder of the lab file, default "
                + "<install>/library).",
        subcommands = LibraryCommand.Copy.class)
final class LibraryCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Option(names = "--json", description = "Print the templates as JSON.")
    boolean json;

    /** The library, or null after printing why there is none (a bad lab file). */
    TemplateLibrary library() {
        try {
            return LabConfig.current().templateLibrary();
        } catch (LabConfig.InvalidLabFile e) {
            cli.err.println("myoflow: " + e.getMessage());
            return null;
        }
    }

    @Override
    public Integer call() {
        TemplateLibrary lib = library();
        if (lib == null) {
            return ExitCodes.INVALID;
        }
        List<TemplateLibrary.Template> all = lib.list();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (TemplateLibrary.Template t : all) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", t.name());
                m.put("description", t.description());
                m.put("path", t.folder() != null ? t.folder().toString() : t.file().toString());
                m.put("experiment", t.file().toString());
                rows.add(m);
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("library", lib.folder() == null ? null : lib.folder().toString());
            d.put("templates", rows);
            cli.out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(d));
            return ExitCodes.OK;
        }
        if (lib.folder() == null) {
            cli.out.println("no template library: the installation folder is unknown and no lab file names one");
            return ExitCodes.OK;
        }
        if (all.isEmpty()) {
            cli.out.println("the template library " + lib.folder() + " holds no templates");
            return ExitCodes.OK;
        }
        cli.out.println("Templates in " + lib.folder() + " (copy one: myoflow library copy NAME DIR):");
        int width = all.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        for (TemplateLibrary.Template t : all) {
            cli.out.printf("  %-" + width + "s  %s%n", t.name(), firstSentence(t.description()));
            cli.out.printf("  %-" + width + "s  %s%n", "", t.folder() != null ? t.folder() : t.file());
        }
        return ExitCodes.OK;
    }

    /** The description's first sentence, at most 100 characters. */
    static String firstSentence(String d) {
        String s = d.strip();
        int dot = s.indexOf(". ");
        if (dot > 0) {
            s = s.substring(0, dot + 1);
        }
        return s.length() > 100 ? s.substring(0, 99) + "…" : s;
    }

    @Command(name = "copy", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "Copy a template (its experiment and data files) into DIR; nothing is overwritten.")
    static final class Copy implements Callable<Integer> {

        @ParentCommand
        LibraryCommand parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "Template name (see: myoflow library)")
        String name;

        @Parameters(index = "1", paramLabel = "DIR", description = "Folder to copy it into (created when missing)")
        Path dir;

        @Override
        public Integer call() {
            Cli cli = parent.cli;
            TemplateLibrary lib = parent.library();
            if (lib == null) {
                return ExitCodes.INVALID;
            }
            Optional<TemplateLibrary.Template> t = lib.find(name);
            if (t.isEmpty()) {
                List<String> names = lib.list().stream().map(TemplateLibrary.Template::name).toList();
                cli.err.println("myoflow: no template '" + name.replaceAll("\\p{Cntrl}", "?") + "' in the library "
                        + lib.folder() + (names.isEmpty() ? " (it is empty)" : " (templates: "
                        + String.join(", ", names) + ")"));
                return ExitCodes.INVALID;
            }
            try {
                Path copied = TemplateLibrary.copy(t.get(), dir);
                cli.out.println(copied);
                return ExitCodes.OK;
            } catch (FileAlreadyExistsException e) {
                cli.err.println("myoflow: library copy: " + e.getFile() + " " + e.getReason());
                return ExitCodes.INVALID;
            } catch (IOException e) {
                cli.err.println("myoflow: library copy: cannot copy the template " + name + " into " + dir + ": "
                        + e.getMessage());
                return ExitCodes.BAD_DATA;
            }
        }
    }
}
