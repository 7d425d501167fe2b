package io.latentad.metrics.balance;

import io.latentad.metrics.InputChecks;
import java.util.Arrays;

/**
 * How evenly a detector's flagged anomalies spread over the classes, compared with the class
 * distribution: for each class {@code c}, {@code flaggedShare[c]} is the share of the flagged
 * rows that belong to {@code c} and {@code classShare[c]} the share of all rows that do. A
 * detector that flags points regardless of class reproduces the class distribution; one that
 * flags mostly the minority classes (the failure the class-conditioned VAE is meant to avoid)
 * drifts away from it. The summary is the root mean square difference over the classes,
 * {@code rmse = sqrt(mean_c (flaggedShare[c] - classShare[c])^2)}: 0 = perfectly balanced.
 *
 * <p>Classes are the distinct labels in ascending order ({@link #classes()}).
 *
 * <p>Reference: the per-class anomaly distribution of the CL-VAE paper (Fig. 4), class-conditioned
 * latent-space VAE for anomaly detection.
 *
 * <p>Cost: O(n log n).
 */
public record AnomalyBalance(int[] classes, double[] classShare, double[] flaggedShare, long flagged, double rmse) {

    /**
     * @param classLabels the class of every row
     * @param flags 1 for a row flagged as anomalous, 0 otherwise; at least one flagged row
     */
    public static AnomalyBalance of(int[] classLabels, int[] flags) {
        if (classLabels == null) throw new IllegalArgumentException("class labels are null: expected an array");
        InputChecks.binary("flags", flags);
        InputChecks.sameLength("class labels", classLabels.length, "flags", flags.length);
        int[] cls = distinct(classLabels);
        long[] all = new long[cls.length];
        long[] flaggedPer = new long[cls.length];
        long flagged = 0;
        for (int i = 0; i < classLabels.length; i++) {
            int c = Arrays.binarySearch(cls, classLabels[i]);
            all[c]++;
            if (flags[i] == 1) {
                flaggedPer[c]++;
                flagged++;
            }
        }
        if (flagged == 0) {
            throw new IllegalArgumentException("no row is flagged: the per-class share of anomalies needs at least one");
        }
        int n = classLabels.length;
        double[] classShare = new double[cls.length];
        double[] flaggedShare = new double[cls.length];
        double sq = 0;
        for (int c = 0; c < cls.length; c++) {
            classShare[c] = (double) all[c] / n;
            flaggedShare[c] = (double) flaggedPer[c] / flagged;
            double diff = flaggedShare[c] - classShare[c];
            sq += diff * diff;
        }
        return new AnomalyBalance(cls, classShare, flaggedShare, flagged, Math.sqrt(sq / cls.length));
    }

    static int[] distinct(int[] labels) {
        int[] s = labels.clone();
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) s[m++] = s[i];
        }
        return Arrays.copyOf(s, m);
    }
}
