package org.myoflow.conductor;

import java.util.ArrayList;
import java.util.List;

/**
 * Numerical MUAPs of canonical units ({@link CanonicalUnit}) for conditions within fixed ranges, with one kernel
 * table computed at construction for a grid that covers every unit the ranges allow. Immutable after
 * construction and safe to call from many threads at once.
 *
 * @since 0.1
 */
public final class ConditionedMuaps {

    private final MuapBankBuilder builder;
    private final CanonicalUnit.Spec spec;
    private final MuapConditions.Ranges ranges;
    private final PlanarLayeredConductor.KernelGrid grid;
    private final PlanarLayeredConductor.Kernels kernels;
    private final double[][] electrodes;

    /** Computes the kernel tables (one inverse 2-D FFT per depth level; seconds). */
    public ConditionedMuaps(MuapBankBuilder builder, CanonicalUnit.Spec spec, MuapConditions.Ranges ranges) {
        this.builder = builder;
        this.spec = spec;
        this.ranges = ranges;
        this.grid = gridFor(builder, spec, ranges);
        this.kernels = builder.conductor().kernels(builder.array().radiusMm(), grid);
        this.electrodes = builder.array().positions();
    }

    /**
     * The kernel grid covering every canonical unit within the ranges. Fibre k of a canonical unit sits at the
     * same offset from the centre whatever the fibre count, so the largest unit bounds the lateral and depth
     * extent; the eight corners of position × IZ × length, at the deepest centre, bound the rest.
     */
    public static PlanarLayeredConductor.KernelGrid gridFor(MuapBankBuilder builder, CanonicalUnit.Spec spec,
            MuapConditions.Ranges ranges) {
        List<MotorUnitAnatomy.Unit> extremes = new ArrayList<>();
        for (double x : new double[] { ranges.positionMm().min(), ranges.positionMm().max() }) {
            for (double iz : new double[] { ranges.izMm().min(), ranges.izMm().max() }) {
                for (double s : new double[] { ranges.lengthScale().min(), ranges.lengthScale().max() }) {
                    extremes.add(CanonicalUnit.build(new MuapConditions(ranges.logFibres().max(),
                            ranges.depthMm().max(), x, iz, ranges.cvMPerS().max(), s), spec));
                }
            }
        }
        return builder.gridFor(extremes);
    }

    public MuapBankBuilder builder() {
        return builder;
    }

    public CanonicalUnit.Spec spec() {
        return spec;
    }

    public MuapConditions.Ranges ranges() {
        return ranges;
    }

    public PlanarLayeredConductor.KernelGrid grid() {
        return grid;
    }

    public PlanarLayeredConductor.Kernels kernels() {
        return kernels;
    }

    /** Number of electrodes. */
    public int electrodes() {
        return electrodes.length;
    }

    /** Samples per MUAP. */
    public int samples() {
        return builder.samples();
    }

    /**
     * The monopolar MUAP [electrode][sample] in mV of the canonical unit of these conditions.
     *
     * @throws IllegalArgumentException when a condition is outside the ranges
     */
    public double[][] monopolar(MuapConditions c) {
        ranges.check(c, "MUAP conditions");
        return builder.unitPotentials(CanonicalUnit.build(c, spec), kernels, electrodes);
    }
}
