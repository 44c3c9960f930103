package org.myoflow.surrogate;

import java.util.ArrayList;
import java.util.List;

import org.myoflow.conductor.CanonicalUnit;
import org.myoflow.conductor.MuapConditions;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * What the planar ({@link SurrogateConfig}) and the cylindrical ({@link CylindricalSurrogateConfig}) configs share:
 * the checks of the array and the required parts, and the JSON of the canonical unit, the condition ranges and the
 * numbers. {@code what} names the config kind in messages ("surrogate config", "cylindrical surrogate config").
 */
final class ConfigJson {

    private ConfigJson() {
    }

    /** Refuses an empty array and a missing canonical-unit spec or condition ranges. */
    static void checkArrayAndParts(int rows, int cols, Object unit, Object ranges) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("bad array " + rows + " x " + cols);
        }
        if (unit == null || ranges == null) {
            throw new IllegalArgumentException("canonical-unit spec and condition ranges are required");
        }
    }

    /** The canonical-unit spec as JSON, keys in a fixed order. */
    static JsonObject unitToJson(CanonicalUnit.Spec unit) {
        JsonObject u = new JsonObject();
        u.addProperty("fibresPerMm2", unit.fibresPerMm2());
        u.addProperty("rightSemiLengthMm", unit.rightSemiLengthMm());
        u.addProperty("leftSemiLengthMm", unit.leftSemiLengthMm());
        u.addProperty("semiLengthSpreadMm", unit.semiLengthSpreadMm());
        u.addProperty("izSpreadMm", unit.izSpreadMm());
        return u;
    }

    /** The inverse of {@link #unitToJson}. */
    static CanonicalUnit.Spec unitFromJson(JsonObject u, String what) {
        return new CanonicalUnit.Spec(d(u, "fibresPerMm2", what), d(u, "rightSemiLengthMm", what),
                d(u, "leftSemiLengthMm", what), d(u, "semiLengthSpreadMm", what), d(u, "izSpreadMm", what));
    }

    /** The ranges as JSON: name → [min, max], in the names' order. */
    static JsonObject rangesToJson(List<String> names, List<MuapConditions.Range> ranges) {
        JsonObject r = new JsonObject();
        for (int i = 0; i < names.size(); i++) {
            JsonArray a = new JsonArray();
            a.add(ranges.get(i).min());
            a.add(ranges.get(i).max());
            r.add(names.get(i), a);
        }
        return r;
    }

    /** The inverse of {@link #rangesToJson}; a missing name is refused. */
    static List<MuapConditions.Range> rangesFromJson(JsonObject r, List<String> names, String what) {
        List<MuapConditions.Range> list = new ArrayList<>();
        for (String name : names) {
            JsonArray a = r.getAsJsonArray(name);
            if (a == null) {
                throw new IllegalArgumentException(what + " lacks the range of " + name);
            }
            list.add(new MuapConditions.Range(a.get(0).getAsDouble(), a.get(1).getAsDouble()));
        }
        return list;
    }

    /** The number under key; a missing key is refused. */
    static double d(JsonObject o, String key, String what) {
        if (!o.has(key)) {
            throw new IllegalArgumentException(what + " lacks " + key);
        }
        return o.get(key).getAsDouble();
    }
}
