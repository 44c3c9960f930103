package org.myoflow.musculoskeletal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The built-in joint models and the JSON description of a joint (format in docs/musculoskeletal.md):
 *
 * <pre>
 * {"format": "myoflow-joint/1", "name": "elbow", "minAngle": 0.0, "maxAngle": 2.443,
 *  "muscles": [{"name": "BIClong", "maxIsometricForce": 624.3, "optimalFibreLength": 0.1157,
 *               "tendonSlackLength": 0.2723, "pennationAtOptimal": 0.0, "momentArm": [0.02, 0.0302, -0.0091],
 *               "lengthAtZero": 0.4371}, ...]}
 * </pre>
 *
 * Angles in rad, lengths in m, forces in N; {@code momentArm} holds the polynomial coefficients c0, c1, ... of
 * r(q) in m. The Thelen constants ({@code maxContractionVelocity}, {@code fmaxTendonStrain},
 * {@code fmaxMuscleStrain}, {@code kShapeActive}, {@code kShapePassive}, {@code af}, {@code flen}) are optional
 * and default to {@link ThelenMuscle#of}'s values; {@link #write} always writes them.
 *
 * @since 0.1
 */
public final class JointModels {

    /** Value of the "format" member written and accepted. */
    public static final String FORMAT = "myoflow-joint/1";

    private JointModels() {
    }

    /**
     * Elbow flexion-extension with seven muscles. Maximum isometric forces, optimal fibre lengths, tendon slack
     * lengths and pennation angles are those of Holzbaur, Murray &amp; Delp (2005, Ann Biomed Eng 33:829-840,
     * Table 2), as also used in OpenSim's arm26 model: BIClong 624.3 N, 0.1157 m, 0.2723 m, 0°; BICshort
     * 435.56 N, 0.1321 m, 0.1923 m, 0°; BRA 987.26 N, 0.0858 m, 0.0535 m, 0°; BRD 261.33 N, 0.1726 m, 0.1327 m,
     * 0°; TRIlong 798.52 N, 0.134 m, 0.143 m, 12°; TRIlat 624.3 N, 0.1138 m, 0.098 m, 9°; TRImed 624.3 N,
     * 0.1138 m, 0.0908 m, 9°.
     *
     * <p>Moment arms (q = 0 at full extension, positive = flexion) are quadratics ({@link MomentArm#peaked} for
     * the flexors, linear for the triceps heads) through values read off the published moment-arm curves of
     * Murray, Delp &amp; Buchanan (1995, J Biomech 28:513-525) and Holzbaur et al. (2005, Fig. 5), accurate to
     * about ±0.5 cm: biceps heads 2.0 cm at extension, 4.5 cm at 95°; brachialis 0.8 cm, 2.2 cm at 95°;
     * brachioradialis 2.0 cm, 6.5 cm at 105°; triceps long head -2.2 cm at extension to -1.8 cm at 140°, lateral
     * and medial heads -2.0 to -1.6 cm.
     *
     * <p>The muscle-tendon length at q = 0 is set, as a modelling choice, so that with a rigid tendon each flexor
     * fibre is at its optimal length at 80° and each triceps fibre at 90°. Range 0 to 140°.
     */
    public static JointModel elbow() {
        double deg = Math.PI / 180;
        double flexOpt = 80 * deg;
        double extOpt = 90 * deg;
        double range = 140 * deg;
        List<MuscleTendonUnit> m = new ArrayList<>();
        m.add(unit("BIClong", ThelenMuscle.of(624.3, 0.1157, 0.2723, 0), MomentArm.peaked(0.020, 0.045, 95 * deg),
                flexOpt));
        m.add(unit("BICshort", ThelenMuscle.of(435.56, 0.1321, 0.1923, 0),
                MomentArm.peaked(0.020, 0.045, 95 * deg), flexOpt));
        m.add(unit("BRA", ThelenMuscle.of(987.26, 0.0858, 0.0535, 0), MomentArm.peaked(0.008, 0.022, 95 * deg),
                flexOpt));
        m.add(unit("BRD", ThelenMuscle.of(261.33, 0.1726, 0.1327, 0), MomentArm.peaked(0.020, 0.065, 105 * deg),
                flexOpt));
        m.add(unit("TRIlong", ThelenMuscle.of(798.52, 0.134, 0.143, 12 * deg),
                MomentArm.polynomial(-0.022, 0.004 / range), extOpt));
        m.add(unit("TRIlat", ThelenMuscle.of(624.3, 0.1138, 0.098, 9 * deg),
                MomentArm.polynomial(-0.020, 0.004 / range), extOpt));
        m.add(unit("TRImed", ThelenMuscle.of(624.3, 0.1138, 0.0908, 9 * deg),
                MomentArm.polynomial(-0.020, 0.004 / range), extOpt));
        return new JointModel("elbow", 0, range, m);
    }

    /** A unit whose rigid-tendon fibre is at optimal length at {@code optimalAngle}. */
    private static MuscleTendonUnit unit(String name, ThelenMuscle muscle, MomentArm arm, double optimalAngle) {
        double atOptimal = muscle.tendonSlackLength()
                + muscle.optimalFibreLength() * Math.cos(muscle.pennationAtOptimal());
        return new MuscleTendonUnit(name, muscle, arm, atOptimal + arm.integral(optimalAngle));
    }

    // ---- JSON --------------------------------------------------------------------------------------------------

    /** Reads a joint model from a JSON file (UTF-8). */
    public static JointModel read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a joint model as JSON (UTF-8). */
    public static void write(JointModel model, Path file) throws IOException {
        Files.writeString(file, toJson(model), StandardCharsets.UTF_8);
    }

    /** The JSON text of a joint model. */
    public static String toJson(JointModel model) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("name", model.name());
        o.addProperty("minAngle", model.minAngle());
        o.addProperty("maxAngle", model.maxAngle());
        JsonArray muscles = new JsonArray();
        for (MuscleTendonUnit u : model.muscles()) {
            ThelenMuscle t = u.muscle();
            JsonObject m = new JsonObject();
            m.addProperty("name", u.name());
            m.addProperty("maxIsometricForce", t.maxIsometricForce());
            m.addProperty("optimalFibreLength", t.optimalFibreLength());
            m.addProperty("tendonSlackLength", t.tendonSlackLength());
            m.addProperty("pennationAtOptimal", t.pennationAtOptimal());
            m.addProperty("maxContractionVelocity", t.maxContractionVelocity());
            m.addProperty("fmaxTendonStrain", t.fmaxTendonStrain());
            m.addProperty("fmaxMuscleStrain", t.fmaxMuscleStrain());
            m.addProperty("kShapeActive", t.kShapeActive());
            m.addProperty("kShapePassive", t.kShapePassive());
            m.addProperty("af", t.af());
            m.addProperty("flen", t.flen());
            JsonArray c = new JsonArray();
            for (double x : u.momentArm().coefficients()) {
                c.add(x);
            }
            m.add("momentArm", c);
            m.addProperty("lengthAtZero", u.lengthAtZero());
            muscles.add(m);
        }
        o.add("muscles", muscles);
        return new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
    }

    /** Parses the JSON text of a joint model; errors name the muscle and the member. */
    public static JointModel fromJson(String json) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("a joint model must be a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (o.has("format") && !FORMAT.equals(o.get("format").getAsString())) {
            throw new IllegalArgumentException("unknown format '" + o.get("format").getAsString() + "', expected "
                    + FORMAT);
        }
        String name = string(o, "name", "joint");
        JsonElement list = o.get("muscles");
        if (list == null || !list.isJsonArray()) {
            throw new IllegalArgumentException("joint '" + name + "': 'muscles' must be an array");
        }
        List<MuscleTendonUnit> units = new ArrayList<>();
        for (JsonElement el : list.getAsJsonArray()) {
            if (!el.isJsonObject()) {
                throw new IllegalArgumentException("joint '" + name + "': each muscle must be an object");
            }
            JsonObject m = el.getAsJsonObject();
            String mn = string(m, "name", "muscle of joint '" + name + "'");
            String where = "muscle '" + mn + "'";
            try {
                ThelenMuscle t = new ThelenMuscle(number(m, "maxIsometricForce", where, null),
                        number(m, "optimalFibreLength", where, null), number(m, "tendonSlackLength", where, null),
                        number(m, "pennationAtOptimal", where, 0.0),
                        number(m, "maxContractionVelocity", where, ThelenMuscle.DEFAULT_MAX_CONTRACTION_VELOCITY),
                        number(m, "fmaxTendonStrain", where, ThelenMuscle.DEFAULT_FMAX_TENDON_STRAIN),
                        number(m, "fmaxMuscleStrain", where, ThelenMuscle.DEFAULT_FMAX_MUSCLE_STRAIN),
                        number(m, "kShapeActive", where, ThelenMuscle.DEFAULT_KSHAPE_ACTIVE),
                        number(m, "kShapePassive", where, ThelenMuscle.DEFAULT_KSHAPE_PASSIVE),
                        number(m, "af", where, ThelenMuscle.DEFAULT_AF),
                        number(m, "flen", where, ThelenMuscle.DEFAULT_FLEN));
                JsonElement arm = m.get("momentArm");
                if (arm == null || !arm.isJsonArray()) {
                    throw new IllegalArgumentException("'momentArm' must be an array of polynomial coefficients");
                }
                double[] c = new double[arm.getAsJsonArray().size()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = arm.getAsJsonArray().get(i).getAsDouble();
                }
                units.add(new MuscleTendonUnit(mn, t, MomentArm.polynomial(c),
                        number(m, "lengthAtZero", where, null)));
            } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new JointModel(name, number(o, "minAngle", "joint '" + name + "'", null),
                number(o, "maxAngle", "joint '" + name + "'", null), units);
    }

    private static String string(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a string");
        }
        return e.getAsString();
    }

    private static double number(JsonObject o, String key, String where, Double def) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            if (def == null) {
                throw new IllegalArgumentException(where + ": '" + key + "' is missing");
            }
            return def;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a number, got " + e);
        }
        return e.getAsDouble();
    }
}
