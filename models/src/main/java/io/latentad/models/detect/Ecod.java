package io.latentad.models.detect;

import io.latentad.models.common.Inputs;

/**
 * ECOD, outliers by empirical cumulative distribution functions: a row is as anomalous as its values are far out
 * in the tails of each column's empirical distribution, the columns taken as independent.
 *
 * <p>Intuition: under independence the probability of a row at least as extreme as x is the product of its
 * columns' tail probabilities; the score is minus its log, a sum over columns. Which tail? The left, the right,
 * or per column the one its skewness points to (a right-skewed column's outliers are large values).
 *
 * <p>The steps ({@link #fit}, {@link Model#scoreRows}):
 * <ol>
 *   <li>{@link EmpiricalTails}: each column's left and right ECDF (fraction &lt;= x, fraction &gt;= x) and the
 *       sign of its skewness gamma_j;</li>
 *   <li>per value, the negative logs of its two tail probabilities, -log left_j and -log right_j;</li>
 *   <li>the score, by {@link Aggregate}:
 *     <ul>
 *       <li>{@code columns} (default): sum_j max(-log left_j, -log right_j), PyOD's {@code ECOD} from 0.9.7 to
 *           1.1. PyOD also takes the skewness-corrected tail into that maximum, but it
 *           is one of the two, so it never changes the score;</li>
 *       <li>{@code sums}: Algorithm 1 of the paper: O_left = -sum_j log left_j, O_right = -sum_j log right_j,
 *           O_auto = -sum_j log (gamma_j &lt; 0 ? left_j : right_j), and O = max(O_left, O_right, O_auto). On
 *           ADBench's thyroid it ranks worse (ROC-AUC 92.2 against 97.8, bench/notes/detect.md, session 16):
 *           a row extreme in few columns is diluted by the other columns' tails.</li>
 *     </ul>
 *   Higher = more anomalous; 0 means every value is both the largest and the smallest of its column (a
 *   constant column adds 0 to the fitted rows).</li>
 * </ol>
 *
 * <p>New rows ({@link Model#score}) are scored against the fitted ECDFs as one more row of the sample (count + 1
 * over n + 1, see {@link EmpiricalTails}): independent of the batch, finite beyond the fitted range (a value
 * past every fitted one costs log(n + 1)), and equal to what PyOD computes for a single new row when the
 * skewness signs do not change. PyOD's {@code decision_function} instead re-fits on the training and all the
 * new rows, so its score of one row depends on the others in the batch.
 *
 * <p>Other departures from PyOD: a column of skewness exactly 0 (a constant one) takes the right tail, the
 * paper's rule gamma &gt;= 0, where PyOD's sign arithmetic adds both tails (this matters only to new rows off a
 * constant column). PyOD 2's {@code ECOD} computes what {@link Copod} computes.
 *
 * <p>Reference: Z. Li, Y. Zhao, X. Hu, N. Botta, C. Ionescu, G. H. Chen, ECOD: Unsupervised outlier detection
 * using empirical cumulative distribution functions, IEEE TKDE 35(12), 2023 (online 2022),
 * doi:10.1109/TKDE.2022.3159580.
 *
 * <p>Cost: fit O(n d log n) time, n d doubles kept; scoring m rows O(m d log n).
 */
public final class Ecod implements Detector {
    /** How the per-column tails become one score. */
    public enum Aggregate {
        /** Per column the larger of the two tails, summed: PyOD's ECOD up to 1.1. */
        COLUMNS,
        /** The paper: the largest of the left, right and skewness-corrected sums. */
        SUMS;

        /** {@code columns} or {@code sums}. */
        public static Aggregate parse(String s) {
            return switch (s == null ? "" : s.toLowerCase(java.util.Locale.ROOT)) {
                case "columns" -> COLUMNS;
                case "sums" -> SUMS;
                default -> throw new IllegalArgumentException("detector ecod: aggregate = '" + s + "': expected columns or sums");
            };
        }
    }

    /** @param aggregate how the tails are combined (default {@link Aggregate#COLUMNS}, PyOD's) */
    public record Options(Aggregate aggregate) {
        public Options {
            if (aggregate == null) throw new IllegalArgumentException("Ecod: aggregate is null: expected columns or sums");
        }

        public static Options defaults() {
            return new Options(Aggregate.COLUMNS);
        }
    }

    private final Options options;

    public Ecod(Options options) {
        this.options = options;
    }

    public Ecod() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "ecod";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("Ecod", x);
        Model m = new Model(EmpiricalTails.fit(x, d), options.aggregate());
        m.setTrainingScores(m.outlierScores(x, true));
        return m;
    }

    /** A fitted ECOD: the sorted columns and their skewness signs. */
    public static final class Model extends FittedBase {
        private final EmpiricalTails tails;
        private final Aggregate aggregate;

        Model(EmpiricalTails tails, Aggregate aggregate) {
            super("Ecod", tails.dimension());
            this.tails = tails;
            this.aggregate = aggregate;
        }

        @Override
        double[] scoreRows(double[][] x) {
            return outlierScores(x, false);
        }

        /** Steps 2 and 3: per row, the three sums of negative log tail probabilities and their maximum, or the sum of per-column maxima. */
        double[] outlierScores(double[][] x, boolean fitted) {
            int m = x.length, d = dimension();
            double[] left = new double[m * d], right = new double[m * d];
            tails.negLogTails(x, fitted, left, right);
            double[] out = new double[m];
            for (int i = 0; i < m; i++) {
                double sumLeft = 0, sumRight = 0, sumAuto = 0, sumLarger = 0;
                for (int j = 0; j < d; j++) { // columns in order: the same bits for any thread count
                    double l = left[j * m + i], r = right[j * m + i];
                    sumLeft += l;
                    sumRight += r;
                    sumAuto += tails.leftTailed(j) ? l : r; // the skewness-corrected tail
                    sumLarger += Math.max(l, r); // the skewness tail is one of the two: it never beats their maximum
                }
                out[i] = aggregate == Aggregate.SUMS ? Math.max(sumAuto, Math.max(sumLeft, sumRight)) : sumLarger;
            }
            return out;
        }
    }
}
