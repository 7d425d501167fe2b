package io.latentad.models.detect;

import io.latentad.engine.kernel.Parallel;
import io.latentad.models.common.Inputs;

/**
 * HBOS, the histogram-based outlier score: a row is as anomalous as its values fall in thin bins of their
 * columns' histograms, the columns taken as independent.
 *
 * <p>Intuition: a histogram per column is a density estimate; under independence the row's density is their
 * product, and minus its log is a sum over columns. Score = -sum_j log2(density_j(x_j) + alpha). Higher = more
 * anomalous. alpha keeps an empty bin finite; beyond the fitted range a value within tol bin widths of the edge
 * takes the edge bin's density, a value farther out the lowest density of its column.
 *
 * <p>The steps, as PyOD's {@code HBOS} (static bins; {@link #fit}, {@link Model#scoreRows}):
 * <ol>
 *   <li>{@link #binEdges}: {@code bins} equal-width bins from the column's minimum to its maximum, the edges as
 *       NumPy's {@code linspace} makes them (a constant column c: the range c - 0.5 .. c + 0.5, as
 *       {@code np.histogram});</li>
 *   <li>{@link #logDensities}: each bin's count / (n * width), as {@code np.histogram(density=True)}, then
 *       log2(density + alpha);</li>
 *   <li>{@link ColumnHistogram#logDensity}: the bin of a value, or the rules beyond the range;</li>
 *   <li>the score: minus the sum over columns.</li>
 * </ol>
 *
 * <p>Departure from PyOD: a value is looked up in the bin it was counted in ({@code np.histogram}'s bins,
 * [e_k, e_k+1), the last one closed). PyOD counts that way but looks up with {@code np.digitize(right=True)},
 * (e_k, e_k+1], so a value exactly on an interior edge (integer-valued columns) is scored by the bin below the
 * one that counted it; here the minimum and every interior edge take their own bin. Elsewhere the numbers are
 * PyOD's.
 *
 * <p>Reference: M. Goldstein, A. Dengel, Histogram-based outlier score (HBOS): A fast unsupervised anomaly
 * detection algorithm, KI-2012: Poster and Demo Track, pp. 59-63, 2012.
 *
 * <p>Cost: fit O(n d) time, O(d bins) memory; scoring m rows O(m d). Columns in parallel from
 * {@link EmpiricalTails#PARALLEL_MIN_VALUES} values on, the same bits for any thread count.
 */
public final class Hbos implements Detector {
    /**
     * @param bins  equal-width bins per column (default 10)
     * @param alpha added to each density before the log, so an empty bin costs -log2(alpha) (default 0.1)
     * @param tol   how far beyond the fitted range, in bin widths, a value still takes the edge bin (default 0.5)
     */
    public record Options(int bins, double alpha, double tol) {
        public Options {
            Inputs.requireAtLeast("Hbos", "bins", bins, 1);
            Inputs.requirePositive("Hbos", "alpha", alpha);
            if (!(tol >= 0) || Double.isInfinite(tol)) {
                throw new IllegalArgumentException("Hbos: tol = " + tol + ": expected a finite value >= 0");
            }
        }

        /** PyOD's defaults: 10 bins, alpha 0.1, tol 0.5. */
        public static Options defaults() {
            return new Options(10, 0.1, 0.5);
        }
    }

    private final Options options;

    public Hbos(Options options) {
        this.options = options;
    }

    public Hbos() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "hbos";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("Hbos", x);
        ColumnHistogram[] h = new ColumnHistogram[d];
        EmpiricalTails.forColumns(x.length, d, j -> {
            double[] c = EmpiricalTails.column(x, j);
            double[] edges = binEdges(c, options.bins(), j);
            h[j] = new ColumnHistogram(edges, logDensities(c, edges, options.alpha()), options.tol());
        });
        Model m = new Model(h);
        m.setTrainingScores(m.scoreRows(x));
        return m;
    }

    /** Step 1: {@code bins + 1} equal-width edges over the column's range, as NumPy's histogram and linspace. */
    static double[] binEdges(double[] column, int bins, int j) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : column) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo == hi) { // np.histogram widens an empty range to one unit around the value
            lo -= 0.5;
            hi += 0.5;
        }
        double step = (hi - lo) / bins;
        if (Double.isInfinite(step) || step == 0) {
            throw new IllegalArgumentException("Hbos: column " + j + " spans " + lo + " .. " + hi
                    + ": expected a range whose width and bin width (/ " + bins + ") are finite and above 0; rescale the data");
        }
        double[] e = new double[bins + 1];
        for (int k = 0; k < bins; k++) e[k] = k * step + lo; // linspace: index times step, plus the start
        e[bins] = hi; // and the stop exactly
        return e;
    }

    /** Step 2: log2(count / (n * width) + alpha) per bin; bin k holds [e_k, e_k+1), the last one closed. */
    static double[] logDensities(double[] column, double[] edges, double alpha) {
        int bins = edges.length - 1, n = column.length;
        int[] count = new int[bins];
        for (double v : column) count[binOf(edges, v)]++;
        double[] out = new double[bins];
        for (int k = 0; k < bins; k++) {
            double density = count[k] / (edges[k + 1] - edges[k]) / n; // as np.histogram: n / diff(edges) / sum
            out[k] = Math.log(density + alpha) / LN2;
        }
        return out;
    }

    private static final double LN2 = Math.log(2);

    /** Rows per parallel chunk of scoring: enough to amortise a hand-off, small enough to balance two cores. */
    private static final int ROWS_PER_CHUNK = 2048;

    /**
     * The bin of a value in [e_0, e_bins]: the k with e_k &lt;= v &lt; e_k+1, the last edge in the last bin. As
     * {@code np.histogram}: a guess from the value's place in the range, then corrected against the edges
     * themselves, since rounding can put the guess one bin off; O(1) instead of a search over the edges.
     */
    static int binOf(double[] edges, double v) {
        int bins = edges.length - 1;
        double lo = edges[0], hi = edges[bins];
        int k = Math.max(0, Math.min((int) ((v - lo) / (hi - lo) * bins), bins - 1));
        while (k > 0 && v < edges[k]) k--;
        while (k < bins - 1 && v >= edges[k + 1]) k++;
        return k;
    }

    /** One column's histogram: its edges and each bin's log2(density + alpha). */
    static final class ColumnHistogram {
        private final double[] edges;
        private final double[] logDensity;
        private final double lowest;
        private final double tol;

        ColumnHistogram(double[] edges, double[] logDensity, double tol) {
            this.edges = edges;
            this.logDensity = logDensity;
            this.tol = tol;
            double low = Double.POSITIVE_INFINITY;
            for (double v : logDensity) low = Math.min(low, v);
            this.lowest = low;
        }

        /** Step 3: the log density of a value's bin; beyond the range, the edge bin within tol widths, else the lowest. */
        double logDensity(double v) {
            int bins = logDensity.length;
            double first = edges[0], last = edges[bins];
            if (v < first) return first - v <= (edges[1] - first) * tol ? logDensity[0] : lowest;
            if (v > last) return v - last <= (last - edges[bins - 1]) * tol ? logDensity[bins - 1] : lowest;
            return logDensity[binOf(edges, v)];
        }
    }

    /** A fitted HBOS: one histogram per column. */
    public static final class Model extends FittedBase {
        private final ColumnHistogram[] histograms;

        Model(ColumnHistogram[] histograms) {
            super("Hbos", histograms.length);
            this.histograms = histograms;
        }

        /**
         * Step 4: minus the sum over columns of the log densities, columns in order (same bits for any threads). Row by
         * row, so each row's values are read where they lie (a column at a time took twice as long: strided reads
         * and an n x d scratch array).
         */
        @Override
        double[] scoreRows(double[][] x) {
            int m = x.length, d = histograms.length;
            double[] out = new double[m];
            Parallel.RangeBody rows = (from, to) -> {
                for (int i = from; i < to; i++) {
                    double[] r = x[i];
                    double s = 0;
                    for (int j = 0; j < d; j++) s += histograms[j].logDensity(r[j]);
                    out[i] = -s;
                }
            };
            if ((long) m * d < EmpiricalTails.PARALLEL_MIN_VALUES) rows.run(0, m);
            else Parallel.forRange(m, ROWS_PER_CHUNK, rows);
            return out;
        }
    }
}
