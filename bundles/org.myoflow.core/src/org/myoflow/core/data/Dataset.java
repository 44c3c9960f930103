package org.myoflow.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A set of trials of a study ({@link Trial}: signals by role plus subject, session, task, trial and condition),
 * as read from a {@code dataset.tsv} manifest or a BIDS-EMG folder, split into train and test sets, or produced by
 * mapping a sub-pipeline over every trial. Immutable; the trial order is the manifest's (or BIDS path) order and is
 * kept by every operation.
 * <p>
 * Result file: one row per trial, one column per role ({@link #roles()}), each cell the role's sample count (0
 * where the trial lacks the role); the sidecar lists each trial's metadata, sources and signal digests. The digest
 * covers every trial's metadata and signal content.
 *
 * @since 0.3
 */
public final class Dataset extends AbstractData {

    private final List<Trial> trials;

    public Dataset(List<Trial> trials) {
        this.trials = List.copyOf(trials);
    }

    @Override
    public DataType type() {
        return DataTypes.DATASET;
    }

    public List<Trial> trials() {
        return trials;
    }

    public int size() {
        return trials.size();
    }

    public Trial trial(int index) {
        return trials.get(index);
    }

    /** Every role some trial has, in first-seen order. */
    public List<String> roles() {
        Set<String> r = new LinkedHashSet<>();
        trials.forEach(t -> r.addAll(t.signals().keySet()));
        return List.copyOf(r);
    }

    /** The distinct subjects, in first-seen order. */
    public List<String> subjects() {
        Set<String> s = new LinkedHashSet<>();
        trials.forEach(t -> s.add(t.subject()));
        return List.copyOf(s);
    }

    /** The trials a predicate accepts, in order. */
    public Dataset filter(Predicate<Trial> keep) {
        return new Dataset(trials.stream().filter(keep).toList());
    }

    /**
     * The signals of a role, one per trial in order.
     *
     * @throws DataException naming the first trial (1-based, with its label) that lacks the role
     */
    public List<Signal> signals(String role) {
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            Signal s = t.signals().get(role);
            if (s == null) {
                throw new DataException("dataset trial " + (i + 1) + " (" + t.label(i + 1) + ") has no signal of "
                        + "role '" + role + "' (it has: " + String.join(", ", t.signals().keySet()) + ")");
            }
            out.add(s);
        }
        return out;
    }

    @Override
    public NumericTable toTable() {
        List<String> roles = roles();
        double[] v = new double[trials.size() * roles.size()];
        for (int i = 0; i < trials.size(); i++) {
            for (int r = 0; r < roles.size(); r++) {
                Signal s = trials.get(i).signals().get(roles.get(r));
                v[i * roles.size() + r] = s == null ? 0 : s.sampleCount();
            }
        }
        return new NumericTable(trials.size(), roles.size(), v);
    }

    @Override
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type().id());
        m.put("layout", "trials x roles (sample counts)");
        m.put("roles", roles());
        List<Object> list = new ArrayList<>();
        for (Trial t : trials) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("metadata", t.metadata());
            if (!t.sources().isEmpty()) {
                e.put("sources", t.sources());
            }
            Map<String, Object> sig = new LinkedHashMap<>();
            t.signals().forEach((role, s) -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("labels", s.labels());
                d.put("samplingRateHz", s.samplingRate());
                d.put("samples", s.sampleCount());
                d.put("sha256", s.digest());
                sig.put(role, d);
            });
            e.put("signals", sig);
            list.add(e);
        }
        m.put("trials", list);
        return m;
    }

    @Override
    public String toString() {
        return "Dataset[" + trials.size() + " trials, " + subjects().size() + " subjects, roles " + roles() + "]";
    }
}
