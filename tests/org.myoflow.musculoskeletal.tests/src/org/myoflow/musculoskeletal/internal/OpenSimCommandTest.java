package org.myoflow.musculoskeletal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myoflow.core.spi.CommandContribution;

/** {@code ./myoflow opensim info|lengths}: outputs, OpenSim's column names, exit codes. */
public class OpenSimCommandTest {

    static final Path DATA = Path.of("data", "opensim");
    static final String MODEL = DATA.resolve("walk_gait1018_subject01.osim").toString();
    static final String COORDS = DATA.resolve("walk_gait1018_state_reference.mot").toString();

    record Run(int rc, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = new OpenSimCommand().run(List.of(args), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), new AtomicBoolean());
        return new Run(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** [0] labels (time first), then rows. */
    static List<String[]> table(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int k = 0;
        while (!lines.get(k).equals("endheader")) {
            k++;
        }
        List<String[]> out = new ArrayList<>();
        for (int i = k + 1; i < lines.size(); i++) {
            out.add(lines.get(i).split("\t"));
        }
        return out;
    }

    @Test
    void infoListsCoordinatesAndMuscles() {
        Run r = run("info", MODEL);
        assertEquals(CommandContribution.OK, r.rc(), r.err());
        assertTrue(r.out().contains("coordinates (10)") && r.out().contains("knee_angle_r")
                && r.out().contains("muscles (18)") && r.out().contains("vasti_r")
                && r.out().contains("Millard2012EquilibriumMuscle") && r.out().contains("not modelled (0)"), r.out());
    }

    @Test
    void lengthsAreOpenSimsWithItsColumnNames(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("gait.sto");
        Run r = run("lengths", MODEL, COORDS, "--out", out.toString(), "--moment-arms");
        assertEquals(CommandContribution.OK, r.rc(), r.err());
        List<String[]> ours = table(out);
        List<String[]> ref = table(DATA.resolve("std_testGeometryPathWrapping_walk_gait1018_muscle_lengths.sto"));
        assertEquals(List.of(ref.get(0)), List.of(ours.get(0)), "column labels");
        assertEquals(ref.size(), ours.size());
        for (int i = 1; i < ref.size(); i++) {
            for (int c = 1; c < ref.get(0).length; c++) {
                assertEquals(Double.parseDouble(ref.get(i)[c]), Double.parseDouble(ours.get(i)[c]), 1e-5);
            }
        }
        // lengthening speed = dL/dt: compare with central differences of the lengths over time
        List<String[]> speed = table(dir.resolve("gait_LengtheningSpeed.sto"));
        assertEquals("/forceset/vasti_r|lengthening_speed", speed.get(0)[6]);
        for (int i = 2; i < ours.size() - 1; i++) {
            double dt = Double.parseDouble(ours.get(i + 1)[0]) - Double.parseDouble(ours.get(i - 1)[0]);
            for (int c = 1; c < ours.get(0).length; c++) {
                double d = (Double.parseDouble(ours.get(i + 1)[c]) - Double.parseDouble(ours.get(i - 1)[c])) / dt;
                assertEquals(d, Double.parseDouble(speed.get(i)[c]), 0.02 + 0.05 * Math.abs(d),
                        speed.get(0)[c] + " row " + i);
            }
        }
        // moment arms: one file per spanned coordinate, MuscleAnalysis-style muscle columns
        List<String[]> knee = table(dir.resolve("gait_MomentArm_knee_angle_r.sto"));
        assertEquals("vasti_r", knee.get(0)[6]);
        assertTrue(Double.parseDouble(knee.get(1)[6]) > 0.02, "vasti extend the knee");
        assertEquals(0, Double.parseDouble(knee.get(1)[8]), 0, "soleus does not cross the knee");
        assertTrue(Files.exists(dir.resolve("gait_MomentArm_hip_flexion_l.sto")));
        assertTrue(!Files.exists(dir.resolve("gait_MomentArm_pelvis_tx.sto")), "no muscle spans pelvis_tx");
    }

    @Test
    void selectedMusclesAndCoordinates(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("v.sto");
        Run r = run("lengths", MODEL, COORDS, "--out=" + out, "--muscles", "vasti_r,soleus_r", "--moment-arms",
                "--coordinates", "knee_angle_r");
        assertEquals(CommandContribution.OK, r.rc(), r.err());
        assertEquals(List.of("time", "/forceset/vasti_r|length", "/forceset/soleus_r|length"),
                List.of(table(out).get(0)));
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "lengths, speeds, one moment-arm file");
        }
        // the speeds use every coordinate whatever --coordinates selects
        Path all = dir.resolve("all").resolve("v.sto");
        assertEquals(CommandContribution.OK, run("lengths", MODEL, COORDS, "--out", all.toString(), "--muscles",
                "vasti_r,soleus_r").rc());
        assertEquals(Files.readAllLines(dir.resolve("v_LengtheningSpeed.sto")),
                Files.readAllLines(dir.resolve("all").resolve("v_LengtheningSpeed.sto")));
    }

    @Test
    void exitCodes(@TempDir Path dir) throws IOException {
        String out = dir.resolve("x.sto").toString();
        assertEquals(CommandContribution.INVALID, run("lengths", MODEL, COORDS).rc(), "no --out");
        assertEquals(CommandContribution.INVALID, run("lengths", MODEL, COORDS, "--out", out, "--bogus").rc());
        Run r = run("lengths", MODEL, COORDS, "--out", out, "--muscles", "nope");
        assertEquals(CommandContribution.INVALID, r.rc());
        assertTrue(r.err().contains("nope"), r.err());
        assertEquals(CommandContribution.INVALID, run("frobnicate").rc());
        assertEquals(CommandContribution.OK, run("--help").rc());
        r = run("info", dir.resolve("missing.osim").toString());
        assertEquals(CommandContribution.BAD_DATA, r.rc());
        assertTrue(r.err().contains("missing.osim"), r.err());
        // a coordinates file without a model coordinate
        List<String> lines = Files.readAllLines(Path.of(COORDS));
        List<String> cut = new ArrayList<>();
        for (String l : lines) {
            cut.add(l.replace("/jointset/back/lumbar_extension/value", "/jointset/back/lumbar_twist/value"));
        }
        Path bad = dir.resolve("bad.mot");
        Files.write(bad, cut);
        r = run("lengths", MODEL, bad.toString(), "--out", out);
        assertEquals(CommandContribution.BAD_DATA, r.rc());
        assertTrue(r.err().contains("lumbar_extension") && r.err().contains("bad.mot"), r.err());
        assertEquals(CommandContribution.OK, run("lengths", MODEL, bad.toString(), "--out", out,
                "--allow-missing").rc());
        // an unsupported joint type
        String s = Files.readString(Path.of(MODEL)).replace("<PinJoint name=\"hip_r\">",
                "<FreeJoint name=\"hip_r\">");
        int i = s.indexOf("<FreeJoint name=\"hip_r\">");
        int j = s.indexOf("</PinJoint>", i);
        s = s.substring(0, j) + "</FreeJoint>" + s.substring(j + "</PinJoint>".length());
        Path free = dir.resolve("free.osim");
        Files.writeString(free, s);
        r = run("info", free.toString());
        assertEquals(CommandContribution.OK, r.rc(), r.err());
        assertTrue(r.out().contains("FreeJoint name=\"hip_r\"") && r.out().contains("femur_r"), r.out());
        r = run("lengths", free.toString(), COORDS, "--out", out);
        assertEquals(CommandContribution.BAD_DATA, r.rc());
        assertTrue(r.err().contains("FreeJoint") && r.err().contains("hip_r") && r.err().contains("hamstrings_r"),
                r.err());
        assertEquals(CommandContribution.OK, run("lengths", free.toString(), COORDS, "--out", out, "--muscles",
                "hamstrings_l,vasti_l").rc());
    }
}
