package io.latentad.metrics;

/**
 * The argument checks every metric makes, in one place so that the messages read the same
 * everywhere: each names the offending value and what was expected.
 */
public final class InputChecks {
    private InputChecks() {
    }

    /** Throws unless both arrays are non-null and of equal length. */
    public static void sameLength(String nameA, int lengthA, String nameB, int lengthB) {
        if (lengthA != lengthB) {
            throw new IllegalArgumentException(nameA + " has " + lengthA + " entries but " + nameB
                    + " has " + lengthB + ": expected equal lengths");
        }
    }

    /** Throws if {@code values} is null or holds a NaN or an infinity. */
    public static void finite(String name, double[] values) {
        if (values == null) throw new IllegalArgumentException(name + " is null: expected an array");
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i] + ": expected a finite number");
            }
        }
    }

    /** Throws unless every entry is 0 or 1. */
    public static void binary(String name, int[] labels) {
        if (labels == null) throw new IllegalArgumentException(name + " is null: expected an array");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + labels[i]
                        + ": expected 0 (normal) or 1 (anomaly)");
            }
        }
    }

    /** Throws if {@code x} is null, empty, ragged or holds a non-finite value; returns the width. */
    public static int matrix(String name, double[][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(name + " has no rows: expected at least one");
        }
        int d = x[0] == null ? 0 : x[0].length;
        if (d == 0) throw new IllegalArgumentException(name + " has no columns: expected at least one");
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException(name + " row " + i + " has "
                        + (x[i] == null ? 0 : x[i].length) + " columns: expected " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] = " + x[i][j]
                            + ": expected a finite number");
                }
            }
        }
        return d;
    }
}
