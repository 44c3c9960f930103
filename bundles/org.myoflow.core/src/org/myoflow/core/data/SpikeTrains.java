package org.myoflow.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Firing times of a set of motor units over an observation window [0, duration). Written as an
 * n_spikes × 2 table of (unit index, time in s), sorted by unit then time.
 *
 * @since 0.1
 */
public final class SpikeTrains extends AbstractData {

    private final double[][] times;
    private final double durationS;
    private final List<String> unitLabels;

    /**
     * @param times      per unit, firing times in seconds; each array is copied and must be ascending and finite
     * @param durationS  length of the observation window in seconds
     * @param unitLabels one label per unit, or null for MU1..MUn
     */
    public SpikeTrains(double[][] times, double durationS, List<String> unitLabels) {
        if (!(durationS >= 0) || Double.isInfinite(durationS)) {
            throw new DataException("spike train duration must be finite and non-negative, got " + durationS);
        }
        this.times = new double[times.length][];
        for (int u = 0; u < times.length; u++) {
            double[] t = times[u].clone();
            for (int k = 0; k < t.length; k++) {
                if (!Double.isFinite(t[k])) {
                    throw new DataException("unit " + (u + 1) + " spike " + k + " has time " + t[k]);
                }
                if (k > 0 && t[k] < t[k - 1]) {
                    throw new DataException("unit " + (u + 1) + " spike times are not ascending at spike " + k);
                }
            }
            this.times[u] = t;
        }
        this.durationS = durationS;
        if (unitLabels == null) {
            List<String> l = new ArrayList<>();
            for (int u = 0; u < times.length; u++) {
                l.add("MU" + (u + 1));
            }
            this.unitLabels = List.copyOf(l);
        } else {
            if (unitLabels.size() != times.length) {
                throw new DataException(unitLabels.size() + " unit labels for " + times.length + " units");
            }
            this.unitLabels = List.copyOf(unitLabels);
        }
    }

    @Override
    public DataType type() {
        return DataTypes.SPIKE_TRAINS;
    }

    public int unitCount() {
        return times.length;
    }

    /** A copy of the firing times (s) of one unit. */
    public double[] times(int unit) {
        return times[unit].clone();
    }

    public int spikeCount(int unit) {
        return times[unit].length;
    }

    public int totalSpikeCount() {
        int n = 0;
        for (double[] t : times) {
            n += t.length;
        }
        return n;
    }

    public double duration() {
        return durationS;
    }

    public List<String> unitLabels() {
        return unitLabels;
    }

    @Override
    public NumericTable toTable() {
        int n = totalSpikeCount();
        double[] v = new double[n * 2];
        int r = 0;
        for (int u = 0; u < times.length; u++) {
            for (double t : times[u]) {
                v[2 * r] = u;
                v[2 * r + 1] = t;
                r++;
            }
        }
        return new NumericTable(n, 2, v);
    }

    @Override
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type().id());
        m.put("layout", "spikes x [unit index, time s]");
        m.put("durationS", durationS);
        m.put("unitCount", times.length);
        m.put("labels", unitLabels);
        m.put("units", List.of("index", "s"));
        return m;
    }

    @Override
    public String toString() {
        return "SpikeTrains[" + times.length + " units, " + totalSpikeCount() + " spikes, " + durationS + " s]";
    }
}
