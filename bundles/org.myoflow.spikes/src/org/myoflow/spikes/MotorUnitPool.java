package org.myoflow.spikes;

/**
 * A recruitment and rate-coding model of a motor-unit pool: when each unit is recruited and how fast it fires as a
 * function of the excitation u, the fraction of maximal excitation in [0, 1].
 * <p>
 * Units are numbered 1..n as in Fuglevand, Winter &amp; Patla (1993): unit 1 is the smallest (lowest threshold),
 * unit n the largest. Implementations are immutable and thread-safe.
 *
 * @since 0.1
 */
public interface MotorUnitPool {

    /** Number of units n. */
    int size();

    /**
     * Recruitment threshold of a unit as a fraction of maximal excitation: the unit is active while u ≥ threshold.
     *
     * @param unit 1-based unit index
     */
    double threshold(int unit);

    /**
     * Mean firing rate (Hz) of a unit at excitation u: 0 below its threshold, {@link #minRate(int)} at threshold,
     * never above {@link #peakRate(int)}.
     *
     * @param unit       1-based unit index
     * @param excitation u, fraction of maximal excitation in [0, 1]
     */
    double firingRate(int unit, double excitation);

    /** Firing rate (Hz) of a unit at its recruitment threshold. */
    double minRate(int unit);

    /** Largest firing rate (Hz) of a unit. */
    double peakRate(int unit);

    /** Coefficient of variation of the inter-spike intervals (standard deviation / mean). */
    double isiCv();

    /** Checks a 1-based unit index. */
    default void checkUnit(int unit) {
        if (unit < 1 || unit > size()) {
            throw new IndexOutOfBoundsException("unit " + unit + " is not in 1.." + size());
        }
    }
}
