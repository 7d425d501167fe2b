package io.latentad.models.detect;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code --param key=value} strings for the detector and clustering registries: a missing
 * key takes the default, a bad value throws naming the key, the value and what was expected.
 */
public final class Params {
    private Params() {
    }

    /**
     * Throws unless every key of {@code p} is one of {@code allowed}, e.g.
     * {@code unknown parameter 'kk' for detector lof: expected one of k}.
     *
     * @param owner what the params are for, as the message names it ("detector lof", "kmeans")
     */
    public static void requireKeys(String owner, Map<String, String> p, Set<String> allowed) {
        for (String key : p.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' for " + owner + ": expected "
                        + (allowed.isEmpty() ? "none" : "one of " + String.join(", ", new TreeSet<>(allowed))));
            }
        }
    }

    public static int intParam(Map<String, String> p, String key, int def) {
        String v = p.get(key);
        if (v == null) return def;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = '" + v + "': expected a whole number");
        }
    }

    public static long longParam(Map<String, String> p, String key, long def) {
        String v = p.get(key);
        if (v == null) return def;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = '" + v + "': expected a whole number");
        }
    }

    public static double doubleParam(Map<String, String> p, String key, double def) {
        String v = p.get(key);
        if (v == null) return def;
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = '" + v + "': expected a finite number");
        }
    }
}
