package org.myoflow.spikes;

/**
 * The recruitment and rate model used by the NeuroMotion and intramuscular-EMG simulators (Ma et al. 2024,
 * NeuroMotion; Konstantin et al. 2020), a variant of Fuglevand et al. (1993) whose thresholds are fractions of
 * maximal excitation directly.
 * <p>
 * With the paper index j = 0..N−1 and unit i = j + 1 (this API is 1-based like {@link FuglevandPool}):
 * <ul>
 * <li>threshold rt_j = (rm/rr)·exp(j·ln(rr)/(N−1)), so rt spans rm/rr (1.5 % with rr 50, rm 0.75) to rm (75 %);
 * for N = 1 the single unit has threshold rm/rr;</li>
 * <li>rate at recruitment min_j = minBase − minDrop·rt_j/rt_max (10 − 5·rt/rt_max Hz);</li>
 * <li>peak rate max_j = maxBase − maxDrop·rt_j/rt_max (40 − 10·rt/rt_max Hz);</li>
 * <li>rate between: our choice, linear in u from min_j at u = rt_j to max_j at u = 1,
 * FR_j(u) = min_j + (max_j − min_j)·(u − rt_j)/(1 − rt_j). (NeuroMotion itself uses a fixed slope capped at the
 * peak rate; the linear-to-full-excitation form makes every unit reach its peak exactly at u = 1.)</li>
 * </ul>
 * The ISI coefficient of variation defaults to 1/6 as in NeuroMotion.
 *
 * @since 0.1
 */
public final class NeuroMotionPool implements MotorUnitPool {

    private final int units;
    private final double recruitmentRange;
    private final double recruitmentMaximum;
    private final double minRateBaseHz;
    private final double minRateDropHz;
    private final double maxRateBaseHz;
    private final double maxRateDropHz;
    private final double isiCv;

    /**
     * @param units              N, at least 1
     * @param recruitmentRange   rr, largest over smallest threshold, &gt; 1
     * @param recruitmentMaximum rm, threshold of the last unit as a fraction of maximal excitation, in (0, 1)
     * @param minRateBaseHz      rate at recruitment of a unit with threshold 0 (10 Hz)
     * @param minRateDropHz      how much lower the last unit's rate at recruitment is (5 Hz)
     * @param maxRateBaseHz      peak rate of a unit with threshold 0 (40 Hz)
     * @param maxRateDropHz      how much lower the last unit's peak rate is (10 Hz)
     * @param isiCv              coefficient of variation of the inter-spike intervals, in [0, 1)
     */
    public NeuroMotionPool(int units, double recruitmentRange, double recruitmentMaximum, double minRateBaseHz,
            double minRateDropHz, double maxRateBaseHz, double maxRateDropHz, double isiCv) {
        if (units < 1) {
            throw new IllegalArgumentException("units must be at least 1, got " + units);
        }
        if (!(recruitmentRange > 1) || Double.isInfinite(recruitmentRange)) {
            throw new IllegalArgumentException("recruitment range must be finite and > 1, got " + recruitmentRange);
        }
        if (!(recruitmentMaximum > 0 && recruitmentMaximum < 1)) {
            throw new IllegalArgumentException("recruitment maximum must lie in (0, 1), got " + recruitmentMaximum);
        }
        if (!(minRateBaseHz - minRateDropHz > 0) || !(maxRateBaseHz - maxRateDropHz >= minRateBaseHz - minRateDropHz)
                || !(maxRateBaseHz >= minRateBaseHz) || !Double.isFinite(maxRateBaseHz)) {
            throw new IllegalArgumentException("rates must be positive with peak rates not below recruitment rates: "
                    + "min " + minRateBaseHz + " - " + minRateDropHz + ", max " + maxRateBaseHz + " - "
                    + maxRateDropHz + " Hz");
        }
        if (!(isiCv >= 0 && isiCv < 1)) {
            throw new IllegalArgumentException("ISI coefficient of variation must lie in [0, 1), got " + isiCv);
        }
        this.units = units;
        this.recruitmentRange = recruitmentRange;
        this.recruitmentMaximum = recruitmentMaximum;
        this.minRateBaseHz = minRateBaseHz;
        this.minRateDropHz = minRateDropHz;
        this.maxRateBaseHz = maxRateBaseHz;
        this.maxRateDropHz = maxRateDropHz;
        this.isiCv = isiCv;
    }

    /** The published constants: rr 50, rm 0.75, rates 10 − 5·rt/rt_max and 40 − 10·rt/rt_max Hz, cv 1/6. */
    public static NeuroMotionPool defaults(int units) {
        return new NeuroMotionPool(units, 50, 0.75, 10, 5, 40, 10, 1.0 / 6);
    }

    @Override
    public int size() {
        return units;
    }

    /** rt = (rm/rr)·exp(j·ln(rr)/(N−1)) with j = unit − 1. */
    @Override
    public double threshold(int unit) {
        checkUnit(unit);
        if (units == 1) {
            return recruitmentMaximum / recruitmentRange;
        }
        return recruitmentMaximum / recruitmentRange
                * Math.exp((unit - 1) * Math.log(recruitmentRange) / (units - 1));
    }

    private double relativeThreshold(int unit) {
        return threshold(unit) / threshold(units);
    }

    @Override
    public double minRate(int unit) {
        return minRateBaseHz - minRateDropHz * relativeThreshold(unit);
    }

    @Override
    public double peakRate(int unit) {
        return maxRateBaseHz - maxRateDropHz * relativeThreshold(unit);
    }

    @Override
    public double firingRate(int unit, double excitation) {
        double rt = threshold(unit);
        if (excitation < rt) {
            return 0;
        }
        double min = minRate(unit);
        double max = peakRate(unit);
        double x = Math.min(1, (excitation - rt) / (1 - rt));
        return min + (max - min) * x;
    }

    @Override
    public double isiCv() {
        return isiCv;
    }

    @Override
    public String toString() {
        return "NeuroMotionPool[N=" + units + ", rr=" + recruitmentRange + ", rm=" + recruitmentMaximum + ", cv="
                + isiCv + "]";
    }
}
