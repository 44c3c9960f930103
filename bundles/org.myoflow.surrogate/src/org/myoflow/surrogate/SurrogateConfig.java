package org.myoflow.surrogate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.myoflow.conductor.CanonicalUnit;
import org.myoflow.conductor.ConditionedMuaps;
import org.myoflow.conductor.ElectrodeArray;
import org.myoflow.conductor.MuapBankBuilder;
import org.myoflow.conductor.MuapConditions;
import org.myoflow.conductor.PlanarLayeredConductor;

import com.google.gson.JsonObject;

/**
 * The fixed settings a MUAP surrogate is trained for: the planar layered conductor, the electrode array (rows
 * along the fibres, no rotation), sampling, the numerical grid, the canonical-unit anatomy and the ranges of the
 * six conditions. Everything a surrogate does not take as a condition is here; a trained model is valid only
 * for the config whose {@link #digest()} its model card records.
 *
 * @since 0.1
 */
public record SurrogateConfig(double muscleConductivityAlongSPerM, double muscleConductivityAcrossSPerM,
        double fatConductivitySPerM, double fatThicknessMm, double skinConductivitySPerM, double skinThicknessMm,
        int rows, int cols, double interElectrodeDistanceMm, double electrodeRadiusMm, double arrayCentreAlongMm,
        double arrayCentreAcrossMm, double rotationDeg, double samplingRateHz, double muapDurationS,
        double gridSpacingMm, double depthStepMm, CanonicalUnit.Spec unit, MuapConditions.Ranges ranges) {

    /** Format tag of the JSON form. */
    public static final String FORMAT = "myoflow-surrogate-config/1";

    private static final String WHAT = "surrogate config";

    public SurrogateConfig {
        if (rotationDeg != 0) {
            throw new IllegalArgumentException("a surrogate's array rotation must be 0 (rows along the fibres), got "
                    + rotationDeg + " deg");
        }
        ConfigJson.checkArrayAndParts(rows, cols, unit, ranges);
        // the remaining values are checked by the conductor, array and builder
        builderFor(muscleConductivityAlongSPerM, muscleConductivityAcrossSPerM, fatConductivitySPerM,
                fatThicknessMm, skinConductivitySPerM, skinThicknessMm, rows, cols, interElectrodeDistanceMm,
                electrodeRadiusMm, arrayCentreAlongMm, arrayCentreAcrossMm, samplingRateHz, muapDurationS,
                gridSpacingMm, depthStepMm);
    }

    /**
     * The demo configuration (the planar MUAP-bank step's defaults with an 8 x 8 array): muscle σ_z 0.5, σ_y
     * 0.1 S/m, fat 0.05 S/m 3 mm, skin 1 S/m 1 mm; 8 x 8 electrodes at 4 mm, radius 0.75 mm, centred over the IZ
     * line and the muscle centre; 2048 Hz, 0.04 s (82 samples); grid and depth step 0.5 mm; the default canonical
     * unit and demo condition ranges.
     */
    public static SurrogateConfig demo() {
        return new SurrogateConfig(0.5, 0.1, 0.05, 3, 1, 1, 8, 8, 4, 0.75, 0, 0, 0, 2048, 0.04, 0.5, 0.5,
                CanonicalUnit.Spec.defaults(), MuapConditions.Ranges.demoDefaults());
    }

    private static MuapBankBuilder builderFor(double sa, double sx, double sf, double f, double ss, double sk,
            int rows, int cols, double ied, double r, double along, double across, double fs, double dur, double grid,
            double depthStep) {
        ElectrodeArray array = ElectrodeArray.builder().rows(rows).cols(cols).spacingMm(ied).radiusMm(r)
                .centreAlongMm(along).centreAcrossMm(across).build();
        return MuapBankBuilder.builder(new PlanarLayeredConductor(sa, sx, sf, f, ss, sk), array).samplingRateHz(fs)
                .muapDurationS(dur).onsetS(0).gridSpacingMm(grid).depthStepMm(depthStep).build();
    }

    public PlanarLayeredConductor conductor() {
        return builder().conductor();
    }

    public ElectrodeArray array() {
        return builder().array();
    }

    /** The MUAP builder (onset 0: sample 0 is the discharge at the innervation zone). */
    public MuapBankBuilder builder() {
        return builderFor(muscleConductivityAlongSPerM, muscleConductivityAcrossSPerM, fatConductivitySPerM,
                fatThicknessMm, skinConductivitySPerM, skinThicknessMm, rows, cols, interElectrodeDistanceMm,
                electrodeRadiusMm, arrayCentreAlongMm, arrayCentreAcrossMm, samplingRateHz, muapDurationS,
                gridSpacingMm, depthStepMm);
    }

    /** The numerical MUAPs of this config; computes the kernel tables (seconds). */
    public ConditionedMuaps muaps() {
        return new ConditionedMuaps(builder(), unit, ranges);
    }

    /** Electrodes per MUAP (rows x cols, electrode e = row·cols + col). */
    public int electrodes() {
        return rows * cols;
    }

    /** Samples per MUAP. */
    public int samples() {
        return builder().samples();
    }

    /** The config as JSON, keys in a fixed order (the model card's "config"). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("muscleConductivityAlongSPerM", muscleConductivityAlongSPerM);
        o.addProperty("muscleConductivityAcrossSPerM", muscleConductivityAcrossSPerM);
        o.addProperty("fatConductivitySPerM", fatConductivitySPerM);
        o.addProperty("fatThicknessMm", fatThicknessMm);
        o.addProperty("skinConductivitySPerM", skinConductivitySPerM);
        o.addProperty("skinThicknessMm", skinThicknessMm);
        o.addProperty("rows", rows);
        o.addProperty("cols", cols);
        o.addProperty("interElectrodeDistanceMm", interElectrodeDistanceMm);
        o.addProperty("electrodeRadiusMm", electrodeRadiusMm);
        o.addProperty("arrayCentreAlongMm", arrayCentreAlongMm);
        o.addProperty("arrayCentreAcrossMm", arrayCentreAcrossMm);
        o.addProperty("rotationDeg", rotationDeg);
        o.addProperty("samplingRateHz", samplingRateHz);
        o.addProperty("muapDurationS", muapDurationS);
        o.addProperty("gridSpacingMm", gridSpacingMm);
        o.addProperty("depthStepMm", depthStepMm);
        o.add("canonicalUnit", ConfigJson.unitToJson(unit));
        o.add("ranges", ConfigJson.rangesToJson(MuapConditions.NAMES, ranges.asList()));
        return o;
    }

    /** The inverse of {@link #toJson()}. */
    public static SurrogateConfig fromJson(JsonObject o) {
        if (o.has("format") && !FORMAT.equals(o.get("format").getAsString())) {
            throw new IllegalArgumentException("unknown surrogate config format " + o.get("format"));
        }
        JsonObject u = o.getAsJsonObject("canonicalUnit");
        JsonObject r = o.getAsJsonObject("ranges");
        List<MuapConditions.Range> list = ConfigJson.rangesFromJson(r, MuapConditions.NAMES, WHAT);
        return new SurrogateConfig(d(o, "muscleConductivityAlongSPerM"), d(o, "muscleConductivityAcrossSPerM"),
                d(o, "fatConductivitySPerM"), d(o, "fatThicknessMm"), d(o, "skinConductivitySPerM"),
                d(o, "skinThicknessMm"), o.get("rows").getAsInt(), o.get("cols").getAsInt(),
                d(o, "interElectrodeDistanceMm"), d(o, "electrodeRadiusMm"), d(o, "arrayCentreAlongMm"),
                d(o, "arrayCentreAcrossMm"), d(o, "rotationDeg"), d(o, "samplingRateHz"), d(o, "muapDurationS"),
                d(o, "gridSpacingMm"), d(o, "depthStepMm"),
                ConfigJson.unitFromJson(u, WHAT), MuapConditions.Ranges.of(list));
    }

    private static double d(JsonObject o, String key) {
        return ConfigJson.d(o, key, WHAT);
    }

    /** SHA-256 (hex) of the compact JSON form: equal configs give equal digests on every machine. */
    public String digest() {
        return sha256Hex(toJson().toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
