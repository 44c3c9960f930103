package org.myoflow.core.data;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Signal roles of a {@link Trial}. The built-in roles name what a study measures or computes; pipelines may add
 * roles (a map node names its outputs {@code node.port} or as its {@code outputs} parameter says). A role is
 * 1–64 characters of letters, digits, {@code . _ -}, starting with a letter.
 *
 * @since 0.3
 */
public final class Roles {

    /** Raw (unprocessed) EMG. */
    public static final String EMG = "emg";
    /** EMG envelopes (processed, one channel per muscle). */
    public static final String ENVELOPE = "envelope";
    /** Joint angles and other kinematics. */
    public static final String KINEMATICS = "kinematics";
    /** Joint moments (inverse dynamics). */
    public static final String MOMENTS = "moments";
    /** Simulated muscle activity (e.g. static optimisation). */
    public static final String SIMULATED = "simulated";
    /** The built-in roles, in the manifest's column order. */
    public static final List<String> BUILT_IN = List.of(EMG, ENVELOPE, KINEMATICS, MOMENTS, SIMULATED);

    private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

    private Roles() {
    }

    /** Whether a string is a valid role name. */
    public static boolean valid(String role) {
        return role != null && VALID.matcher(role).matches();
    }

    /** The role, or an {@link IllegalArgumentException} saying what a role may be. */
    public static String check(String role) {
        if (!valid(role)) {
            throw new IllegalArgumentException("invalid signal role '" + Excerpt.of(String.valueOf(role), 80)
                    + "': a role is 1-64 letters, digits, '.', '_' or '-', starting with a letter (built-in: "
                    + String.join(", ", BUILT_IN) + ")");
        }
        return role;
    }
}
