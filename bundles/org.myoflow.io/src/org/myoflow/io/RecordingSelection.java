package org.myoflow.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.myoflow.core.data.DataException;
import org.myoflow.core.data.Excerpt;
import org.myoflow.core.data.Signal;

/**
 * Picks one platform {@link Signal} out of a {@link Recording}: which channel group, which channels (by label list,
 * regular expression or kind), new labels, and units converted to the platform's SI units. Used by
 * {@code io.read-recording} and {@code io.read-signal}.
 *
 * @param signal   group name; "" chooses: the group holding the selected channels, or without a selection the
 *                 group with the most EMG channels, else the first group that is not markers
 * @param channels comma-separated labels to keep, in this order ("" = no list)
 * @param pattern  regular expression a label must contain a match of ("" = none)
 * @param kinds    comma-separated kinds ({@link ChannelKind#id()}) to keep ("" = any)
 * @param rename   comma-separated {@code OLD=NEW} label changes
 * @param si       whether to convert to SI units ({@link Units})
 * @since 0.2
 */
public record RecordingSelection(String signal, String channels, String pattern, String kinds, String rename,
        boolean si) {

    /** Everything of the default group, units kept. */
    public static RecordingSelection all() {
        return new RecordingSelection("", "", "", "", "", false);
    }

    public RecordingSelection {
        signal = signal == null ? "" : signal.strip();
        channels = channels == null ? "" : channels;
        pattern = pattern == null ? "" : pattern;
        kinds = kinds == null ? "" : kinds;
        rename = rename == null ? "" : rename;
    }

    /** The selected signal; a {@link DataException} naming the file and what is available otherwise. */
    public Signal apply(Recording rec) {
        String file = rec.source().toString();
        List<String> list = split(channels);
        Pattern re = null;
        if (!pattern.isBlank()) {
            try {
                re = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new DataException("channel pattern '" + pattern + "' is not a regular expression: "
                        + e.getDescription());
            }
        }
        List<ChannelKind> wantedKinds = new ArrayList<>();
        for (String k : split(kinds)) {
            ChannelKind kind = ChannelKind.of(k);
            if (kind == null) {
                throw new DataException("unknown channel kind '" + k + "'; known: " + String.join(", ",
                        Arrays.stream(ChannelKind.values()).map(ChannelKind::id).toList()));
            }
            wantedKinds.add(kind);
        }
        boolean filtered = !list.isEmpty() || re != null || !wantedKinds.isEmpty();
        List<RecordingSignal> candidates;
        if (!signal.isEmpty()) {
            RecordingSignal s = rec.signal(signal).orElseThrow(() -> new DataException(file + ": no signal '" + signal
                    + "'; the recording has " + describe(rec)));
            candidates = List.of(s);
        } else {
            candidates = rec.signals();
        }
        if (candidates.isEmpty()) {
            throw new DataException(file + ": the recording has no signals");
        }
        RecordingSignal chosen = null;
        List<Integer> idx = null;
        if (!filtered) {
            chosen = candidates.size() == 1 ? candidates.get(0) : defaultSignal(candidates);
            idx = new ArrayList<>();
            for (int i = 0; i < chosen.channelCount(); i++) {
                idx.add(i);
            }
        } else {
            List<String> matched = new ArrayList<>();
            for (RecordingSignal s : candidates) {
                List<Integer> sel = select(s, list, re, wantedKinds);
                if (!sel.isEmpty()) {
                    matched.add(s.name() + " (" + sel.size() + " channels)");
                    if (chosen == null) {
                        chosen = s;
                        idx = sel;
                    }
                }
            }
            if (chosen == null) {
                throw new DataException(file + ": no channel matches " + what(list, re, wantedKinds)
                        + "; the recording has " + describe(rec));
            }
            if (matched.size() > 1) {
                throw new DataException(file + ": channels matching " + what(list, re, wantedKinds) + " are in "
                        + "signals of different rates: " + String.join(", ", matched) + "; choose one with 'signal'");
            }
            if (!list.isEmpty()) {
                List<String> missing = new ArrayList<>(list);
                missing.removeAll(chosen.labels());
                if (!missing.isEmpty()) {
                    throw new DataException(file + ": no channel " + String.join(", ", missing.stream()
                            .map(Excerpt::quoted).toList()) + " in signal " + Excerpt.quoted(chosen.name())
                            + "; available: " + Excerpt.list(chosen.labels()));
                }
            }
        }
        final RecordingSignal group = chosen;
        final List<Integer> picked = idx;
        Map<String, String> renames = renames(rename);
        List<String> labels = new ArrayList<>();
        List<String> units = new ArrayList<>();
        List<double[]> data = new ArrayList<>();
        for (int i : idx) {
            String l = chosen.labels().get(i);
            String u = chosen.units().get(i);
            double[] d = chosen.data()[i];
            if (si) {
                Units.Conversion cv = Units.toSi(u);
                if (cv.factor() != 1 || cv.offset() != 0) {
                    double[] c = new double[d.length];
                    for (int k = 0; k < d.length; k++) {
                        c[k] = d[k] * cv.factor() + cv.offset();
                    }
                    d = c;
                }
                u = cv.unit();
            }
            labels.add(renames.getOrDefault(l, l));
            units.add(u);
            data.add(d);
        }
        for (String old : renames.keySet()) {
            if (picked.stream().noneMatch(i -> group.labels().get(i).equals(old))) {
                throw new DataException(file + ": rename '" + old + "=" + renames.get(old) + "': no selected "
                        + "channel '" + old + "'; selected: "
                        + Excerpt.list(idx.stream().map(i -> group.labels().get(i)).toList()));
            }
        }
        if (labels.stream().distinct().count() != labels.size()) {
            throw new DataException(file + ": renaming gives duplicate labels: " + labels);
        }
        RecordingSignal out;
        try {
            out = chosen.select(idx, labels, units, data);
        } catch (IllegalArgumentException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
        Signal s = out.toSignal(file);
        if (out.kinds().stream().allMatch(k -> k == ChannelKind.EMG)) {
            s = s.toBuilder().quantity("emg").build();
        }
        return s;
    }

    private static RecordingSignal defaultSignal(List<RecordingSignal> signals) {
        RecordingSignal best = null;
        long bestEmg = 0;
        for (RecordingSignal s : signals) {
            long emg = s.kinds().stream().filter(k -> k == ChannelKind.EMG).count();
            if (emg > bestEmg) {
                best = s;
                bestEmg = emg;
            }
        }
        if (best != null) {
            return best;
        }
        return signals.stream().filter(s -> !s.kinds().stream().allMatch(k -> k == ChannelKind.MARKER)).findFirst()
                .orElse(signals.get(0));
    }

    private static List<Integer> select(RecordingSignal s, List<String> list, Pattern re, List<ChannelKind> kinds) {
        List<Integer> out = new ArrayList<>();
        if (!list.isEmpty()) {
            for (String l : list) {
                int i = s.indexOf(l);
                if (i >= 0 && ok(s, i, re, kinds)) {
                    out.add(i);
                }
            }
            return out;
        }
        for (int i = 0; i < s.channelCount(); i++) {
            if (ok(s, i, re, kinds)) {
                out.add(i);
            }
        }
        return out;
    }

    private static boolean ok(RecordingSignal s, int i, Pattern re, List<ChannelKind> kinds) {
        return (re == null || re.matcher(s.labels().get(i)).find())
                && (kinds.isEmpty() || kinds.contains(s.kinds().get(i)));
    }

    private static String what(List<String> list, Pattern re, List<ChannelKind> kinds) {
        List<String> w = new ArrayList<>();
        if (!list.isEmpty()) {
            w.add("labels " + list);
        }
        if (re != null) {
            w.add("pattern '" + re.pattern() + "'");
        }
        if (!kinds.isEmpty()) {
            w.add("kind " + kinds.stream().map(ChannelKind::id).toList());
        }
        return String.join(" and ", w);
    }

    /** "markers (40 ch @ 250 Hz: LASI_X, ...), analog (...)". */
    public static String describe(Recording rec) {
        List<String> out = new ArrayList<>();
        for (RecordingSignal s : rec.signals()) {
            List<String> l = s.labels();
            out.add(s.name() + " (" + s.channelCount() + " ch @ " + s.samplingRate() + " Hz: "
                    + String.join(", ", l.size() > 12 ? l.subList(0, 12) : l) + (l.size() > 12 ? ", ..." : "") + ")");
        }
        return out.isEmpty() ? "no signals" : String.join("; ", out);
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /** Parses "A=B, C=D". */
    public static Map<String, String> renames(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : split(s)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new DataException("rename '" + pair + "' must read OLD=NEW");
            }
            m.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return m;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }}
