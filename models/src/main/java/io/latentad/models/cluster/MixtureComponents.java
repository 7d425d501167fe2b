package io.latentad.models.cluster;

import io.latentad.engine.linalg.Cholesky;

/**
 * The parameters of a Gaussian mixture in the form the E-step wants: log weights, means, and the
 * Cholesky factor of each covariance (full: lower {@code d x d}; diag: per-axis standard
 * deviations; spherical: one standard deviation). Immutable once built.
 */
final class MixtureComponents {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** scikit-learn adds {@code 10 * eps} to every component mass so that no weight is zero. */
    private static final double MASS_FLOOR = 10 * Math.ulp(1.0);

    final CovarianceType type;
    final int k, d;
    final double[] weights;
    final double[] logWeights;
    final double[] means;       // k * d
    final double[] covariances; // full: k*d*d, diag: k*d, spherical: k
    final double[] factor;      // full: k*d*d lower Cholesky of the covariance; diag: k*d std; spherical: k std
    final double[] logNorm;     // -0.5 * d * log(2 pi) - 0.5 * log det(Sigma_k)

    private MixtureComponents(CovarianceType type, int k, int d, double[] weights, double[] means,
                              double[] covariances, double[] factor, double[] logDetHalf) {
        this.type = type;
        this.k = k;
        this.d = d;
        this.weights = weights;
        this.means = means;
        this.covariances = covariances;
        this.factor = factor;
        this.logWeights = new double[k];
        this.logNorm = new double[k];
        for (int c = 0; c < k; c++) {
            logWeights[c] = Math.log(weights[c]);
            logNorm[c] = -0.5 * d * LOG_2PI - logDetHalf[c];
        }
    }

    /**
     * The M-step: weights, means and covariances from responsibilities {@code resp} ({@code n x k}),
     * with {@code reg} added to every variance (the covariance floor, scikit-learn's
     * {@code reg_covar}). Two passes (means, then centred second moments) avoid the cancellation
     * of {@code E[x x^T] - mu mu^T}.
     */
    static MixtureComponents estimate(double[] xs, int n, int d, double[] resp, int k,
                                      CovarianceType type, double reg) {
        int blocks = Blocks.count(n);
        double[][] pMass = new double[blocks][], pSum = new double[blocks][];
        Blocks.forEach(n, (b, from, to) -> {
            double[] mass = new double[k], sum = new double[k * d];
            for (int i = from; i < to; i++) {
                for (int c = 0; c < k; c++) {
                    double r = resp[i * k + c];
                    if (r == 0) continue;
                    mass[c] += r;
                    for (int t = 0; t < d; t++) sum[c * d + t] += r * xs[i * d + t];
                }
            }
            pMass[b] = mass;
            pSum[b] = sum;
        });
        double[] nk = new double[k], means = new double[k * d];
        for (int b = 0; b < blocks; b++) {
            for (int c = 0; c < k; c++) nk[c] += pMass[b][c];
            for (int t = 0; t < k * d; t++) means[t] += pSum[b][t];
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
            nk[c] += MASS_FLOOR;
            total += nk[c];
            for (int t = 0; t < d; t++) means[c * d + t] /= nk[c];
        }
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) weights[c] = nk[c] / total;

        boolean full = type == CovarianceType.FULL;
        int per = full ? d * d : d;
        double[][] pSq = new double[blocks][];
        Blocks.forEach(n, (b, from, to) -> {
            double[] sq = new double[k * per];
            double[] diff = new double[d];
            for (int i = from; i < to; i++) {
                for (int c = 0; c < k; c++) {
                    double r = resp[i * k + c];
                    if (r == 0) continue;
                    for (int t = 0; t < d; t++) diff[t] = xs[i * d + t] - means[c * d + t];
                    int o = c * per;
                    if (full) {
                        for (int p = 0; p < d; p++) {
                            double rp = r * diff[p];
                            for (int q = 0; q <= p; q++) sq[o + p * d + q] += rp * diff[q];
                        }
                    } else {
                        for (int t = 0; t < d; t++) sq[o + t] += r * diff[t] * diff[t];
                    }
                }
            }
            pSq[b] = sq;
        });
        double[] second = new double[k * per];
        for (int b = 0; b < blocks; b++) {
            for (int t = 0; t < k * per; t++) second[t] += pSq[b][t];
        }
        return fromMoments(type, k, d, weights, means, nk, second, reg);
    }

    private static MixtureComponents fromMoments(CovarianceType type, int k, int d, double[] weights,
                                                 double[] means, double[] nk, double[] second, double reg) {
        double[] logDetHalf = new double[k];
        double[] cov, factor;
        switch (type) {
            case FULL: {
                cov = new double[k * d * d];
                factor = new double[k * d * d];
                for (int c = 0; c < k; c++) {
                    double[][] s = new double[d][d];
                    for (int p = 0; p < d; p++) {
                        for (int q = 0; q <= p; q++) {
                            double v = second[c * d * d + p * d + q] / nk[c] + (p == q ? reg : 0);
                            s[p][q] = v;
                            s[q][p] = v;
                            cov[c * d * d + p * d + q] = v;
                            cov[c * d * d + q * d + p] = v;
                        }
                    }
                    Cholesky ch = Cholesky.tryFactor(s);
                    if (ch == null) {
                        throw new IllegalArgumentException("GaussianMixture: component " + c
                                + " has a covariance that is not positive definite even with reg_covar = " + reg
                                + ": expected data with variance in every direction, or a larger reg_covar");
                    }
                    for (int p = 0; p < d; p++) {
                        for (int q = 0; q <= p; q++) factor[c * d * d + p * d + q] = ch.get(p, q);
                    }
                    logDetHalf[c] = 0.5 * ch.logDet();
                }
                break;
            }
            case DIAG: {
                cov = new double[k * d];
                factor = new double[k * d];
                for (int c = 0; c < k; c++) {
                    for (int t = 0; t < d; t++) {
                        double v = second[c * d + t] / nk[c] + reg;
                        cov[c * d + t] = v;
                        factor[c * d + t] = Math.sqrt(v);
                        logDetHalf[c] += 0.5 * Math.log(v);
                    }
                }
                break;
            }
            default: {
                cov = new double[k];
                factor = new double[k];
                for (int c = 0; c < k; c++) {
                    double v = 0;
                    for (int t = 0; t < d; t++) v += second[c * d + t] / nk[c] + reg;
                    v /= d; // the mean of the floored diagonal variances, as scikit-learn
                    cov[c] = v;
                    factor[c] = Math.sqrt(v);
                    logDetHalf[c] = 0.5 * d * Math.log(v);
                }
            }
        }
        return new MixtureComponents(type, k, d, weights, means, cov, factor, logDetHalf);
    }

    /**
     * {@code out[c] = log w_c + log N(x | mu_c, Sigma_c)} for the row at {@code xs[xo..xo+d)}, and
     * returns {@code log p(x) = logsumexp_c out[c]}. {@code work} has {@code d} slots.
     */
    double weightedLogProb(double[] xs, int xo, double[] work, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            int mo = c * d;
            double maha = 0;
            switch (type) {
                case FULL: {
                    // forward substitution L y = x - mu; maha = ||y||^2
                    int fo = c * d * d;
                    for (int p = 0; p < d; p++) {
                        double s = xs[xo + p] - means[mo + p];
                        int row = fo + p * d;
                        for (int q = 0; q < p; q++) s -= factor[row + q] * work[q];
                        double y = s / factor[row + p];
                        work[p] = y;
                        maha += y * y;
                    }
                    break;
                }
                case DIAG:
                    for (int t = 0; t < d; t++) {
                        double y = (xs[xo + t] - means[mo + t]) / factor[mo + t];
                        maha += y * y;
                    }
                    break;
                default: {
                    double inv = 1 / factor[c];
                    for (int t = 0; t < d; t++) {
                        double y = (xs[xo + t] - means[mo + t]) * inv;
                        maha += y * y;
                    }
                }
            }
            double v = logWeights[c] + logNorm[c] - 0.5 * maha;
            out[c] = v;
            if (v > max) max = v;
        }
        // log-sum-exp, shifted by the largest term so exp never overflows and one term is exp(0)
        if (max == Double.NEGATIVE_INFINITY) return max;
        double s = 0;
        for (int c = 0; c < k; c++) s += Math.exp(out[c] - max);
        return max + Math.log(s);
    }

    /** Number of free parameters (weights, means, covariances). */
    long parameters() {
        return (k - 1) + (long) k * d + type.covarianceParameters(k, d);
    }
}
