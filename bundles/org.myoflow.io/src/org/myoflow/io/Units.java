package org.myoflow.io;

import java.util.Locale;

/**
 * Conversion of the units recording files use to the platform's SI units: V, m, N, N·m, rad, rad/s, m/s². Units
 * not listed (including "" and free text such as "d.u.") are kept unchanged.
 * <table>
 * <caption>Conversions</caption>
 * <tr><th>from</th><th>to</th></tr>
 * <tr><td>mV, uV, µV, μV, Volt, volts</td><td>V</td></tr>
 * <tr><td>mm, cm</td><td>m</td></tr>
 * <tr><td>nt, kN</td><td>N</td></tr>
 * <tr><td>Nm, N.m, N*m, Nmm, N.mm, N*mm, ntmm</td><td>N·m</td></tr>
 * <tr><td>deg, °, degrees</td><td>rad</td></tr>
 * <tr><td>deg/s, °/s</td><td>rad/s</td></tr>
 * <tr><td>g</td><td>m/s² (standard gravity 9.80665)</td></tr>
 * </table>
 *
 * @since 0.2
 */
public final class Units {

    /** {@code si = value * factor + offset}, in {@code unit}. */
    public record Conversion(String unit, double factor, double offset) {
    }

    private Units() {
    }

    public static Conversion toSi(String unit) {
        String u = unit.strip();
        String l = u.toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (l) {
            case "v", "volt", "volts" -> new Conversion("V", 1, 0);
            case "mv" -> new Conversion("V", 1e-3, 0);
            case "uv", "µv", "μv" -> new Conversion("V", 1e-6, 0);
            case "mm" -> new Conversion("m", 1e-3, 0);
            case "cm" -> new Conversion("m", 1e-2, 0);
            case "nt" -> new Conversion("N", 1, 0);
            case "kn" -> new Conversion("N", 1e3, 0);
            case "nm", "n.m", "n*m", "n·m" -> new Conversion("N·m", 1, 0);
            case "nmm", "n.mm", "n*mm", "ntmm", "n·mm" -> new Conversion("N·m", 1e-3, 0);
            case "deg", "°", "degrees" -> new Conversion("rad", Math.PI / 180, 0);
            case "deg/s", "°/s" -> new Conversion("rad/s", Math.PI / 180, 0);
            case "g" -> new Conversion("m/s²", 9.80665, 0);
            default -> new Conversion(u, 1, 0);
        };
    }
}
