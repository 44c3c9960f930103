package org.myoflow.surrogate.internal;

import java.util.ArrayList;
import java.util.List;

import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.core.spi.CheckedSettings;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;

/**
 * Parameters of the surrogate MUAP-bank step: the model and the motor-unit anatomy whose units are drawn exactly as
 * the planar MUAP-bank step draws them (same parameters, same seed, same units). Conductor, array and sampling are
 * fixed by the model (its card's config).
 */
public class SurrogateMuapSettings implements CheckedSettings {

    /** The surrogate trained for the demo configuration and shipped in models/. */
    public static final String DEFAULT_MODEL = "muap-surrogate-demo";

    @Param(description = "Name of the MUAP surrogate in the model registry (user, lab-shared, then installation "
            + "models/ folder); its card fixes the conductor, the array and the sampling")
    public String model = DEFAULT_MODEL;

    @Param(description = "Number of motor units", min = 1, max = 1000)
    public int units = 20;

    @Param(description = "Seed of the motor-unit anatomy; 0 draws it from the node's seed. The same anatomy "
            + "parameters and anatomySeed give the same units as the planar MUAP steps", min = 0,
            max = Integer.MAX_VALUE)
    public int anatomySeed = 0;

    @Param(description = "Fibres of the smallest unit", min = 1, max = 100000)
    public int minFibres = 25;

    @Param(description = "Fibres of the largest unit; counts spread exponentially in between", min = 1,
            max = 100000)
    public int maxFibres = 2500;

    @Param(description = "Fibre density in a unit's territory (sets the territory radius used to place units)",
            unit = "fibres/mm²", min = 0.1, max = 1000)
    public double fibreDensity = 20;

    @Param(description = "Width of the rectangular muscle cross-section, across the fibres", unit = "mm",
            min = 1, max = 500)
    public double muscleWidth = 40;

    @Param(description = "Depth of the muscle below the fat layer", unit = "mm", min = 1, max = 100)
    public double muscleDepth = 15;

    @Param(description = "Mean conduction velocity over the units", unit = "m/s", min = 0.5, max = 10)
    public double cvMean = 4.25;

    @Param(description = "Conduction-velocity range from the smallest to the largest unit", unit = "m/s", min = 0,
            max = 8)
    public double cvSpread = 2.5;

    @Param(description = "Width of the band holding the units' innervation zones", unit = "mm", min = 0, max = 200)
    public double izSpread = 10;

    @Param(description = "Montage: MONOPOLAR, SINGLE_DIFFERENTIAL or DOUBLE_DIFFERENTIAL along the rows, or "
            + "LAPLACIAN (normal double differential)")
    public ElectrodeArray.Montage montage = ElectrodeArray.Montage.MONOPOLAR;

    /** The generator of the anatomy: seeded by anatomySeed when set, else the node's. */
    java.util.random.RandomGenerator anatomyRandom(org.myoflow.core.spi.StepContext context) {
        return anatomySeed == 0 ? context.random() : new java.util.SplittableRandom(anatomySeed);
    }

    @Override
    public List<ParameterSchema.Problem> check() {
        List<ParameterSchema.Problem> p = new ArrayList<>();
        if (model == null || model.isBlank()) {
            p.add(new ParameterSchema.Problem("model", "model must name a MUAP surrogate in the registry"));
        }
        if (minFibres > maxFibres) {
            p.add(new ParameterSchema.Problem("minFibres", "minFibres " + minFibres + " exceeds maxFibres "
                    + maxFibres));
        }
        if (!(cvMean - cvSpread / 2 > 0)) {
            p.add(new ParameterSchema.Problem("cvSpread", "cvMean - cvSpread/2 = " + (cvMean - cvSpread / 2)
                    + " m/s; the slowest unit needs a positive conduction velocity"));
        }
        return p;
    }

    /**
     * The anatomy spec with the planar MUAP-bank step's fibre lengths (50 ± 5 mm); fibres are drawn but only each
     * unit's size, centre, IZ and CV reach the surrogate.
     */
    MotorUnitAnatomy.Spec anatomySpec() {
        return new MotorUnitAnatomy.Spec(units, minFibres, maxFibres, fibreDensity, muscleWidth, muscleDepth, cvMean,
                cvSpread, 50, 50, 5, izSpread);
    }
}
