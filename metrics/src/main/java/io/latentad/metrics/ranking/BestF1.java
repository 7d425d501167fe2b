package io.latentad.metrics.ranking;

/**
 * The threshold that maximises F1 over all cut points {@code score >= t}, {@code t} one of the
 * distinct scores. This is an oracle figure (it looks at the labels to choose the threshold),
 * common in the anomaly-detection literature to compare scorers independently of a contamination
 * guess; report it as such. Ties between thresholds with equal F1 go to the highest threshold
 * (fewest flagged rows).
 *
 * <p>Cost: O(n log n).
 */
public record BestF1(double threshold, double f1, double precision, double recall) {

    /** The best F1 of anomaly scores against 0/1 labels; needs at least one anomaly. */
    public static BestF1 of(double[] scores, int[] labels) {
        ThresholdCounts c = ThresholdCounts.of(scores, labels);
        if (c.positives == 0) {
            throw new IllegalArgumentException("labels hold no 1 (anomaly): F1 needs at least one");
        }
        int best = 0;
        double bestF1 = -1;
        for (int i = 0; i < c.size(); i++) {
            long fn = c.positives - c.tp[i];
            double f1 = 2.0 * c.tp[i] / (2 * c.tp[i] + c.fp[i] + fn);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = i;
            }
        }
        long tp = c.tp[best], fp = c.fp[best];
        return new BestF1(c.thresholds[best], bestF1, (double) tp / (tp + fp), (double) tp / c.positives);
    }
}
