package org.myoflow.surrogate.internal;

/** The {@code --set key=value} integers of the surrogate training recipes. */
final class RecipeSettings {

    private RecipeSettings() {
    }

    /** The integer value of setting key, at least min; a clear message otherwise. */
    static int integer(String key, String value, int min) {
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--set " + key + ": not an integer: " + value);
        }
        if (v < min) {
            throw new IllegalArgumentException("--set " + key + " must be >= " + min + ", got " + v);
        }
        return v;
    }
}
