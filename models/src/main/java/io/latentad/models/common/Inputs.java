package io.latentad.models.common;

/**
 * Input checks shared by the detectors and the clustering: every message names the bad value and
 * what was expected (DESIGN.md's contract).
 */
public final class Inputs {
    private Inputs() {
    }

    /**
     * Checks that {@code x} is a non-empty matrix of finite values with rows of one width.
     *
     * @return the row width d
     * @throws IllegalArgumentException for null or empty data, a zero width, ragged rows, or a
     *                                  NaN / infinite entry (naming its row and column)
     */
    public static int requireMatrix(String what, double[][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(what + ": data is empty: expected at least one row");
        }
        if (x[0] == null || x[0].length == 0) {
            throw new IllegalArgumentException(what + ": row 0 has no columns: expected at least one");
        }
        return requireRows(what, x, x[0].length);
    }

    /**
     * Checks that every row of {@code x} has width {@code d} and finite entries ({@code x} may have
     * no rows at scoring time).
     */
    public static int requireRows(String what, double[][] x, int d) {
        if (x == null) throw new IllegalArgumentException(what + ": data is null: expected rows of width " + d);
        for (int i = 0; i < x.length; i++) {
            double[] r = x[i];
            if (r == null || r.length != d) {
                throw new IllegalArgumentException(what + ": row " + i + " has " + (r == null ? 0 : r.length)
                        + " columns: expected " + d);
            }
            for (int j = 0; j < d; j++) {
                double v = r[j];
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException(what + ": row " + i + ", column " + j + " is " + v
                            + ": expected a finite number");
                }
            }
        }
        return d;
    }

    /**
     * Returns {@code s} if every score is finite; otherwise throws naming the detector and the first
     * rows whose score is NaN or infinite (finite inputs so extreme that distances or variances
     * overflow, e.g. values near 1e300): a detector never hands out a NaN score silently.
     */
    public static double[] requireFiniteScores(String what, double[] s) {
        int count = 0;
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                if (count < 10) rows.append(count == 0 ? "" : ", ").append(i);
                else if (count == 10) rows.append(", ...");
                count++;
            }
        }
        if (count > 0) {
            throw new IllegalArgumentException(what + ": " + count + " of " + s.length + " scores are not finite (rows "
                    + rows + ", 0-based): the values are too extreme for its distance or density computations"
                    + " (they overflow): expected values well below 1e150 in magnitude; rescale the data (e.g. --scale standard)");
        }
        return s;
    }

    /** Checks that {@code k} neighbours / clusters fit in {@code n} rows ({@code 1 <= k <= n}). */
    public static void requireAtMost(String what, String name, int k, int n) {
        if (k > n) {
            throw new IllegalArgumentException(what + ": " + name + " = " + k + " is larger than the " + n
                    + " rows of data: expected " + name + " <= " + n);
        }
    }

    /** Checks {@code v >= min} for an option. */
    public static void requireAtLeast(String what, String name, long v, long min) {
        if (v < min) throw new IllegalArgumentException(what + ": " + name + " = " + v + ": expected >= " + min);
    }

    /** Checks {@code v > 0} and finite for an option. */
    public static void requirePositive(String what, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + ": " + name + " = " + v + ": expected a finite value > 0");
        }
    }

    /** Row-major copy of {@code x} (n x d) for tight loops. */
    public static double[] flatten(double[][] x, int d) {
        double[] out = new double[x.length * d];
        for (int i = 0; i < x.length; i++) System.arraycopy(x[i], 0, out, i * d, d);
        return out;
    }
}
