package io.latentad.models.cluster;

import io.latentad.models.common.Inputs;

import java.util.function.IntFunction;
import java.util.function.ToDoubleBiFunction;

/**
 * Choosing the number of clusters over a range {@code kMin..kMax}: by the Bayesian information
 * criterion of a Gaussian mixture (no labels needed; lowest wins), or, when class labels exist, by
 * an external agreement score such as the V-measure between the labels and the clustering
 * (highest wins; the CL-VAE paper's "optimal number of clusters"). Ties go to the smaller k.
 *
 * <p>The agreement score is a parameter ({@code (truth, predicted) -> score}) so that any of the
 * metrics module's cluster scores can be plugged in.
 *
 * <p>Reference: G. Schwarz, Estimating the dimension of a model, Ann. Statist. 6(2), 1978,
 * doi:10.1214/aos/1176344136.
 */
public final class ClusterCount {
    /**
     * The outcome: the chosen {@code k}, and the criterion at every k tried.
     *
     * @param k         the chosen number of clusters
     * @param ks        the k tried, ascending
     * @param criterion the criterion at each of {@code ks} (BIC, or the agreement score)
     */
    public record Choice(int k, int[] ks, double[] criterion) {
    }

    private ClusterCount() {
    }

    /** The k in {@code kMin..kMax} whose mixture (options {@code base} with that k) has the least BIC. */
    public static Choice byBic(double[][] x, int kMin, int kMax, GaussianMixture.Options base) {
        Inputs.requireMatrix("ClusterCount", x);
        int[] ks = range(kMin, kMax, x.length);
        double[] crit = new double[ks.length];
        int best = 0;
        for (int i = 0; i < ks.length; i++) {
            crit[i] = GaussianMixture.fit(x, base.withK(ks[i])).bic(x);
            if (crit[i] < crit[best]) best = i;
        }
        return new Choice(ks[best], ks, crit);
    }

    /**
     * The k in {@code kMin..kMax} whose clustering {@code clusterer.apply(k)} agrees best with
     * {@code truth} by {@code scorer(truth, predicted)} (higher = better).
     */
    public static Choice byLabels(int[] truth, int kMin, int kMax, IntFunction<int[]> clusterer,
                                  ToDoubleBiFunction<int[], int[]> scorer) {
        if (truth == null || truth.length == 0) {
            throw new IllegalArgumentException("ClusterCount: no labels: expected one label per row");
        }
        int[] ks = range(kMin, kMax, truth.length);
        double[] crit = new double[ks.length];
        int best = 0;
        for (int i = 0; i < ks.length; i++) {
            int[] pred = clusterer.apply(ks[i]);
            if (pred.length != truth.length) {
                throw new IllegalArgumentException("ClusterCount: the clustering for k = " + ks[i] + " has "
                        + pred.length + " labels: expected " + truth.length);
            }
            crit[i] = scorer.applyAsDouble(truth, pred);
            if (crit[i] > crit[best]) best = i;
        }
        return new Choice(ks[best], ks, crit);
    }

    /** {@link #byLabels} with k-means ({@code base} options with each k) as the clusterer. */
    public static Choice byLabelsKMeans(double[][] x, int[] truth, int kMin, int kMax, KMeans.Options base,
                                        ToDoubleBiFunction<int[], int[]> scorer) {
        Inputs.requireMatrix("ClusterCount", x);
        return byLabels(truth, kMin, kMax, k -> KMeans.fit(x, base.withK(k)).labels(), scorer);
    }

    private static int[] range(int kMin, int kMax, int n) {
        if (kMin < 1 || kMax < kMin) {
            throw new IllegalArgumentException("ClusterCount: k range " + kMin + ".." + kMax
                    + ": expected 1 <= kMin <= kMax");
        }
        Inputs.requireAtMost("ClusterCount", "kMax", kMax, n);
        int[] ks = new int[kMax - kMin + 1];
        for (int i = 0; i < ks.length; i++) ks[i] = kMin + i;
        return ks;
    }
}
