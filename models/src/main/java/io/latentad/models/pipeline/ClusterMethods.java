package io.latentad.models.pipeline;

import io.latentad.models.cluster.CovarianceType;
import io.latentad.models.cluster.GaussianMixture;
import io.latentad.models.cluster.KMeans;

/** The pipeline's two clusterings of latent codes: k-means and EM for a Gaussian mixture. */
public final class ClusterMethods {
    private ClusterMethods() {
    }

    /** k-means (k-means++ seeding, Lloyd with Hamerly bounds) with {@code restarts} restarts. */
    public static ClusterMethod kMeans(int restarts) {
        return new ClusterMethod() {
            @Override
            public String name() {
                return "k-means";
            }

            @Override
            public int[] cluster(double[][] z, int k, long seed) {
                return KMeans.fit(z, KMeans.Options.defaults().withK(k).withSeed(seed).withRestarts(restarts)).labels();
            }
        };
    }

    /** EM for a full-covariance Gaussian mixture (k-means start), labels by highest posterior. */
    public static ClusterMethod em(int restarts) {
        return new ClusterMethod() {
            @Override
            public String name() {
                return "EM";
            }

            @Override
            public int[] cluster(double[][] z, int k, long seed) {
                GaussianMixture.Options o = GaussianMixture.Options.defaults().withK(k).withSeed(seed)
                        .withRestarts(restarts).withCovariance(CovarianceType.FULL);
                return GaussianMixture.fit(z, o).predict(z);
            }
        };
    }
}
