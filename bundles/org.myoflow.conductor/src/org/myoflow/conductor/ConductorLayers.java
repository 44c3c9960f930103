package org.myoflow.conductor;

/**
 * The layers of a volume conductor, named with their units: the muscle's conductivities along and across the fibres,
 * and the thicknesses and conductivities of the fat and skin over it. The defaults of the planar and cylindrical
 * conductors live here so that every user of them (steps, commands, experiments) takes the same numbers.
 *
 * @param muscleAlongSPerM  muscle conductivity along the fibres, S/m
 * @param muscleAcrossSPerM muscle conductivity across the fibres (radial in the cylinder), S/m
 * @param fatSPerM          fat conductivity, S/m
 * @param fatMm             fat thickness, mm
 * @param skinSPerM         skin conductivity, S/m
 * @param skinMm            skin thickness, mm
 * @since 0.2
 */
public record ConductorLayers(double muscleAlongSPerM, double muscleAcrossSPerM, double fatSPerM, double fatMm,
        double skinSPerM, double skinMm) {

    /** Defaults of the planar conductor: muscle 0.5 / 0.1 S/m; fat 0.05 S/m, 3 mm; skin 1 S/m, 1 mm. */
    public static ConductorLayers planarDefaults() {
        return new ConductorLayers(0.5, 0.1, 0.05, 3, 1, 1);
    }

    /**
     * Farina et al. 2004 defaults of the cylindrical conductor: muscle 0.4 / 0.09 S/m; fat 0.041 S/m, 1 mm; skin
     * 1 S/m, 1 mm.
     */
    public static ConductorLayers cylindricalDefaults() {
        return new ConductorLayers(0.4, 0.09, 0.041, 1, 1, 1);
    }

    /** The planar conductor with these layers. */
    public PlanarLayeredConductor planar() {
        return new PlanarLayeredConductor(muscleAlongSPerM, muscleAcrossSPerM, fatSPerM, fatMm, skinSPerM, skinMm);
    }

    /** The cylindrical conductor (no bone) with these layers around a muscle of the given radius, mm. */
    public CylindricalLayeredConductor cylindrical(double muscleRadiusMm) {
        return new CylindricalLayeredConductor(muscleAlongSPerM, muscleAcrossSPerM, fatSPerM, fatMm, skinSPerM,
                skinMm, muscleRadiusMm + fatMm + skinMm);
    }
}
