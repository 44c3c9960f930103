package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myoflow.core.tests.TestSteps.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.engine.Engine;
import org.myoflow.core.engine.RunOptions;
import org.myoflow.core.engine.RunResult;
import org.myoflow.core.engine.SimpleStepRegistry;
import org.myoflow.core.engine.ValidationProblem;
import org.myoflow.core.tests.TestSteps.Pipelines;
import org.myoflow.core.tests.TestSteps.TestStep;

/**
 * The path policy of file parameters (issue 19): relative paths resolve against the experiment's folder; a path
 * that leaves it (absolute elsewhere, a '..' escape, a symbolic link whose real path is outside) is a validation
 * problem naming node, parameter and the (escaped) path unless the options allow it.
 */
class PathPolicyTest {

    @TempDir
    Path tmp;

    private Path base;
    private Path outside;
    private TestStep allTypes;
    private Engine engine;

    @BeforeEach
    void setUp() throws Exception {
        base = Files.createDirectories(tmp.resolve("experiment"));
        Files.createDirectories(base.resolve("data"));
        Files.writeString(base.resolve("data/in.csv"), "abc");
        outside = Files.writeString(tmp.resolve("secret.txt"), "root:$6$hash:19000:0:99999:7:::");
        allTypes = TestSteps.allTypes();
        engine = new Engine(new SimpleStepRegistry().add(allTypes));
    }

    private RunOptions options(boolean allow) {
        return new RunOptions().threads(1).baseDirectory(base).scratchDirectory(tmp.resolve("scratch"))
                .allowOutside(allow);
    }

    private List<ValidationProblem> validate(String path, boolean allow) {
        Pipelines p = Pipelines.create().node("read", allTypes, file("file", path));
        return engine.validate(p.experiment, p.pipeline, options(allow));
    }

    private static String onlyMessage(List<ValidationProblem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        ValidationProblem p = problems.get(0);
        assertEquals("read", p.nodeId());
        assertEquals("parameter 'file'", p.subject());
        return p.message();
    }

    @Test
    void filesInTheFolderAndBelowAreAccepted() throws Exception {
        assertEquals(List.of(), validate("data/in.csv", false));
        assertEquals(List.of(), validate("./data/../data/in.csv", false), "a '..' that stays inside");
        assertEquals(List.of(), validate(base.resolve("data/in.csv").toString(), false), "absolute but inside");
        Files.createSymbolicLink(base.resolve("link.csv"), base.resolve("data/in.csv"));
        assertEquals(List.of(), validate("link.csv", false), "a link to a file inside");
        Pipelines p = Pipelines.create().node("read", allTypes, file("file", "data/in.csv"));
        RunResult r = engine.run(p.experiment, p.pipeline, options(false));
        assertEquals(base.resolve("data/in.csv").toString(), r.node("read").orElseThrow().parameters().get("file"));
    }

    @Test
    void anAbsolutePathOutsideIsRefusedUnlessAllowed() {
        String m = onlyMessage(validate(outside.toString(), false));
        assertTrue(m.startsWith("file '" + outside + "' is outside the experiment's folder " + base
                + " (an absolute path)"), m);
        assertTrue(m.contains("--allow-outside") && m.contains("MYOFLOW_ALLOW_OUTSIDE=1"), m);
        assertEquals(List.of(), validate(outside.toString(), true));
    }

    @Test
    void aDotDotEscapeIsRefusedEvenWhenTheFileDoesNotExist() {
        assertTrue(onlyMessage(validate("../secret.txt", false)).startsWith("file '../secret.txt' is outside the "
                + "experiment's folder " + base + " (a '..' escape)"));
        // no probing for files outside: a missing one gets the same answer, not "file not found"
        assertTrue(onlyMessage(validate("../../nope/none.csv", false)).contains("(a '..' escape)"));
        assertEquals(List.of(), validate("../secret.txt", true));
        assertTrue(onlyMessage(validate("../none.csv", true)).startsWith("file not found: "));
    }

    @Test
    void aSymbolicLinkLeadingOutIsRefusedUnlessAllowed() throws Exception {
        Files.createSymbolicLink(base.resolve("data/innocent.csv"), outside);
        String m = onlyMessage(validate("data/innocent.csv", false));
        assertTrue(m.startsWith("file 'data/innocent.csv' is outside the experiment's folder " + base
                + " (a symbolic link to " + outside.toRealPath() + ")"), m);
        // a linked folder counts the same
        Path dir = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(dir.resolve("x.csv"), "1");
        Files.createSymbolicLink(base.resolve("linked"), dir);
        assertTrue(onlyMessage(validate("linked/x.csv", false)).contains("(a symbolic link to "));
        assertEquals(List.of(), validate("data/innocent.csv", true));
        assertEquals(List.of(), validate("linked/x.csv", true));
    }

    @Test
    void aPathWithControlCharactersIsEscapedInTheMessage() {
        String m = onlyMessage(validate("/tmp/evil\nmyoflow: forged line", false));
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains("'/tmp/evil\\nmyoflow: forged line'"), m);
    }

    @Test
    void theDefaultComesFromTheSystemProperty() {
        String old = System.getProperty(RunOptions.ALLOW_OUTSIDE_PROPERTY);
        try {
            System.setProperty(RunOptions.ALLOW_OUTSIDE_PROPERTY, "1");
            assertTrue(new RunOptions().allowOutside());
            System.setProperty(RunOptions.ALLOW_OUTSIDE_PROPERTY, "no");
            assertFalse(new RunOptions().allowOutside());
            assertTrue(new RunOptions().allowOutside(true).allowOutside());
        } finally {
            if (old == null) {
                System.clearProperty(RunOptions.ALLOW_OUTSIDE_PROPERTY);
            } else {
                System.setProperty(RunOptions.ALLOW_OUTSIDE_PROPERTY, old);
            }
        }
    }
}
