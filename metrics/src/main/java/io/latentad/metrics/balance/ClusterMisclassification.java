package io.latentad.metrics.balance;

import io.latentad.metrics.cluster.ContingencyTable;
import java.util.Arrays;

/**
 * The cluster-majority misclassification set: the rows whose class differs from the majority
 * class of the cluster they were put in. In a latent space where clusters follow the classes,
 * such rows sit among points of another class and are candidate anomalies (the CL-VAE paper,
 * section 4.4, uses them as its "misclassification" anomaly score).
 *
 * <p>Ties for the majority go to the smallest class label, so the result does not depend on row
 * order. {@link #flags()} holds 1 for a misclassified row, 0 otherwise, ready to use as a 0/1
 * anomaly score.
 *
 * <p>Cost: O(n log n + C K).
 */
public record ClusterMisclassification(int[] clusters, int[] majorityClass, int[] misclassified, int[] flags) {

    /** The misclassification set of {@code classLabels} under the clustering {@code clusterLabels}. */
    public static ClusterMisclassification of(int[] classLabels, int[] clusterLabels) {
        ContingencyTable t = ContingencyTable.of(classLabels, clusterLabels);
        int[] clusters = new int[t.clusters()];
        int[] majority = new int[t.clusters()];
        for (int k = 0; k < t.clusters(); k++) {
            clusters[k] = t.clusterLabel(k);
            int best = 0;
            for (int c = 1; c < t.classes(); c++) {
                if (t.count(c, k) > t.count(best, k)) best = c; // strict: ties keep the smaller label
            }
            majority[k] = t.classLabel(best);
        }
        int n = classLabels.length;
        int[] flags = new int[n];
        int[] idx = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int k = Arrays.binarySearch(clusters, clusterLabels[i]);
            if (classLabels[i] != majority[k]) {
                flags[i] = 1;
                idx[m++] = i;
            }
        }
        return new ClusterMisclassification(clusters, majority, Arrays.copyOf(idx, m), flags);
    }

    /** Share of rows in the misclassification set. */
    public double rate() {
        return flags.length == 0 ? 0.0 : (double) misclassified.length / flags.length;
    }
}
