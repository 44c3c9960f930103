package org.myoflow.core.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One trial of a {@link Dataset}: its signals by role ({@link Roles}: raw EMG, envelopes, kinematics, moments,
 * simulated activity, or a role a pipeline gave its outputs) and its metadata (subject, session, task, trial,
 * condition and free extra columns). Immutable.
 *
 * @param metadata the trial's metadata by column name ({@link #SUBJECT}, {@link #SESSION}, {@link #TASK},
 *                 {@link #TRIAL}, {@link #CONDITION} and extra columns), in column order; values never null
 * @param signals  the trial's signals by role, in role order
 * @param sources  the file each role was read from (as the manifest or BIDS folder named it), by role; roles
 *                 computed by a pipeline have none
 * @since 0.3
 */
public record Trial(Map<String, String> metadata, Map<String, Signal> signals, Map<String, String> sources) {

    /** Metadata column: the subject (participant) label. */
    public static final String SUBJECT = "subject";
    /** Metadata column: the session label. */
    public static final String SESSION = "session";
    /** Metadata column: the task label. */
    public static final String TASK = "task";
    /** Metadata column: the trial (run) label. */
    public static final String TRIAL = "trial";
    /** Metadata column: the condition label. */
    public static final String CONDITION = "condition";
    /** The fixed metadata columns, in order. */
    public static final List<String> FIXED_COLUMNS = List.of(SUBJECT, SESSION, TASK, TRIAL, CONDITION);

    public Trial {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(signals, "signals");
        sources = sources == null ? Map.of() : sources;
        Map<String, String> m = new LinkedHashMap<>();
        for (String c : FIXED_COLUMNS) {
            m.put(c, "");
        }
        metadata.forEach((k, v) -> m.put(Objects.requireNonNull(k, "metadata column"), v == null ? "" : v));
        metadata = Collections.unmodifiableMap(m);
        signals = Collections.unmodifiableMap(new LinkedHashMap<>(signals));
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        for (Map.Entry<String, Signal> e : signals.entrySet()) {
            Roles.check(e.getKey());
            Objects.requireNonNull(e.getValue(), "signal of role " + e.getKey());
        }
    }

    public String subject() {
        return metadata.get(SUBJECT);
    }

    public String session() {
        return metadata.get(SESSION);
    }

    public String task() {
        return metadata.get(TASK);
    }

    public String trial() {
        return metadata.get(TRIAL);
    }

    public String condition() {
        return metadata.get(CONDITION);
    }

    /** The signal of a role, if the trial has one. */
    public Optional<Signal> signal(String role) {
        return Optional.ofNullable(signals.get(role));
    }

    /**
     * A short name for messages and labels: {@code sub-01/ses-1/task-walk/trial-2} with the parts that are set
     * ({@code trial-<n>} with the given 1-based index when no part is set).
     */
    public String label(int index) {
        StringBuilder sb = new StringBuilder();
        append(sb, "sub-", subject());
        append(sb, "ses-", session());
        append(sb, "task-", task());
        append(sb, "trial-", trial());
        append(sb, "cond-", condition());
        return sb.isEmpty() ? "trial-" + index : sb.toString();
    }

    private static void append(StringBuilder sb, String prefix, String v) {
        if (v != null && !v.isBlank()) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(prefix).append(v);
        }
    }

    /** This trial with more (or replaced) signals; sources of replaced roles are dropped. */
    public Trial withSignals(Map<String, Signal> more) {
        Map<String, Signal> s = new LinkedHashMap<>(signals);
        Map<String, String> src = new LinkedHashMap<>(sources);
        more.forEach((k, v) -> {
            s.put(k, v);
            src.remove(k);
        });
        return new Trial(metadata, s, src);
    }

    /**
     * SHA-256 of the trial's content: metadata and each role's signal digest (not the source paths, so a moved
     * file with the same content gives the same digest). The cache key of a trial's sub-pipeline run.
     */
    public String digest() {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("metadata", metadata);
        Map<String, Object> s = new LinkedHashMap<>();
        signals.forEach((role, sig) -> s.put(role, sig.digest()));
        k.put("signals", s);
        return Digests.sha256(Digests.canonical(k));
    }
}
