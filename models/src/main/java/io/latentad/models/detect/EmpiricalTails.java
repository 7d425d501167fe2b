package io.latentad.models.detect;

import io.latentad.engine.kernel.Parallel;

/**
 * The per-column empirical distributions that {@link Ecod} and {@link Copod} read: each column of the fitted rows
 * sorted once, its skewness sign, and the negative logs of a value's two tail probabilities.
 *
 * <p>The tail probabilities of a value x in column j, over the n fitted values of that column:
 * <pre>
 *   left(x)  = #{fitted &lt;= x} / n      the ECDF: the fraction &lt;= x, ties counted in (statsmodels' ECDF, PyOD)
 *   right(x) = #{fitted &gt;= x} / n      the ECDF of -X at -x
 * </pre>
 * A fitted row is one of the n, so both are at least 1/n. A <b>new</b> row is scored as one more row of the
 * sample: {@code (#{fitted <= x} + 1) / (n + 1)}, and the same on the right. That is what PyOD's
 * {@code decision_function} computes for a single new row (it re-fits the ECDFs on the training rows and the new
 * ones), without its dependence on which other rows are in the batch; it is never 0, so a value beyond every
 * fitted one costs {@code log(n + 1)}, finite. The skewness signs stay those of the fitted rows.
 *
 * <p>Cost: fit O(n d log n) (one sort per column); tails of m rows O(m d log n) (two binary searches per value);
 * memory n d doubles. Columns are processed in parallel from {@link #PARALLEL_MIN_VALUES} values on; each
 * column's numbers are computed alone, so results are the same bits for any thread count.
 */
final class EmpiricalTails {
    /**
     * Columns run in parallel from this many values (rows x columns) on: below it a region's start-up
     * (~10-20 us on the shared 2-core Zen 3) is more than half the work (2 binary searches per value, ~50 ns).
     */
    static final long PARALLEL_MIN_VALUES = 1 << 14;

    private final double[][] sorted; // [column][n], ascending
    private final boolean[] leftTailed; // skewness < 0: the long tail is on the left
    private final int n;

    private EmpiricalTails(double[][] sorted, boolean[] leftTailed, int n) {
        this.sorted = sorted;
        this.leftTailed = leftTailed;
        this.n = n;
    }

    /** Sorts each column of {@code x} (n x d, checked finite) and takes its skewness sign. */
    static EmpiricalTails fit(double[][] x, int d) {
        int n = x.length;
        double[][] sorted = new double[d][];
        boolean[] left = new boolean[d];
        forColumns(n, d, j -> {
            double[] c = column(x, j);
            java.util.Arrays.sort(c);
            sorted[j] = c;
            left[j] = skewnessIsNegative(c);
        });
        return new EmpiricalTails(sorted, left, n);
    }

    /** Width of the fitted rows. */
    int dimension() {
        return sorted.length;
    }

    /** Whether column j's skewness is negative, so that its outlying tail is the left one. */
    boolean leftTailed(int j) {
        return leftTailed[j];
    }

    /**
     * The negative log tail probabilities of each row of {@code x} (m x d) in each column:
     * {@code negLogLeft[j * m + i] = -log left(x[i][j])}, the same for the right.
     *
     * @param fitted whether the rows are the fitted ones (n out of n) or new ones (one more row of the sample)
     */
    void negLogTails(double[][] x, boolean fitted, double[] negLogLeft, double[] negLogRight) {
        int m = x.length, d = sorted.length;
        int extra = fitted ? 0 : 1; // a new row counts itself: (count + 1) / (n + 1)
        double total = n + extra;
        forColumns(m, d, j -> {
            double[] c = sorted[j];
            for (int i = 0; i < m; i++) {
                double v = x[i][j];
                int atMost = upperBound(c, v), below = lowerBound(c, v);
                negLogLeft[j * m + i] = -Math.log((atMost + extra) / total);
                negLogRight[j * m + i] = -Math.log((n - below + extra) / total);
            }
        });
    }

    /**
     * Whether the sample skewness of a sorted column is negative. Only its sign matters, so the values are
     * divided by the largest magnitude first (no overflow in the cube for values up to Double.MAX_VALUE). A
     * constant column has skewness 0 and takes the right tail, as the paper's rule (gamma &gt;= 0: right).
     */
    static boolean skewnessIsNegative(double[] sortedColumn) {
        int n = sortedColumn.length;
        double lo = sortedColumn[0], hi = sortedColumn[n - 1];
        if (lo == hi) return false;
        double scale = Math.max(Math.abs(lo), Math.abs(hi));
        double mean = 0;
        for (double v : sortedColumn) mean += v / scale;
        mean /= n;
        double m3 = 0;
        for (double v : sortedColumn) {
            double t = v / scale - mean;
            m3 += t * t * t;
        }
        return m3 < 0;
    }

    /** Number of values &lt;= v in ascending {@code a}. */
    static int upperBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Number of values &lt; v in ascending {@code a}. */
    static int lowerBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    static double[] column(double[][] x, int j) {
        double[] c = new double[x.length];
        for (int i = 0; i < c.length; i++) c[i] = x[i][j];
        return c;
    }

    /** Work on one column; columns never share outputs. */
    interface ColumnBody {
        void run(int j);
    }

    /** Runs {@code body} for each of {@code d} columns of {@code rows} values, in parallel when that pays. */
    static void forColumns(int rows, int d, ColumnBody body) {
        if ((long) rows * d < PARALLEL_MIN_VALUES) {
            for (int j = 0; j < d; j++) body.run(j);
        } else {
            Parallel.forRange(d, 1, (from, to) -> {
                for (int j = from; j < to; j++) body.run(j);
            });
        }
    }
}
