package io.latentad.models.detect;

import io.latentad.engine.linalg.Cholesky;
import io.latentad.models.common.Inputs;

/**
 * One Gaussian fitted to all rows (maximum-likelihood mean and covariance); a row's score is its
 * squared Mahalanobis distance {@code (x - mu)^T Sigma^-1 (x - mu)} to the mean.
 *
 * <p>Score: higher = more anomalous; for Gaussian data it follows a chi-squared law with d degrees
 * of freedom (mean d). The covariance is the biased (1/n) estimate, as scikit-learn's
 * {@code EmpiricalCovariance}; the distance is {@code ||L^-1 (x - mu)||^2} with L its Cholesky
 * factor.
 *
 * <p>Departure: where the covariance is singular (a constant column, collinear columns)
 * scikit-learn uses a pseudo-inverse; here the diagonal is raised by {@code 1e-10} times the mean
 * variance, ten-fold until the Cholesky factorisation succeeds, so every direction has a small
 * positive variance.
 *
 * <p>Reference: P. C. Mahalanobis, On the generalised distance in statistics, Proc. National
 * Institute of Sciences of India 2(1), 1936.
 *
 * <p>Cost: fit {@code O(n d^2 + d^3)}, {@code O(d^2)} per scored row.
 */
public final class GaussianDensity implements Detector {
    /** No tunable options; the record keeps the common contract. */
    public record Options() {
        public static Options defaults() {
            return new Options();
        }
    }

    public GaussianDensity() {
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("GaussianDensity", x);
        int n = x.length;
        double[] mean = new double[d];
        for (double[] r : x) for (int t = 0; t < d; t++) mean[t] += r[t];
        for (int t = 0; t < d; t++) mean[t] /= n;
        double[][] cov = new double[d][d];
        double[] diff = new double[d];
        for (double[] r : x) {
            for (int t = 0; t < d; t++) diff[t] = r[t] - mean[t];
            for (int p = 0; p < d; p++) for (int q = 0; q <= p; q++) cov[p][q] += diff[p] * diff[q];
        }
        double trace = 0;
        for (int p = 0; p < d; p++) {
            for (int q = 0; q <= p; q++) {
                cov[p][q] /= n;
                cov[q][p] = cov[p][q];
            }
            trace += cov[p][p];
        }
        requireFiniteCovariance(cov);
        Cholesky chol = Cholesky.tryFactor(cov);
        // variance floor for singular covariances: grow a ridge ten-fold until the factorisation
        // succeeds; a finite covariance plus a ridge of 1e10 times its mean variance always
        // factorises, so the loop is bounded (MAX_RIDGE_STEPS guards against a surprise all the same)
        double ridge = 1e-10 * Math.max(trace / d, Double.MIN_NORMAL);
        for (int step = 0; chol == null; step++) {
            if (step == MAX_RIDGE_STEPS || !Double.isFinite(ridge)) {
                throw new IllegalArgumentException("GaussianDensity: the covariance of the " + n + " x " + d
                        + " data is not positive definite even with a ridge of " + ridge / 10
                        + ": expected data whose variances are finite and not all zero");
            }
            double[][] c = new double[d][];
            for (int p = 0; p < d; p++) {
                c[p] = cov[p].clone();
                c[p][p] += ridge;
            }
            chol = Cholesky.tryFactor(c);
            ridge *= 10;
        }
        Model m = new Model(d, mean, chol);
        m.setTrainingScores(m.scoreRows(x));
        return m;
    }

    /** Ten-fold ridge steps from 1e-10 to 1e20 times the mean variance. */
    static final int MAX_RIDGE_STEPS = 31;

    /**
     * Throws if an entry of the covariance overflowed (values beyond about 1e154 in magnitude
     * square to infinity), naming the column: no ridge can repair an infinite or NaN covariance.
     */
    private static void requireFiniteCovariance(double[][] cov) {
        for (int p = 0; p < cov.length; p++) {
            for (int q = 0; q <= p; q++) {
                if (!Double.isFinite(cov[p][q])) {
                    throw new IllegalArgumentException("GaussianDensity: covariance of columns " + q + " and " + p + " is "
                            + cov[p][q] + " (the values are too large to square): expected values below about 1e150 in"
                            + " magnitude; rescale the data (e.g. --scale standard)");
                }
            }
        }
    }

    /** A fitted Gaussian. */
    public static final class Model extends FittedBase {
        private final double[] mean;
        private final Cholesky chol;

        Model(int d, double[] mean, Cholesky chol) {
            super("GaussianDensity", d);
            this.mean = mean;
            this.chol = chol;
        }

        public double[] mean() {
            return mean.clone();
        }

        @Override
        double[] scoreRows(double[][] x) {
            int d = dimension();
            double[] out = new double[x.length];
            double[] diff = new double[d], work = new double[d];
            for (int i = 0; i < x.length; i++) {
                for (int t = 0; t < d; t++) diff[t] = x[i][t] - mean[t];
                out[i] = chol.mahalanobisSq(diff, work);
            }
            return out;
        }
    }
}
