package org.myoflow.surrogate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.myoflow.conductor.CanonicalUnit;
import org.myoflow.conductor.CylindricalLayeredConductor;
import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.FibreSource;
import org.myoflow.conductor.MotorUnitAnatomy;
import org.myoflow.conductor.MuapConditions;

import com.google.gson.JsonObject;

/**
 * The fixed settings a cylindrical (limb) MUAP surrogate is trained for: the cylindrical layered conductor of Farina
 * et al. (2004) with a fixed muscle radius (optionally around a bone), the electrode array on the skin (rows along
 * the limb axis, centred at angle 0 and z = 0, no rotation), sampling, the numerical grid, the canonical-unit anatomy
 * and the ranges of the seven {@link CylindricalConditions}. The fat thickness is a condition, so the skin radius is
 * R_m + fat + skin and the electrodes' angles are across/(R_m + fat + skin), as in the numerical step. A trained model
 * is valid only for the config whose {@link #digest()} its card records.
 *
 * @param boneRadiusMm 0 for no bone
 * @since 0.3
 */
public record CylindricalSurrogateConfig(double muscleConductivityAlongSPerM, double muscleConductivityAcrossSPerM,
        double fatConductivitySPerM, double skinConductivitySPerM, double skinThicknessMm, double muscleRadiusMm,
        double boneRadiusMm, double boneConductivitySPerM, int rows, int cols, double interElectrodeDistanceMm,
        double electrodeRadiusMm, double samplingRateHz, double muapDurationS, double gridSpacingMm, int thetaPoints,
        CanonicalUnit.Spec unit, CylindricalConditions.Ranges ranges) {

    /** Format tag of the JSON form. */
    public static final String FORMAT = "myoflow-cylindrical-surrogate-config/1";

    private static final String WHAT = "cylindrical surrogate config";

    public CylindricalSurrogateConfig {
        ConfigJson.checkArrayAndParts(rows, cols, unit, ranges);
        if (thetaPoints < 8 || thetaPoints % 2 != 0) {
            throw new IllegalArgumentException("thetaPoints must be even and >= 8, got " + thetaPoints);
        }
        if (!(samplingRateHz > 0) || !(muapDurationS > 0) || !(gridSpacingMm > 0)) {
            throw new IllegalArgumentException("sampling rate, MUAP duration and grid spacing must be positive");
        }
        double room = muscleRadiusMm - boneRadiusMm;
        if (!(ranges.get(1).max() < room)) {
            throw new IllegalArgumentException("the depth range reaches " + ranges.get(1).max() + " mm, beyond the "
                    + room + " mm of muscle above the " + (boneRadiusMm > 0 ? "bone" : "axis"));
        }
        // conductivities and radii are checked by the conductor, the array by its builder
        new CylindricalLayeredConductor(muscleConductivityAlongSPerM, muscleConductivityAcrossSPerM,
                fatConductivitySPerM, ranges.get(6).max(), skinConductivitySPerM, skinThicknessMm,
                muscleRadiusMm + ranges.get(6).max() + skinThicknessMm, boneConductivitySPerM, boneRadiusMm);
        ElectrodeArray.builder().rows(rows).cols(cols).spacingMm(interElectrodeDistanceMm)
                .radiusMm(electrodeRadiusMm).build();
    }

    /**
     * The demo configuration (the cylindrical MUAP-bank step's defaults, no bone): muscle σ_z 0.4, σ_ρ 0.09 S/m,
     * radius 20 mm; fat 0.041 S/m (thickness a condition); skin 1 S/m, 1 mm; 8 x 8 electrodes at 4 mm, radius
     * 0.75 mm; 2048 Hz, 0.04 s (82 samples); z grid 0.5 mm, 180 angular points; the default canonical unit (20
     * fibres/mm², semi-lengths 50 ± 5 mm, IZ band 10 mm) and {@link CylindricalConditions.Ranges#demo()}.
     */
    public static CylindricalSurrogateConfig demo() {
        return demo(0);
    }

    /**
     * The demo configuration with a bone of this radius (0: none; 0.02 S/m as Farina et al. 2004); with a bone the
     * depth range ends 1 mm above it when that is less than 16 mm.
     */
    public static CylindricalSurrogateConfig demo(double boneRadiusMm) {
        CylindricalConditions.Ranges r = CylindricalConditions.Ranges.demo();
        double maxDepth = Math.min(r.get(1).max(), 20 - boneRadiusMm - 1);
        if (maxDepth < r.get(1).max()) {
            java.util.List<MuapConditions.Range> l = new ArrayList<>(r.list());
            l.set(1, new MuapConditions.Range(r.get(1).min(), maxDepth));
            r = new CylindricalConditions.Ranges(l);
        }
        return new CylindricalSurrogateConfig(0.4, 0.09, 0.041, 1, 1, 20, boneRadiusMm, 0.02, 8, 8, 4, 0.75, 2048,
                0.04, 0.5, 180, CanonicalUnit.Spec.defaults(), r);
    }

    /** The conductor for a fat thickness (the skin radius is R_m + fat + skin). */
    public CylindricalLayeredConductor conductor(double fatMm) {
        return new CylindricalLayeredConductor(muscleConductivityAlongSPerM, muscleConductivityAcrossSPerM,
                fatConductivitySPerM, fatMm, skinConductivitySPerM, skinThicknessMm, skinRadiusMm(fatMm),
                boneConductivitySPerM, boneRadiusMm);
    }

    /** Skin radius for a fat thickness, mm. */
    public double skinRadiusMm(double fatMm) {
        return muscleRadiusMm + fatMm + skinThicknessMm;
    }

    /** The array (centred, rows along the limb axis; across = arc length on the skin). */
    public ElectrodeArray array() {
        return ElectrodeArray.builder().rows(rows).cols(cols).spacingMm(interElectrodeDistanceMm)
                .radiusMm(electrodeRadiusMm).build();
    }

    /** Electrodes per MUAP (rows x cols, electrode e = row·cols + col). */
    public int electrodes() {
        return rows * cols;
    }

    /** Samples per MUAP. */
    public int samples() {
        return (int) Math.max(1, Math.round(muapDurationS * samplingRateHz));
    }

    /** The longest semi-fibre of any canonical unit within the ranges, mm. */
    public double maxSemiLengthMm() {
        return ranges.get(5).max() * (Math.max(unit.rightSemiLengthMm(), unit.leftSemiLengthMm())
                + unit.semiLengthSpreadMm());
    }

    /** z points of the detection table: every canonical unit within the ranges fits one period. */
    public int zPoints() {
        double s = ranges.get(5).max();
        double izReach = Math.max(Math.abs(ranges.get(3).min()), Math.abs(ranges.get(3).max()))
                + s * unit.izSpreadMm() / 2;
        double l = maxSemiLengthMm();
        double[][] extents = { { -izReach - l, izReach + l } };
        return CylindricalLayeredConductor.zPointsFor(conductor(ranges.get(6).min()).onSkin(array().positions(), 0),
                extents, gridSpacingMm);
    }

    /**
     * The numerical MUAPs of canonical units: one detection table per fat thickness (built on first use and kept),
     * each unit accumulated fibre by fibre and rendered once. Safe to call from many threads.
     */
    public Numerical numerical() {
        return new Numerical();
    }

    /** See {@link #numerical()}. */
    public final class Numerical {

        private final int nz = CylindricalSurrogateConfig.this.zPoints();
        private final Map<Double, CylindricalLayeredConductor.Detection> tables = new ConcurrentHashMap<>();

        private Numerical() {
        }

        /** The detection table of a fat thickness (built once; 0.2-0.3 s on 2 cores). */
        public CylindricalLayeredConductor.Detection detection(double fatMm) {
            return tables.computeIfAbsent(fatMm, f -> conductor(f).detection(nz, gridSpacingMm, thetaPoints,
                    electrodeRadiusMm));
        }

        /** Drops the kept detection tables. */
        public void clear() {
            tables.clear();
        }

        /** z points of the tables. */
        public int zPoints() {
            return nz;
        }

        /**
         * The monopolar MUAP [electrode][sample] in mV of the canonical unit of these conditions: fibre k at
         * (x_k, depth_k) of {@link CanonicalUnit} (centre at x = 0) sits at ρ = R_m − depth_k (clamped to the
         * muscle) and θ = angle + x_k/R_m, as the numerical cylindrical step places its fibres.
         *
         * @throws IllegalArgumentException when a condition is outside the ranges
         */
        public double[][] monopolar(CylindricalConditions c) {
            return monopolar(c, 0);
        }

        /**
         * As {@link #monopolar(CylindricalConditions)} but, for a unit of n &gt; m = maxFibres fibres, an estimate
         * from m of its fibres, k_j = floor((j + ½)·n/m), j = 0 … m − 1 (evenly spread over the spiral's area, as
         * the spiral fills the territory from the centre out), times n/m: the cheap training targets of the
         * surrogate (docs/surrogate.md).
         *
         * @param maxFibres 0 for every fibre
         */
        public double[][] monopolar(CylindricalConditions c, int maxFibres) {
            ranges.check(c, "MUAP conditions");
            MotorUnitAnatomy.Unit u = CanonicalUnit.build(c.canonical(), unit);
            int n = u.fibres().size();
            if (maxFibres <= 0 || n <= maxFibres) {
                return unitPotentials(u, Math.toRadians(c.angleDeg()), c.fatMm());
            }
            List<MotorUnitAnatomy.Fibre> some = new ArrayList<>(maxFibres);
            for (int j = 0; j < maxFibres; j++) {
                some.add(u.fibres().get((int) Math.floor((j + 0.5) * n / maxFibres)));
            }
            double[][] p = unitPotentials(new MotorUnitAnatomy.Unit(u.centreXMm(), u.centreDepthMm(),
                    u.territoryRadiusMm(), u.cvMPerS(), some), Math.toRadians(c.angleDeg()), c.fatMm());
            double w = (double) n / maxFibres;
            for (double[] e : p) {
                for (int k = 0; k < e.length; k++) {
                    e[k] *= w;
                }
            }
            return p;
        }

        /** Monopolar potentials of any unit (fibres at x, depth around angle thetaCentreRad), mV. */
        public double[][] unitPotentials(MotorUnitAnatomy.Unit u, double thetaCentreRad, double fatMm) {
            CylindricalLayeredConductor.Detection d = detection(fatMm);
            CylindricalLayeredConductor cond = d.conductor();
            double maxL = 0;
            for (MotorUnitAnatomy.Fibre f : u.fibres()) {
                maxL = Math.max(maxL, Math.max(f.rightSemiLengthMm(), f.leftSemiLengthMm()));
            }
            CylindricalLayeredConductor.Detection.Projection p = d.projection(cond.onSkin(array().positions(), 0),
                    Math.max(maxL, maxSemiLengthMm()));
            double[][] acc = p.newAccumulator();
            double rm = cond.muscleRadiusMm();
            for (MotorUnitAnatomy.Fibre f : u.fibres()) {
                double rho = Math.max(cond.boneRadiusMm(), Math.min(rm, rm - f.depthMm()));
                p.accumulate(acc, new FibreSource(f.izMm(), f.rightSemiLengthMm(), f.leftSemiLengthMm(),
                        u.cvMPerS()), rho, thetaCentreRad + f.xMm() / rm);
            }
            return p.render(acc, u.cvMPerS(), samplingRateHz, samples(), 0);
        }
    }

    /** The config as JSON, keys in a fixed order (the model card's "config"). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("conductor", "cylindrical");
        o.addProperty("muscleConductivityAlongSPerM", muscleConductivityAlongSPerM);
        o.addProperty("muscleConductivityAcrossSPerM", muscleConductivityAcrossSPerM);
        o.addProperty("fatConductivitySPerM", fatConductivitySPerM);
        o.addProperty("skinConductivitySPerM", skinConductivitySPerM);
        o.addProperty("skinThicknessMm", skinThicknessMm);
        o.addProperty("muscleRadiusMm", muscleRadiusMm);
        o.addProperty("boneRadiusMm", boneRadiusMm);
        o.addProperty("boneConductivitySPerM", boneConductivitySPerM);
        o.addProperty("rows", rows);
        o.addProperty("cols", cols);
        o.addProperty("interElectrodeDistanceMm", interElectrodeDistanceMm);
        o.addProperty("electrodeRadiusMm", electrodeRadiusMm);
        o.addProperty("samplingRateHz", samplingRateHz);
        o.addProperty("muapDurationS", muapDurationS);
        o.addProperty("gridSpacingMm", gridSpacingMm);
        o.addProperty("thetaPoints", thetaPoints);
        o.add("canonicalUnit", ConfigJson.unitToJson(unit));
        o.add("ranges", ConfigJson.rangesToJson(CylindricalConditions.NAMES, ranges.list()));
        return o;
    }

    /** The inverse of {@link #toJson()}. */
    public static CylindricalSurrogateConfig fromJson(JsonObject o) {
        if (!o.has("format") || !FORMAT.equals(o.get("format").getAsString())) {
            throw new IllegalArgumentException("not a cylindrical surrogate config (format " + o.get("format")
                    + ", expected " + FORMAT + ")");
        }
        JsonObject u = o.getAsJsonObject("canonicalUnit");
        JsonObject r = o.getAsJsonObject("ranges");
        List<MuapConditions.Range> list = ConfigJson.rangesFromJson(r, CylindricalConditions.NAMES, WHAT);
        return new CylindricalSurrogateConfig(d(o, "muscleConductivityAlongSPerM"),
                d(o, "muscleConductivityAcrossSPerM"), d(o, "fatConductivitySPerM"), d(o, "skinConductivitySPerM"),
                d(o, "skinThicknessMm"), d(o, "muscleRadiusMm"), d(o, "boneRadiusMm"), d(o, "boneConductivitySPerM"),
                o.get("rows").getAsInt(), o.get("cols").getAsInt(), d(o, "interElectrodeDistanceMm"),
                d(o, "electrodeRadiusMm"), d(o, "samplingRateHz"), d(o, "muapDurationS"), d(o, "gridSpacingMm"),
                o.get("thetaPoints").getAsInt(),
                ConfigJson.unitFromJson(u, WHAT), new CylindricalConditions.Ranges(list));
    }

    private static double d(JsonObject o, String key) {
        return ConfigJson.d(o, key, WHAT);
    }

    /** SHA-256 (hex) of the compact JSON form. */
    public String digest() {
        return SurrogateConfig.sha256Hex(toJson().toString().getBytes(StandardCharsets.UTF_8));
    }
}
