package io.latentad.models.ae;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.MathOps;
import io.latentad.engine.autodiff.MatmulOps;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.ShapeOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.tensor.Tensor;

import java.util.Locale;

/**
 * DAGMM's Gaussian mixture from soft memberships and its sample energy (Zong et al. 2018,
 * equations 5 and 6), twice: differentiable over a minibatch (training), and in double over all
 * training rows (the mixture the model keeps and scores with).
 *
 * <p>With memberships gamma {@code [n, K]} of rows z {@code [n, d]}:
 * <pre>
 *   phi_k = 1/n sum_i gamma_ik,   mu_k = sum_i gamma_ik z_i / sum_i gamma_ik,
 *   Sigma_k = sum_i gamma_ik (z_i - mu_k)(z_i - mu_k)^T / sum_i gamma_ik + floor I,
 *   E(z) = -log sum_k phi_k N(z; mu_k, Sigma_k)
 * </pre>
 * Numerics: the floor on the diagonal keeps Sigma_k positive definite (the paper's implementation
 * adds a small epsilon the same way); the Cholesky pivots are clamped at {@code floor} before
 * their square root so a rounding error cannot give a NaN; the energy is a log-sum-exp shifted by
 * each row's largest term; log phi_k is taken of phi_k clamped at 1e-12 (a component nobody
 * belongs to contributes nothing instead of log 0).
 *
 * <p>The differentiable version is composed from existing autodiff ops on {@code [1, K]} and
 * {@code [n, K]} tensors (a Cholesky factorisation written out entry by entry, O(d^3) small ops),
 * so its gradient needs no hand-written backward; d is the code size plus 2, small by design.
 */
final class MixtureEnergy {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private MixtureEnergy() {
    }

    /** Sample energies {@code [n, 1]} and the penalty {@code sum_k sum_j 1 / Sigma_k,jj} of one batch. */
    record Batch(Var energy, Var penalty) {
    }

    static Batch batch(Var z, Var gamma, float floor) {
        int n = z.value().dim(0), d = z.value().dim(1);
        Var nk = ArithmeticOps.addScalar(ReductionOps.sum(gamma, 0, true), 1e-12f);            // [1, K]
        Var phi = ArithmeticOps.mulScalar(nk, 1f / n);
        Var mu = ArithmeticOps.div(MatmulOps.matmul(ShapeOps.transpose(gamma), z), ShapeOps.transpose(nk)); // [K, d]
        Var muT = ShapeOps.transpose(mu);                                                      // [d, K]
        Var[] diff = new Var[d];
        for (int a = 0; a < d; a++) diff[a] = ArithmeticOps.sub(ShapeOps.slice(z, 1, a, a + 1), ShapeOps.slice(muT, 0, a, a + 1));
        Var[][] l = new Var[d][d];
        Var penalty = null, logDet = null;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                Var c = ArithmeticOps.div(ReductionOps.sum(ArithmeticOps.mul(gamma, ArithmeticOps.mul(diff[a], diff[b])), 0, true), nk);
                if (a == b) {
                    c = ArithmeticOps.addScalar(c, floor);
                    Var inv = MathOps.pow(c, -1f);
                    penalty = penalty == null ? ReductionOps.sum(inv) : ArithmeticOps.add(penalty, ReductionOps.sum(inv));
                }
                for (int j = 0; j < b; j++) c = ArithmeticOps.sub(c, ArithmeticOps.mul(l[a][j], l[b][j]));
                if (a == b) {
                    l[a][a] = MathOps.sqrt(MathOps.clamp(c, floor, Float.MAX_VALUE)); // pivot floor: no sqrt of a rounding error below 0
                    Var ld = MathOps.log(l[a][a]);
                    logDet = logDet == null ? ld : ArithmeticOps.add(logDet, ld);
                } else {
                    l[a][b] = ArithmeticOps.div(c, l[b][b]);
                }
            }
        }
        // forward substitution L y = z_i - mu_k for every (i, k) at once; Mahalanobis = ||y||^2
        Var[] y = new Var[d];
        Var maha = null;
        for (int a = 0; a < d; a++) {
            Var r = diff[a];
            for (int j = 0; j < a; j++) r = ArithmeticOps.sub(r, ArithmeticOps.mul(l[a][j], y[j]));
            y[a] = ArithmeticOps.div(r, l[a][a]);
            Var sq = MathOps.pow(y[a], 2f);
            maha = maha == null ? sq : ArithmeticOps.add(maha, sq);
        }
        // log phi_k N(z_i; mu_k, Sigma_k) = log phi_k - 1/2 maha - 1/2 log det - d/2 log 2 pi, with log det = 2 sum log L_aa
        Var logp = ArithmeticOps.sub(ArithmeticOps.add(ArithmeticOps.mulScalar(maha, -0.5f),
                MathOps.log(MathOps.clamp(phi, 1e-12f, Float.MAX_VALUE))), logDet);
        logp = ArithmeticOps.addScalar(logp, (float) (-0.5 * d * LOG_2PI));
        // log-sum-exp over k, shifted by each row's largest term (a constant: the result does not depend on it)
        Tensor lp = logp.value();
        int k = lp.dim(1);
        Tensor max = Tensor.zeros(n, 1);
        for (int i = 0; i < n; i++) {
            float m = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) m = Math.max(m, lp.get(i, j));
            max.setAt(i, m);
        }
        Var shift = Var.constant(max);
        Var lse = ArithmeticOps.add(shift, MathOps.log(ReductionOps.sum(MathOps.exp(ArithmeticOps.sub(logp, shift)), 1, true)));
        return new Batch(ArithmeticOps.neg(lse), penalty);
    }

    /** A fitted mixture in double: weights {@code [K]}, means {@code [K][d]}, covariances {@code [K][d][d]} (floor included). */
    record Mixture(double[] phi, double[][] mu, double[][][] cov) {
        int components() {
            return phi.length;
        }

        /** The sample energy of each row of {@code z}. */
        double[] energies(double[][] z) {
            int k = phi.length, d = mu[0].length;
            double[][][] chol = new double[k][][];
            double[] logDet = new double[k];
            for (int c = 0; c < k; c++) {
                if (phi[c] <= 0) continue;
                chol[c] = cholesky(cov[c], c);
                for (int a = 0; a < d; a++) logDet[c] += 2 * Math.log(chol[c][a][a]);
            }
            double[] e = new double[z.length], terms = new double[k], y = new double[d];
            for (int i = 0; i < z.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    if (chol[c] == null) {
                        terms[c] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double maha = 0;
                    for (int a = 0; a < d; a++) {
                        double r = z[i][a] - mu[c][a];
                        for (int j = 0; j < a; j++) r -= chol[c][a][j] * y[j];
                        y[a] = r / chol[c][a][a];
                        maha += y[a] * y[a];
                    }
                    terms[c] = Math.log(phi[c]) - 0.5 * maha - 0.5 * logDet[c] - 0.5 * d * LOG_2PI;
                    max = Math.max(max, terms[c]);
                }
                double s = 0;
                for (int c = 0; c < k; c++) s += Math.exp(terms[c] - max); // log-sum-exp, shifted by the largest term
                e[i] = -(max + Math.log(s));
            }
            return e;
        }
    }

    /**
     * The mixture of rows {@code z} with memberships {@code gamma} (the equations above, in double).
     * A component whose memberships sum to less than 1e-9 n gets weight 0 and is left out of the
     * energy (the others are renormalised by nothing: their weights are as computed).
     *
     * @throws IllegalArgumentException when every component is empty or a covariance is not
     *                                  positive definite even with the floor (a collapse)
     */
    static Mixture fit(double[][] z, double[][] gamma, double floor) {
        int n = z.length, d = z[0].length, k = gamma[0].length;
        double[] phi = new double[k];
        double[][] mu = new double[k][d];
        double[][][] cov = new double[k][d][d];
        boolean any = false;
        for (int c = 0; c < k; c++) {
            double nk = 0;
            for (int i = 0; i < n; i++) nk += gamma[i][c];
            if (!(nk >= 1e-9 * n)) continue;
            any = true;
            phi[c] = nk / n;
            for (int i = 0; i < n; i++) for (int a = 0; a < d; a++) mu[c][a] += gamma[i][c] * z[i][a] / nk;
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    double da = z[i][a] - mu[c][a];
                    for (int b = 0; b <= a; b++) cov[c][a][b] += gamma[i][c] * da * (z[i][b] - mu[c][b]) / nk;
                }
            }
            for (int a = 0; a < d; a++) {
                cov[c][a][a] += floor;
                for (int b = 0; b < a; b++) cov[c][b][a] = cov[c][a][b];
            }
            cholesky(cov[c], c); // refuses a collapsed covariance now, not at scoring time
        }
        if (!any) throw new IllegalArgumentException("dagmm: every mixture component is empty (memberships sum to 0)");
        return new Mixture(phi, mu, cov);
    }

    /** The lower Cholesky factor of {@code a}; a pivot that is not positive is a collapsed covariance, said so. */
    static double[][] cholesky(double[][] a, int component) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int t = 0; t < j; t++) s -= l[i][t] * l[j][t];
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT, "dagmm: the covariance of mixture component %d"
                                + " collapsed (Cholesky pivot %d is %.3g): its rows are (nearly) identical along some direction;"
                                + " use fewer components (gmm_k) or a larger cov_floor", component, i, s));
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }
}
