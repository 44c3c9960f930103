package org.myoflow.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Motor-unit action potentials of a set of units at every channel of an electrode array: unit × channel × samples,
 * with the array geometry attached. Sample k of a MUAP is at time {@code onsetS + k / fs} relative to the unit's
 * discharge (onset is usually negative, so the waveform starts before the discharge time). Written as a
 * (units·channels) × samples table; the sidecar gives the shape [units, channels, samples] and the geometry.
 *
 * @since 0.1
 */
public final class MuapBank extends AbstractData {

    private final double[][][] muaps;
    private final double samplingRateHz;
    private final double onsetS;
    private final List<String> channelLabels;
    private final List<String> unitLabels;
    private final double[][] electrodePositionsMm;
    private final int rows;
    private final int cols;
    private final String unit;
    private final String montage;

    /**
     * @param muaps               [unit][channel][sample]; copied; every unit has the same channels and samples
     * @param samplingRateHz      sampling rate of the waveforms
     * @param onsetS              time of sample 0 relative to the discharge (s)
     * @param channelLabels       one label per channel
     * @param unitLabels          one label per unit, or null for MU1..MUn
     * @param electrodePositionsMm [channel][2]: position along the fibres (x) and across (y) in mm, or null if unknown
     * @param rows                array rows (rows × cols = channels), or 0 when the channels are not a grid
     * @param cols                array columns, or 0
     * @param unit                amplitude unit, e.g. "mV"
     * @param montage             e.g. "monopolar", "single-differential"
     */
    public MuapBank(double[][][] muaps, double samplingRateHz, double onsetS, List<String> channelLabels,
            List<String> unitLabels, double[][] electrodePositionsMm, int rows, int cols, String unit,
            String montage) {
        if (!(samplingRateHz > 0) || Double.isInfinite(samplingRateHz)) {
            throw new DataException("MUAP bank sampling rate must be positive and finite, got " + samplingRateHz);
        }
        if (!Double.isFinite(onsetS)) {
            throw new DataException("MUAP bank onset must be finite, got " + onsetS);
        }
        int nc = channelLabels.size();
        int ns = -1;
        this.muaps = new double[muaps.length][][];
        for (int u = 0; u < muaps.length; u++) {
            if (muaps[u].length != nc) {
                throw new DataException("unit " + (u + 1) + " has " + muaps[u].length + " channels, the bank has "
                        + nc + " channel labels");
            }
            this.muaps[u] = new double[nc][];
            for (int c = 0; c < nc; c++) {
                double[] w = muaps[u][c];
                if (ns < 0) {
                    ns = w.length;
                } else if (w.length != ns) {
                    throw new DataException("unit " + (u + 1) + " channel " + Excerpt.of(channelLabels.get(c)) + " has "
                            + w.length + " samples, expected " + ns);
                }
                for (int k = 0; k < w.length; k++) {
                    if (!Double.isFinite(w[k])) {
                        throw new DataException("unit " + (u + 1) + " channel " + Excerpt.of(channelLabels.get(c))
                                + " sample " + k + " is " + w[k]);
                    }
                }
                this.muaps[u][c] = w.clone();
            }
        }
        if (rows < 0 || cols < 0 || (rows * cols != 0 && rows * cols != nc)) {
            throw new DataException("array of " + rows + " x " + cols + " does not match " + nc + " channels");
        }
        if (electrodePositionsMm != null && electrodePositionsMm.length != nc) {
            throw new DataException(electrodePositionsMm.length + " electrode positions for " + nc + " channels");
        }
        this.samplingRateHz = samplingRateHz;
        this.onsetS = onsetS;
        this.channelLabels = List.copyOf(channelLabels);
        if (unitLabels == null) {
            List<String> l = new ArrayList<>();
            for (int u = 0; u < muaps.length; u++) {
                l.add("MU" + (u + 1));
            }
            this.unitLabels = List.copyOf(l);
        } else if (unitLabels.size() != muaps.length) {
            throw new DataException(unitLabels.size() + " unit labels for " + muaps.length + " units");
        } else {
            this.unitLabels = List.copyOf(unitLabels);
        }
        if (electrodePositionsMm == null) {
            this.electrodePositionsMm = null;
        } else {
            this.electrodePositionsMm = new double[nc][];
            for (int c = 0; c < nc; c++) {
                if (electrodePositionsMm[c].length != 2 || !Double.isFinite(electrodePositionsMm[c][0])
                        || !Double.isFinite(electrodePositionsMm[c][1])) {
                    throw new DataException("electrode position of channel " + Excerpt.of(channelLabels.get(c))
                            + " must be two finite numbers (x, y) in mm");
                }
                this.electrodePositionsMm[c] = electrodePositionsMm[c].clone();
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.unit = unit == null ? "" : unit;
        this.montage = montage == null ? "" : montage;
    }

    @Override
    public DataType type() {
        return DataTypes.MUAP_BANK;
    }

    public int unitCount() {
        return muaps.length;
    }

    public int channelCount() {
        return channelLabels.size();
    }

    public int sampleCount() {
        return muaps.length == 0 || muaps[0].length == 0 ? 0 : muaps[0][0].length;
    }

    /** A copy of one unit's waveform at one channel. */
    public double[] muap(int unit, int channel) {
        return muaps[unit][channel].clone();
    }

    /** One sample without copying. */
    public double get(int unit, int channel, int sample) {
        return muaps[unit][channel][sample];
    }

    public double samplingRate() {
        return samplingRateHz;
    }

    public double onset() {
        return onsetS;
    }

    public List<String> channelLabels() {
        return channelLabels;
    }

    public List<String> unitLabels() {
        return unitLabels;
    }

    /** Electrode position of a channel in mm (x along the fibres, y across); NaN when unknown. */
    public double[] electrodePosition(int channel) {
        return electrodePositionsMm == null ? new double[] { Double.NaN, Double.NaN }
                : electrodePositionsMm[channel].clone();
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Amplitude unit. */
    public String amplitudeUnit() {
        return unit;
    }

    public String montage() {
        return montage;
    }

    @Override
    public NumericTable toTable() {
        int nu = muaps.length;
        int nc = channelCount();
        int ns = sampleCount();
        double[] v = new double[nu * nc * ns];
        int i = 0;
        for (int u = 0; u < nu; u++) {
            for (int c = 0; c < nc; c++) {
                System.arraycopy(muaps[u][c], 0, v, i, ns);
                i += ns;
            }
        }
        return new NumericTable(nu * nc, ns, v);
    }

    @Override
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type().id());
        m.put("layout", "(units x channels) x samples");
        m.put("shape3d", List.of(muaps.length, channelCount(), sampleCount()));
        m.put("samplingRateHz", samplingRateHz);
        m.put("onsetS", onsetS);
        m.put("unit", unit);
        m.put("montage", montage);
        m.put("rows", rows);
        m.put("cols", cols);
        m.put("labels", channelLabels);
        m.put("unitLabels", unitLabels);
        List<List<Double>> pos = new ArrayList<>();
        if (electrodePositionsMm != null) {
            for (double[] p : electrodePositionsMm) {
                pos.add(List.of(p[0], p[1]));
            }
        }
        m.put("electrodePositionsMm", pos);
        return m;
    }

    @Override
    public String toString() {
        return "MuapBank[" + muaps.length + " units x " + channelCount() + " ch x " + sampleCount() + " samples @ "
                + samplingRateHz + " Hz, " + montage + "]";
    }
}
