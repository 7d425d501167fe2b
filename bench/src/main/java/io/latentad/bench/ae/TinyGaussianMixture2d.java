package io.latentad.bench.ae;

/**
 * A tiny EM for a full-covariance Gaussian mixture in two dimensions (2 x 2 covariances in closed
 * form), started from k-means, for the latent-space experiment. A stop-gap until
 * models.cluster.GaussianMixture is in main. Covariances get 1e-6 added to the diagonal (as
 * scikit-learn's reg_covar); responsibilities use log-sum-exp.
 */
final class TinyGaussianMixture2d {
    private TinyGaussianMixture2d() {
    }

    /** Hard labels (argmax responsibility) after EM from the k-means solution. */
    static int[] fit(double[][] x, int k, long seed, int iterations) {
        if (x[0].length != 2) throw new IllegalArgumentException("TinyGaussianMixture2d: d = " + x[0].length + ", expected 2");
        int n = x.length;
        int[] init = TinyKMeans.fit(x, k, 2, seed, null);
        double[][] r = new double[n][k];
        for (int i = 0; i < n; i++) r[i][init[i]] = 1;
        double[] w = new double[k], mx = new double[k], my = new double[k], sxx = new double[k], sxy = new double[k], syy = new double[k];
        double prev = Double.NEGATIVE_INFINITY;
        for (int it = 0; it < iterations; it++) {
            // M step
            for (int j = 0; j < k; j++) {
                double nk = 1e-10, ax = 0, ay = 0;
                for (int i = 0; i < n; i++) {
                    nk += r[i][j];
                    ax += r[i][j] * x[i][0];
                    ay += r[i][j] * x[i][1];
                }
                mx[j] = ax / nk;
                my[j] = ay / nk;
                double cxx = 0, cxy = 0, cyy = 0;
                for (int i = 0; i < n; i++) {
                    double dx = x[i][0] - mx[j], dy = x[i][1] - my[j];
                    cxx += r[i][j] * dx * dx;
                    cxy += r[i][j] * dx * dy;
                    cyy += r[i][j] * dy * dy;
                }
                sxx[j] = cxx / nk + 1e-6;
                sxy[j] = cxy / nk;
                syy[j] = cyy / nk + 1e-6;
                w[j] = nk / n;
            }
            // E step
            double ll = 0;
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double det = sxx[j] * syy[j] - sxy[j] * sxy[j];
                    double dx = x[i][0] - mx[j], dy = x[i][1] - my[j];
                    double q = (syy[j] * dx * dx - 2 * sxy[j] * dx * dy + sxx[j] * dy * dy) / det;
                    r[i][j] = Math.log(w[j]) - 0.5 * (q + Math.log(det)) - Math.log(2 * Math.PI);
                    max = Math.max(max, r[i][j]);
                }
                double s = 0;
                for (int j = 0; j < k; j++) s += Math.exp(r[i][j] - max);
                double lse = max + Math.log(s);
                ll += lse;
                for (int j = 0; j < k; j++) r[i][j] = Math.exp(r[i][j] - lse);
            }
            if (Math.abs(ll - prev) < 1e-3 * n * 1e-3) break;
            prev = ll;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int arg = 0;
            for (int j = 1; j < k; j++) if (r[i][j] > r[i][arg]) arg = j;
            labels[i] = arg;
        }
        return labels;
    }
}
