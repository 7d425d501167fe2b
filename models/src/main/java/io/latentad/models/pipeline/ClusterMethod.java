package io.latentad.models.pipeline;

/** A clustering of latent codes into k groups (k-means, EM for a Gaussian mixture, ...). */
public interface ClusterMethod {
    /** The name used in tables, e.g. {@code k-means}, {@code EM}. */
    String name();

    /**
     * One cluster label in {@code 0..k-1} per row of {@code z}; deterministic for a seed.
     *
     * @param k the number of clusters, 1 <= k <= z.length
     */
    int[] cluster(double[][] z, int k, long seed);
}
