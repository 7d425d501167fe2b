package io.latentad.metrics.ranking;

/**
 * The receiver operating characteristic: false-positive rate against true-positive rate as the
 * score threshold falls, and its area (ROC-AUC).
 *
 * <p>ROC-AUC is the probability that a random anomaly scores above a random normal point, with
 * ties counted as one half: 1 is a perfect ranking, 0.5 a random one. Ties are exact: rows with
 * equal scores enter the curve together (a diagonal segment), so the area does not depend on
 * row order. The area is a trapezoid sum taken in integer counts and divided once by
 * {@code P * N}, which is exact up to 2^53 pairs.
 *
 * <p>Departures from scikit-learn 1.2 {@code roc_curve}: intermediate collinear points are kept
 * ({@code drop_intermediate=False}), and the first threshold is {@code +Infinity} (as in 1.3+)
 * rather than {@code max + 1}. The area equals {@code roc_auc_score}.
 *
 * <p>Reference: T. Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters
 * 27(8), 2006, doi:10.1016/j.patrec.2005.10.010.
 *
 * <p>Cost: O(n log n).
 */
public record RocCurve(double[] falsePositiveRate, double[] truePositiveRate, double[] thresholds, double auc) {

    /** The curve for anomaly scores (higher = more anomalous) and 0/1 labels (1 = anomaly). */
    public static RocCurve of(double[] scores, int[] labels) {
        return of(ThresholdCounts.of(scores, labels));
    }

    /** The curve from precomputed counts; both classes must be present. */
    public static RocCurve of(ThresholdCounts c) {
        requireBothClasses(c);
        int m = c.size();
        double[] fpr = new double[m + 1];
        double[] tpr = new double[m + 1];
        double[] thr = new double[m + 1];
        thr[0] = Double.POSITIVE_INFINITY;
        double twiceArea = 0; // sum of (fp_i - fp_{i-1}) (tp_i + tp_{i-1}) in counts: integers, exact
        long prevTp = 0, prevFp = 0;
        for (int i = 0; i < m; i++) {
            fpr[i + 1] = (double) c.fp[i] / c.negatives;
            tpr[i + 1] = (double) c.tp[i] / c.positives;
            thr[i + 1] = c.thresholds[i];
            twiceArea += (double) (c.fp[i] - prevFp) * (double) (c.tp[i] + prevTp);
            prevTp = c.tp[i];
            prevFp = c.fp[i];
        }
        double auc = twiceArea / (2.0 * c.positives * c.negatives);
        return new RocCurve(fpr, tpr, thr, auc);
    }

    /** ROC-AUC of anomaly scores against 0/1 labels. */
    public static double auc(double[] scores, int[] labels) {
        return of(scores, labels).auc();
    }

    static void requireBothClasses(ThresholdCounts c) {
        if (c.positives == 0 || c.negatives == 0) {
            throw new IllegalArgumentException("labels hold only " + (c.positives == 0 ? "0 (normal)" : "1 (anomaly)")
                    + " rows: ROC needs both anomalies and normal rows");
        }
    }
}
