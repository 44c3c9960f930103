package org.myoflow.conductor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.myoflow.core.spi.CheckedSettings;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.core.spi.StepContext;

/**
 * The motor-unit anatomy parameters shared by every step that draws a {@link MotorUnitAnatomy} (the planar and
 * cylindrical MUAP steps, the surrogate MUAP steps): settings classes extend this one, so the parameters, their
 * checks and the seeding are declared once and the same values and seed give the same units in every such step.
 *
 * @since 0.1
 */
public class AnatomySettings implements CheckedSettings {

    @Param(description = "Number of motor units", min = 1, max = 1000)
    public int units = 20;

    @Param(description = "Seed of the motor-unit anatomy; 0 draws it from the node's seed. Nodes with the same "
            + "anatomy parameters and anatomySeed get the same units (e.g. numerical vs surrogate MUAPs)", min = 0,
            max = Integer.MAX_VALUE)
    public int anatomySeed = 0;

    @Param(description = "Fibres of the smallest unit", min = 1, max = 100000)
    public int minFibres = 25;

    @Param(description = "Fibres of the largest unit; counts spread exponentially in between", min = 1,
            max = 100000)
    public int maxFibres = 2500;

    @Param(description = "Fibre density in a unit's territory", unit = "fibres/mm²", min = 0.1, max = 1000)
    public double fibreDensity = 20;

    @Param(description = "Width of the rectangular muscle cross-section, across the fibres", unit = "mm",
            min = 1, max = 500)
    public double muscleWidth = 40;

    @Param(description = "Depth of the muscle below the fat layer", unit = "mm", min = 1, max = 100)
    public double muscleDepth = 15;

    @Param(description = "Mean conduction velocity over the units", unit = "m/s", min = 0.5, max = 10)
    public double cvMean = 4.25;

    @Param(description = "Conduction-velocity range from the smallest to the largest unit (3-5.5 m/s with "
            + "the defaults)", unit = "m/s", min = 0, max = 8)
    public double cvSpread = 2.5;

    @Param(description = "Width of the band holding the fibres' innervation zones", unit = "mm", min = 0,
            max = 200)
    public double izSpread = 10;

    /** The anatomy spec with the given fibre semi-lengths (mm). */
    public MotorUnitAnatomy.Spec anatomySpec(double rightSemiLengthMm, double leftSemiLengthMm,
            double semiLengthSpreadMm) {
        return MotorUnitAnatomy.Spec.builder().units(units).minFibres(minFibres).maxFibres(maxFibres)
                .fibresPerMm2(fibreDensity).muscleWidthMm(muscleWidth).muscleDepthMm(muscleDepth).cvMeanMPerS(cvMean)
                .cvSpreadMPerS(cvSpread).rightSemiLengthMm(rightSemiLengthMm).leftSemiLengthMm(leftSemiLengthMm)
                .semiLengthSpreadMm(semiLengthSpreadMm).izSpreadMm(izSpread).build();
    }

    /** The generator of the anatomy: seeded by anatomySeed when set, else the node's. */
    public RandomGenerator anatomyRandom(StepContext context) {
        return anatomySeed == 0 ? context.random() : new SplittableRandom(anatomySeed);
    }

    /** Problems of the anatomy parameters; the territory check runs only when the basic ones pass. */
    @Override
    public List<ParameterSchema.Problem> check() {
        List<ParameterSchema.Problem> p = new ArrayList<>();
        if (!(izSpread >= 0)) {
            p.add(new ParameterSchema.Problem("izSpread", "izSpread must be >= 0, got " + izSpread));
        }
        positive(p, "muscleWidth", muscleWidth);
        positive(p, "muscleDepth", muscleDepth);
        positive(p, "fibreDensity", fibreDensity);
        if (minFibres > maxFibres) {
            p.add(new ParameterSchema.Problem("minFibres", "minFibres " + minFibres + " exceeds maxFibres "
                    + maxFibres));
        }
        if (!(cvMean - cvSpread / 2 > 0)) {
            p.add(new ParameterSchema.Problem("cvSpread", "cvMean - cvSpread/2 = " + (cvMean - cvSpread / 2)
                    + " m/s; the slowest unit needs a positive conduction velocity"));
        }
        if (!p.isEmpty()) {
            return p;
        }
        double territory = 2 * Math.sqrt(maxFibres / (Math.PI * fibreDensity));
        if (territory > Math.min(muscleWidth, muscleDepth)) {
            p.add(new ParameterSchema.Problem("maxFibres", String.format(Locale.ROOT,
                    "the largest unit's territory (%.3g mm across at %.3g fibres/mm²) does not fit the muscle "
                            + "cross-section %.3g x %.3g mm",
                    territory, fibreDensity, muscleWidth, muscleDepth)));
        }
        return p;
    }

    /** Adds "NAME must be positive" when v is not. */
    protected static void positive(List<ParameterSchema.Problem> p, String name, double v) {
        if (!(v > 0)) {
            p.add(new ParameterSchema.Problem(name, name + " must be positive, got " + v));
        }
    }
}
