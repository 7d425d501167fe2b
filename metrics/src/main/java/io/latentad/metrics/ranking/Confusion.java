package io.latentad.metrics.ranking;

import io.latentad.metrics.InputChecks;
import java.util.Arrays;

/**
 * The confusion counts of one hard decision (flagged = predicted anomaly) and the scores read
 * from them: precision {@code tp / (tp + fp)}, recall {@code tp / (tp + fn)} and their harmonic
 * mean F1. A ratio whose denominator is zero is 0 (scikit-learn's {@code zero_division=0}).
 *
 * <p>Two ways to draw the line between flagged and not flagged:
 * <ul>
 *   <li>{@link #atThreshold}: flagged when {@code score >= threshold} (the convention of the
 *       curves and of {@link BestF1}, so a threshold they return reproduces their counts);</li>
 *   <li>{@link #atContamination}: flagged when {@code score > q}, {@code q} the linearly
 *       interpolated {@code (1 - contamination)} quantile of the scores, the rule every latentad
 *       detector's {@code predict} uses (scikit-learn's {@code offset_} convention).</li>
 * </ul>
 */
public record Confusion(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

    public double precision() {
        long d = truePositives + falsePositives;
        return d == 0 ? 0.0 : (double) truePositives / d;
    }

    public double recall() {
        long d = truePositives + falseNegatives;
        return d == 0 ? 0.0 : (double) truePositives / d;
    }

    /** F1 = 2 tp / (2 tp + fp + fn), the harmonic mean of precision and recall. */
    public double f1() {
        long d = 2 * truePositives + falsePositives + falseNegatives;
        return d == 0 ? 0.0 : 2.0 * truePositives / d;
    }

    /** Counts for the rule {@code score >= threshold}. */
    public static Confusion atThreshold(double[] scores, int[] labels, double threshold) {
        check(scores, labels);
        if (Double.isNaN(threshold)) throw new IllegalArgumentException("threshold is NaN: expected a number");
        return count(scores, labels, s -> s >= threshold);
    }

    /**
     * Counts for the rule {@code score > q}, {@code q} the (1 - contamination) quantile of
     * {@code scores} (NumPy's default linear interpolation).
     *
     * @param contamination the expected share of anomalies, in (0, 1)
     */
    public static Confusion atContamination(double[] scores, int[] labels, double contamination) {
        check(scores, labels);
        double q = quantileThreshold(scores, contamination);
        return count(scores, labels, s -> s > q);
    }

    /** The (1 - contamination) quantile of the scores, linearly interpolated between order statistics. */
    public static double quantileThreshold(double[] scores, double contamination) {
        if (!(contamination > 0 && contamination < 1)) {
            throw new IllegalArgumentException("contamination = " + contamination + ": expected a value in (0, 1)");
        }
        InputChecks.finite("scores", scores);
        if (scores.length == 0) throw new IllegalArgumentException("no scores: expected at least one row");
        double[] s = scores.clone();
        Arrays.sort(s);
        double pos = (1 - contamination) * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private interface Rule {
        boolean flag(double score);
    }

    private static Confusion count(double[] scores, int[] labels, Rule rule) {
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = rule.flag(scores[i]);
            if (labels[i] == 1) {
                if (flagged) tp++;
                else fn++;
            } else {
                if (flagged) fp++;
                else tn++;
            }
        }
        return new Confusion(tp, fp, fn, tn);
    }

    static void check(double[] scores, int[] labels) {
        InputChecks.finite("scores", scores);
        InputChecks.binary("labels", labels);
        InputChecks.sameLength("scores", scores.length, "labels", labels.length);
        if (scores.length == 0) throw new IllegalArgumentException("no scores: expected at least one row");
    }
}
