package org.myoflow.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/**
 * The short, fixed-budget fuzz run of the model-card reader in the normal test suite (the long, coverage-guided one
 * is releng/scripts/fuzz.sh card, with Jazzer): the cards of the repository (models/) are mutated with a fixed random
 * seed (byte edits and JSON tokens) and read with {@link ModelCard#read}. Every input must be read or refused with a
 * {@link ModelException} of kind MALFORMED_CARD naming the file and quoting no control character; anything else
 * fails. Inputs Jazzer found crashing are replayed from data/fuzz/card/ (when there are any).
 */
class ModelCardFuzzTest {

    static final int EXECUTIONS = 3000;

    static final String[] TOKENS = { "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true",
        "-1", "0", "1e999", "-1e999", "1.5", "9007199254740993", "123456789012345678901234567890", "\"name\":",
        "\"signature\":", "\"inputs\":", "\"outputs\":", "\"shape\":", "\"training\":", "\"parameters\":",
        "\"metrics\":", "\"seed\":", "\"onnxSha256\":", "{\"x\":{}}", "[[[[[[[[", "\u0000", "\u001b", "\n", "/*", "//" };

    @TempDir
    Path dir;

    @Test
    void mutatedCardsAreReadOrRefusedCleanly() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("..", "..", "models"))) {
            for (Path p : s.filter(x -> x.getFileName().toString().equals(ModelCard.FILE_NAME)).sorted().toList()) {
                seeds.add(Files.readAllBytes(p));
            }
        }
        assertFalse(seeds.isEmpty(), "no model cards under models/");
        Path file = dir.resolve(ModelCard.FILE_NAME);
        Random rnd = new Random(20261206L);
        int[] refused = { 0 };
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < EXECUTIONS; i++) {
                refused[0] += readOrRefuse(file, mutate(seeds.get(rnd.nextInt(seeds.size())), rnd), "mutation " + i)
                        ? 0 : 1;
            }
        });
        System.out.printf("fuzz card: %d mutated inputs, %d refused cleanly, no crash%n", EXECUTIONS, refused[0]);
    }

    @Test
    void savedFindingsAreRefusedCleanly() throws Exception {
        Path root = Path.of("data", "fuzz", "card");
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(x -> !x.toString().endsWith(".md")).sorted().toList()) {
                assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> readOrRefuse(dir.resolve(ModelCard.FILE_NAME), Files.readAllBytes(p), p.toString()));
            }
        }
    }

    @Test
    void notUtf8IsAMalformedCardAndLongKeysAreQuotedShort() throws Exception {
        Path file = dir.resolve(ModelCard.FILE_NAME);
        Files.write(file, new byte[] { '{', '"', (byte) 0xff, '"', '}' });
        ModelException e = assertThrows(ModelException.class, () -> ModelCard.read(file));
        assertEquals(ModelException.Kind.MALFORMED_CARD, e.kind());
        assertEquals(file + ": not UTF-8 text", e.getMessage());

        String secret = "root:$6$SECRETSALT$" + "0123456789abcdefghijklmnopqrstuvwxyz".repeat(5);
        Files.writeString(file, "{\"name\": \"m\", \"" + secret + "\n");
        e = assertThrows(ModelException.class, () -> ModelCard.read(file));
        assertEquals(ModelException.Kind.MALFORMED_CARD, e.kind());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().length() < file.toString().length() + 240, e.getMessage());
    }

    static boolean readOrRefuse(Path file, byte[] in, String what) throws IOException {
        Files.write(file, in);
        try {
            ModelCard.read(file);
            return true;
        } catch (ModelException e) {
            String m = e.getMessage();
            if (e.kind() != ModelException.Kind.MALFORMED_CARD || m == null || !m.contains(file.toString())) {
                fail(what + ": not a clean refusal: " + e.kind() + " " + m, e);
            }
            for (int i = 0; i < m.length(); i++) {
                if (Character.isISOControl(m.charAt(i))) {
                    fail(what + ": control character in the message: " + m);
                }
            }
            return false;
        } catch (Throwable t) {
            Path saved = Files.createDirectories(Path.of("target", "fuzz-findings", "card"));
            Path f = saved.resolve(what.replaceAll("[^A-Za-z0-9_.-]", "_") + ".json");
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
                case 3 -> "z".repeat(1 + rnd.nextInt(2000)).getBytes(StandardCharsets.UTF_8);
                default -> new byte[0];
            };
            int del = b.length == 0 ? 0 : rnd.nextInt(Math.min(b.length - at, rnd.nextInt(8) == 0 ? 200 : 8) + 1);
            byte[] c = new byte[b.length - del + ins.length];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(ins, 0, c, at, ins.length);
            System.arraycopy(b, at + del, c, at + ins.length, b.length - at - del);
            b = c;
        }
        return b;
    }
}
