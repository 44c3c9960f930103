package org.myoflow.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MUAP banks that change over time (a moving limb): banks computed at update times t_0 < t_1 < ... for the same
 * units, channels, samples, rate and onset. Between two update times a MUAP is the linear blend of the two banks
 * ({@link #blend}); before t_0 and after the last time the first and last banks hold. Written as the banks' tables
 * stacked, (times·units·channels) × samples; the sidecar gives the times and the first bank's geometry.
 *
 * @since 0.1
 */
public final class MuapBankSeries extends AbstractData {

    private final List<MuapBank> banks;
    private final double[] timesS;

    public MuapBankSeries(List<MuapBank> banks, double[] timesS) {
        if (banks.isEmpty() || banks.size() != timesS.length) {
            throw new DataException(banks.size() + " MUAP banks for " + timesS.length + " update times");
        }
        MuapBank first = banks.get(0);
        for (int i = 0; i < banks.size(); i++) {
            MuapBank b = banks.get(i);
            if (!Double.isFinite(timesS[i]) || (i > 0 && !(timesS[i] > timesS[i - 1]))) {
                throw new DataException("update times must be finite and increasing; time " + i + " is " + timesS[i]);
            }
            if (b.unitCount() != first.unitCount() || b.channelCount() != first.channelCount()
                    || b.sampleCount() != first.sampleCount() || b.samplingRate() != first.samplingRate()
                    || b.onset() != first.onset()) {
                throw new DataException("MUAP bank at t = " + timesS[i] + " s (" + b + ") does not match the first ("
                        + first + ")");
            }
        }
        this.banks = List.copyOf(banks);
        this.timesS = timesS.clone();
    }

    @Override
    public DataType type() {
        return DataTypes.MUAP_BANK_SERIES;
    }

    public int size() {
        return banks.size();
    }

    public MuapBank bank(int i) {
        return banks.get(i);
    }

    public double time(int i) {
        return timesS[i];
    }

    /** The first bank (geometry, labels, rate and onset are shared by all). */
    public MuapBank first() {
        return banks.get(0);
    }

    /**
     * The index i and weight w such that the MUAP at time t is (1 − w)·bank(i) + w·bank(i + 1); w = 0 (and i the
     * first or last index) outside the update times.
     */
    public Blend blend(double t) {
        int n = timesS.length;
        if (n == 1 || t <= timesS[0]) {
            return new Blend(0, 0);
        }
        if (t >= timesS[n - 1]) {
            return new Blend(n - 1, 0);
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (timesS[mid] <= t) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new Blend(lo, (t - timesS[lo]) / (timesS[lo + 1] - timesS[lo]));
    }

    /**
     * @param index  bank index
     * @param weight weight of bank index + 1, in [0, 1)
     */
    public record Blend(int index, double weight) {
    }

    @Override
    public NumericTable toTable() {
        List<NumericTable> ts = new ArrayList<>();
        int rows = 0;
        for (MuapBank b : banks) {
            NumericTable t = b.toTable();
            ts.add(t);
            rows += t.rows();
        }
        int cols = ts.get(0).cols();
        double[] v = new double[rows * cols];
        int off = 0;
        for (NumericTable t : ts) {
            System.arraycopy(t.values(), 0, v, off, t.values().length);
            off += t.values().length;
        }
        return new NumericTable(rows, cols, v);
    }

    @Override
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>(first().metadata());
        m.put("type", type().id());
        m.put("layout", "(times x units x channels) x samples");
        List<Double> t = new ArrayList<>();
        for (double x : timesS) {
            t.add(x);
        }
        m.put("updateTimesS", t);
        m.put("shape4d", List.of(banks.size(), first().unitCount(), first().channelCount(), first().sampleCount()));
        return m;
    }

    @Override
    public String toString() {
        return "MuapBankSeries[" + banks.size() + " banks from " + timesS[0] + " to " + timesS[timesS.length - 1]
                + " s, " + first() + "]";
    }
}
