package org.myoflow.surrogate.internal;

import java.util.List;

import org.myoflow.conductor.AnatomySettings;
import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;
import org.myoflow.surrogate.CylindricalSurrogateTraining;

/**
 * Parameters of the cylindrical surrogate MUAP-bank step: the model, the motor-unit anatomy parameters shared with
 * the MUAP steps ({@link AnatomySettings}: same values and seed, same units as the numerical cylindrical step), the
 * montage and the fat thickness, which is one of the model's conditions. The conductivities, the muscle radius,
 * the bone, the array and the sampling are fixed by the model (its card's config). As in the numerical cylindrical
 * step, the units lie in an annular sector under the array: muscleWidth is its arc at the muscle surface,
 * muscleDepth its radial extent; a unit centred at lateral position x sits at angle x/R_m from the array centre.
 */
public class CylindricalSurrogateMuapSettings extends AnatomySettings {

    /** The cylindrical surrogate shipped in models/. */
    public static final String DEFAULT_MODEL = CylindricalSurrogateTraining.NAME;

    @Param(description = "Name of the cylindrical MUAP surrogate in the model registry (user, lab-shared, then "
            + "installation models/ folder); its card fixes the conductor, the array and the sampling", model = true)
    public String model = DEFAULT_MODEL;

    @Param(description = "Montage: MONOPOLAR, SINGLE_DIFFERENTIAL or DOUBLE_DIFFERENTIAL along the rows, or "
            + "LAPLACIAN (normal double differential)")
    public ElectrodeArray.Montage montage = ElectrodeArray.Montage.MONOPOLAR;

    @Param(description = "Thickness of the subcutaneous fat layer (a condition of the model: must lie in its "
            + "range; the muscle radius is the model's, the skin radius grows with the fat)", unit = "mm", min = 0,
            max = 50)
    public double fatThickness = 1;

    public CylindricalSurrogateMuapSettings() {
        units = 10; // as the numerical cylindrical step
    }

    @Override
    public List<ParameterSchema.Problem> check() {
        List<ParameterSchema.Problem> p = super.check();
        if (model == null || model.isBlank()) {
            p.add(new ParameterSchema.Problem("model", "model must name a cylindrical MUAP surrogate in the registry"));
        }
        if (!(fatThickness >= 0) || Double.isInfinite(fatThickness)) {
            p.add(new ParameterSchema.Problem("fatThickness", "fatThickness must be >= 0, got " + fatThickness));
        }
        return p;
    }

    /** The anatomy spec with the MUAP steps' default fibre lengths (50 ± 5 mm), so the draws equal theirs. */
    MotorUnitAnatomy.Spec anatomySpec() {
        return anatomySpec(50, 50, 5);
    }

    /** The normalised lengths the step will use, when known before running (null: from an input signal). */
    double[] lengthRange() {
        return new double[] { 1, 1 };
    }
}
