package io.latentad.models.detect;

import io.latentad.models.common.Inputs;

/**
 * COPOD, the copula-based outlier detector, as PyOD computes it: per column, the tail probability its skewness
 * points to or, if larger, the mean of the two tails' negative logs; the sum over columns.
 *
 * <p>Intuition: the empirical copula of the rows (each value replaced by its ECDF) gives each row a tail
 * probability per column; minus the log of their product, a sum, is how unlikely the row is under independent
 * columns. Taking per column the larger of the skewness tail and the two-tail mean keeps a value extreme on the
 * unexpected side of a skewed column from counting nothing.
 *
 * <p>The steps ({@link #fit}, {@link Model#scoreRows}):
 * <ol>
 *   <li>{@link EmpiricalTails}: each column's left and right ECDF (fraction &lt;= x, fraction &gt;= x), as the
 *       empirical copula's marginals, and the sign of its skewness b_j;</li>
 *   <li>per value, U = -log left, V = -log right, and the skewness-corrected W = (b_j &lt; 0 ? U : V);</li>
 *   <li>the score: sum_j max(W_j, (U_j + V_j) / 2). Higher = more anomalous; a constant column adds 0 to the
 *       fitted rows.</li>
 * </ol>
 *
 * <p>New rows are scored against the fitted ECDFs as one more row of the sample (see {@link EmpiricalTails} and
 * {@link Ecod}: batch-independent, finite beyond the fitted range; PyOD re-fits on train + batch instead).
 *
 * <p>Departures: this is PyOD's COPOD (the authors' code); the paper's Algorithm 1 takes the maximum of the
 * left, right and skewness-corrected <em>sums</em>, which is {@link Ecod} with {@code aggregate=sums} here (ECOD
 * is COPOD's extended version). A skewness of exactly 0 (a constant column) takes the right tail (the paper's rule); PyOD's sign
 * arithmetic adds both tails there, or gives NaN scores where SciPy returns a NaN skewness.
 *
 * <p>Reference: Z. Li, Y. Zhao, N. Botta, C. Ionescu, X. Hu, COPOD: Copula-based outlier detection, IEEE ICDM
 * 2020, doi:10.1109/ICDM50108.2020.00135.
 *
 * <p>Cost: fit O(n d log n) time, n d doubles kept; scoring m rows O(m d log n). No parameters.
 */
public final class Copod implements Detector {
    /** COPOD has no parameters; the record keeps the shape every detector has. */
    public record Options() {
        public static Options defaults() {
            return new Options();
        }
    }

    @Override
    public String name() {
        return "copod";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("Copod", x);
        Model m = new Model(EmpiricalTails.fit(x, d));
        m.setTrainingScores(m.outlierScores(x, true));
        return m;
    }

    /** A fitted COPOD: the sorted columns and their skewness signs. */
    public static final class Model extends FittedBase {
        private final EmpiricalTails tails;

        Model(EmpiricalTails tails) {
            super("Copod", tails.dimension());
            this.tails = tails;
        }

        @Override
        double[] scoreRows(double[][] x) {
            return outlierScores(x, false);
        }

        /** Steps 2 and 3: per column the larger of the skewness tail and the two-tail mean, summed per row. */
        double[] outlierScores(double[][] x, boolean fitted) {
            int m = x.length, d = dimension();
            double[] u = new double[m * d], v = new double[m * d];
            tails.negLogTails(x, fitted, u, v);
            double[] out = new double[m];
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) { // columns in order: the same bits for any thread count
                    double l = u[j * m + i], r = v[j * m + i];
                    double w = tails.leftTailed(j) ? l : r; // the skewness-corrected tail
                    s += Math.max(w, (l + r) / 2);
                }
                out[i] = s;
            }
            return out;
        }
    }
}
