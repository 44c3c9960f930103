package org.myoflow.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.myoflow.core.data.DataException;

/**
 * Writes a {@link Recording} as EDF+ (16-bit samples) or BDF+ (24-bit samples), continuous ("EDF+C" / "BDF+C"),
 * with its events as annotations. The quantisation of each channel is chosen from the data's range: the physical
 * minimum and maximum are the channel's minimum and maximum rounded outward to the 8 characters the header field
 * holds, the digital range is the format's full range (-32768..32767 or -8388608..8388607), so one step is
 * {@code (physMax - physMin) / (digMax - digMin)}; reading the file back gives every sample within half a step
 * (the {@link Result#quantisation()} states each channel's step; callers write it into a sidecar).
 * <p>
 * All signal groups share the data records: the record duration is chosen so that every group has a whole number
 * of samples per record and of records; when no such duration exists the last record is padded by repeating the
 * last sample ({@link Result#paddedSamples()}). Output is deterministic: the header's start date is 01.01.85
 * 00.00.00 and patient and recording fields are the EDF+ "unknown" forms ("X X X X", "Startdate X X X X") unless
 * the recording's metadata has {@code patient} / {@code recording} in EDF+ form. EMG channels get the transducer
 * type "EMG electrode", so that their kind survives the round trip.
 *
 * @since 0.2
 */
public final class EdfWriter {

    /** Quantisation of one written channel. */
    public record Quantisation(String label, String unit, double physicalMin, double physicalMax, long digitalMin,
            long digitalMax) {

        /** One digital step in the physical unit. */
        public double step() {
            return (physicalMax - physicalMin) / (digitalMax - digitalMin);
        }

        /** As a JSON-ready map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", label);
            m.put("unit", unit);
            m.put("physicalMin", physicalMin);
            m.put("physicalMax", physicalMax);
            m.put("digitalMin", digitalMin);
            m.put("digitalMax", digitalMax);
            m.put("step", step());
            return m;
        }
    }

    /**
     * What was written.
     *
     * @param file           the file
     * @param bdf            24-bit BDF+ (else EDF+)
     * @param recordDuration seconds per data record
     * @param records        number of data records
     * @param quantisation   per written channel, in file order
     * @param paddedSamples  samples appended to the longest group to fill the last record (0 normally)
     */
    public record Result(Path file, boolean bdf, double recordDuration, long records, List<Quantisation> quantisation,
            int paddedSamples) {

        /** Sidecar description: format, record duration and the quantisation of every channel. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", bdf ? "BDF+" : "EDF+");
            m.put("bitsPerSample", bdf ? 24 : 16);
            m.put("recordDuration", recordDuration);
            m.put("records", records);
            m.put("paddedSamples", paddedSamples);
            m.put("quantisation", quantisation.stream().map(Quantisation::toMap).toList());
            return m;
        }
    }

    private static final double[] DURATIONS = { 1, 0.5, 0.25, 0.2, 0.125, 0.1, 0.0625, 0.05, 0.04, 0.025, 0.02,
        0.01, 0.005, 0.002, 0.001, 2, 4, 5, 10 };
    private static final int PREFERRED_RECORD_BYTES = 61440;

    private EdfWriter() {
    }

    /** Writes EDF+ for a {@code .edf} file, BDF+ for a {@code .bdf} file. */
    public static Result write(Recording rec, Path file) {
        String ext = Recordings.extension(file);
        if (!ext.equals(".edf") && !ext.equals(".bdf")) {
            throw new DataException(file + ": EDF+/BDF+ output needs the extension .edf or .bdf, found '" + ext
                    + "'");
        }
        return write(rec, file, ext.equals(".bdf"));
    }

    /** Writes EDF+ ({@code bdf == false}) or BDF+ with the recording's signals and events. */
    public static Result write(Recording rec, Path file, boolean bdf) {
        List<RecordingSignal> groups = rec.signals().stream().filter(s -> s.channelCount() > 0).toList();
        if (groups.isEmpty()) {
            throw new DataException(rec.source() + ": nothing to write: the recording has no channels");
        }
        int bps = bdf ? 3 : 2;
        long dMin = bdf ? -8388608 : -32768;
        long dMax = bdf ? 8388607 : 32767;
        // channels, labels and quantisation
        List<double[]> chans = new ArrayList<>();
        List<Integer> groupOf = new ArrayList<>();
        List<Quantisation> quant = new ArrayList<>();
        List<String[]> ranges = new ArrayList<>();
        List<String> transducers = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int g = 0; g < groups.size(); g++) {
            RecordingSignal s = groups.get(g);
            for (int c = 0; c < s.channelCount(); c++) {
                String label = ascii(s.labels().get(c), 16);
                if (label.isEmpty() || !labels.add(label)) {
                    throw new DataException(rec.source() + ": channel '" + s.labels().get(c) + "' of '" + s.name()
                            + "': its EDF label '" + label + "' (16 ASCII characters) is empty or repeats another "
                            + "channel's; rename the channels first");
                }
                double[] d = s.data()[c];
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < d.length; i++) {
                    if (!Double.isFinite(d[i])) {
                        throw new DataException(rec.source() + ": channel '" + s.labels().get(c) + "' of '"
                                + s.name() + "' has the value " + d[i] + " at sample " + i + "; EDF stores finite "
                                + "numbers only (fill gaps first)");
                    }
                    lo = Math.min(lo, d[i]);
                    hi = Math.max(hi, d[i]);
                }
                if (d.length == 0) {
                    lo = -1;
                    hi = 1;
                } else if (lo == hi) {
                    double w = lo == 0 ? 1 : Math.abs(lo) * 1e-3;
                    lo -= w;
                    hi += w;
                }
                String pMin = field8(lo, RoundingMode.FLOOR, rec.source() + ": channel '" + s.labels().get(c) + "'");
                String pMax = field8(hi, RoundingMode.CEILING, rec.source() + ": channel '" + s.labels().get(c)
                        + "'");
                if (pMin.equals(pMax)) {
                    throw new DataException(rec.source() + ": channel '" + s.labels().get(c) + "': its range "
                            + lo + ".." + hi + " cannot be told apart in the 8-character EDF header fields");
                }
                quant.add(new Quantisation(label, ascii(s.units().get(c), 8), Double.parseDouble(pMin),
                        Double.parseDouble(pMax), dMin, dMax));
                ranges.add(new String[] { pMin, pMax });
                transducers.add(s.kinds().get(c) == ChannelKind.EMG ? "EMG electrode" : "");
                chans.add(d);
                groupOf.add(g);
            }
        }
        // record duration: whole samples per record for every group, equal record counts
        double chosen = Double.NaN;
        long records = 0;
        int[] perRecord = new int[groups.size()];
        double fallback = Double.NaN;
        for (double d : DURATIONS) {
            int[] per = new int[groups.size()];
            long recs = -1;
            boolean ok = true;
            long bytes = 0;
            for (int g = 0; g < groups.size() && ok; g++) {
                RecordingSignal s = groups.get(g);
                double x = s.samplingRate() * d;
                if (Math.abs(x - Math.rint(x)) > 1e-9 * Math.max(1, x) || Math.rint(x) < 1) {
                    ok = false;
                    break;
                }
                per[g] = (int) Math.rint(x);
                bytes += (long) per[g] * bps * s.channelCount();
                if (s.sampleCount() % per[g] != 0) {
                    ok = false;
                    break;
                }
                long r = s.sampleCount() / per[g];
                if (recs >= 0 && r != recs) {
                    ok = false;
                }
                recs = r;
            }
            if (!ok) {
                if (Double.isNaN(fallback) && wholeSamples(groups, d)) {
                    fallback = d;
                }
                continue;
            }
            if (Double.isNaN(chosen) || bytes <= PREFERRED_RECORD_BYTES) {
                chosen = d;
                records = recs;
                perRecord = per;
                if (bytes <= PREFERRED_RECORD_BYTES) {
                    break;
                }
            }
        }
        int padded = 0;
        if (Double.isNaN(chosen)) {
            if (Double.isNaN(fallback)) {
                throw new DataException(rec.source() + ": no EDF record duration gives a whole number of samples "
                        + "for the rates " + groups.stream().map(RecordingSignal::samplingRate).toList()
                        + " Hz; resample first");
            }
            chosen = fallback;
            records = 0;
            for (int g = 0; g < groups.size(); g++) {
                perRecord[g] = (int) Math.rint(groups.get(g).samplingRate() * chosen);
                records = Math.max(records, (groups.get(g).sampleCount() + perRecord[g] - 1) / perRecord[g]);
            }
            for (int g = 0; g < groups.size(); g++) {
                padded = (int) Math.max(padded, records * perRecord[g] - groups.get(g).sampleCount());
            }
        }
        // annotations: the time-keeping TAL of each record plus the events whose onset falls in it
        List<List<RecordingEvent>> byRecord = new ArrayList<>();
        for (long r = 0; r < records; r++) {
            byRecord.add(new ArrayList<>());
        }
        for (RecordingEvent e : rec.events()) {
            long r = Math.max(0, Math.min(records - 1, (long) Math.floor(e.timeS() / chosen)));
            byRecord.get((int) r).add(e);
        }
        List<byte[]> tal = new ArrayList<>();
        int annBytes = 0;
        for (long r = 0; r < records; r++) {
            StringBuilder sb = new StringBuilder();
            sb.append('+').append(new BigDecimal(number(chosen)).multiply(BigDecimal.valueOf(r))
                    .stripTrailingZeros().toPlainString()).append('\u0014').append('\u0014').append('\u0000');
            for (RecordingEvent e : byRecord.get((int) r)) {
                String text = e.label().replace('\u0014', ' ').replace('\u0015', ' ').replace('\u0000', ' ');
                if (text.isEmpty()) {
                    continue;
                }
                sb.append(e.timeS() < 0 ? "" : "+").append(number(e.timeS()));
                String dur = duration(e.description());
                if (!dur.isEmpty()) {
                    sb.append('\u0015').append(dur);
                }
                sb.append('\u0014').append(text).append('\u0014').append('\u0000');
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            tal.add(b);
            annBytes = Math.max(annBytes, b.length);
        }
        int annPer = Math.max((annBytes + bps - 1) / bps, (bdf ? 20 : 30));
        int ns = chans.size() + 1;
        String flavour = bdf ? "BDF+C" : "EDF+C";
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            StringBuilder h = new StringBuilder();
            String patient = rec.metadata().getOrDefault("patient", "");
            String recording = rec.metadata().getOrDefault("recording", "");
            h.append(pad(patient.matches("\\S+ \\S+ \\S+ \\S+.*") ? ascii(patient, 80) : "X X X X", 80));
            h.append(pad(recording.startsWith("Startdate ") ? ascii(recording, 80) : "Startdate X X X X", 80));
            h.append("01.01.8500.00.00");
            h.append(pad(Integer.toString(256 * (ns + 1)), 8));
            h.append(pad(flavour, 44));
            h.append(pad(Long.toString(records), 8));
            h.append(pad(number(chosen), 8));
            h.append(pad(Integer.toString(ns), 4));
            List<String[]> cols = new ArrayList<>();
            for (int i = 0; i < chans.size(); i++) {
                Quantisation q = quant.get(i);
                cols.add(new String[] { q.label(), transducers.get(i), q.unit(), ranges.get(i)[0], ranges.get(i)[1],
                    Long.toString(dMin), Long.toString(dMax), "",
                    Integer.toString(perRecord[groupOf.get(i)]), "" });
            }
            cols.add(new String[] { bdf ? "BDF Annotations" : "EDF Annotations", "", "", "-1", "1",
                Long.toString(dMin), Long.toString(dMax), "", Integer.toString(annPer), "" });
            int[] width = { 16, 80, 8, 8, 8, 8, 8, 80, 8, 32 };
            for (int f = 0; f < width.length; f++) {
                for (String[] c : cols) {
                    h.append(pad(c[f], width[f]));
                }
            }
            byte[] header = h.toString().getBytes(StandardCharsets.US_ASCII);
            if (bdf) {
                out.write(0xff);
                out.write("BIOSEMI".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write("0       ".getBytes(StandardCharsets.US_ASCII));
            }
            out.write(header);
            // data records
            int recBytes = annPer * bps;
            for (int i = 0; i < chans.size(); i++) {
                recBytes += perRecord[groupOf.get(i)] * bps;
            }
            byte[] buf = new byte[recBytes];
            for (long r = 0; r < records; r++) {
                int p = 0;
                for (int i = 0; i < chans.size(); i++) {
                    Quantisation q = quant.get(i);
                    double[] d = chans.get(i);
                    int n = perRecord[groupOf.get(i)];
                    double inv = 1 / q.step();
                    for (int k = 0; k < n; k++) {
                        long idx = r * n + k;
                        double v = d.length == 0 ? 0 : d[(int) Math.min(idx, d.length - 1)];
                        long dig = Math.round((v - q.physicalMin()) * inv) + dMin;
                        dig = Math.max(dMin, Math.min(dMax, dig));
                        buf[p++] = (byte) dig;
                        buf[p++] = (byte) (dig >> 8);
                        if (bdf) {
                            buf[p++] = (byte) (dig >> 16);
                        }
                    }
                }
                byte[] t = tal.get((int) r);
                Arrays.fill(buf, p, p + annPer * bps, (byte) 0);
                System.arraycopy(t, 0, buf, p, t.length);
                out.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return new Result(file, bdf, chosen, records, quant, padded);
    }

    private static boolean wholeSamples(List<RecordingSignal> groups, double d) {
        for (RecordingSignal s : groups) {
            double x = s.samplingRate() * d;
            if (Math.abs(x - Math.rint(x)) > 1e-9 * Math.max(1, x) || Math.rint(x) < 1) {
                return false;
            }
        }
        return true;
    }

    /** "duration 0.5 s" as the EDF reader writes an event's duration into its description; else "". */
    private static String duration(String description) {
        if (description.startsWith("duration ") && description.endsWith(" s")) {
            String d = description.substring(9, description.length() - 2).strip();
            try {
                Double.parseDouble(d);
                return d;
            } catch (NumberFormatException e) {
                return "";
            }
        }
        return "";
    }

    /** The shortest plain decimal of a number, no exponent. */
    private static String number(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /**
     * The most precise plain decimal of at most 8 characters rounded in the given direction (outward for a
     * range), so that the written range still holds the data.
     */
    static String field8(double v, RoundingMode mode, String what) {
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 8; digits >= 1; digits--) {
            String s = exact.round(new MathContext(digits, mode)).stripTrailingZeros().toPlainString();
            if (s.length() <= 8) {
                return s;
            }
        }
        // tiny magnitudes: fewer decimals, rounded in the same direction
        for (int scale = 7; scale >= 0; scale--) {
            String t = exact.setScale(scale, mode).stripTrailingZeros().toPlainString();
            if (t.length() <= 8) {
                return t.equals("-0") ? "0" : t;
            }
        }
        throw new DataException(what + ": the value " + v + " does not fit the 8-character EDF header field; "
                + "scale the channel to another unit first");
    }

    private static String ascii(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.strip().toCharArray()) {
            if (ch == 'µ' || ch == 'μ') {
                b.append('u');
            } else if (ch == '·') {
                b.append('.');
            } else if (ch == '²') {
                b.append('2');
            } else if (ch < 32 || ch > 126) {
                b.append('_');
            } else {
                b.append(ch);
            }
        }
        String t = b.toString();
        return t.length() > max ? t.substring(0, max).strip() : t;
    }

    private static String pad(String s, int width) {
        String t = s.length() > width ? s.substring(0, width) : s;
        return t + " ".repeat(width - t.length());
    }
}
