package io.latentad.metrics.ranking;

/**
 * Precision against recall as the score threshold falls, and average precision (AP).
 *
 * <p>The curve has one point per distinct score (rows with equal scores enter together), ordered
 * by decreasing threshold, i.e. increasing recall, with no extra end points. AP is scikit-learn's
 * uninterpolated step integral {@code AP = sum_i (R_i - R_{i-1}) P_i} with {@code R_0 = 0}: the mean
 * of the precision reached at each new recall level, weighted by the recall gained there. It
 * does not interpolate precision (unlike the trapezoid area, which is optimistic). A random
 * ranking gives AP close to the anomaly rate; a perfect one gives 1.
 *
 * <p>Departure from scikit-learn 1.2: with no anomaly in the labels, scikit-learn warns and
 * returns 0; here that throws, since AP then measures nothing.
 *
 * <p>Reference: scikit-learn {@code average_precision_score}; M. Zhu, "Recall, precision and
 * average precision", University of Waterloo working paper 2004-09.
 *
 * <p>Cost: O(n log n).
 */
public record PrecisionRecallCurve(double[] precision, double[] recall, double[] thresholds, double averagePrecision) {

    /** The curve for anomaly scores (higher = more anomalous) and 0/1 labels (1 = anomaly). */
    public static PrecisionRecallCurve of(double[] scores, int[] labels) {
        return of(ThresholdCounts.of(scores, labels));
    }

    public static PrecisionRecallCurve of(ThresholdCounts c) {
        if (c.positives == 0) {
            throw new IllegalArgumentException("labels hold no 1 (anomaly): precision and recall need at least one");
        }
        int m = c.size();
        double[] p = new double[m];
        double[] r = new double[m];
        double ap = 0;
        double prevRecall = 0;
        for (int i = 0; i < m; i++) {
            p[i] = (double) c.tp[i] / (c.tp[i] + c.fp[i]); // tp + fp >= 1 at every distinct score
            r[i] = (double) c.tp[i] / c.positives;
            ap += (r[i] - prevRecall) * p[i];
            prevRecall = r[i];
        }
        return new PrecisionRecallCurve(p, r, c.thresholds.clone(), ap);
    }

    /** Average precision of anomaly scores against 0/1 labels. */
    public static double averagePrecision(double[] scores, int[] labels) {
        return of(scores, labels).averagePrecision();
    }
}
