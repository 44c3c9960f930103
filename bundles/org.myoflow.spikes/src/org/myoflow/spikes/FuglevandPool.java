package org.myoflow.spikes;

/**
 * The recruitment and rate-coding model of Fuglevand, Winter &amp; Patla (1993), Models of recruitment and rate
 * coding organization in motor-unit pools, J Neurophysiol 70:2470-2488.
 * <p>
 * Units i = 1..n (1-based as in the paper). In the paper's absolute excitation units:
 * <ul>
 * <li>recruitment threshold RTE_i = exp(a·i), a = ln(RR)/n, so RTE_n = RR;</li>
 * <li>peak firing rate PFR_i = PFR1 − PFRD·RTE_i/RTE_n;</li>
 * <li>firing rate FR_i(E) = g_e·(E − RTE_i) + MFR for E ≥ RTE_i, capped at PFR_i, 0 below threshold;</li>
 * <li>maximal excitation E_max = RTE_n + (PFR_n − MFR)/g_e, the excitation at which the last unit reaches
 * its peak rate.</li>
 * </ul>
 * The pool's input u in [0, 1] is the fraction of maximal excitation, E = u·E_max, so unit i is recruited at
 * u = RTE_i/E_max. With the defaults E_max = 47 and the last unit is recruited at 30/47 ≈ 0.638.
 *
 * @since 0.1
 */
public final class FuglevandPool implements MotorUnitPool {

    private final int units;
    private final double recruitmentRange;
    private final double peakRateFirstHz;
    private final double peakRateDifferenceHz;
    private final double minRateHz;
    private final double gainHzPerExcitation;
    private final double isiCv;
    private final double a;
    private final double maxExcitation;

    /**
     * @param units                n, at least 1
     * @param recruitmentRange     RR, the range of thresholds (RTE_n = RR), &gt; 1
     * @param peakRateFirstHz      PFR1 (Hz)
     * @param peakRateDifferenceHz PFRD (Hz), ≥ 0
     * @param minRateHz            MFR (Hz), &gt; 0; PFR1 − PFRD must not be below it
     * @param gainHzPerExcitation  g_e (Hz per excitation unit), &gt; 0
     * @param isiCv                coefficient of variation of the inter-spike intervals, in [0, 1)
     */
    public FuglevandPool(int units, double recruitmentRange, double peakRateFirstHz, double peakRateDifferenceHz,
            double minRateHz, double gainHzPerExcitation, double isiCv) {
        if (units < 1) {
            throw new IllegalArgumentException("units must be at least 1, got " + units);
        }
        if (!(recruitmentRange > 1) || Double.isInfinite(recruitmentRange)) {
            throw new IllegalArgumentException("recruitment range must be finite and > 1, got " + recruitmentRange);
        }
        if (!(minRateHz > 0) || Double.isInfinite(minRateHz)) {
            throw new IllegalArgumentException("minimum rate must be finite and > 0 Hz, got " + minRateHz);
        }
        if (!(peakRateDifferenceHz >= 0) || !Double.isFinite(peakRateFirstHz)) {
            throw new IllegalArgumentException("peak rate of the first unit must be finite and the peak-rate "
                    + "difference non-negative, got " + peakRateFirstHz + " and " + peakRateDifferenceHz);
        }
        if (peakRateFirstHz - peakRateDifferenceHz < minRateHz) {
            throw new IllegalArgumentException("the last unit's peak rate, peakRateFirst - peakRateDifference = "
                    + (peakRateFirstHz - peakRateDifferenceHz) + " Hz, is below the minimum rate " + minRateHz
                    + " Hz");
        }
        if (!(gainHzPerExcitation > 0) || Double.isInfinite(gainHzPerExcitation)) {
            throw new IllegalArgumentException("gain must be finite and > 0, got " + gainHzPerExcitation);
        }
        if (!(isiCv >= 0 && isiCv < 1)) {
            throw new IllegalArgumentException("ISI coefficient of variation must lie in [0, 1), got " + isiCv);
        }
        this.units = units;
        this.recruitmentRange = recruitmentRange;
        this.peakRateFirstHz = peakRateFirstHz;
        this.peakRateDifferenceHz = peakRateDifferenceHz;
        this.minRateHz = minRateHz;
        this.gainHzPerExcitation = gainHzPerExcitation;
        this.isiCv = isiCv;
        this.a = Math.log(recruitmentRange) / units;
        // Fuglevand 1993: E_max is the excitation at which the last unit reaches its peak rate PFR_n = PFR1 - PFRD
        this.maxExcitation = rte(units) + (peakRateFirstHz - peakRateDifferenceHz - minRateHz) / gainHzPerExcitation;
    }

    /** The paper's defaults: n 120, RR 30, PFR1 35 Hz, PFRD 10 Hz, MFR 8 Hz, g_e 1, cv 0.2. */
    public static FuglevandPool defaults() {
        return new FuglevandPool(120, 30, 35, 10, 8, 1, 0.2);
    }

    @Override
    public int size() {
        return units;
    }

    /** Recruitment threshold RTE_i = exp(a·i) in absolute excitation units (Fuglevand 1993). */
    public double rte(int unit) {
        checkUnit(unit);
        return Math.exp(a * unit);
    }

    /** E_max = RTE_n + (PFR_n − MFR)/g_e , the absolute excitation that u = 1 stands for. */
    public double maxExcitation() {
        return maxExcitation;
    }

    @Override
    public double threshold(int unit) {
        return rte(unit) / maxExcitation;
    }

    /**
     * Firing rate (Hz) at absolute excitation E (Fuglevand 1993): g_e·(E − RTE_i) + MFR capped at PFR_i, 0 below
     * RTE_i.
     */
    public double rateAtExcitation(int unit, double excitation) {
        double rte = rte(unit);
        if (excitation < rte) {
            return 0;
        }
        return Math.min(gainHzPerExcitation * (excitation - rte) + minRateHz, peakRate(unit));
    }

    /** FR_i(u·E_max); compared with the threshold in u so that firingRate(i, threshold(i)) is exactly MFR. */
    @Override
    public double firingRate(int unit, double excitation) {
        if (excitation < threshold(unit)) {
            return 0;
        }
        double above = Math.max(0, excitation * maxExcitation - rte(unit));
        return Math.min(gainHzPerExcitation * above + minRateHz, peakRate(unit));
    }

    @Override
    public double minRate(int unit) {
        checkUnit(unit);
        return minRateHz;
    }

    /** PFR_i = PFR1 − PFRD·RTE_i/RTE_n (Fuglevand 1993). */
    @Override
    public double peakRate(int unit) {
        return peakRateFirstHz - peakRateDifferenceHz * rte(unit) / rte(units);
    }

    @Override
    public double isiCv() {
        return isiCv;
    }

    public double recruitmentRange() {
        return recruitmentRange;
    }

    public double gain() {
        return gainHzPerExcitation;
    }

    @Override
    public String toString() {
        return "FuglevandPool[n=" + units + ", RR=" + recruitmentRange + ", PFR1=" + peakRateFirstHz + ", PFRD="
                + peakRateDifferenceHz + ", MFR=" + minRateHz + ", g_e=" + gainHzPerExcitation + ", cv=" + isiCv
                + "]";
    }
}
