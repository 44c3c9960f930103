package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.lab.LabConfig;
import org.myoflow.core.lab.TemplateLibrary;

/** The lab file of a shared installation and its template library (issue 18). */
class LabConfigTest {

    @TempDir
    Path tmp;

    @Test
    void noLabFileGivesTheInstallationsLibraryAndNothingShared() {
        LabConfig c = LabConfig.load(tmp, null);
        assertNull(c.file());
        assertNull(c.models());
        assertNull(c.cache());
        assertNull(c.slurmProfile());
        assertEquals(tmp.resolve("library"), c.library());
        assertNull(LabConfig.load(null, null).library(), "no installation, no lab file: no library");
    }

    @Test
    void theInstallationsLabFileIsReadWithRelativeAndVariablePaths() throws Exception {
        Files.writeString(tmp.resolve(LabConfig.FILE_NAME), """
                # a comment
                name = Motor Control Lab
                models = shared/models
                library = ${install}/templates
                cache = /srv/cache
                djl.cache = ${user.home}/djl
                slurm.profile = slurm/default.profile
                """);
        LabConfig c = LabConfig.load(tmp, null);
        assertEquals(tmp.resolve(LabConfig.FILE_NAME).toAbsolutePath(), c.file());
        assertEquals("Motor Control Lab", c.name());
        assertEquals(tmp.resolve("shared/models").toAbsolutePath().normalize(), c.models());
        assertEquals(tmp.resolve("templates").toAbsolutePath().normalize(), c.library());
        assertEquals(Path.of("/srv/cache"), c.cache());
        assertEquals(Path.of(System.getProperty("user.home"), "djl"), c.djlCache());
        assertEquals(tmp.resolve("slurm/default.profile").toAbsolutePath().normalize(), c.slurmProfile());
    }

    @Test
    void aNamedLabFileWinsAndDefaultsTheLibraryToTheInstallations() throws Exception {
        Files.writeString(tmp.resolve(LabConfig.FILE_NAME), "models = a\n");
        Path other = Files.createDirectories(tmp.resolve("elsewhere")).resolve("my-lab.properties");
        Files.writeString(other, "models = b\n");
        LabConfig c = LabConfig.load(tmp, other);
        assertEquals(other.toAbsolutePath(), c.file());
        assertEquals(tmp.resolve("elsewhere/b").toAbsolutePath().normalize(), c.models());
        assertEquals(tmp.resolve("library"), c.library());
    }

    @Test
    void badLabFilesAreErrorsNamingFileAndKey() throws Exception {
        LabConfig.InvalidLabFile missing = assertThrows(LabConfig.InvalidLabFile.class,
                () -> LabConfig.load(tmp, tmp.resolve("nope.properties")));
        assertTrue(missing.getMessage().contains("nope.properties") && missing.getMessage().contains("MYOFLOW_LAB"),
                missing.getMessage());
        Path f = tmp.resolve(LabConfig.FILE_NAME);
        Files.writeString(f, "modles = /srv/models\n");
        LabConfig.InvalidLabFile typo = assertThrows(LabConfig.InvalidLabFile.class, () -> LabConfig.load(tmp, null));
        assertTrue(typo.getMessage().contains("'modles'") && typo.getMessage().contains(f.toString()),
                typo.getMessage());
        Files.writeString(f, "cache = ${scratch}/cache\n");
        LabConfig.InvalidLabFile var = assertThrows(LabConfig.InvalidLabFile.class, () -> LabConfig.load(tmp, null));
        assertTrue(var.getMessage().contains("cache") && var.getMessage().contains("unknown variable"),
                var.getMessage());
    }

    private static final String EXPERIMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment > with a bracket -->
            <myoflow:Experiment xmi:version="2.0" xmlns:myoflow="http://www.myoflow.org/model/experiment/1.0"
                name="%s" description="%s" seed="1">
              <pipelines name="p"><nodes id="a" stepId="x" description="not this one"/></pipelines>
            </myoflow:Experiment>
            """;

    @Test
    void theLibraryListsFileAndFolderTemplatesWithTheirDescriptions() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.writeString(lib.resolve("b-single.myoflow"), EXPERIMENT.formatted("b", "Two &quot;muscles&quot; &amp; noise&#10;x"));
        Path folder = Files.createDirectories(lib.resolve("a-folder/data"));
        Files.writeString(lib.resolve("a-folder/a-folder.myoflow"), EXPERIMENT.formatted("a", "Reads a file."));
        Files.writeString(folder.resolve("ramp.sto"), "data\n");
        Files.writeString(lib.resolve("notes.txt"), "not a template");
        Files.createDirectories(lib.resolve("empty-folder"));
        Files.writeString(lib.resolve(".hidden.myoflow"), EXPERIMENT.formatted("h", "hidden"));
        Files.writeString(lib.resolve("c-nodesc.myoflow"), "<myoflow:Experiment name=\"c\"><x description=\"no\"/></myoflow:Experiment>");

        List<TemplateLibrary.Template> all = new TemplateLibrary(lib).list();
        assertEquals(List.of("a-folder", "b-single", "c-nodesc"), all.stream().map(TemplateLibrary.Template::name).toList());
        assertEquals("Reads a file.", all.get(0).description());
        assertEquals(lib.resolve("a-folder"), all.get(0).folder());
        assertEquals("Two \"muscles\" & noise\nx", all.get(1).description());
        assertNull(all.get(1).folder());
        assertEquals("", all.get(2).description(), "a child's description is not the experiment's");
        assertTrue(new TemplateLibrary(tmp.resolve("absent")).list().isEmpty());
        assertTrue(new TemplateLibrary(null).list().isEmpty());
        assertFalse(new TemplateLibrary(lib).find("notes").isPresent());
    }

    @Test
    void copyBringsTheDataAlongAndNeverOverwrites() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.createDirectories(lib.resolve("t/data"));
        Files.writeString(lib.resolve("t/t.myoflow"), EXPERIMENT.formatted("t", "d"));
        Files.writeString(lib.resolve("t/data/ramp.sto"), "0 1\n");
        Files.writeString(lib.resolve("s.myoflow"), EXPERIMENT.formatted("s", "d"));
        TemplateLibrary l = new TemplateLibrary(lib);

        Path dir = tmp.resolve("mine/exp");
        Path copied = TemplateLibrary.copy(l.find("t").orElseThrow(), dir);
        assertEquals(dir.resolve("t.myoflow"), copied);
        assertEquals("0 1\n", Files.readString(dir.resolve("data/ramp.sto")));
        assertEquals(Files.readString(lib.resolve("t/t.myoflow")), Files.readString(copied));
        assertTrue(Files.isWritable(copied));

        // a second copy into the same folder: refused, and nothing is touched
        Files.writeString(dir.resolve("t.myoflow"), "edited");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> TemplateLibrary.copy(l.find("t").orElseThrow(), dir));
        assertTrue(e.getFile().endsWith("t.myoflow") || e.getFile().endsWith("ramp.sto"), e.getFile());
        assertEquals("edited", Files.readString(dir.resolve("t.myoflow")));

        // a single-file template beside it is fine; twice is not
        assertEquals(dir.resolve("s.myoflow"), TemplateLibrary.copy(l.find("s").orElseThrow(), dir));
        assertThrows(FileAlreadyExistsException.class, () -> TemplateLibrary.copy(l.find("s").orElseThrow(), dir));
        // a file where the folder should be
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertThrows(FileAlreadyExistsException.class, () -> TemplateLibrary.copy(l.find("s").orElseThrow(), file));
    }
}
