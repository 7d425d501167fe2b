package io.latentad.models.ae;

import io.latentad.engine.tensor.Tensor;
import io.latentad.models.cluster.CovarianceType;
import io.latentad.models.cluster.GaussianMixture;
import io.latentad.models.cluster.GaussianMixtureModel;
import io.latentad.models.cluster.SpectralClustering;
import io.latentad.models.cluster.Umap;

/**
 * The gmvae's first prior, fitted on the codes of the pre-trained network ({@code start}): {@code gmm} (VaDE's) a
 * Gaussian mixture fitted by EM ({@code init_restarts} restarts, the likeliest kept); {@code spectral} the mixture of
 * the partition that {@link SpectralClustering} finds on a k-nearest-neighbour graph of the codes (a subsample of
 * 10,000, 10 neighbours, fewer on fewer rows, one Gaussian kernel for all edges: on denoising-pre-trained MNIST
 * codes it separated 4 and 9 where UMAP's per-row scale did not, bench/notes/latent-priors.md, session 10), each
 * component the weight, mean and covariance of its codes, without EM (which would pull it back to the likeliest
 * mixture, not the manifold's clusters); {@code umap} the same from the partition of a full Gaussian mixture on a
 * {@link Umap} embedding of the codes (N2D's recipe: 20 neighbours, 10 dimensions, {@code min_dist = 0}, a subsample
 * of 10,000, the other codes by the vote of their 20 nearest sampled codes).
 */
final class MixtureStart {
    private MixtureStart() {
    }

    /** The start's mixture of the codes {@code z}, diagonal or full as the prior. */
    static GaussianMixtureModel fit(double[][] z, GaussianMixtureVae.Options o, long seed) {
        CovarianceType type = o.prior() == GaussianMixtureVae.Covariance.FULL ? CovarianceType.FULL : CovarianceType.DIAG;
        if (o.start() == GaussianMixtureVae.Start.SPECTRAL) {
            // fewer neighbours on small data (at least 2 rows: k <= rows was checked)
            SpectralClustering.Options so = SpectralClustering.Options.defaults().withK(o.k()).withSeed(seed)
                    .withAffinity(SpectralClustering.Affinity.GLOBAL);
            SpectralClustering.Result r = SpectralClustering.fit(z, so.withNeighbours(Math.max(1, Math.min(so.neighbours(), z.length - 1))));
            return GaussianMixture.fromLabels(z, r.labels(), o.k(), type, 1e-6);
        }
        if (o.start() == GaussianMixtureVae.Start.UMAP) {
            // fewer neighbours and dimensions on small data (at least 2 rows: k <= rows was checked)
            Umap.Options uo = Umap.Options.defaults().withSeed(seed);
            int m = Math.min(z.length, uo.sample());
            if (m < 3) return GaussianMixture.fromLabels(z, roundRobin(z.length, o.k()), o.k(), type, 1e-6); // a row or two each
            uo = uo.withNeighbours(Math.min(uo.neighbours(), m - 1)).withDims(Math.min(uo.dims(), m - 2));
            return GaussianMixture.fromLabels(z, Umap.cluster(z, o.k(), uo), o.k(), type, 1e-6);
        }
        return GaussianMixture.fit(z, GaussianMixture.Options.defaults().withK(o.k()).withCovariance(type).withSeed(seed)
                .withRestarts(o.initRestarts()));
    }

    /** Row i in cluster {@code i mod k}. */
    private static int[] roundRobin(int n, int k) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = i % k;
        return out;
    }

    /**
     * The Cholesky parameters of one full covariance {@code cov} ({@code d x d}, row-major) into row {@code k} of
     * {@code out}: below the diagonal the factor itself, on it {@code theta = log(L_aa^2 - floor)}; a pivot below the
     * floor is lifted to 1.001 floor (the factor is then that of a slightly larger covariance).
     */
    static void factor(double[] cov, int d, double floor, Tensor out, int k) {
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = cov[i * d + j];
                for (int t = 0; t < j; t++) s -= l[i * d + t] * l[j * d + t];
                if (i == j) {
                    double piv = Math.max(s, 1.001 * floor); // pivot floor, also against a rounding error below 0
                    l[i * d + i] = Math.sqrt(piv);
                    out.setAt(k * d * d + i * d + i, (float) Math.log(piv - floor));
                } else {
                    l[i * d + j] = s / l[j * d + j];
                    out.setAt(k * d * d + i * d + j, (float) l[i * d + j]);
                }
            }
        }
    }
}
