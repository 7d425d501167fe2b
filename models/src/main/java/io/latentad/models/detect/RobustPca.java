package io.latentad.models.detect;

import io.latentad.engine.linalg.Svd;
import io.latentad.models.common.Inputs;

/**
 * Robust PCA by principal component pursuit: the data matrix M (n x d) is split into a low-rank
 * part L and a sparse part S, {@code min ||L||_* + lambda ||S||_1 subject to L + S = M}. Gross
 * errors in a few rows end up in S, while the shared linear structure stays in L.
 *
 * <p>Solved by the inexact augmented Lagrange multiplier method: alternately singular value
 * thresholding for L ({@code D_{1/mu}(M - S + Y/mu)}), soft thresholding for S
 * ({@code shrink_{lambda/mu}(M - L + Y/mu)}), a dual ascent step {@code Y += mu (M - L - S)}, and
 * {@code mu} grown by 1.5 per step, until {@code ||M - L - S||_F < tol ||M||_F}.
 *
 * <p>Score: for a fitted row, the Euclidean norm of its row of S; higher = more anomalous. New rows
 * (where there is no S to read) are scored by the norm of their part outside L's row space,
 * {@code ||x - V V^T x||}, which for a fitted row equals its S row up to S's own component in
 * that space. That rule is ours, not the paper's.
 *
 * <p>Reference: E. J. Candès, X. Li, Y. Ma, J. Wright, Robust principal component analysis?,
 * J. ACM 58(3), 2011, doi:10.1145/1970392.1970395; the solver: Z. Lin, M. Chen, Y. Ma, The
 * augmented Lagrange multiplier method for exact recovery of corrupted low-rank matrices,
 * arXiv:1009.5055, 2010 (algorithm 5, with its constants 1.25 / ||M||_2, 1.5 and 1e7).
 *
 * <p>Cost: one thin SVD, {@code O(n d^2)}, per iteration (tens of iterations); memory
 * {@code O(n d)}.
 */
public final class RobustPca implements Detector {
    /**
     * @param lambda  weight of the sparse part; NaN for the default {@code 1 / sqrt(max(n, d))}
     * @param maxIter iteration cap (default 500)
     * @param tol     relative residual to stop at (default 1e-7)
     */
    public record Options(double lambda, int maxIter, double tol) {
        public Options {
            if (!Double.isNaN(lambda)) Inputs.requirePositive("RobustPca", "lambda", lambda);
            Inputs.requireAtLeast("RobustPca", "maxIter", maxIter, 1);
            Inputs.requirePositive("RobustPca", "tol", tol);
        }

        public static Options defaults() {
            return new Options(Double.NaN, 500, 1e-7);
        }
    }

    private final Options options;

    public RobustPca(Options options) {
        this.options = options;
    }

    public RobustPca() {
        this(Options.defaults());
    }

    @Override
    public String name() {
        return "rpca";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("RobustPca", x);
        int n = x.length;
        double lambda = Double.isNaN(options.lambda()) ? 1 / Math.sqrt(Math.max(n, d)) : options.lambda();
        double[] m = Inputs.flatten(x, d);
        int len = n * d;
        double normF = 0, normInf = 0;
        for (double v : m) {
            normF += v * v;
            normInf = Math.max(normInf, Math.abs(v));
        }
        normF = Math.sqrt(normF);
        double norm2 = Svd.of(n, d, m, false).singularValues()[0];
        double[] l = new double[len], s = new double[len], y = new double[len], work = new double[len];
        int rank = 0;
        double[][] basis = new double[d][0];
        if (normF > 0) {
            // dual start Y = M / J(M), J(M) = max(||M||_2, ||M||_inf / lambda)
            double j = Math.max(norm2, normInf / lambda);
            for (int i = 0; i < len; i++) y[i] = m[i] / j;
            double mu = 1.25 / norm2, muMax = mu * 1e7, rho = 1.5;
            for (int it = 0; it < options.maxIter(); it++) {
                for (int i = 0; i < len; i++) work[i] = m[i] - s[i] + y[i] / mu;
                Svd svd = Svd.of(n, d, work, true);
                double[] sv = svd.singularValues();
                rank = 0;
                while (rank < sv.length && sv[rank] > 1 / mu) rank++;
                double[][] u = svd.u(rank);
                basis = svd.v(rank);
                java.util.Arrays.fill(l, 0);
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < rank; c++) {
                        double a = u[r][c] * (sv[c] - 1 / mu); // singular value thresholding
                        for (int t = 0; t < d; t++) l[r * d + t] += a * basis[t][c];
                    }
                }
                double shrink = lambda / mu, res = 0;
                for (int i = 0; i < len; i++) {
                    double v = m[i] - l[i] + y[i] / mu;
                    s[i] = Math.signum(v) * Math.max(Math.abs(v) - shrink, 0); // soft thresholding
                    double z = m[i] - l[i] - s[i];
                    y[i] += mu * z;
                    res += z * z;
                }
                mu = Math.min(mu * rho, muMax);
                if (Math.sqrt(res) < options.tol() * normF) break;
            }
        }
        double[] train = new double[n];
        for (int r = 0; r < n; r++) {
            double q = 0;
            for (int t = 0; t < d; t++) q += s[r * d + t] * s[r * d + t];
            train[r] = Math.sqrt(q);
        }
        Model model = new Model(d, basis, rank, lambda);
        model.setTrainingScores(train);
        return model;
    }

    /** A fitted low-rank row space. */
    public static final class Model extends FittedBase {
        private final double[][] v; // d x rank
        private final int rank;
        private final double lambda;

        Model(int d, double[][] v, int rank, double lambda) {
            super("RobustPca", d);
            this.v = v;
            this.rank = rank;
            this.lambda = lambda;
        }

        /** Rank of the low-rank part. */
        public int rank() {
            return rank;
        }

        public double lambda() {
            return lambda;
        }

        @Override
        double[] scoreRows(double[][] x) {
            int d = dimension();
            double[] out = new double[x.length];
            double[] proj = new double[rank];
            for (int i = 0; i < x.length; i++) {
                java.util.Arrays.fill(proj, 0);
                for (int t = 0; t < d; t++) for (int c = 0; c < rank; c++) proj[c] += x[i][t] * v[t][c];
                double e = 0;
                for (int t = 0; t < d; t++) {
                    double r = x[i][t];
                    for (int c = 0; c < rank; c++) r -= v[t][c] * proj[c];
                    e += r * r;
                }
                out[i] = Math.sqrt(e);
            }
            return out;
        }
    }
}
