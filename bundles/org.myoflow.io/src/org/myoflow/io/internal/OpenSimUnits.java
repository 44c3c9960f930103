package org.myoflow.io.internal;

import java.util.Locale;

/**
 * The unit this platform records for a column of an OpenSim storage file. OpenSim files carry no units: the only
 * hint is the file-wide {@code inDegrees} flag, which applies to rotational coordinates. The rule:
 * <ol>
 * <li>A file is a <em>coordinate file</em> when it is a {@code .mot}, is named "Coordinates" or says
 * {@code inDegrees=yes}. Component-path labels ({@code /jointset/hip_r/hip_flexion_r/value}) are judged by the
 * coordinate name. Any other {@code .sto} (activations, excitations, forces, states in SI units) gets unit ""
 * for every column: not stated.</li>
 * <li>In a coordinate file, a translational coordinate (label ending {@code _tx}, {@code _ty}, {@code _tz}, as
 * OpenSim names them) is "m"; a force-plate column (label containing {@code force}, {@code torque} or
 * {@code moment}, as in ground-reaction {@code .mot} files) is "" because its unit is not stated; every other
 * column is a rotation: "deg" when {@code inDegrees=yes}, else "rad". Values are kept as stored, never
 * converted.</li>
 * </ol>
 * Writing is the inverse: {@code inDegrees=yes} when any channel's unit is "deg".
 */
public final class OpenSimUnits {

    private OpenSimUnits() {
    }

    public static String unitFor(String label, boolean inDegrees, boolean motFile) {
        if (!inDegrees && !motFile) {
            return "";
        }
        String l = coordinateName(label).toLowerCase(Locale.ROOT);
        if (l.endsWith("_tx") || l.endsWith("_ty") || l.endsWith("_tz")) {
            return "m";
        }
        if (l.contains("force") || l.contains("torque") || l.contains("moment")) {
            return "";
        }
        return inDegrees ? "deg" : "rad";
    }

    /**
     * The coordinate name in a component-path label: {@code /jointset/hip_r/hip_flexion_r/value} gives
     * {@code hip_flexion_r}; other labels are returned as they are.
     */
    public static String coordinateName(String label) {
        if (label.indexOf('/') < 0) {
            return label;
        }
        String[] parts = label.split("/");
        if (parts.length == 0) { // only slashes (split drops the empty strings): no coordinate name in it
            return label;
        }
        int last = parts.length - 1;
        while (last > 0 && (parts[last].isEmpty() || parts[last].equals("value") || parts[last].equals("speed"))) {
            last--;
        }
        return parts[last];
    }
}
