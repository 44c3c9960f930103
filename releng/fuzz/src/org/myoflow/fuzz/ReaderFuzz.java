package org.myoflow.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.NumericTable;
import org.myoflow.core.data.Signal;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.EdfWriter;
import org.myoflow.io.MatFiles;
import org.myoflow.io.Npy;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingEvent;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.spi.RecordingReader;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

/**
 * Jazzer fuzz target for the binary recording readers, outside OSGi (releng/scripts/fuzz.sh). The format comes from
 * the system property {@code myoflow.fuzz.format} (c3d, edf, bdf, otb, mat, hdf5, npy). Each input is written to a
 * file with the format's extension and read with the format's reader; a {@link DataException} is a clean refusal,
 * anything else thrown (including OutOfMemoryError and StackOverflowError) is a finding.
 * <p>
 * {@code java ... org.myoflow.fuzz.ReaderFuzz seeds DIR} writes small valid seed files of every format under
 * DIR/FORMAT/ (the C3D seeds are the corpus files, copied by the script).
 */
public final class ReaderFuzz {

    private static RecordingReader reader;
    private static String format;
    private static Path file;

    private ReaderFuzz() {
    }

    public static void fuzzerInitialize() throws Exception {
        format = System.getProperty("myoflow.fuzz.format", "c3d");
        String ext = switch (format) {
            case "c3d" -> ".c3d";
            case "edf" -> ".edf";
            case "bdf" -> ".bdf";
            case "otb" -> ".otb+";
            case "mat" -> ".mat";
            case "hdf5" -> ".h5";
            case "npy" -> ".npy";
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
        String cls = switch (format) {
            case "c3d" -> "C3dReader";
            case "edf", "bdf" -> "EdfReader";
            case "otb" -> "OtbReader";
            case "mat" -> "MatReader";
            case "hdf5" -> "Hdf5Reader";
            default -> null;
        };
        if (cls != null) {
            reader = (RecordingReader) Class.forName("org.myoflow.io.internal.readers." + cls)
                    .getDeclaredConstructor().newInstance();
        }
        Path dir = Files.createTempDirectory("myoflow-fuzz-" + format);
        dir.toFile().deleteOnExit();
        file = dir.resolve("input" + ext);
    }

    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        Files.write(file, data);
        try {
            if (reader == null) {
                Npy.read(file);
            } else {
                reader.read(file);
            }
        } catch (DataException e) {
            // a clean refusal; it must say which file
            if (e.getMessage() == null || !e.getMessage().contains(file.toString())) {
                throw new IllegalStateException("refusal without the file name: " + e.getMessage(), e);
            }
        }
        if (reader == null) {
            try {
                Npy.readFloat32(file);
            } catch (DataException e) {
                // clean
            }
        }
    }

    /** Writes seed files: {@code seeds DIR}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("seeds")) {
            System.err.println("usage: ReaderFuzz seeds DIR");
            System.exit(2);
        }
        Path root = Path.of(args[1]);
        for (String f : List.of("edf", "bdf", "otb", "mat", "hdf5", "npy")) {
            Files.createDirectories(root.resolve(f));
        }
        int n = 256;
        double[][] d = new double[3][n];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                d[c][i] = Math.sin(i * 0.1 * (c + 1)) * 1e-4;
            }
        }
        RecordingSignal s = new RecordingSignal("emg", 512, 0, List.of("EMG1", "EMG2", "Force"),
                List.of("V", "V", "N"), List.of(ChannelKind.EMG, ChannelKind.EMG, ChannelKind.FORCE), d);
        RecordingSignal slow = new RecordingSignal("slow", 64, 0, List.of("Angle"), List.of("deg"),
                List.of(ChannelKind.ANGLE), new double[][] { Arrays.copyOf(d[0], 32) });
        Recording rec = new Recording(root, "seed", "", Map.of(), List.of(s, slow),
                List.of(new RecordingEvent("start", "", 0.1, "")), List.of());
        EdfWriter.write(rec, root.resolve("edf/seed.edf"), false);
        EdfWriter.write(rec, root.resolve("bdf/seed.bdf"), true);
        Signal.Builder b = Signal.builder(512).quantity("emg");
        b.channel("EMG1", "V", d[0]).channel("EMG2", "V", d[1]);
        MatFiles.write(b.build(), root.resolve("mat/seed.mat"));
        double[] v = new double[40];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5;
        }
        Npy.write(new NumericTable(20, 2, v), root.resolve("npy/seed.npy"));
        double[][] emg = new double[200][3];
        for (int i = 0; i < 200; i++) {
            for (int c = 0; c < 3; c++) {
                emg[i][c] = i * (c + 1);
            }
        }
        try (WritableHdfFile w = HdfFile.write(root.resolve("hdf5/seed.h5"))) {
            WritableGroup g = w.putGroup("trial");
            g.putDataset("emg", emg);
            g.putAttribute("SamplingFrequency", 2000.0);
            w.putDataset("force", new double[] { 1, 2, 3, 4 });
        }
        Files.write(root.resolve("otb/seed.otb+"), tar(quattrocento(64)));
    }

    static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] h = new byte[512];
            byte[] name = e.getKey().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, h, 0, name.length);
            put(h, 100, "0000644");
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", e.getValue().length));
            put(h, 136, "00000000000");
            h[156] = '0';
            put(h, 257, "ustar");
            put(h, 263, "00");
            Arrays.fill(h, 148, 156, (byte) ' ');
            int sum = 0;
            for (byte x : h) {
                sum += x & 0xff;
            }
            put(h, 148, String.format("%06o", sum));
            h[154] = 0;
            out.write(h);
            out.write(e.getValue());
            out.write(new byte[(512 - e.getValue().length % 512) % 512]);
        }
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] x = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(x, 0, h, off, x.length);
    }

    /** A QUATTROCENTO trial: 16 bits, 6 device channels, a 4-channel adapter at 0 and a control channel at 5. */
    static Map<String, byte[]> quattrocento(int samples) {
        ByteBuffer sig = ByteBuffer.allocate(samples * 6 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            for (int c = 0; c < 6; c++) {
                sig.putShort((short) (c == 5 ? i : (i % 100 - 50) * (c + 1)));
            }
        }
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<Device Name=\"QUATTROCENTO\" SampleFrequency=\"2048\" ad_bits=\"16\" DeviceTotalChannels=\"6\">"
                + "<Channels><Adapter ID=\"AdapterSplitter\" Gain=\"150\" ChannelStartIndex=\"0\">"
                + "<Channel ID=\"GR04MM1305\" Index=\"0\" Muscle=\"Tibialis\"/>"
                + "<Channel ID=\"GR04MM1305\" Index=\"1\"/><Channel ID=\"GR04MM1305\" Index=\"2\"/>"
                + "<Channel ID=\"GR04MM1305\" Index=\"3\"/></Adapter>"
                + "<Adapter ID=\"AdapterControl\" Gain=\"1\" ChannelStartIndex=\"5\">"
                + "<Channel ID=\"Ramp\" Index=\"0\"/></Adapter></Channels></Device>";
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("abstract.xml", "<Abstract/>".getBytes(StandardCharsets.UTF_8));
        m.put("trial.sig", sig.array());
        m.put("trial.xml", xml.getBytes(StandardCharsets.UTF_8));
        return m;
    }
}
