package io.latentad.engine.autodiff;

import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

/**
 * VaDE's KL term ({@link VariationalOps#klToMixture}) against a mixture of <em>full-covariance</em>
 * Gaussians {@code N(m_k, L_k L_k^T)}: the diagonal posterior {@code q = N(mu, diag sigma^2)} of a row
 * against component k is, in closed form,
 *
 * <pre>KL_k = 1/2 [log |Sigma_k| - sum_j log sigma_j^2 + sum_j sigma_j^2 (Sigma_k^-1)_jj
 *              + (mu - m_k)^T Sigma_k^-1 (mu - m_k) - d]</pre>
 *
 * (the trace and Mahalanobis terms), and the row's value is {@code -log sum_k pi_k exp(-KL_k)}, the
 * bound with the responsibilities {@code gamma_k = softmax_k(log pi_k - KL_k)} that make it tightest
 * (so its gradient needs no derivative of gamma). A row with a label {@code y >= 0} takes
 * {@code KL_y - log pi_y}.
 *
 * <p>The factor: {@code chol} is {@code [K, d * d]}, row-major per component; below the diagonal its
 * entries are {@code L_k} itself, on the diagonal {@code L_aa = sqrt(floor + exp(theta_aa))} (each
 * Cholesky pivot, a conditional variance, is at least {@code floor}, so {@code |Sigma_k| >= floor^d}
 * and a component cannot collapse); entries above the diagonal are unused and get no gradient.
 *
 * <p>Gradients (per component, with {@code A = L^-1}, {@code Lambda = A^T A = Sigma^-1} and
 * {@code M = sum_rows g_r gamma_rk (diag sigma_r^2 + delta delta^T)}, {@code G = sum_rows g_r gamma_rk}):
 * {@code dKL/dmu = Lambda delta}, {@code dKL/dlogVar_j = (sigma_j^2 Lambda_jj - 1) / 2},
 * {@code dL = lower(G diag(1 / L_aa) - Lambda M A^T)} (from {@code d Sigma^-1 = -Sigma^-1 dSigma Sigma^-1}),
 * and {@code dL_aa / dtheta_aa = exp(theta_aa) / (2 L_aa)}. Everything is computed in double.
 *
 * <p>Cost: O(K d^3) per call for the inverses, O(rows K d^2) for the terms and the same for the
 * backward.
 */
public final class FullMixtureKl {
    private FullMixtureKl() {
    }

    /**
     * @param mu     posterior means {@code [rows, latent]}
     * @param logVar posterior log-variances {@code [rows, latent]}
     * @param logits mixture weight logits {@code [1, K]}
     * @param means  component means {@code [K, latent]}
     * @param chol   the components' Cholesky factors {@code [K, latent * latent]} (see the class comment)
     * @param floor  the floor of each squared pivot, &gt; 0
     * @param labels per-row component ({@code -1}: the mixture), or null for all rows unlabelled
     * @return per-row KL {@code [rows, 1]}
     */
    public static Var klToMixture(Var mu, Var logVar, Var logits, Var means, Var chol, double floor, int[] labels) {
        Tensor m = mu.value(), lv = logVar.value();
        Shapes.requireSame("klToFullMixture", m, lv);
        int rows = m.shape()[0], d = m.size() / Math.max(1, rows), k = logits.value().size();
        if (means.value().size() != k * d || chol.value().size() != k * d * d) {
            throw new IllegalArgumentException("klToFullMixture: means must be [" + k + ", " + d + "] and chol [" + k + ", " + d * d
                    + "], got " + means.value().size() + " and " + chol.value().size() + " entries");
        }
        if (!(floor > 0) || Double.isInfinite(floor)) throw new IllegalArgumentException("klToFullMixture: floor = " + floor + ", expected > 0");
        if (labels != null && labels.length != rows) {
            throw new IllegalArgumentException("klToFullMixture: " + labels.length + " labels for " + rows + " rows");
        }
        double[] logPi = VariationalOps.logSoftmax(logits.value());
        double[][] l = factors(chol.value(), k, d, floor), a = new double[k][], lam = new double[k][];
        double[] logDet = new double[k];
        for (int c = 0; c < k; c++) {
            a[c] = inverseLower(l[c], d);
            lam[c] = gram(a[c], d);
            for (int j = 0; j < d; j++) logDet[c] += Math.log(l[c][j * d + j]);
            logDet[c] *= 2;
        }
        Tensor cv = means.value();
        double[] gamma = new double[rows * k], delta = new double[d];
        Tensor out = StepArena.uninit(new int[] {rows, 1});
        double[] kl = new double[k];
        for (int r = 0; r < rows; r++) {
            int y = labels == null ? -1 : labels[r];
            if (y >= k) throw new IllegalArgumentException("klToFullMixture: label " + y + " of row " + r + " but only " + k + " components");
            double sumLv = 0;
            for (int j = 0; j < d; j++) sumLv += lv.at(r * d + j);
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) delta[j] = m.at(r * d + j) - cv.at(c * d + j);
                double tr = 0, maha = 0;
                double[] p = lam[c];
                for (int i = 0; i < d; i++) {
                    tr += Math.exp(lv.at(r * d + i)) * p[i * d + i];
                    double s = 0;
                    for (int j = 0; j < d; j++) s += p[i * d + j] * delta[j];
                    maha += delta[i] * s;
                }
                kl[c] = 0.5 * (logDet[c] - sumLv + tr + maha - d);
            }
            out.setAt(r, (float) VariationalOps.bound(logPi, kl, k, y, gamma, r * k));
        }
        return Var.result("klToFullMixture", out, v -> {
            double[][] mm = new double[k][d * d];
            double[] gk = new double[k], dl = new double[d];
            for (int r = 0; r < rows; r++) {
                double g = v.grad.at(r);
                if (g == 0) continue;
                for (int c = 0; c < k; c++) {
                    double gc = g * gamma[r * k + c];
                    LossOps.addGrad(logits, c, (float) (g * Math.exp(logPi[c]) - gc));
                    if (gc == 0) continue;
                    gk[c] += gc;
                    double[] p = lam[c], mc = mm[c];
                    for (int j = 0; j < d; j++) delta[j] = m.at(r * d + j) - cv.at(c * d + j);
                    for (int i = 0; i < d; i++) {
                        double s = 0;
                        for (int j = 0; j < d; j++) s += p[i * d + j] * delta[j];
                        dl[i] = s;
                        double e = Math.exp(lv.at(r * d + i));
                        LossOps.addGrad(mu, r * d + i, (float) (gc * s));
                        LossOps.addGrad(means, c * d + i, (float) (-gc * s));
                        LossOps.addGrad(logVar, r * d + i, (float) (gc * 0.5 * (e * p[i * d + i] - 1)));
                        mc[i * d + i] += gc * e;
                        for (int j = 0; j <= i; j++) mc[i * d + j] += gc * delta[i] * delta[j];
                    }
                }
            }
            for (int c = 0; c < k; c++) {
                if (gk[c] == 0) continue;
                double[] mc = mm[c];
                for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) mc[j * d + i] = mc[i * d + j];
                // dL = lower(G diag(1 / L_aa) - Lambda M A^T)
                double[] lm = mul(lam[c], mc, d), grad = mulTransposed(lm, a[c], d);
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < i; j++) LossOps.addGrad(chol, c * d * d + i * d + j, (float) -grad[i * d + j]);
                    double lii = l[c][i * d + i], gl = gk[c] / lii - grad[i * d + i];
                    // L_aa = sqrt(floor + exp(theta)): dL_aa/dtheta = exp(theta) / (2 L_aa) = (L_aa^2 - floor) / (2 L_aa)
                    LossOps.addGrad(chol, c * d * d + i * d + i, (float) (gl * (lii * lii - floor) / (2 * lii)));
                }
            }
        }, mu, logVar, logits, means, chol);
    }

    /** The lower factors {@code L_k} (row-major {@code d x d}) from the parameters, diagonal through the floor. */
    public static double[][] factors(Tensor chol, int k, int d, double floor) {
        double[][] l = new double[k][d * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < i; j++) l[c][i * d + j] = chol.at(c * d * d + i * d + j);
                l[c][i * d + i] = Math.sqrt(floor + Math.exp(chol.at(c * d * d + i * d + i)));
            }
        }
        return l;
    }

    /** {@code L^-1} of a lower-triangular {@code L} with positive diagonal, by forward substitution on each column. */
    public static double[] inverseLower(double[] l, int d) {
        double[] a = new double[d * d];
        for (int col = 0; col < d; col++) {
            for (int i = col; i < d; i++) {
                double s = i == col ? 1 : 0;
                for (int j = col; j < i; j++) s -= l[i * d + j] * a[j * d + col];
                a[i * d + col] = s / l[i * d + i];
            }
        }
        return a;
    }

    /** {@code A^T A}. */
    static double[] gram(double[] a, int d) {
        double[] g = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int t = 0; t < d; t++) s += a[t * d + i] * a[t * d + j];
                g[i * d + j] = s;
            }
        }
        return g;
    }

    private static double[] mul(double[] x, double[] y, int d) {
        double[] o = new double[d * d];
        for (int i = 0; i < d; i++) for (int t = 0; t < d; t++) for (int j = 0; j < d; j++) o[i * d + j] += x[i * d + t] * y[t * d + j];
        return o;
    }

    /** {@code x y^T}. */
    private static double[] mulTransposed(double[] x, double[] y, int d) {
        double[] o = new double[d * d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) for (int t = 0; t < d; t++) o[i * d + j] += x[i * d + t] * y[j * d + t];
        return o;
    }
}
