package io.latentad.models.detect;

import io.latentad.metrics.ScoreFunction;

/**
 * A fitted, immutable detector. {@link #score} gives one double per row, <b>higher = more
 * anomalous</b>, for every detector without exception. Thresholds come from the scores of the
 * training rows, the same way everywhere.
 */
public interface FittedDetector extends ScoreFunction {
    /** Scores of the rows the detector was fitted on (as {@link #score} would give them). */
    double[] trainingScores();

    /** Width of the rows this detector accepts. */
    int dimension();

    /**
     * The score above which a row is flagged so that a share {@code contamination} of the
     * training rows is flagged: the (1 - contamination) quantile of the training scores, with
     * linear interpolation between order statistics (NumPy's default, as scikit-learn uses).
     *
     * @param contamination in (0, 0.5]
     */
    default double threshold(double contamination) {
        return Thresholds.quantileThreshold(trainingScores(), contamination);
    }

    /** 1 for rows whose score exceeds {@link #threshold(double)}, else 0. */
    default int[] predict(double[][] x, double contamination) {
        double t = threshold(contamination);
        double[] s = score(x);
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) out[i] = s[i] > t ? 1 : 0;
        return out;
    }
}
