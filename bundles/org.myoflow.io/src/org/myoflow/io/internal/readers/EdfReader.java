package org.myoflow.io.internal.readers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.myoflow.core.data.DataException;
import org.myoflow.io.ChannelKind;
import org.myoflow.io.Recording;
import org.myoflow.io.RecordingEvent;
import org.myoflow.io.RecordingSignal;
import org.myoflow.io.spi.RecordingReader;
import org.osgi.service.component.annotations.Component;

/**
 * European Data Format: EDF, EDF+ (annotations), BDF (BioSemi, 24-bit) and BDF+. The header is 256 bytes of
 * fixed-width ASCII fields (version, patient, recording, start date and time, header size, reserved, record count,
 * record duration, signal count), then 256 bytes per signal laid out field by field (16 label, 80 transducer,
 * 8 physical dimension, 8 physical minimum, 8 physical maximum, 8 digital minimum, 8 digital maximum,
 * 80 prefiltering, 8 samples per record, 32 reserved). Data records follow: for each signal its samples of the
 * record as little-endian two's-complement integers of 2 bytes (EDF) or 3 bytes (BDF). A digital value d becomes
 * {@code physMin + (d - digMin) * (physMax - physMin) / (digMax - digMin)} in the physical dimension.
 * <p>
 * Each signal's rate is its samples per record divided by the record duration; signals of one rate form one
 * {@link RecordingSignal} ("signals" when all share one rate, else {@code signals_<rate>Hz}). EDF+ / BDF+ files
 * (reserved field starting with EDF+C / BDF+C) carry "EDF Annotations" / "BDF Annotations" signals of
 * time-stamped annotation lists (TALs): {@code +onset[0x15 duration]0x14 text 0x14 ... 0x00}; they become events.
 * Discontinuous files (EDF+D / BDF+D) are refused: their records are not evenly spaced in time.
 * <p>
 * Every header field is checked where it stands: a field that does not parse, a header size that disagrees with
 * the signal count, or a data size that exceeds the file is refused with the byte offset and the field's name,
 * before any sample array is allocated. A short field (one byte missing) shifts every later field, so the first
 * numeric field it lands in fails with its offset.
 */
@Component(service = RecordingReader.class)
public final class EdfReader implements RecordingReader {

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private static final byte[] BIOSEMI = "BIOSEMI".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String formatId() {
        return "edf";
    }

    @Override
    public String description() {
        return "European Data Format EDF/EDF+ and BioSemi BDF/BDF+ (.edf, .bdf)";
    }

    @Override
    public List<String> extensions() {
        return List.of(".edf", ".bdf");
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        if (head.length < 8) {
            return false;
        }
        if ((head[0] & 0xff) == 0xff) {
            for (int i = 0; i < 7; i++) {
                if (head[1 + i] != BIOSEMI[i]) {
                    return false;
                }
            }
            return true;
        }
        if (head[0] != '0') {
            return false;
        }
        for (int i = 1; i < 8; i++) {
            if (head[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    @Override
    public Recording read(Path file) {
        return parse(file);
    }

    /** Header of one signal. */
    private record Sig(String label, String transducer, String unit, double physMin, double physMax, long digMin,
            long digMax, String prefilter, int perRecord, boolean annotations) {

        double gain() {
            return (physMax - physMin) / (digMax - digMin);
        }
    }

    private static Recording parse(Path file) {
        String name = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DataException(name + ": file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
        Header h = new Header(name, size);
        try (InputStream in = Files.newInputStream(file)) {
            h.fixed(in.readNBytes(256));
            h.signals(in.readNBytes((int) Math.min(Integer.MAX_VALUE, 256L * h.ns)));
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
        try {
            return h.data(file);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    private static final class Header {
        final String name;
        final long size;
        final Map<String, String> meta = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();
        boolean bdf;
        boolean plus;
        int headerBytes;
        long records;
        double duration;
        int ns;
        final List<Sig> sigs = new ArrayList<>();

        Header(String name, long size) {
            this.name = name;
            this.size = size;
        }

        DataException error(long offset, String field, String reason) {
            return new DataException(name + ": byte " + offset + " (" + field + "): " + reason);
        }

        void fixed(byte[] b) {
            if (b.length < 256) {
                throw new DataException(name + ": byte " + b.length + ": truncated: the fixed EDF header has 256 "
                        + "bytes, the file has " + size);
            }
            bdf = (b[0] & 0xff) == 0xff;
            if (!bdf) {
                ascii(b, 0, 8, "version");
                if (!text(b, 0, 8).equals("0")) {
                    throw error(0, "version", "expected '0' (EDF) or 0xFF BIOSEMI (BDF), found '" + text(b, 0, 8)
                            + "'");
                }
            }
            ascii(b, 8, 248, "header");
            meta.put("patient", text(b, 8, 80));
            meta.put("recording", text(b, 88, 80));
            meta.put("startdate", text(b, 168, 8));
            meta.put("starttime", text(b, 176, 8));
            headerBytes = (int) integer(b, 184, 8, "number of bytes in header", 256, Integer.MAX_VALUE);
            String reserved = text(b, 192, 44);
            meta.put("reserved", reserved);
            String flavour = bdf ? "BDF" : "EDF";
            if (reserved.startsWith(flavour + "+D")) {
                throw error(192, "reserved", "discontinuous " + flavour + "+D recordings are not supported (their "
                        + "data records are not evenly spaced in time); export the recording as " + flavour
                        + "+C or split it into continuous parts");
            }
            plus = reserved.startsWith(flavour + "+C");
            records = integer(b, 236, 8, "number of data records", -1, Integer.MAX_VALUE);
            duration = number(b, 244, 8, "duration of a data record");
            if (!(duration >= 0) || Double.isInfinite(duration)) {
                throw error(244, "duration of a data record", "must be a non-negative number of seconds, found '"
                        + text(b, 244, 8) + "'");
            }
            ns = (int) integer(b, 252, 4, "number of signals", 1, 100_000);
            if (headerBytes != 256L * (ns + 1)) {
                throw error(184, "number of bytes in header", "states " + headerBytes + " bytes but " + ns
                        + " signals need 256 * (" + ns + " + 1) = " + 256L * (ns + 1) + " (a field of the header may "
                        + "be too short or too long, shifting the later ones)");
            }
            if (headerBytes > size) {
                throw new DataException(name + ": byte " + size + ": truncated: the header of " + ns
                        + " signals needs " + headerBytes + " bytes, the file has " + size);
            }
            meta.put("format", flavour + (plus ? "+" : ""));
            meta.put("records", Long.toString(records));
            meta.put("record duration s", text(b, 244, 8));
        }

        void signals(byte[] b) {
            if (b.length < 256L * ns) {
                throw new DataException(name + ": byte " + (256 + b.length) + ": truncated signal headers");
            }
            ascii(b, 0, b.length, "signal headers");
            int[] width = { 16, 80, 8, 8, 8, 8, 8, 80, 8, 32 };
            String[] field = { "label", "transducer type", "physical dimension", "physical minimum",
                "physical maximum", "digital minimum", "digital maximum", "prefiltering", "samples per record",
                "reserved" };
            int[] start = new int[width.length];
            for (int f = 1; f < width.length; f++) {
                start[f] = start[f - 1] + width[f - 1] * ns;
            }
            long dLo = bdf ? -8388608 : -32768;
            long dHi = bdf ? 8388607 : 32767;
            String annLabel = bdf ? "BDF Annotations" : "EDF Annotations";
            for (int s = 0; s < ns; s++) {
                int[] off = new int[width.length];
                for (int f = 0; f < width.length; f++) {
                    off[f] = start[f] + s * width[f];
                }
                String label = text(b, off[0], 16);
                String what = "signal " + (s + 1) + " '" + label + "' ";
                boolean ann = plus && label.equals(annLabel);
                double pMin = sigNumber(b, off[3], what + field[3]);
                double pMax = sigNumber(b, off[4], what + field[4]);
                long dMin = sigInteger(b, off[5], what + field[5], dLo, dHi);
                long dMax = sigInteger(b, off[6], what + field[6], dLo, dHi);
                long per = sigInteger(b, off[8], what + field[8], 1, Integer.MAX_VALUE);
                if (!ann) {
                    if (dMax <= dMin) {
                        throw error(256 + off[6], what + field[6], "digital maximum " + dMax
                                + " must exceed the digital minimum " + dMin);
                    }
                    if (pMax == pMin) {
                        throw error(256 + off[4], what + field[4], "physical maximum equals the physical minimum "
                                + pMin + ": no scale");
                    }
                }
                sigs.add(new Sig(label, text(b, off[1], 80), text(b, off[2], 8), pMin, pMax, dMin, dMax,
                        text(b, off[7], 80), (int) per, ann));
            }
        }

        Recording data(Path file) throws IOException {
            int bytesPerSample = bdf ? 3 : 2;
            long recordBytes = 0;
            for (Sig s : sigs) {
                recordBytes += (long) s.perRecord * bytesPerSample;
            }
            long available = size - headerBytes;
            if (recordBytes > Integer.MAX_VALUE - 8) {
                // (also keeps records * recordBytes below 2^62: no overflow in the size checks)
                throw error(256 + 216L * ns, "samples per record", "a data record of " + recordBytes
                        + " bytes (the signals' samples per record * " + bytesPerSample + ") is too large");
            }
            if (records == -1) {
                records = available / recordBytes;
                warnings.add("the header does not state the number of data records (-1); " + records
                        + " complete records found");
            } else if (records * recordBytes > available) {
                throw new DataException(name + ": byte " + size + ": truncated: " + records + " data records of "
                        + recordBytes + " bytes need " + (headerBytes + records * recordBytes) + " bytes, the file "
                        + "has " + size);
            } else if (records * recordBytes < available) {
                warnings.add((available - records * recordBytes) + " bytes after the last of " + records
                        + " data records ignored");
            }
            boolean ordinary = sigs.stream().anyMatch(s -> !s.annotations());
            if (duration == 0 && ordinary) {
                throw error(244, "duration of a data record", "is 0 but the file has signals other than "
                        + "annotations: no sampling rate");
            }
            for (Sig s : sigs) {
                if (!s.annotations() && (long) s.perRecord * records > Integer.MAX_VALUE - 8) {
                    throw error(0, "signal '" + s.label() + "'", s.perRecord + " samples per record * " + records
                            + " records is too long for one channel");
                }
            }
            int[] lengths = new int[ns];
            long[] sigOff = new long[ns]; // byte offset of each signal's samples within a record
            long samples = 0;
            for (int i = 0, off = 0; i < ns; i++) {
                Sig s = sigs.get(i);
                lengths[i] = s.annotations() ? -1 : (int) (s.perRecord * records);
                samples += Math.max(0, lengths[i]);
                sigOff[i] = off;
                off += s.perRecord * bytesPerSample;
            }
            double[][] data = Decode.arrays(lengths);
            List<RecordingEvent> events = new ArrayList<>();
            double firstOnset = Double.NaN;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                // annotations first, record by record (events in file order)
                for (int i = 0; i < ns; i++) {
                    Sig s = sigs.get(i);
                    if (!s.annotations()) {
                        continue;
                    }
                    int len = s.perRecord * bytesPerSample;
                    ByteBuffer tal = ByteBuffer.allocate(len);
                    byte[] t = tal.array();
                    for (long r = 0; r < records; r++) {
                        long at = headerBytes + r * recordBytes + sigOff[i];
                        tal.clear();
                        while (tal.hasRemaining()) {
                            if (ch.read(tal, at + tal.position()) < 0) {
                                throw new DataException(name + ": byte " + (at + tal.position())
                                        + ": truncated data record " + (r + 1));
                            }
                        }
                        double onset = tals(t, 0, len, at, events);
                        if (r == 0 && Double.isNaN(firstOnset)) {
                            firstOnset = onset;
                        }
                    }
                }
                // samples: blocks of whole records (about 4 MB each) mapped and decoded in parallel (Decode); each
                // signal's samples of a record are contiguous, so a record decodes signal by signal, sequentially
                int perBlock = (int) Math.max(1, Math.min(records, (4L << 20) / Math.max(1, recordBytes)));
                int blocks = records == 0 ? 0 : Decode.count(records, perBlock);
                long dataStart = headerBytes;
                long rb = recordBytes;
                Decode.blocks(blocks, samples, b -> {
                    long r0 = (long) b * perBlock;
                    long r1 = Math.min(records, r0 + perBlock);
                    ByteBuffer map;
                    try {
                        map = ch.map(FileChannel.MapMode.READ_ONLY, dataStart + r0 * rb, (r1 - r0) * rb)
                                .order(ByteOrder.LITTLE_ENDIAN);
                    } catch (IOException e) {
                        throw new UncheckedIOException(name + ": " + e.getMessage(), e);
                    }
                    byte[] bytes = bdf ? new byte[0] : null;
                    short[] shorts = bdf ? null : new short[0];
                    for (long r = r0; r < r1; r++) {
                        int recAt = (int) ((r - r0) * rb);
                        for (int i = 0; i < ns; i++) {
                            Sig s = sigs.get(i);
                            if (s.annotations()) {
                                continue;
                            }
                            int n = s.perRecord;
                            double[] d = data[i];
                            int base = (int) (r * n);
                            double g = s.gain();
                            double pMin = s.physMin();
                            long dMin = s.digMin();
                            int at = recAt + (int) sigOff[i];
                            if (bdf) {
                                if (bytes.length < 3 * n) {
                                    bytes = new byte[3 * n];
                                }
                                map.get(at, bytes, 0, 3 * n);
                                decode24(bytes, n, d, base, pMin, dMin, g);
                            } else {
                                if (shorts.length < n) {
                                    shorts = new short[n];
                                }
                                map.slice(at, 2 * n).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(shorts, 0, n);
                                for (int k = 0; k < n; k++) {
                                    long v = shorts[k];
                                    d[base + k] = pMin + (v - dMin) * g;
                                }
                            }
                        }
                    }
                });
            }
            double start = Double.isNaN(firstOnset) ? 0 : firstOnset;
            // signals grouped by rate, in order of first appearance
            Map<Double, List<Integer>> byRate = new LinkedHashMap<>();
            for (int i = 0; i < ns; i++) {
                Sig s = sigs.get(i);
                if (!s.annotations()) {
                    byRate.computeIfAbsent(s.perRecord() / duration, k -> new ArrayList<>()).add(i);
                }
                if (!s.prefilter().isEmpty()) {
                    meta.put("prefiltering " + s.label(), s.prefilter());
                }
                if (!s.transducer().isEmpty()) {
                    meta.put("transducer " + s.label(), s.transducer());
                }
            }
            List<RecordingSignal> out = new ArrayList<>();
            for (Map.Entry<Double, List<Integer>> e : byRate.entrySet()) {
                List<String> labels = new ArrayList<>();
                List<String> units = new ArrayList<>();
                List<ChannelKind> kinds = new ArrayList<>();
                double[][] d = new double[e.getValue().size()][];
                Set<String> seen = new HashSet<>();
                int c = 0;
                for (int i : e.getValue()) {
                    Sig s = sigs.get(i);
                    String l = s.label().isEmpty() ? "S" + (i + 1) : s.label();
                    if (!seen.add(l)) {
                        String u = l + "_" + (i + 1);
                        warnings.add("duplicate label '" + l + "' of signal " + (i + 1) + " renamed '" + u + "'");
                        l = u;
                        seen.add(l);
                    }
                    labels.add(l);
                    String unit = s.unit();
                    units.add(unit);
                    kinds.add(Kinds.guess(l, unit, s.transducer()));
                    d[c++] = data[i];
                }
                String group = byRate.size() == 1 ? "signals" : "signals_" + rate(e.getKey()) + "Hz";
                out.add(new RecordingSignal(group, e.getKey(), start, labels, units, kinds, d));
            }
            events.sort((a, b) -> Double.compare(a.timeS(), b.timeS()));
            String fmt = (bdf ? "bdf" : "edf") + (plus ? "+" : "");
            String vendor = bdf && !plus ? "BioSemi" : "";
            return new Recording(file, fmt, vendor, meta, out, events, warnings);
        }

        /**
         * Reads the TALs of one annotation signal in one record into events; returns the record's time-keeping
         * onset (the first TAL's), NaN when the record has none.
         */
        private double tals(byte[] rec, int from, int len, long fileOffset, List<RecordingEvent> events) {
            int end = from + len;
            int p = from;
            double keeping = Double.NaN;
            boolean first = true;
            while (p < end && rec[p] != 0) {
                long at = fileOffset + (p - from);
                int q = p;
                while (q < end && rec[q] != 0x14 && rec[q] != 0x15) {
                    q++;
                }
                if (q == end) {
                    throw error(at, "annotation", "a time-stamped annotation list without its 0x14 terminator");
                }
                String onsetText = new String(rec, p, q - p, StandardCharsets.US_ASCII);
                if (onsetText.isEmpty() || (onsetText.charAt(0) != '+' && onsetText.charAt(0) != '-')) {
                    throw error(at, "annotation", "onset must start with '+' or '-', found '" + onsetText + "'");
                }
                double onset = parseDouble(onsetText, at, "annotation onset");
                String dur = "";
                if (rec[q] == 0x15) {
                    int r = q + 1;
                    while (r < end && rec[r] != 0x14) {
                        r++;
                    }
                    if (r == end) {
                        throw error(at, "annotation", "duration without the 0x14 terminator");
                    }
                    dur = new String(rec, q + 1, r - q - 1, StandardCharsets.US_ASCII);
                    parseDouble(dur, at, "annotation duration");
                    q = r;
                }
                // q at 0x14: texts, each ended by 0x14, then 0x00
                p = q + 1;
                while (p < end && rec[p] != 0) {
                    int t = p;
                    while (t < end && rec[t] != 0x14 && rec[t] != 0) {
                        t++;
                    }
                    if (t == end || rec[t] == 0) {
                        throw error(fileOffset + (p - from), "annotation", "text without its 0x14 terminator");
                    }
                    String text = new String(rec, p, t - p, StandardCharsets.UTF_8);
                    if (first && text.isEmpty()) {
                        keeping = onset;
                    } else if (!text.isEmpty()) {
                        events.add(new RecordingEvent(text, "", onset, dur.isEmpty() ? "" : "duration " + dur
                                + " s"));
                    }
                    p = t + 1;
                }
                first = false;
                p++; // the 0x00 that ends the TAL
            }
            return keeping;
        }

        private double parseDouble(String s, long at, String field) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw error(at, field, "not a number: '" + s + "'");
            }
        }

        private void ascii(byte[] b, int from, int len, String field) {
            for (int i = from; i < from + len; i++) {
                if (b[i] < 32 || b[i] > 126) {
                    long at = field.equals("signal headers") ? 256 + i : i;
                    throw error(at, field, "byte 0x" + Integer.toHexString(b[i] & 0xff) + " is not printable "
                            + "ASCII as EDF headers require (a truncated or binary header?)");
                }
            }
        }

        private long integer(byte[] b, int off, int len, String field, long min, long max) {
            String t = text(b, off, len);
            long v;
            try {
                v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            } catch (NumberFormatException e) {
                throw error(off, field, "not an integer: '" + t + "' (a shorter earlier field shifts every later "
                        + "one)");
            }
            if (v < min || v > max) {
                throw error(off, field, v + " is outside " + min + ".." + max);
            }
            return v;
        }

        private double number(byte[] b, int off, int len, String field) {
            String t = text(b, off, len);
            try {
                double v = Double.parseDouble(t.replace(',', '.'));
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw error(off, field, "not a number: '" + t + "' (a shorter earlier field shifts every later "
                        + "one)");
            }
        }

        private double sigNumber(byte[] b, int off, String field) {
            try {
                return number(b, off, 8, field);
            } catch (DataException e) {
                throw error(256L + off, field, "not a number: '" + text(b, off, 8) + "'");
            }
        }

        private long sigInteger(byte[] b, int off, String field, long min, long max) {
            String t = text(b, off, 8);
            try {
                long v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
                if (v < min || v > max) {
                    throw error(256L + off, field, v + " is outside " + min + ".." + max);
                }
                return v;
            } catch (NumberFormatException e) {
                throw error(256L + off, field, "not an integer: '" + t + "'");
            }
        }

        private static String text(byte[] b, int off, int len) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1).strip();
        }

        /**
         * BDF samples: n little-endian 24-bit two's-complement integers (3-byte groups) to physical values, the
         * same arithmetic as EDF's 16-bit path ({@code physMin + (v - digMin) * gain}).
         */
        private static void decode24(byte[] b, int n, double[] d, int base, double pMin, long dMin, double g) {
            int dm = (int) dMin; // within -2^23 .. 2^23-1 (checked in the header): v - dm is exact in an int
            int k = 0;
            // all but the last sample: a little-endian int at 3k, its top byte (the next sample's) shifted out
            for (; k < n - 1; k++) {
                int v = (int) LE_INT.get(b, 3 * k) << 8 >> 8;
                d[base + k] = pMin + (v - dm) * g;
            }
            for (; k < n; k++) {
                int p = 3 * k;
                int v = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | b[p + 2] << 16;
                d[base + k] = pMin + (v - dm) * g;
            }
        }

        private static String rate(double r) {
            return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%s", r);
        }
    }
}
