package org.myoflow.surrogate.internal;

import java.util.List;

import org.myoflow.conductor.AnatomySettings;
import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;

/**
 * Parameters of the surrogate MUAP-bank step: the model plus the motor-unit anatomy parameters shared with the
 * planar MUAP steps ({@link AnatomySettings}: same values and seed, same units). Conductor, array and sampling are
 * fixed by the model (its card's config).
 */
public class SurrogateMuapSettings extends AnatomySettings {

    /** The surrogate trained for the demo configuration and shipped in models/. */
    public static final String DEFAULT_MODEL = "muap-surrogate-demo";

    @Param(description = "Name of the MUAP surrogate in the model registry (user, lab-shared, then installation "
            + "models/ folder); its card fixes the conductor, the array and the sampling", model = true)
    public String model = DEFAULT_MODEL;

    @Param(description = "Montage: MONOPOLAR, SINGLE_DIFFERENTIAL or DOUBLE_DIFFERENTIAL along the rows, or "
            + "LAPLACIAN (normal double differential)")
    public ElectrodeArray.Montage montage = ElectrodeArray.Montage.MONOPOLAR;

    @Override
    public List<ParameterSchema.Problem> check() {
        List<ParameterSchema.Problem> p = super.check();
        if (model == null || model.isBlank()) {
            p.add(new ParameterSchema.Problem("model", "model must name a MUAP surrogate in the registry"));
        }
        return p;
    }

    /**
     * The anatomy spec with the planar MUAP steps' default fibre lengths (50 ± 5 mm): the draws, and so the units'
     * sizes, centres, IZs and CVs, equal theirs; the fibres themselves do not reach the surrogate.
     */
    MotorUnitAnatomy.Spec anatomySpec() {
        return anatomySpec(50, 50, 5);
    }
}
