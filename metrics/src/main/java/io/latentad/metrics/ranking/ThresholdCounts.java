package io.latentad.metrics.ranking;

import io.latentad.metrics.InputChecks;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The cumulative confusion counts at every distinct score, the common ground of the ROC and
 * precision-recall curves (scikit-learn's {@code _binary_clf_curve}). Scores are visited from
 * highest to lowest; at the {@code i}-th distinct score {@code thresholds[i]} a row is flagged when
 * its score is {@code >= thresholds[i]}, so tied rows always change sides together: this is what
 * makes the curves and their areas exact under ties (no arbitrary order among equal scores).
 *
 * <p>Cost: O(n log n) for the sort.
 */
public final class ThresholdCounts {
    /** Distinct scores, descending. */
    final double[] thresholds;
    /** True positives among rows with score >= thresholds[i]. */
    final long[] tp;
    /** False positives among rows with score >= thresholds[i]. */
    final long[] fp;
    final long positives;
    final long negatives;

    private ThresholdCounts(double[] thresholds, long[] tp, long[] fp, long positives, long negatives) {
        this.thresholds = thresholds;
        this.tp = tp;
        this.fp = fp;
        this.positives = positives;
        this.negatives = negatives;
    }

    /**
     * Counts for anomaly scores (higher = more anomalous) against labels (1 = anomaly, 0 =
     * normal). Throws on a length mismatch, a non-finite score, a label other than 0/1 or no rows.
     */
    public static ThresholdCounts of(double[] scores, int[] labels) {
        InputChecks.finite("scores", scores);
        InputChecks.binary("labels", labels);
        InputChecks.sameLength("scores", scores.length, "labels", labels.length);
        int n = scores.length;
        if (n == 0) throw new IllegalArgumentException("no scores: expected at least one row");
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double[] thr = new double[n];
        long[] tp = new long[n];
        long[] fp = new long[n];
        int m = 0;
        long t = 0, f = 0;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            if (labels[i] == 1) t++;
            else f++;
            // close a group at the last row of each run of equal scores
            if (r == n - 1 || scores[order[r + 1]] != scores[i]) {
                thr[m] = scores[i];
                tp[m] = t;
                fp[m] = f;
                m++;
            }
        }
        return new ThresholdCounts(Arrays.copyOf(thr, m), Arrays.copyOf(tp, m), Arrays.copyOf(fp, m), t, f);
    }

    public int size() {
        return thresholds.length;
    }

    public long positives() {
        return positives;
    }

    public long negatives() {
        return negatives;
    }

    /** Copy of the distinct scores, descending. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    public long truePositives(int i) {
        return tp[i];
    }

    public long falsePositives(int i) {
        return fp[i];
    }
}
