package org.myoflow.core.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.data.DataException;
import org.myoflow.core.experiment.ExperimentFiles;

/**
 * The short, fixed-budget fuzz run of the experiment loader in the normal test suite (the long, coverage-guided one
 * is releng/scripts/fuzz.sh myoflow, with Jazzer): the {@code .myoflow} files of the repository (examples,
 * tests/smoke, the CLI's demo) are mutated with a fixed random seed (byte edits and XML/XMI tokens) and loaded. Every
 * input must load or be refused with a {@link DataException} naming the file and quoting no control character;
 * anything else, or a load over the time limit, fails. Inputs Jazzer found crashing are replayed from
 * data/fuzz/myoflow/ (when there are any).
 */
class ExperimentFuzzTest {

    static final int EXECUTIONS = 600;

    static final String[] TOKENS = { "<", ">", "/>", "</nodes>", "\"", "'", "=", "&amp;", "&#0;", "&#x1F600;",
        "&bogus;", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "<![CDATA[", "]]>", "<?xml ?>",
        "xsi:type=\"myoflow:NumberValue\"", "xsi:type=\"myoflow:Nope\"", "xmlns:myoflow=\"urn:x\"", "seed=\"x\"",
        "seed=\"99999999999999999999\"", "value=\"NaN\"", "value=\"1e999\"", "<nodes id=\"a\"/>",
        "<connections sourceNode=\"a\"/>", "<pipelines/>", "href=\"#//@x.0\"", "\u0000", "\u001b", "\n", "\uFEFF" };

    @TempDir
    Path dir;

    @Test
    void mutatedExperimentsLoadOrAreRefusedCleanly() throws Exception {
        List<byte[]> seeds = seeds();
        assertTrue(seeds.size() >= 5, "seeds: " + seeds.size());
        Path file = dir.resolve("fuzz.myoflow");
        Random rnd = new Random(20261206L);
        int[] refused = { 0 };
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < EXECUTIONS; i++) {
                byte[] in = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                refused[0] += loadOrRefuse(file, in, "mutation " + i) ? 0 : 1;
            }
        }, EXECUTIONS + " loads took over 2 minutes (a hang?)");
        System.out.printf("fuzz myoflow: %d mutated inputs, %d refused cleanly, no crash%n", EXECUTIONS, refused[0]);
    }

    @Test
    void savedFindingsAreRefusedCleanly() throws Exception {
        Path root = Path.of("data", "fuzz", "myoflow");
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(x -> !x.toString().endsWith(".md")).sorted().toList()) {
                assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> loadOrRefuse(dir.resolve("finding.myoflow"), Files.readAllBytes(p), p.toString()));
            }
        }
    }

    @Test
    void aLongBadValueIsQuotedShortAndEscaped() throws Exception {
        String secret = "root:$6$SECRETSALT$" + "0123456789abcdefghijklmnopqrstuvwxyz".repeat(10);
        Path file = dir.resolve("bad.myoflow");
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<myoflow:Experiment xmi:version=\"2.0\" "
                + "xmlns:xmi=\"http://www.omg.org/XMI\" xmlns:myoflow=\"http://www.myoflow.org/model/experiment/1.0\" "
                + "name=\"x\" seed=\"" + secret + "&#10;second line\"/>\n");
        try {
            ExperimentFiles.load(file);
            fail("loaded");
        } catch (DataException e) {
            String m = e.getMessage();
            assertTrue(m.startsWith(file.toString()), m);
            assertFalse(m.contains("\n"), m);
            assertTrue(m.length() < file.toString().length() + 230, m.length() + ": " + m);
        }
    }

    /** True when loaded, false when refused cleanly; fails on anything else. */
    static boolean loadOrRefuse(Path file, byte[] in, String what) throws IOException {
        Files.write(file, in);
        try {
            ExperimentFiles.load(file);
            return true;
        } catch (DataException e) {
            String m = e.getMessage();
            if (m == null || !m.contains(file.toString())) {
                fail(what + ": refusal without the file name: " + m, e);
            }
            for (int i = 0; i < m.length(); i++) {
                if (Character.isISOControl(m.charAt(i))) {
                    fail(what + ": control character in the message: " + m);
                }
            }
            return false;
        } catch (Throwable t) {
            Path saved = Files.createDirectories(Path.of("target", "fuzz-findings", "myoflow"));
            Path f = saved.resolve(what.replaceAll("[^A-Za-z0-9_.-]", "_") + ".myoflow");
            Files.write(f, in);
            fail(what + ": " + t + " (input saved as " + f.toAbsolutePath() + ")", t);
            return false;
        }
    }

    static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        int ops = 1 + rnd.nextInt(4);
        for (int k = 0; k < ops; k++) {
            int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
            byte[] ins = switch (rnd.nextInt(5)) {
                case 0, 1 -> TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
                case 2 -> new byte[] { (byte) rnd.nextInt(256) };
                case 3 -> "y".repeat(1 + rnd.nextInt(3000)).getBytes(StandardCharsets.UTF_8);
                default -> new byte[0];
            };
            int del = b.length == 0 ? 0 : rnd.nextInt(Math.min(b.length - at, rnd.nextInt(8) == 0 ? 400 : 8) + 1);
            byte[] c = new byte[b.length - del + ins.length];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(ins, 0, c, at, ins.length);
            System.arraycopy(b, at + del, c, at + ins.length, b.length - at - del);
            b = c;
        }
        return b;
    }

    static List<byte[]> seeds() throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Path root : List.of(Path.of("..", "..", "examples"), Path.of("..", "..", "tests", "smoke"),
                Path.of("..", "..", "bundles", "org.myoflow.cli", "demo"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.list(root)) {
                for (Path p : s.filter(x -> x.toString().endsWith(".myoflow")).sorted().toList()) {
                    out.add(Files.readAllBytes(p));
                }
            }
        }
        return out;
    }
}
