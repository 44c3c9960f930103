package org.myoflow.conductor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.myoflow.conductor.AnatomySettings;
import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;

/** Parameters of the planar MUAP-bank step ({@link PlanarMuapBankStep}). */
public class PlanarMuapBankSettings extends AnatomySettings {

    @Param(description = "Length of the muscle along the fibres, centred on the innervation-zone line; the "
            + "modelled skin area is muscleLength x muscleWidth", unit = "mm", min = 10, max = 1000)
    public double muscleLength = 160;

    @Param(description = "Subcutaneous fat thickness", unit = "mm", min = 0, max = 50)
    public double fatThickness = 3;

    @Param(description = "Skin thickness", unit = "mm", min = 0, max = 10)
    public double skinThickness = 1;

    @Param(description = "Fat conductivity", unit = "S/m", min = 1e-4, max = 10)
    public double fatConductivity = 0.05;

    @Param(description = "Skin conductivity", unit = "S/m", min = 1e-4, max = 10)
    public double skinConductivity = 1;

    @Param(description = "Muscle conductivity along the fibres (sigma_z)", unit = "S/m", min = 1e-4, max = 10)
    public double muscleConductivityAlong = 0.5;

    @Param(description = "Muscle conductivity across the fibres (sigma_y)", unit = "S/m", min = 1e-4, max = 10)
    public double muscleConductivityAcross = 0.1;

    @Param(description = "Mean semi-fibre length L1 from the innervation zone towards +z", unit = "mm", min = 1,
            max = 500)
    public double rightSemiLength = 50;

    @Param(description = "Mean semi-fibre length L2 from the innervation zone towards -z", unit = "mm", min = 1,
            max = 500)
    public double leftSemiLength = 50;

    @Param(description = "Uniform spread (+/-) of each semi-fibre length", unit = "mm", min = 0, max = 100)
    public double semiLengthSpread = 5;

    @Param(description = "Electrode rows (along the array's row axis)", min = 1, max = 64)
    public int rows = 8;

    @Param(description = "Electrode columns", min = 1, max = 64)
    public int cols = 8;

    @Param(description = "Inter-electrode distance", unit = "mm", min = 0.5, max = 50)
    public double interElectrodeDistance = 4;

    @Param(description = "Radius of the circular electrodes", unit = "mm", min = 0, max = 10)
    public double electrodeRadius = 0.75;

    @Param(description = "Angle between the array's rows and the fibres", unit = "deg", min = -90, max = 90)
    public double rotation = 0;

    @Param(description = "Array centre along the fibres, from the innervation-zone line", unit = "mm",
            min = -500, max = 500)
    public double arrayCentreAlong = 0;

    @Param(description = "Array centre across the fibres, from the muscle centre", unit = "mm", min = -250,
            max = 250)
    public double arrayCentreAcross = 0;

    @Param(description = "Montage: MONOPOLAR, SINGLE_DIFFERENTIAL or DOUBLE_DIFFERENTIAL along the rows, or "
            + "LAPLACIAN (normal double differential)")
    public ElectrodeArray.Montage montage = ElectrodeArray.Montage.MONOPOLAR;

    @Param(description = "Sampling rate of the MUAPs", unit = "Hz", min = 100, max = 100000)
    public double samplingRate = 2048;

    @Param(description = "Length of each MUAP from the discharge", unit = "s", min = 0.001, max = 1)
    public double muapDuration = 0.04;

    @Param(description = "Spatial grid step of the conductor's impulse response and of the quadrature along "
            + "the fibres (0.5 mm is within 2 % of a finer grid)", unit = "mm", min = 0.05, max = 2)
    public double gridSpacing = 0.5;

    @Param(description = "Spacing of the depth levels at which the impulse response is tabulated",
            unit = "mm", min = 0.05, max = 5)
    public double depthStep = 0.5;

    /** The anatomy spec with this step's fibre semi-lengths. */
    MotorUnitAnatomy.Spec anatomySpec() {
        return anatomySpec(rightSemiLength, leftSemiLength, semiLengthSpread);
    }

    @Override
    public List<ParameterSchema.Problem> check() {
        List<ParameterSchema.Problem> p = super.check();
        nonNegative(p, "fatThickness", fatThickness);
        nonNegative(p, "skinThickness", skinThickness);
        nonNegative(p, "semiLengthSpread", semiLengthSpread);
        nonNegative(p, "electrodeRadius", electrodeRadius);
        positive(p, "muscleLength", muscleLength);
        positive(p, "interElectrodeDistance", interElectrodeDistance);
        if (!p.isEmpty()) {
            return p;
        }
        if (semiLengthSpread >= Math.min(rightSemiLength, leftSemiLength)) {
            p.add(new ParameterSchema.Problem("semiLengthSpread", "semiLengthSpread " + semiLengthSpread
                    + " mm must be below both semi-fibre lengths"));
        }
        double half = muscleLength / 2;
        if (izSpread / 2 + rightSemiLength + semiLengthSpread > half) {
            p.add(new ParameterSchema.Problem("rightSemiLength", String.format(Locale.ROOT,
                    "fibres reach %.3g mm beyond the innervation-zone line (izSpread/2 + rightSemiLength + "
                            + "semiLengthSpread), longer than the muscle's half-length %.3g mm",
                    izSpread / 2 + rightSemiLength + semiLengthSpread, half)));
        }
        if (izSpread / 2 + leftSemiLength + semiLengthSpread > half) {
            p.add(new ParameterSchema.Problem("leftSemiLength", String.format(Locale.ROOT,
                    "fibres reach %.3g mm before the innervation-zone line (izSpread/2 + leftSemiLength + "
                            + "semiLengthSpread), longer than the muscle's half-length %.3g mm",
                    izSpread / 2 + leftSemiLength + semiLengthSpread, half)));
        }
        if (2 * electrodeRadius >= interElectrodeDistance) {
            p.add(new ParameterSchema.Problem("electrodeRadius", "electrodes of radius " + electrodeRadius
                    + " mm overlap at an inter-electrode distance of " + interElectrodeDistance + " mm"));
        }
        checkArray(p, half);
        int needRows = switch (montage) {
            case MONOPOLAR -> 1;
            case SINGLE_DIFFERENTIAL -> 2;
            case DOUBLE_DIFFERENTIAL, LAPLACIAN -> 3;
        };
        int needCols = montage == ElectrodeArray.Montage.LAPLACIAN ? 3 : 1;
        if (rows < needRows || cols < needCols) {
            p.add(new ParameterSchema.Problem("montage", montage + " needs at least " + needRows + " x "
                    + needCols + " electrodes, the array has " + rows + " x " + cols));
        }
        if (Math.round(muapDuration * samplingRate) < 2) {
            p.add(new ParameterSchema.Problem("muapDuration", "muapDuration x samplingRate gives fewer than 2 "
                    + "samples"));
        }
        return p;
    }

    /**
     * Every electrode, with its radius, must lie on the modelled skin area muscleLength x muscleWidth; subclasses
     * with another skin geometry override this.
     */
    protected void checkArray(List<ParameterSchema.Problem> p, double halfLength) {
        double halfWidth = muscleWidth / 2;
        ElectrodeArray centred = ElectrodeArray.builder().rows(rows).cols(cols).spacingMm(interElectrodeDistance)
                .radiusMm(electrodeRadius).rotationDeg(rotation).build();
        double[] reach = reach(centred);
        if (reach[0] > halfLength || reach[1] > halfWidth) {
            p.add(new ParameterSchema.Problem("interElectrodeDistance", String.format(Locale.ROOT,
                    "the %d x %d array at %.3g mm spacing spans %.3g x %.3g mm (along x across), larger than the "
                            + "modelled skin area %.3g x %.3g mm (muscleLength x muscleWidth)",
                    rows, cols, interElectrodeDistance, 2 * reach[0], 2 * reach[1], muscleLength, muscleWidth)));
            return;
        }
        if (Math.abs(arrayCentreAlong) + reach[0] > halfLength) {
            p.add(new ParameterSchema.Problem("arrayCentreAlong", "the array at " + arrayCentreAlong
                    + " mm along the fibres extends beyond the modelled skin area (+/-" + halfLength + " mm)"));
        }
        if (Math.abs(arrayCentreAcross) + reach[1] > halfWidth) {
            p.add(new ParameterSchema.Problem("arrayCentreAcross", "the array at " + arrayCentreAcross
                    + " mm across the fibres extends beyond the modelled skin area (+/-" + halfWidth + " mm)"));
        }
    }

    /** Largest |along| and |across| reached by the array's electrodes, radius included, mm. */
    static double[] reach(ElectrodeArray a) {
        double along = 0;
        double across = 0;
        for (double[] e : a.positions()) {
            along = Math.max(along, Math.abs(e[0]) + a.radiusMm());
            across = Math.max(across, Math.abs(e[1]) + a.radiusMm());
        }
        return new double[] { along, across };
    }

    private static void nonNegative(List<ParameterSchema.Problem> p, String name, double v) {
        if (!(v >= 0)) {
            p.add(new ParameterSchema.Problem(name, name + " must be >= 0, got " + v));
        }
    }
}
