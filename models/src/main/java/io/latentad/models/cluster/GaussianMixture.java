package io.latentad.models.cluster;

import io.latentad.engine.random.Rng;
import io.latentad.models.common.Inputs;

/**
 * A Gaussian mixture fitted by expectation-maximisation: {@code p(x) = sum_c w_c N(x | mu_c,
 * Sigma_c)} with full, diagonal or spherical covariances.
 *
 * <p>Each restart starts from the labels of a one-restart k-means (hard responsibilities), then
 * alternates the E-step (responsibilities {@code r_ic = w_c N(x_i | c) / p(x_i)}, computed in logs
 * with log-sum-exp so that far rows do not underflow) and the M-step (weights, means and
 * covariances as responsibility-weighted moments, each variance floored by {@code regCovar}) until
 * the mean log-likelihood changes by less than {@code tol}, or {@code maxIter} steps. The restart
 * with the highest final mean log-likelihood is kept.
 *
 * <p>Follows scikit-learn's {@code GaussianMixture} (k-means initialisation, {@code reg_covar},
 * {@code 10 eps} mass floor, tolerance on the change of the mean log-likelihood); departs from it
 * in picking the best restart by the likelihood of the final parameters rather than of the last
 * E-step.
 *
 * <p>Reference: A. P. Dempster, N. M. Laird, D. B. Rubin, Maximum likelihood from incomplete
 * data via the EM algorithm, J. R. Stat. Soc. B 39(1), 1977, doi:10.1111/j.2517-6161.1977.tb01600.x.
 *
 * <p>Cost per iteration: {@code O(n k d^2)} (full) or {@code O(n k d)}; memory {@code O(n (d + k))}.
 */
public final class GaussianMixture {
    /**
     * @param k          components (default 1)
     * @param covariance covariance shape (default full)
     * @param maxIter    EM iterations per restart (default 100)
     * @param tol        stop when the mean log-likelihood changes by less (default 1e-3)
     * @param regCovar   added to every variance (default 1e-6)
     * @param restarts   initialisations tried, the best kept (default 1)
     * @param seed       random seed (for the k-means initialisation)
     */
    public record Options(int k, CovarianceType covariance, int maxIter, double tol, double regCovar,
                          int restarts, long seed) {
        public Options {
            Inputs.requireAtLeast("GaussianMixture", "k", k, 1);
            if (covariance == null) throw new IllegalArgumentException("GaussianMixture: covariance is null: expected full, diag or spherical");
            Inputs.requireAtLeast("GaussianMixture", "maxIter", maxIter, 1);
            Inputs.requireAtLeast("GaussianMixture", "restarts", restarts, 1);
            if (!(tol >= 0) || Double.isInfinite(tol)) {
                throw new IllegalArgumentException("GaussianMixture: tol = " + tol + ": expected a finite value >= 0");
            }
            if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
                throw new IllegalArgumentException("GaussianMixture: regCovar = " + regCovar + ": expected a finite value >= 0");
            }
        }

        public static Options defaults() {
            return new Options(1, CovarianceType.FULL, 100, 1e-3, 1e-6, 1, 0);
        }

        public Options withK(int k) {
            return new Options(k, covariance, maxIter, tol, regCovar, restarts, seed);
        }

        public Options withCovariance(CovarianceType c) {
            return new Options(k, c, maxIter, tol, regCovar, restarts, seed);
        }

        public Options withSeed(long seed) {
            return new Options(k, covariance, maxIter, tol, regCovar, restarts, seed);
        }

        public Options withRestarts(int restarts) {
            return new Options(k, covariance, maxIter, tol, regCovar, restarts, seed);
        }
    }

    private GaussianMixture() {
    }

    /** Fits the mixture to the rows of {@code x}. */
    public static GaussianMixtureModel fit(double[][] x, Options o) {
        int d = Inputs.requireMatrix("GaussianMixture", x);
        int n = x.length;
        Inputs.requireAtMost("GaussianMixture", "k", o.k(), n);
        double[] xs = Inputs.flatten(x, d);
        Rng rng = new Rng(o.seed());
        GaussianMixtureModel best = null;
        for (int r = 0; r < o.restarts(); r++) {
            long initSeed = rng.split().nextLong();
            GaussianMixtureModel m = run(xs, n, d, o, initSeed);
            if (best == null || m.meanLogLikelihood() > best.meanLogLikelihood()) best = m;
        }
        return best;
    }

    /**
     * The mixture of a given partition (one M-step from hard responsibilities, no EM): each component's weight,
     * mean and covariance are those of its rows, {@code regCovar} added to every variance. A cluster without rows
     * is refused.
     *
     * @param labels the cluster of each row, in [0, k)
     */
    public static GaussianMixtureModel fromLabels(double[][] x, int[] labels, int k, CovarianceType type, double regCovar) {
        int d = Inputs.requireMatrix("GaussianMixture", x);
        int n = x.length;
        new Options(k, type, 1, 0, regCovar, 1, 0); // validates k, type and regCovar
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException("GaussianMixture: " + (labels == null ? "no" : labels.length) + " labels: expected one per row (" + n + ")");
        }
        double[] resp = new double[n * k];
        int[] size = new int[k];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= k) throw new IllegalArgumentException("GaussianMixture: label " + labels[i] + " of row " + i + ": expected 0.." + (k - 1));
            resp[i * k + labels[i]] = 1;
            size[labels[i]]++;
        }
        for (int c = 0; c < k; c++) if (size[c] == 0) throw new IllegalArgumentException("GaussianMixture: cluster " + c + " has no rows");
        double[] xs = Inputs.flatten(x, d);
        MixtureComponents comps = MixtureComponents.estimate(xs, n, d, resp, k, type, regCovar);
        double mean = 0;
        for (double v : logLikelihoods(comps, xs, n)) mean += v;
        return new GaussianMixtureModel(comps, mean / n, true, 0);
    }

    private static GaussianMixtureModel run(double[] xs, int n, int d, Options o, long initSeed) {
        int k = o.k();
        double[] resp = new double[n * k];
        int[] init = KMeans.fit(unflatten(xs, n, d), new KMeans.Options(k, 1, 300, 1e-4, initSeed)).labels();
        for (int i = 0; i < n; i++) resp[i * k + init[i]] = 1;
        MixtureComponents comps = MixtureComponents.estimate(xs, n, d, resp, k, o.covariance(), o.regCovar());
        double lower = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int it;
        for (it = 1; it <= o.maxIter(); it++) {
            double prev = lower;
            lower = eStep(comps, xs, n, resp);
            comps = MixtureComponents.estimate(xs, n, d, resp, k, o.covariance(), o.regCovar());
            if (Math.abs(lower - prev) < o.tol()) {
                converged = true;
                break;
            }
        }
        double[] ll = logLikelihoods(comps, xs, n);
        double mean = 0;
        for (double v : ll) mean += v;
        return new GaussianMixtureModel(comps, mean / n, converged, Math.min(it, o.maxIter()));
    }

    /** Fills {@code resp} with responsibilities; returns the mean log-likelihood. */
    static double eStep(MixtureComponents comps, double[] xs, int n, double[] resp) {
        int k = comps.k, d = comps.d;
        double[] part = new double[Blocks.count(n)];
        Blocks.forEach(n, (b, from, to) -> {
            double[] work = new double[d], lp = new double[k];
            double s = 0;
            for (int i = from; i < to; i++) {
                double norm = comps.weightedLogProb(xs, i * d, work, lp);
                s += norm;
                for (int c = 0; c < k; c++) resp[i * k + c] = Math.exp(lp[c] - norm);
            }
            part[b] = s;
        });
        return Blocks.sum(part) / n;
    }

    static double[] logLikelihoods(MixtureComponents comps, double[] xs, int n) {
        int k = comps.k, d = comps.d;
        double[] out = new double[n];
        Blocks.forEach(n, (b, from, to) -> {
            double[] work = new double[d], lp = new double[k];
            for (int i = from; i < to; i++) out[i] = comps.weightedLogProb(xs, i * d, work, lp);
        });
        return out;
    }

    static double[][] unflatten(double[] xs, int n, int d) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) System.arraycopy(xs, i * d, x[i], 0, d);
        return x;
    }
}
