package io.latentad.models.common;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

    /** The message of a bad option: {@code parameter KEY = VALUE: expected WHAT}. */
    public static IllegalArgumentException bad(String key, Object value, String expected) {
        return new IllegalArgumentException("parameter " + key + " = " + value + ": expected " + expected);
    }

    /** The value of a key whose choice is left to the model and the data ({@link Reader#realOrAuto}). */
    public static final String AUTO = "auto";

    /** A number as {@link Reader#realOrAuto} reads it back: NaN is {@code auto}. */
    public static String realOrAuto(double v) {
        return Double.isNaN(v) ? AUTO : Double.toString(v);
    }

    /** The name of an enum constant as written in {@code --param} values and model files. */
    public static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Comma-separated integers, the {@code hidden=512,256} form. */
    public static String join(int[] a) {
        return Arrays.stream(a).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    /**
     * A {@code --param} map read by typed getters that record which keys were read, so that
     * {@link #requireAllUsed} can name a key nobody asked for. Each model's options record reads its
     * own keys from the one reader; a bad value throws {@link #bad}.
     */
    public static final class Reader {
        private final Map<String, String> values;
        private final Set<String> used = new HashSet<>();

        public Reader(Map<String, String> values) {
            this.values = values == null ? Map.of() : values;
        }

        /** Whether the map has {@code key} (marks it read). */
        public boolean has(String key) {
            used.add(key);
            return values.containsKey(key);
        }

        public String string(String key, String dflt) {
            String v = raw(key);
            return v == null ? dflt : v;
        }

        private String raw(String key) {
            used.add(key);
            String v = values.get(key);
            return v == null ? null : v.trim();
        }

        public int integer(String key, int dflt) {
            String v = raw(key);
            if (v == null) return dflt;
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw bad(key, "'" + v + "'", "an integer");
            }
        }

        public long longValue(String key, long dflt) {
            String v = raw(key);
            if (v == null) return dflt;
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw bad(key, "'" + v + "'", "an integer");
            }
        }

        public double real(String key, double dflt) {
            String v = raw(key);
            if (v == null) return dflt;
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) throw new NumberFormatException();
                return d;
            } catch (NumberFormatException e) {
                throw bad(key, "'" + v + "'", "a finite number");
            }
        }

        /**
         * A finite number, or {@code auto} read as NaN: the model's choice for the data, resolved when training starts
         * ({@code io.latentad.models.ae.ModelKind#autoValues}).
         */
        public double realOrAuto(String key, double dflt) {
            String v = raw(key);
            if (v != null && v.equalsIgnoreCase(AUTO)) return Double.NaN;
            return real(key, dflt);
        }

        public boolean bool(String key, boolean dflt) {
            String v = raw(key);
            if (v == null) return dflt;
            if (v.equalsIgnoreCase("true")) return true;
            if (v.equalsIgnoreCase("false")) return false;
            throw bad(key, "'" + v + "'", "true or false");
        }

        public int[] ints(String key, int[] dflt) {
            String v = raw(key);
            if (v == null) return dflt.clone();
            if (v.isEmpty() || v.equals("none")) return new int[0];
            try {
                return Arrays.stream(v.split("[,;]")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            } catch (NumberFormatException e) {
                throw bad(key, "'" + v + "'", "comma-separated integers (e.g. 512,256)");
            }
        }

        public <E extends Enum<E>> E enumValue(String key, Class<E> type, E dflt) {
            String v = raw(key);
            if (v == null) return dflt;
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(v.replace('-', '_'))) return e;
            }
            throw bad(key, "'" + v + "'", "one of " + Arrays.stream(type.getEnumConstants())
                    .map(Params::lower).collect(Collectors.joining(", ")));
        }

        /**
         * Throws for a key no getter read: {@code unknown parameter 'gama' for OWNER: expected one
         * of ...} (the keys that were read, sorted).
         */
        public void requireAllUsed(String owner) {
            for (String k : values.keySet()) {
                if (!used.contains(k)) {
                    throw new IllegalArgumentException("unknown parameter '" + k + "' for " + owner + ": expected one of "
                            + String.join(", ", used.stream().sorted().toList()));
                }
            }
        }
    }
}
