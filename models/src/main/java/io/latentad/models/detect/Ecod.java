package io.latentad.models.detect;

import io.latentad.models.common.Inputs;

/**
 * ECOD, outliers by empirical cumulative distribution functions: a row is as anomalous as its values are far out
 * in the tails of each column's empirical distribution, the columns taken as independent.
 *
 * <p>Intuition: under independence the probability of a row at least as extreme as x is the product of its
 * columns' tail probabilities; the score is minus its log, a sum over columns. Which tail? The left, the right,
 * or per column the one its skewness points to (a right-skewed column's outliers are large values); ECOD takes
 * whichever of the three sums is largest, so a row extreme on either side is never hidden by a skewness guess.
 *
 * <p>The steps, as Algorithm 1 of the paper ({@link #fit}, {@link Model#scoreRows}):
 * <ol>
 *   <li>{@link EmpiricalTails}: each column's left and right ECDF (fraction &lt;= x, fraction &gt;= x) and the
 *       sign of its skewness gamma_j;</li>
 *   <li>per row, the three sums of negative logs: O_left = -sum_j log left_j, O_right = -sum_j log right_j,
 *       O_auto = -sum_j log (gamma_j &lt; 0 ? left_j : right_j);</li>
 *   <li>the score O = max(O_left, O_right, O_auto). Higher = more anomalous; 0 means every value is the largest
 *       and the smallest of its column (a constant column adds 0).</li>
 * </ol>
 *
 * <p>New rows ({@link Model#score}) are scored against the fitted ECDFs as one more row of the sample (count + 1
 * over n + 1, see {@link EmpiricalTails}): independent of the batch, finite beyond the fitted range (a value
 * past every fitted one costs log(n + 1)), and equal to what PyOD computes for a single new row when the
 * skewness signs do not change. PyOD's {@code decision_function} instead re-fits on the training and all the
 * new rows, so its score of one row depends on the others in the batch.
 *
 * <p>Departures from PyOD's {@code ECOD}: PyOD takes the maximum per column and then sums (up to 1.1:
 * max(left, right, skewness tail) per column, which makes the skewness choice moot; later versions:
 * max(skewness tail, mean of the two tails), the same as its COPOD, which is {@link Copod} here). This class
 * follows the paper's maximum of the three sums. A column of skewness exactly 0 (a constant one) takes the
 * right tail, as the paper's rule gamma &gt;= 0; PyOD's sign arithmetic would add both tails there.
 *
 * <p>Reference: Z. Li, Y. Zhao, X. Hu, N. Botta, C. Ionescu, G. H. Chen, ECOD: Unsupervised outlier detection
 * using empirical cumulative distribution functions, IEEE TKDE 35(12), 2023 (online 2022),
 * doi:10.1109/TKDE.2022.3159580.
 *
 * <p>Cost: fit O(n d log n) time, n d doubles kept; scoring m rows O(m d log n). No parameters.
 */
public final class Ecod implements Detector {
    /** ECOD has no parameters; the record keeps the shape every detector has. */
    public record Options() {
        public static Options defaults() {
            return new Options();
        }
    }

    @Override
    public String name() {
        return "ecod";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("Ecod", x);
        Model m = new Model(EmpiricalTails.fit(x, d));
        m.setTrainingScores(m.outlierScores(x, true));
        return m;
    }

    /** A fitted ECOD: the sorted columns and their skewness signs. */
    public static final class Model extends FittedBase {
        private final EmpiricalTails tails;

        Model(EmpiricalTails tails) {
            super("Ecod", tails.dimension());
            this.tails = tails;
        }

        @Override
        double[] scoreRows(double[][] x) {
            return outlierScores(x, false);
        }

        /** Steps 2 and 3: the three sums of negative log tail probabilities and their maximum, per row. */
        double[] outlierScores(double[][] x, boolean fitted) {
            int m = x.length, d = dimension();
            double[] left = new double[m * d], right = new double[m * d];
            tails.negLogTails(x, fitted, left, right);
            double[] out = new double[m];
            for (int i = 0; i < m; i++) {
                double sumLeft = 0, sumRight = 0, sumAuto = 0;
                for (int j = 0; j < d; j++) { // columns in order: the same bits for any thread count
                    double l = left[j * m + i], r = right[j * m + i];
                    sumLeft += l;
                    sumRight += r;
                    sumAuto += tails.leftTailed(j) ? l : r; // the skewness-corrected tail
                }
                out[i] = Math.max(sumAuto, Math.max(sumLeft, sumRight));
            }
            return out;
        }
    }
}
