package io.latentad.models.cluster;

import java.util.Map;

/** Clustering by CLI method name ({@code kmeans}, {@code em}) with {@code --param} options. */
public final class Clusterings {
    private Clusterings() {
    }

    /**
     * Clusters the rows of {@code x} into {@code k} clusters and returns one label in
     * {@code 0..k-1} per row. Params: {@code seed}, {@code restarts}, and {@code covariance}
     * (em: full, diag, spherical).
     *
     * @throws IllegalArgumentException for an unknown method or key, a bad value, or k &gt; n
     */
    public static int[] cluster(String method, int k, Map<String, String> params, double[][] x) {
        throw new IllegalArgumentException("unknown clustering method '" + method + "': expected kmeans or em");
    }
}
