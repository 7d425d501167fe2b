package io.latentad.metrics.cluster;

import io.latentad.metrics.InputChecks;
import java.util.Arrays;

/**
 * The contingency table of two labelings of the same points: {@code count(c, k)} is the number of
 * points of class {@code c} put in cluster {@code k}. Labels are arbitrary integers; they are
 * mapped to dense indices in ascending order of label value ({@link #classLabel(int)},
 * {@link #clusterLabel(int)} give them back).
 *
 * <p>Cost: O(n log n) time for the label maps, O(C K) memory for the dense table.
 */
public final class ContingencyTable {
    private final int[] classLabels;
    private final int[] clusterLabels;
    private final long[][] counts;
    private final long[] classTotals;
    private final long[] clusterTotals;
    private final long n;

    private ContingencyTable(int[] classLabels, int[] clusterLabels, long[][] counts) {
        this.classLabels = classLabels;
        this.clusterLabels = clusterLabels;
        this.counts = counts;
        this.classTotals = new long[classLabels.length];
        this.clusterTotals = new long[clusterLabels.length];
        long total = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int k = 0; k < counts[c].length; k++) {
                classTotals[c] += counts[c][k];
                clusterTotals[k] += counts[c][k];
                total += counts[c][k];
            }
        }
        this.n = total;
    }

    /** Tabulates true classes against predicted clusters. */
    public static ContingencyTable of(int[] classes, int[] clusters) {
        if (classes == null || clusters == null) {
            throw new IllegalArgumentException("labels are null: expected two int arrays");
        }
        InputChecks.sameLength("classes", classes.length, "clusters", clusters.length);
        int[] cl = distinct(classes);
        int[] kl = distinct(clusters);
        long[][] counts = new long[cl.length][kl.length];
        for (int i = 0; i < classes.length; i++) {
            counts[Arrays.binarySearch(cl, classes[i])][Arrays.binarySearch(kl, clusters[i])]++;
        }
        return new ContingencyTable(cl, kl, counts);
    }

    /** Sorted distinct values. */
    static int[] distinct(int[] labels) {
        int[] s = labels.clone();
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) s[m++] = s[i];
        }
        return Arrays.copyOf(s, m);
    }

    public int classes() {
        return classLabels.length;
    }

    public int clusters() {
        return clusterLabels.length;
    }

    public long total() {
        return n;
    }

    public long count(int classIndex, int clusterIndex) {
        return counts[classIndex][clusterIndex];
    }

    public long classTotal(int classIndex) {
        return classTotals[classIndex];
    }

    public long clusterTotal(int clusterIndex) {
        return clusterTotals[clusterIndex];
    }

    /** The original label of dense class index {@code c}. */
    public int classLabel(int c) {
        return classLabels[c];
    }

    /** The original label of dense cluster index {@code k}. */
    public int clusterLabel(int k) {
        return clusterLabels[k];
    }

    /** Entropy H(C) of the class marginal, natural log. */
    public double classEntropy() {
        return entropy(classTotals, n);
    }

    /** Entropy H(K) of the cluster marginal, natural log. */
    public double clusterEntropy() {
        return entropy(clusterTotals, n);
    }

    /**
     * Mutual information I(C; K) in nats, written term by term as scikit-learn's
     * {@code mutual_info_score}: each non-zero cell contributes
     * {@code p_ck (log n_ck - log n) + p_ck (log n + log n - log(n_c n_k))}; terms smaller than
     * machine epsilon are zeroed and the sum is clipped at 0 (it can dip below by rounding).
     */
    public double mutualInformation() {
        if (classLabels.length == 1 || clusterLabels.length == 1) return 0.0;
        double logN = Math.log(n);
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int k = 0; k < counts[c].length; k++) {
                long nck = counts[c][k];
                if (nck == 0) continue;
                double p = (double) nck / n;
                double logOuter = -Math.log((double) (classTotals[c] * clusterTotals[k])) + logN + logN;
                double term = p * (Math.log(nck) - logN) + p * logOuter;
                if (Math.abs(term) < Math.ulp(1.0)) term = 0.0;
                sum += term;
            }
        }
        return Math.max(0.0, sum);
    }

    /**
     * Shannon entropy in nats of a count vector, as scikit-learn's {@code entropy(labels)}:
     * {@code -sum (n_i / n) (log n_i - log n)}; zero for an empty or single-valued vector.
     */
    static double entropy(long[] totals, long n) {
        if (n == 0 || totals.length <= 1) return 0.0;
        double logN = Math.log(n);
        double h = 0;
        for (long t : totals) {
            if (t > 0) h -= ((double) t / n) * (Math.log(t) - logN);
        }
        return h;
    }
}
