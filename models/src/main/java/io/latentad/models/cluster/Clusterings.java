package io.latentad.models.cluster;

import io.latentad.models.common.Inputs;
import io.latentad.models.common.Params;

import java.util.Map;
import java.util.Set;

/** Clustering by CLI method name ({@code kmeans}, {@code em}) with {@code --param} options. */
public final class Clusterings {
    private static final Set<String> KMEANS_KEYS = Set.of("seed", "restarts");
    private static final Set<String> EM_KEYS = Set.of("seed", "restarts", "covariance");

    private Clusterings() {
    }

    /**
     * Clusters the rows of {@code x} into {@code k} clusters and returns one label in
     * {@code 0..k-1} per row. Params: {@code seed}, {@code restarts}, and {@code covariance}
     * (em: full, diag, spherical). Defaults: k-means 10 restarts, EM 1 restart and full
     * covariances (scikit-learn's), seed 0.
     *
     * @throws IllegalArgumentException for an unknown method or key, a bad value, or k &gt; n
     */
    public static int[] cluster(String method, int k, Map<String, String> params, double[][] x) {
        Map<String, String> p = params == null ? Map.of() : params;
        if ("kmeans".equals(method)) {
            Params.requireKeys(method, p, KMEANS_KEYS);
            KMeans.Options o = KMeans.Options.defaults().withK(k)
                    .withSeed(Params.longParam(p, "seed", 0))
                    .withRestarts(Params.intParam(p, "restarts", 10));
            return KMeans.fit(x, o).labels();
        }
        if ("em".equals(method)) {
            Params.requireKeys(method, p, EM_KEYS);
            GaussianMixture.Options o = GaussianMixture.Options.defaults().withK(k)
                    .withSeed(Params.longParam(p, "seed", 0))
                    .withRestarts(Params.intParam(p, "restarts", 1))
                    .withCovariance(CovarianceType.parse(p.getOrDefault("covariance", "full")));
            Inputs.requireMatrix("GaussianMixture", x);
            return GaussianMixture.fit(x, o).predict(x);
        }
        throw new IllegalArgumentException("unknown clustering method '" + method + "': expected kmeans or em");
    }
}
