package org.myoflow.io.internal.readers;

import java.util.Locale;
import java.util.regex.Pattern;

import org.myoflow.io.ChannelKind;

/**
 * The kind of a channel from what a file states: "EMG" in the label or description, a unit of force, moment,
 * angle, acceleration or angular rate, or an ACC / GYRO label as wireless EMG systems write them. A muscle name
 * alone does not make a channel EMG: such channels stay {@link ChannelKind#OTHER} and are selected by label.
 */
final class Kinds {

    private static final Pattern EMG = Pattern.compile("(?i)(^|[^a-z])(im )?emg");

    private Kinds() {
    }

    static ChannelKind guess(String label, String unit, String description) {
        String l = label.toLowerCase(Locale.ROOT);
        String u = unit.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (EMG.matcher(label).find() || EMG.matcher(description).find()) {
            return ChannelKind.EMG;
        }
        if (l.contains("gyro") || u.equals("deg/s") || u.equals("°/s") || u.equals("rad/s")) {
            return ChannelKind.GYROSCOPE;
        }
        if (l.contains("acc") || u.equals("g") || u.equals("m/s^2") || u.equals("m/s²") || u.equals("m/s2")) {
            return ChannelKind.ACCELEROMETER;
        }
        switch (u) {
            case "n", "nt", "kn" -> {
                return ChannelKind.FORCE;
            }
            case "nm", "n.m", "n*m", "n·m", "nmm", "n.mm", "n*mm", "ntmm" -> {
                return ChannelKind.MOMENT;
            }
            case "uv", "µv", "μv" -> {
                return ChannelKind.EMG; // microvolt-level analog channels are EMG
            }
            case "deg", "°", "rad", "degrees", "radians" -> {
                return ChannelKind.ANGLE;
            }
            default -> {
                // not stated
            }
        }
        if (l.contains("torque") || l.contains("moment")) {
            return ChannelKind.MOMENT;
        }
        if (l.equals("angle") || l.endsWith(" angle") || l.endsWith("_angle")) {
            return ChannelKind.ANGLE;
        }
        return ChannelKind.OTHER;
    }
}
