package org.myoflow.conductor.internal;

import java.util.List;
import java.util.Locale;

import org.myoflow.conductor.CylindricalLayeredConductor;
import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.core.spi.Param;
import org.myoflow.core.spi.ParameterSchema;

/**
 * Parameters of the cylindrical MUAP-bank step ({@link CylindricalMuapBankStep}): the anatomy, array, montage,
 * sampling and layer parameters of the planar step (inherited), reinterpreted on the limb, plus the limb geometry.
 * The motor-unit territories lie in an annular sector under the array: the planar {@code muscleWidth} is the
 * sector's arc length at the muscle surface (centred on {@code placementAngle}) and {@code muscleDepth} its radial
 * extent below the muscle surface; a fibre at lateral position x and depth d sits at ρ = R_m − d,
 * θ = placementAngle + x/R_m. {@code arrayCentreAcross} is an arc length on the skin from the placement angle,
 * {@code gridSpacing} the z step of the detection grid; {@code depthStep} is not used (the depth factor is exact).
 * Defaults: Farina et al. (2004) conductivities and 1 mm fat (as {@link CylindricalLayeredConductor#defaults}), 10
 * units.
 */
public class CylindricalMuapBankSettings extends PlanarMuapBankSettings {

    @Param(description = "Outer radius of the muscle cylinder (fat and skin lie outside it)", unit = "mm", min = 1,
            max = 500)
    public double muscleRadius = 20;

    @Param(description = "Whether an isotropic bone cylinder lies on the limb axis inside the muscle")
    public boolean bone = false;

    @Param(description = "Radius of the bone (used when bone is true); must be below muscleRadius", unit = "mm",
            min = 0, max = 499,
            appliesWhen = "bone=true")
    public double boneRadius = 5;

    @Param(description = "Bone conductivity (used when bone is true)", unit = "S/m", min = 1e-4, max = 10,
            appliesWhen = "bone=true")
    public double boneConductivity = 0.02;

    @Param(description = "Angle of the array centre (and of the centre of the units' sector) around the limb",
            unit = "deg", min = -360, max = 360)
    public double placementAngle = 0;

    @Param(description = "Angular samples of the detection grid; harmonics |n| <= thetaPoints/2 are summed "
            + "(even; the highest spatial frequency across is thetaPoints/(2 x skin radius))", min = 8, max = 20000)
    public int thetaPoints = 180;

    public CylindricalMuapBankSettings() {
        units = 10;
        fatConductivity = 0.041;
        fatThickness = 1; // Farina et al. 2004 (before 0.3: the inherited planar 3 mm)
        muscleConductivityAlong = 0.4;
        muscleConductivityAcross = 0.09;
    }

    /** Radius of the skin surface, mm. */
    double skinRadius() {
        return muscleRadius + fatThickness + skinThickness;
    }

    /** Bone radius in use, mm (0 without bone). */
    double boneRadiusInUse() {
        return bone ? boneRadius : 0;
    }

    @Override
    public List<ParameterSchema.Problem> check() {
        List<ParameterSchema.Problem> p = super.check();
        if (!(muscleRadius > 0) || Double.isInfinite(muscleRadius)) {
            p.add(new ParameterSchema.Problem("muscleRadius", "muscleRadius must be positive, got " + muscleRadius));
            return p;
        }
        if (bone && (!(boneRadius > 0) || boneRadius >= muscleRadius)) {
            p.add(new ParameterSchema.Problem("boneRadius", "boneRadius " + boneRadius + " mm must be in (0, "
                    + "muscleRadius = " + muscleRadius + " mm)"));
        }
        if (bone && !(boneConductivity > 0)) {
            p.add(new ParameterSchema.Problem("boneConductivity", "boneConductivity must be positive, got "
                    + boneConductivity));
        }
        double room = muscleRadius - boneRadiusInUse();
        if (muscleDepth > room) {
            p.add(new ParameterSchema.Problem("muscleDepth", String.format(Locale.ROOT,
                    "the units' sector reaches %.3g mm below the muscle surface, beyond the muscle (%.3g mm from "
                            + "muscleRadius %.3g mm to the %s)",
                    muscleDepth, room, muscleRadius, bone ? "bone" : "axis")));
        }
        if (muscleWidth > 2 * Math.PI * muscleRadius) {
            p.add(new ParameterSchema.Problem("muscleWidth", String.format(Locale.ROOT,
                    "the units' sector is %.3g mm of arc wide, more than the muscle circumference %.3g mm",
                    muscleWidth, 2 * Math.PI * muscleRadius)));
        }
        if (thetaPoints < 8 || thetaPoints % 2 != 0) {
            p.add(new ParameterSchema.Problem("thetaPoints", "thetaPoints must be even and >= 8, got "
                    + thetaPoints));
        }
        return p;
    }

    /**
     * On the limb the skin goes all round: the array must fit the skin circumference across and the muscle length
     * along.
     */
    @Override
    protected void checkArray(List<ParameterSchema.Problem> p, double halfLength) {
        if (!(muscleRadius > 0)) {
            return; // reported by check()
        }
        double circumference = 2 * Math.PI * skinRadius();
        ElectrodeArray centred = ElectrodeArray.builder().rows(rows).cols(cols).spacingMm(interElectrodeDistance)
                .radiusMm(electrodeRadius).rotationDeg(rotation).build();
        double[] reach = reach(centred);
        if (2 * reach[1] > circumference || reach[0] > halfLength) {
            p.add(new ParameterSchema.Problem("interElectrodeDistance", String.format(Locale.ROOT,
                    "the %d x %d array at %.3g mm spacing spans %.3g x %.3g mm (along x across), more than the "
                            + "muscle length %.3g mm or the skin circumference %.3g mm",
                    rows, cols, interElectrodeDistance, 2 * reach[0], 2 * reach[1], muscleLength, circumference)));
            return;
        }
        if (Math.abs(arrayCentreAlong) + reach[0] > halfLength) {
            p.add(new ParameterSchema.Problem("arrayCentreAlong", "the array at " + arrayCentreAlong
                    + " mm along the fibres extends beyond the muscle (+/-" + halfLength + " mm)"));
        }
    }

    CylindricalLayeredConductor conductor() {
        return new CylindricalLayeredConductor(muscleConductivityAlong, muscleConductivityAcross, fatConductivity,
                fatThickness, skinConductivity, skinThickness, skinRadius(), boneConductivity, boneRadiusInUse());
    }

    ElectrodeArray array() {
        return ElectrodeArray.builder().rows(rows).cols(cols).spacingMm(interElectrodeDistance)
                .radiusMm(electrodeRadius).centreAlongMm(arrayCentreAlong).centreAcrossMm(arrayCentreAcross)
                .rotationDeg(rotation).build();
    }
}
