package org.myoflow.io.internal.readers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myoflow.core.data.DataException;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingEvent;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.service.component.annotations.Component;

/**
 * C3D files (c3d.org): 3-D points and analog channels of motion-capture systems.
 * <p>
 * Layout: 512-byte blocks. Block 1 is the header (byte 0: first parameter block, byte 1: 0x50). The parameter
 * section's fourth byte gives the processor type: 84 Intel (little-endian, IEEE floats), 85 DEC (little-endian
 * integers, VAX F floats: the two 16-bit words swapped, then IEEE bits / 4), 86 SGI/MIPS (big-endian). Data are
 * int16 when POINT:SCALE is positive, float when it is negative. Each frame holds, per point, x, y, z and a fourth
 * word (camera mask and residual; negative = invalid sample, read here as missing), then the analog samples of the
 * frame, sample-major ({@code header word 3 / ANALOG:USED} samples per frame).
 * <p>
 * Analog values are {@code (raw - ANALOG:OFFSET[c]) * ANALOG:SCALE[c] * ANALOG:GEN_SCALE}. With ANALOG:FORMAT
 * "UNSIGNED" the int16 raw samples and offsets are read modulo 65536; without ANALOG:FORMAT they are signed.
 * Parameters with more than 255 entries continue in LABELS2, SCALE2, ... Text is ISO-8859-1. Empty and duplicate
 * labels are made unique and reported. The EVENT group gives events. Force-plate channels stay analog channels;
 * FORCE_PLATFORM:CHANNEL and TYPE give their kind (force, moment).
 */
@Component(service = RecordingReader.class)
public final class C3dReader implements RecordingReader {

    private static final int BLOCK = 512;

    @Override
    public String formatId() {
        return "c3d";
    }

    @Override
    public String description() {
        return "C3D (c3d.org) motion-capture file with markers and analog channels";
    }

    @Override
    public List<String> extensions() {
        return List.of(".c3d");
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        return head.length >= 2 && head[1] == 0x50 && head[0] >= 1;
    }

    @Override
    public Recording read(Path file) {
        ByteBuffer buf = map(file);
        return new Parse(file.toString(), buf).run(file);
    }

    static ByteBuffer map(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new DataException(file + ": " + size + " bytes: C3D files over 2 GiB are not supported");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** One parameter: its type (-1 char, 1 byte, 2 int16, 4 float), dimensions and raw data bytes. */
    record Param(String group, String name, int type, int[] dims, int dataOffset, String description) {
        int count() {
            int n = 1;
            for (int d : dims) {
                n *= d;
            }
            return n;
        }
    }

    private static final class Parse {
        final String file;
        final ByteBuffer buf;
        final int size;
        final List<String> warnings = new ArrayList<>();
        final Map<String, Param> params = new LinkedHashMap<>();
        int processor;

        Parse(String file, ByteBuffer buf) {
            this.file = file;
            this.buf = buf;
            this.size = buf.capacity();
        }

        DataException error(long offset, String reason) {
            return new DataException(file + ": byte " + offset + ": " + reason);
        }

        void need(long offset, long length, String what) {
            if (offset < 0 || length < 0 || offset + length > size) {
                throw error(offset, what + " needs " + length + " bytes from byte " + offset + " but the file has "
                        + size + " bytes (truncated, or a header field is wrong)");
            }
        }

        int u8(int off) {
            need(off, 1, "a byte");
            return buf.get(off) & 0xff;
        }

        int s8(int off) {
            need(off, 1, "a byte");
            return buf.get(off);
        }

        int s16(int off) {
            need(off, 2, "a 16-bit word");
            return buf.getShort(off);
        }

        int u16(int off) {
            return s16(off) & 0xffff;
        }

        float f32(int off) {
            need(off, 4, "a float");
            if (processor == 85) {
                int i = buf.getInt(off);
                int swapped = (i >>> 16) | (i << 16);
                return Float.intBitsToFloat(swapped) / 4f;
            }
            return buf.getFloat(off);
        }

        Recording run(Path path) {
            if (size < BLOCK) {
                throw error(0, "a C3D file has a 512-byte header, the file has only " + size + " bytes");
            }
            int paramBlock = buf.get(0) & 0xff;
            if ((buf.get(1) & 0xff) != 0x50) {
                throw error(1, "not a C3D file: byte 1 must be 0x50, found 0x"
                        + Integer.toHexString(buf.get(1) & 0xff));
            }
            if (paramBlock < 1) {
                throw error(0, "the parameter section must start at block 1 or later, found " + paramBlock);
            }
            int pStart = (paramBlock - 1) * BLOCK;
            need(pStart, 4, "the parameter section header");
            processor = buf.get(pStart + 3) & 0xff;
            switch (processor) {
                case 84, 85 -> buf.order(ByteOrder.LITTLE_ENDIAN);
                case 86 -> buf.order(ByteOrder.BIG_ENDIAN);
                default -> throw error(pStart + 3, "unknown processor type " + processor
                        + " (84 Intel, 85 DEC, 86 SGI/MIPS)");
            }
            int pBlocks = buf.get(pStart + 2) & 0xff;
            parseParameters(pStart, pBlocks);

            int points = u16(2);
            int analogWordsPerFrame = u16(4);
            int firstFrame = u16(6);
            int lastFrame = u16(8);
            float headerScale = f32(12);
            int dataBlock = u16(16);
            float headerRate = f32(20);

            double pointScale = numberOr("POINT", "SCALE", headerScale);
            boolean floats = pointScale < 0;
            double pointRate = numberOr("POINT", "RATE", headerRate);
            if (!(pointRate > 0) || !Double.isFinite(pointRate)) {
                throw error(20, "the frame rate must be positive, found " + pointRate);
            }
            int dataStart = (int) numberOr("POINT", "DATA_START", dataBlock);
            if (dataStart < 1) {
                dataStart = dataBlock;
            }
            if (dataStart < 1) {
                throw error(16, "the data section must start at block 1 or later, found " + dataStart);
            }
            long frames = (long) lastFrame - firstFrame + 1;
            if (lastFrame == 0xffff && params.containsKey("POINT:FRAMES")) {
                frames = (long) numberOr("POINT", "FRAMES", frames);
            }
            if (frames < 0) {
                throw error(6, "first frame " + firstFrame + " is after last frame " + lastFrame);
            }
            int analogUsed = (int) numberOr("ANALOG", "USED", 0);
            if (analogUsed < 0) {
                throw error(param("ANALOG", "USED").dataOffset, "ANALOG:USED is negative: " + analogUsed);
            }
            int samplesPerFrame = 0;
            if (analogUsed > 0) {
                if (analogWordsPerFrame % analogUsed != 0) {
                    throw error(4, "analog words per frame " + analogWordsPerFrame + " is not a multiple of "
                            + "ANALOG:USED " + analogUsed);
                }
                samplesPerFrame = analogWordsPerFrame / analogUsed;
            } else if (analogWordsPerFrame > 0) {
                warnings.add("header says " + analogWordsPerFrame + " analog words per frame but ANALOG:USED is "
                        + "absent or 0: analog data skipped");
            }
            int wordBytes = floats ? 4 : 2;
            long frameBytes = ((long) points * 4 + analogWordsPerFrame) * wordBytes;
            long dataOffset = (long) (dataStart - 1) * BLOCK;
            long needBytes = frames * frameBytes;
            if (dataOffset + needBytes > size) {
                throw error(dataOffset, frames + " frames of " + frameBytes + " bytes (" + points + " points, "
                        + analogWordsPerFrame + " analog words, " + (floats ? "float" : "int16") + ") need "
                        + needBytes + " bytes from byte " + dataOffset + " but the file has " + size
                        + " bytes: truncated, or the header's frame range or counts are wrong");
            }
            int nFrames = (int) frames;

            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("processor", switch (processor) {
                case 84 -> "Intel";
                case 85 -> "DEC";
                default -> "SGI/MIPS";
            });
            meta.put("storage", floats ? "float" : "int16");
            meta.put("firstFrame", Integer.toString(firstFrame));
            meta.put("lastFrame", Integer.toString(lastFrame));
            meta.put("points", Integer.toString(points));
            meta.put("pointRate", Double.toString(pointRate));
            meta.put("analogChannels", Integer.toString(analogUsed));
            String format = text("ANALOG", "FORMAT");
            meta.put("analogFormat", format == null ? "(absent: signed)" : format);
            for (String key : List.of("MANUFACTURER:COMPANY", "MANUFACTURER:SOFTWARE", "MANUFACTURER:VERSION",
                    "SUBJECTS:NAMES", "TRIAL:CAMERA_RATE")) {
                Param p = params.get(key);
                if (p != null) {
                    String v = p.type == -1 ? String.join(" ", strings(p)) : Arrays.toString(numbers(p));
                    if (!v.isBlank()) {
                        meta.put(key, v);
                    }
                }
            }
            String vendor = String.join(" ", nonBlank(text("MANUFACTURER", "COMPANY"),
                    text("MANUFACTURER", "SOFTWARE"))).strip();

            double startTime = (firstFrame - 1) / pointRate;
            if (firstFrame == 0) {
                startTime = 0;
            }
            List<RecordingSignal> signals = new ArrayList<>();
            if (points > 0) {
                signals.add(readPoints(points, nFrames, floats, pointScale, dataOffset, frameBytes, pointRate,
                        startTime));
            }
            if (analogUsed > 0 && samplesPerFrame > 0) {
                double analogRate = numberOr("ANALOG", "RATE", pointRate * samplesPerFrame);
                if (!(analogRate > 0) || !Double.isFinite(analogRate)) {
                    analogRate = pointRate * samplesPerFrame;
                }
                meta.put("analogRate", Double.toString(analogRate));
                signals.add(readAnalog(analogUsed, samplesPerFrame, nFrames, floats, points, dataOffset, frameBytes,
                        analogRate, startTime, format));
            }
            return new Recording(path, "c3d", vendor, meta, signals, events(), warnings);
        }

        private static List<String> nonBlank(String... s) {
            List<String> out = new ArrayList<>();
            for (String x : s) {
                if (x != null && !x.isBlank()) {
                    out.add(x.strip());
                }
            }
            return out;
        }

        void parseParameters(int pStart, int pBlocks) {
            long end = (long) pStart + (long) Math.max(pBlocks, 1) * BLOCK;
            if (end > size) {
                warnings.add("the parameter section claims " + pBlocks + " blocks, beyond the end of the file; "
                        + "reading up to the end");
                end = size;
            }
            Map<Integer, String> groups = new LinkedHashMap<>();
            List<Object[]> raw = new ArrayList<>(); // parameters, resolved to group names at the end

            int off = pStart + 4;
            while (off + 2 <= end) {
                int nameLen = Math.abs(s8(off));
                int id = s8(off + 1);
                if (nameLen == 0 || id == 0) {
                    break;
                }
                need(off + 2, nameLen + 2, "a parameter name");
                String name = latin1(off + 2, nameLen).toUpperCase(Locale.ROOT);
                int nextField = off + 2 + nameLen;
                int next = s16(nextField);
                int body = nextField + 2;
                if (id < 0) {
                    groups.put(-id, name);
                } else {
                    int type = s8(body);
                    int nd = u8(body + 1);
                    if (type != -1 && type != 1 && type != 2 && type != 4) {
                        throw error(body, "parameter " + name + ": unknown data type " + type
                                + " (-1 char, 1 byte, 2 int16, 4 float)");
                    }
                    int[] dims = new int[nd];
                    for (int i = 0; i < nd; i++) {
                        dims[i] = u8(body + 2 + i);
                    }
                    int dataOff = body + 2 + nd;
                    long count = 1;
                    for (int d : dims) {
                        count *= d;
                    }
                    long bytes = count * Math.abs(type);
                    need(dataOff, bytes, "parameter " + name + " (" + Arrays.toString(dims) + " x "
                            + Math.abs(type) + " bytes)");
                    int descOff = (int) (dataOff + bytes);
                    String desc = "";
                    if (descOff < end) {
                        int dl = u8(descOff);
                        if (descOff + 1 + dl <= size) {
                            desc = latin1(descOff + 1, dl).strip();
                        }
                    }
                    raw.add(new Object[] { id, name, type, dims, dataOff, desc });
                }
                if (next == 0) {
                    break;
                }
                if (next < 0) {
                    throw error(nextField, "parameter " + name + ": negative offset " + next
                            + " to the next parameter");
                }
                off = nextField + next;
            }
            for (Object[] r : raw) {
                String g = groups.getOrDefault((Integer) r[0], "GROUP" + r[0]);
                String key = g + ":" + r[1];
                params.putIfAbsent(key, new Param(g, (String) r[1], (Integer) r[2], (int[]) r[3], (Integer) r[4],
                        (String) r[5]));
            }
        }

        String latin1(int off, int len) {
            need(off, len, "text");
            byte[] b = new byte[len];
            buf.get(off, b);
            return new String(b, StandardCharsets.ISO_8859_1);
        }

        Param param(String group, String name) {
            return params.get(group + ":" + name);
        }

        /** Numeric values of a parameter (bytes unsigned, int16 signed). */
        double[] numbers(Param p) {
            int n = p.count();
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                int o = p.dataOffset + i * Math.abs(p.type);
                v[i] = switch (p.type) {
                    case 1 -> buf.get(o) & 0xff;
                    case 2 -> buf.getShort(o);
                    case 4 -> f32(o);
                    default -> Double.NaN;
                };
            }
            return v;
        }

        /** The first number of a parameter, or the default when absent, empty or text. */
        double numberOr(String group, String name, double dflt) {
            Param p = param(group, name);
            if (p == null || p.type == -1 || p.count() == 0) {
                return dflt;
            }
            if (p.type == 2 && (name.equals("DATA_START") || name.equals("USED") || name.equals("FRAMES"))) {
                return buf.getShort(p.dataOffset) & 0xffff;
            }
            return numbers(p)[0];
        }

        /** The strings of a char parameter: dims [len] = one string, [len, n] = n strings; trailing blanks cut. */
        List<String> strings(Param p) {
            List<String> out = new ArrayList<>();
            if (p.type != -1) {
                return out;
            }
            if (p.dims.length == 0) {
                out.add(latin1(p.dataOffset, 1).strip());
                return out;
            }
            int len = p.dims[0];
            int n = 1;
            for (int i = 1; i < p.dims.length; i++) {
                n *= p.dims[i];
            }
            for (int i = 0; i < n; i++) {
                out.add(trimEnd(latin1(p.dataOffset + i * len, len)));
            }
            return out;
        }

        static String trimEnd(String s) {
            int e = s.length();
            while (e > 0 && (s.charAt(e - 1) <= ' ')) {
                e--;
            }
            int b = 0;
            while (b < e && s.charAt(b) == ' ') {
                b++;
            }
            return s.substring(b, e);
        }

        String text(String group, String name) {
            Param p = param(group, name);
            if (p == null || p.type != -1) {
                return null;
            }
            return String.join(" ", strings(p)).strip();
        }

        /** A per-channel list parameter continued in NAME2, NAME3, ... */
        List<String> stringList(String group, String name) {
            List<String> out = new ArrayList<>();
            Param p = param(group, name);
            for (int k = 2; p != null; k++) {
                out.addAll(strings(p));
                p = param(group, name + k);
            }
            return out;
        }

        List<Double> numberList(String group, String name, boolean unsigned) {
            List<Double> out = new ArrayList<>();
            Param p = param(group, name);
            for (int k = 2; p != null; k++) {
                double[] v = numbers(p);
                for (double x : v) {
                    out.add(unsigned && p.type == 2 ? (double) (((int) x) & 0xffff) : x);
                }
                p = param(group, name + k);
            }
            return out;
        }

        RecordingSignal readPoints(int points, int frames, boolean floats, double scale, long dataOffset,
                long frameBytes, double rate, double startTime) {
            List<String> names = unique(stringList("POINT", "LABELS"), points, "M", "POINT:LABELS");
            String unit = text("POINT", "UNITS");
            unit = unit == null ? "" : unit;
            double[][] data = new double[points * 3][frames];
            double s = Math.abs(scale);
            int invalid = 0;
            for (int f = 0; f < frames; f++) {
                long base = dataOffset + f * frameBytes;
                for (int p = 0; p < points; p++) {
                    double x;
                    double y;
                    double z;
                    boolean bad;
                    if (floats) {
                        int o = (int) (base + p * 16L);
                        x = f32(o);
                        y = f32(o + 4);
                        z = f32(o + 8);
                        float w = f32(o + 12);
                        bad = w < 0 || Float.isNaN(w);
                    } else {
                        int o = (int) (base + p * 8L);
                        x = buf.getShort(o) * scale;
                        y = buf.getShort(o + 2) * scale;
                        z = buf.getShort(o + 4) * scale;
                        bad = buf.getShort(o + 6) < 0;
                    }
                    if (bad) {
                        invalid++;
                        x = y = z = Double.NaN;
                    }
                    data[3 * p][f] = x;
                    data[3 * p + 1][f] = y;
                    data[3 * p + 2][f] = z;
                }
            }
            if (invalid > 0) {
                warnings.add(invalid + " of " + ((long) points * frames) + " marker samples are invalid "
                        + "(residual -1): read as missing (NaN)");
            }
            List<String> labels = new ArrayList<>();
            List<String> units = new ArrayList<>();
            List<ChannelKind> kinds = new ArrayList<>();
            for (String n : names) {
                for (String axis : List.of("_X", "_Y", "_Z")) {
                    labels.add(n + axis);
                    units.add(unit);
                    kinds.add(ChannelKind.MARKER);
                }
            }
            return new RecordingSignal("markers", rate, startTime, labels, units, kinds, data);
        }

        RecordingSignal readAnalog(int channels, int perFrame, int frames, boolean floats, int points,
                long dataOffset, long frameBytes, double rate, double startTime, String format) {
            boolean unsigned = format != null && format.strip().equalsIgnoreCase("UNSIGNED");
            List<String> labels = unique(stringList("ANALOG", "LABELS"), channels, "A", "ANALOG:LABELS");
            List<String> unitsIn = stringList("ANALOG", "UNITS");
            List<String> desc = stringList("ANALOG", "DESCRIPTIONS");
            List<Double> scale = numberList("ANALOG", "SCALE", false);
            List<Double> offset = numberList("ANALOG", "OFFSET", unsigned);
            double gen = numberOr("ANALOG", "GEN_SCALE", 1);
            if (scale.size() < channels && !scale.isEmpty()) {
                warnings.add("ANALOG:SCALE has " + scale.size() + " entries for " + channels
                        + " channels: 1 used for the rest");
            }
            if (offset.size() < channels && !offset.isEmpty()) {
                warnings.add("ANALOG:OFFSET has " + offset.size() + " entries for " + channels
                        + " channels: 0 used for the rest");
            }
            double[][] data = Decode.arrays(channels, frames * perFrame);
            int wordBytes = floats ? 4 : 2;
            long pointBytes = (long) points * 4 * wordBytes;
            double[] sc = new double[channels];
            double[] of = new double[channels];
            for (int c = 0; c < channels; c++) {
                sc[c] = (c < scale.size() ? scale.get(c) : 1) * gen;
                of[c] = c < offset.size() ? offset.get(c) : 0;
            }
            if (processor != 85) {
                // IEEE floats or int16 in the file's byte order (the data section was checked against the file size
                // above): blocks of frames, each block's analog words bulk-copied into a primitive array, then
                // transposed channel by channel (sequential writes); blocks run in parallel (Decode)
                int words = perFrame * channels;
                int blockFrames = Math.max(1, (1 << 15) / Math.max(1, words)); // about 32k words per block
                int blocks = Decode.count(frames, blockFrames);
                Decode.blocks(blocks, (long) frames * words, b -> {
                    int f0 = b * blockFrames;
                    int f1 = Math.min(frames, f0 + blockFrames);
                    int nf = f1 - f0;
                    float[] fw = floats ? new float[nf * words] : null;
                    short[] sw = floats ? null : new short[nf * words];
                    ByteBuffer mine = buf.duplicate().order(buf.order());
                    if (pointBytes == 0) { // frames of analog words only: one contiguous run
                        int base = (int) (dataOffset + f0 * frameBytes);
                        if (floats) {
                            mine.slice(base, nf * words * 4).order(buf.order()).asFloatBuffer().get(fw);
                        } else {
                            mine.slice(base, nf * words * 2).order(buf.order()).asShortBuffer().get(sw);
                        }
                    } else {
                        for (int f = f0; f < f1; f++) {
                            int base = (int) (dataOffset + f * frameBytes + pointBytes);
                            ByteBuffer view = mine.slice(base, words * wordBytes).order(buf.order());
                            if (floats) {
                                view.asFloatBuffer().get(fw, (f - f0) * words, words);
                            } else {
                                view.asShortBuffer().get(sw, (f - f0) * words, words);
                            }
                        }
                    }
                    int i0 = f0 * perFrame;
                    int ns = nf * perFrame;
                    int c = 0;
                    if (floats) { // four channels per pass: each cache line read serves four sequential writes
                        for (; c + 4 <= channels; c += 4) {
                            double[] d0 = data[c];
                            double[] d1 = data[c + 1];
                            double[] d2 = data[c + 2];
                            double[] d3 = data[c + 3];
                            double o0 = of[c];
                            double o1 = of[c + 1];
                            double o2 = of[c + 2];
                            double o3 = of[c + 3];
                            double k0 = sc[c];
                            double k1 = sc[c + 1];
                            double k2 = sc[c + 2];
                            double k3 = sc[c + 3];
                            for (int s = 0, w = c; s < ns; s++, w += channels) {
                                d0[i0 + s] = (fw[w] - o0) * k0;
                                d1[i0 + s] = (fw[w + 1] - o1) * k1;
                                d2[i0 + s] = (fw[w + 2] - o2) * k2;
                                d3[i0 + s] = (fw[w + 3] - o3) * k3;
                            }
                        }
                    }
                    if (!floats) { // the same for int16 words, signed or (masked) unsigned
                        int mask = unsigned ? 0xffff : -1;
                        for (; c + 4 <= channels; c += 4) {
                            double[] d0 = data[c];
                            double[] d1 = data[c + 1];
                            double[] d2 = data[c + 2];
                            double[] d3 = data[c + 3];
                            double o0 = of[c];
                            double o1 = of[c + 1];
                            double o2 = of[c + 2];
                            double o3 = of[c + 3];
                            double k0 = sc[c];
                            double k1 = sc[c + 1];
                            double k2 = sc[c + 2];
                            double k3 = sc[c + 3];
                            for (int s = 0, w = c; s < ns; s++, w += channels) {
                                d0[i0 + s] = ((sw[w] & mask) - o0) * k0;
                                d1[i0 + s] = ((sw[w + 1] & mask) - o1) * k1;
                                d2[i0 + s] = ((sw[w + 2] & mask) - o2) * k2;
                                d3[i0 + s] = ((sw[w + 3] & mask) - o3) * k3;
                            }
                        }
                    }
                    for (; c < channels; c++) { // the remaining channels, one per pass
                        double[] d = data[c];
                        double o = of[c];
                        double k = sc[c];
                        if (floats) {
                            for (int s = 0, w = c; s < ns; s++, w += channels) {
                                d[i0 + s] = (fw[w] - o) * k;
                            }
                        } else if (unsigned) {
                            for (int s = 0, w = c; s < ns; s++, w += channels) {
                                d[i0 + s] = ((sw[w] & 0xffff) - o) * k;
                            }
                        } else {
                            for (int s = 0, w = c; s < ns; s++, w += channels) {
                                d[i0 + s] = (sw[w] - o) * k;
                            }
                        }
                    }
                });
            }
            for (int f = 0; processor == 85 && f < frames; f++) {
                long base = dataOffset + f * frameBytes + pointBytes;
                for (int s = 0; s < perFrame; s++) {
                    int i = f * perFrame + s;
                    for (int c = 0; c < channels; c++) {
                        int o = (int) (base + ((long) s * channels + c) * wordBytes);
                        double raw;
                        if (floats) {
                            raw = f32(o);
                        } else {
                            short v = buf.getShort(o);
                            raw = unsigned ? (v & 0xffff) : v;
                        }
                        data[c][i] = (raw - of[c]) * sc[c];
                    }
                }
            }
            List<String> units = new ArrayList<>();
            List<ChannelKind> kinds = new ArrayList<>();
            ChannelKind[] plate = plateKinds(channels);
            for (int c = 0; c < channels; c++) {
                String u = c < unitsIn.size() ? unitsIn.get(c) : "";
                units.add(u);
                String d = c < desc.size() ? desc.get(c) : "";
                kinds.add(plate[c] != null ? plate[c] : Kinds.guess(labels.get(c), u, d));
            }
            return new RecordingSignal("analog", rate, startTime, labels, units, kinds, data);
        }

        /** Kinds of force-plate channels from FORCE_PLATFORM:TYPE and CHANNEL (1-based analog channels). */
        ChannelKind[] plateKinds(int channels) {
            ChannelKind[] k = new ChannelKind[channels];
            Param ch = param("FORCE_PLATFORM", "CHANNEL");
            if (ch == null || ch.type == -1 || ch.dims.length != 2) {
                return k;
            }
            double[] v = numbers(ch);
            int per = ch.dims[0];
            int plates = ch.dims[1];
            Param tp = param("FORCE_PLATFORM", "TYPE");
            double[] types = tp == null || tp.type == -1 ? new double[0] : numbers(tp);
            for (int p = 0; p < plates; p++) {
                int type = p < types.length ? (int) types[p] : 0;
                for (int j = 0; j < per; j++) {
                    int c = (int) v[p * per + j] - 1;
                    if (c < 0 || c >= channels) {
                        continue;
                    }
                    ChannelKind kind;
                    if (type == 3) {
                        kind = ChannelKind.FORCE; // Kistler: 8 force components
                    } else if (type == 1 || type == 2 || type == 4) {
                        kind = j < 3 ? ChannelKind.FORCE : ChannelKind.MOMENT;
                        if (type == 1 && j >= 3) {
                            kind = j == 5 ? ChannelKind.MOMENT : ChannelKind.OTHER; // Px, Py of type 1
                        }
                    } else {
                        continue;
                    }
                    k[c] = kind;
                }
            }
            return k;
        }

        /** Labels for n channels: missing and empty ones named prefix+index, duplicates suffixed, reported. */
        List<String> unique(List<String> in, int n, String prefix, String param) {
            List<String> out = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            List<String> renamed = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String l = i < in.size() ? in.get(i) : "";
                String label = l.isBlank() ? prefix + (i + 1) : l;
                String base = label;
                for (int k = 2; seen.contains(label); k++) {
                    label = base + "_" + k;
                }
                seen.add(label);
                if (!label.equals(l)) {
                    renamed.add((i + 1) + (l.isBlank() ? " (empty)" : " '" + l + "'") + " -> '" + label + "'");
                }
                out.add(label);
            }
            if (!renamed.isEmpty()) {
                warnings.add(param + ": " + renamed.size() + " empty, missing or duplicate label(s) made unique: "
                        + String.join(", ", renamed));
            }
            return out;
        }

        List<RecordingEvent> events() {
            List<RecordingEvent> out = new ArrayList<>();
            Param times = param("EVENT", "TIMES");
            if (times == null || times.type == -1) {
                return out;
            }
            double[] t = numbers(times);
            int used = (int) numberOr("EVENT", "USED", t.length / 2);
            List<String> labels = stringList("EVENT", "LABELS");
            List<String> contexts = stringList("EVENT", "CONTEXTS");
            List<String> desc = stringList("EVENT", "DESCRIPTIONS");
            for (int i = 0; i < used && 2 * i + 1 < t.length; i++) {
                double time = t[2 * i] * 60 + t[2 * i + 1];
                out.add(new RecordingEvent(i < labels.size() ? labels.get(i) : "event" + (i + 1),
                        i < contexts.size() ? contexts.get(i) : "", time, i < desc.size() ? desc.get(i) : ""));
            }
            out.sort((a, b) -> Double.compare(a.timeS(), b.timeS()));
            return out;
        }
    }
}
