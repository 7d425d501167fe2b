package io.latentad.engine.autodiff;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FullMixtureKl}: the gradient against double central differences of an independent reference
 * (which builds each covariance, inverts it by Gauss-Jordan and takes its determinant by elimination),
 * with and without labelled rows; the closed form against a Monte Carlo estimate with correlated
 * components; equality with the diagonal op ({@link VariationalOps#klToMixture}) when the factors are
 * diagonal; the pivot floor; bad shapes.
 */
class FullMixtureKlTest {
    private static final double FLOOR = 0.05;

    /** Sigma_k = L L^T from the parameters (below the diagonal: L; on it: sqrt(floor + exp(theta))). */
    private static double[][] covariance(double[] chol, int c, int d) {
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) l[i][j] = chol[c * d * d + i * d + j];
            l[i][i] = Math.sqrt(FLOOR + Math.exp(chol[c * d * d + i * d + i]));
        }
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) for (int t = 0; t < d; t++) s[i][j] += l[i][t] * l[j][t];
        return s;
    }

    /** Inverse (first d columns of the result) and log-determinant by Gauss-Jordan with partial pivoting. */
    private static double invert(double[][] s, double[][] inv) {
        int d = s.length;
        double[][] a = new double[d][2 * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(s[i], 0, a[i], 0, d);
            a[i][d + i] = 1;
        }
        double logDet = 0;
        for (int col = 0; col < d; col++) {
            int p = col;
            for (int i = col + 1; i < d; i++) if (Math.abs(a[i][col]) > Math.abs(a[p][col])) p = i;
            double[] t = a[p];
            a[p] = a[col];
            a[col] = t;
            double piv = a[col][col];
            logDet += Math.log(Math.abs(piv));
            for (int j = 0; j < 2 * d; j++) a[col][j] /= piv;
            for (int i = 0; i < d; i++) {
                if (i == col) continue;
                double f = a[i][col];
                for (int j = 0; j < 2 * d; j++) a[i][j] -= f * a[col][j];
            }
        }
        for (int i = 0; i < d; i++) System.arraycopy(a[i], d, inv[i], 0, d);
        return logDet;
    }

    /** KL(N(mu, diag e^lv) || N(m, S)) written from the definition. */
    private static double kl(double[] mu, double[] lv, double[] m, double[][] s) {
        int d = mu.length;
        double[][] inv = new double[d][d];
        double logDet = invert(s, inv), tr = 0, maha = 0, sumLv = 0;
        for (int i = 0; i < d; i++) {
            tr += inv[i][i] * Math.exp(lv[i]);
            sumLv += lv[i];
            for (int j = 0; j < d; j++) maha += (mu[i] - m[i]) * inv[i][j] * (mu[j] - m[j]);
        }
        return 0.5 * (logDet - sumLv + tr + maha - d);
    }

    /** sum_k gamma_k KL_k + KL(gamma || pi) with gamma written out. */
    private static double[] reference(double[][] in, int rows, int dim, int k, int[] labels) {
        double[] mu = in[0], lv = in[1], logits = in[2], means = in[3], chol = in[4];
        double[] pi = new double[k];
        double zs = 0;
        for (int c = 0; c < k; c++) zs += Math.exp(logits[c]);
        for (int c = 0; c < k; c++) pi[c] = Math.exp(logits[c]) / zs;
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double[] m = new double[dim], l = new double[dim], kl = new double[k];
            System.arraycopy(mu, r * dim, m, 0, dim);
            System.arraycopy(lv, r * dim, l, 0, dim);
            for (int c = 0; c < k; c++) {
                double[] mc = new double[dim];
                System.arraycopy(means, c * dim, mc, 0, dim);
                kl[c] = kl(m, l, mc, covariance(chol, c, dim));
            }
            double[] g = new double[k];
            if (labels != null && labels[r] >= 0) {
                g[labels[r]] = 1;
            } else {
                double norm = 0;
                for (int c = 0; c < k; c++) norm += pi[c] * Math.exp(-kl[c]);
                for (int c = 0; c < k; c++) g[c] = pi[c] * Math.exp(-kl[c]) / norm;
            }
            for (int c = 0; c < k; c++) if (g[c] > 0) out[r] += g[c] * (kl[c] + Math.log(g[c] / pi[c]));
        }
        return out;
    }

    private static Tensor[] inputs(Rng rng, int rows, int dim, int k) {
        return new Tensor[] {Tensor.uniform(rng, -1.5f, 1.5f, rows, dim), Tensor.uniform(rng, -1f, 0.5f, rows, dim),
                Tensor.uniform(rng, -1f, 1f, 1, k), Tensor.uniform(rng, -1.5f, 1.5f, k, dim), Tensor.uniform(rng, -0.8f, 0.8f, k, dim * dim)};
    }

    private static void gradCheck(int[] labels) {
        int rows = 4, dim = 3, k = 3;
        GradCheck.Result r = GradCheck.check(inputs(new Rng(11), rows, dim, k),
                v -> FullMixtureKl.klToMixture(v[0], v[1], v[2], v[3], v[4], FLOOR, labels),
                d -> reference(d, rows, dim, k, labels), 5);
        assertTrue(r.forwardError() <= 1e-5, "forward error " + r.forwardError());
        assertTrue(r.gradientError() <= 1e-4, "gradient error " + r.gradientError() + " at " + r.worst());
    }

    @Test
    void gradientMatchesCentralDifferences() {
        gradCheck(null);
    }

    @Test
    void gradientMatchesCentralDifferencesWithLabelledRows() {
        gradCheck(new int[] {-1, 2, 0, -1});
    }

    /** Diagonal factors (zero below the diagonal, theta = rho) give the diagonal op's values and gradients. */
    @Test
    void diagonalFactorsGiveTheDiagonalOp() {
        int rows = 5, dim = 4, k = 3;
        Tensor[] in = inputs(new Rng(2), rows, dim, k);
        Tensor rho = Tensor.uniform(new Rng(3), -1f, 0.5f, k, dim), chol = Tensor.zeros(k, dim * dim);
        for (int c = 0; c < k; c++) for (int j = 0; j < dim; j++) chol.setAt(c * dim * dim + j * dim + j, rho.at(c * dim + j));
        Var[] a = params(in[0], in[1], in[2], in[3], rho), b = params(in[0], in[1], in[2], in[3], chol);
        Var diag = VariationalOps.klToMixture(a[0], a[1], a[2], a[3], a[4], FLOOR, null);
        Var full = FullMixtureKl.klToMixture(b[0], b[1], b[2], b[3], b[4], FLOOR, null);
        ReductionOps.sum(diag).backward();
        ReductionOps.sum(full).backward();
        for (int r = 0; r < rows; r++) assertEquals(diag.value().at(r), full.value().at(r), 1e-5 * Math.max(1, Math.abs(diag.value().at(r))));
        for (int p = 0; p < 4; p++) {
            for (int i = 0; i < a[p].value().size(); i++) assertEquals(a[p].grad().at(i), b[p].grad().at(i), 1e-5, "input " + p + " entry " + i);
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < dim; j++) assertEquals(a[4].grad().at(c * dim + j), b[4].grad().at(c * dim * dim + j * dim + j), 1e-5);
        }
    }

    private static Var[] params(Tensor... t) {
        Var[] v = new Var[t.length];
        for (int i = 0; i < t.length; i++) v[i] = Var.param(t[i].copy(), "in" + i);
        return v;
    }

    /**
     * One row, K = 3 correlated components in 2-D: the closed form equals a Monte Carlo estimate (200,000 draws from
     * q(z|x)) of E_q[sum_k gamma_k (log q(z|x) + log gamma_k - log pi_k - log N(z; m_k, Sigma_k))] within 4 standard
     * errors, and is at least the Monte Carlo estimate of KL(q(z|x) || p(z)).
     */
    @Test
    void closedFormMatchesMonteCarlo() {
        int dim = 2, k = 3;
        double[] mu = {0.4, -0.3}, lv = {Math.log(0.5), Math.log(0.8)}, logits = {0.2, -0.5, 0.1};
        double[] means = {0, 0, 1.5, -1, -1, 1};
        // factors: strong positive, strong negative and no correlation
        double[] chol = {Math.log(0.9 - FLOOR), 0, 0.8, Math.log(0.3 - FLOOR),
            Math.log(0.5 - FLOOR), 0, -0.6, Math.log(0.2 - FLOOR),
            Math.log(1.4 - FLOOR), 0, 0, Math.log(0.7 - FLOOR)};
        double closed = FullMixtureKl.klToMixture(Var.constant(Tensor.of(toFloat(mu), 1, 2)), Var.constant(Tensor.of(toFloat(lv), 1, 2)),
                Var.constant(Tensor.of(toFloat(logits), 1, 3)), Var.constant(Tensor.of(toFloat(means), 3, 2)),
                Var.constant(Tensor.of(toFloat(chol), 3, 4)), FLOOR, null).value().at(0);
        assertEquals(reference(new double[][] {mu, lv, logits, means, chol}, 1, dim, k, null)[0], closed, 1e-5);

        double[] logPi = VariationalOps.logSoftmax(Tensor.of(toFloat(logits), 1, 3));
        double[][][] inv = new double[k][dim][dim];
        double[] logDet = new double[k], gamma = new double[k];
        double norm = 0;
        for (int c = 0; c < k; c++) {
            double[][] s = covariance(chol, c, dim);
            logDet[c] = invert(s, inv[c]);
            gamma[c] = Math.exp(logPi[c] - kl(mu, lv, new double[] {means[2 * c], means[2 * c + 1]}, s));
            norm += gamma[c];
        }
        for (int c = 0; c < k; c++) gamma[c] /= norm;
        Rng rng = new Rng(3);
        int n = 200_000;
        double sJ = 0, sJ2 = 0, sM = 0, sM2 = 0;
        double[] z = new double[dim], lp = new double[k];
        for (int i = 0; i < n; i++) {
            double logQ = 0;
            for (int j = 0; j < dim; j++) {
                double e = rng.nextGaussian();
                z[j] = mu[j] + Math.exp(0.5 * lv[j]) * e;
                logQ += -0.5 * (Math.log(2 * Math.PI) + lv[j] + e * e);
            }
            double joint = 0, mx = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double maha = 0;
                for (int a = 0; a < dim; a++) for (int b = 0; b < dim; b++) maha += (z[a] - means[2 * c + a]) * inv[c][a][b] * (z[b] - means[2 * c + b]);
                lp[c] = logPi[c] - 0.5 * (dim * Math.log(2 * Math.PI) + logDet[c] + maha);
                joint += gamma[c] * (logQ + Math.log(gamma[c]) - lp[c]);
                mx = Math.max(mx, lp[c]);
            }
            double lse = 0;
            for (int c = 0; c < k; c++) lse += Math.exp(lp[c] - mx);
            double marginal = logQ - (mx + Math.log(lse));
            sJ += joint;
            sJ2 += joint * joint;
            sM += marginal;
            sM2 += marginal * marginal;
        }
        double mcJoint = sJ / n, seJoint = Math.sqrt((sJ2 / n - mcJoint * mcJoint) / n);
        double mcMarginal = sM / n, seMarginal = Math.sqrt((sM2 / n - mcMarginal * mcMarginal) / n);
        assertTrue(Math.abs(closed - mcJoint) <= 4 * seJoint, "closed form " + closed + " vs Monte Carlo " + mcJoint + " +- " + seJoint);
        assertTrue(closed >= mcMarginal - 4 * seMarginal, "the closed form " + closed + " must bound KL(q || p) = " + mcMarginal + " +- " + seMarginal);
    }

    @Test
    void collapsingComponentStaysFinite() {
        Tensor[] in = inputs(new Rng(5), 4, 3, 2);
        for (int c = 0; c < 2; c++) for (int j = 0; j < 3; j++) in[4].setAt(c * 9 + j * 3 + j, -200f); // exp(theta) underflows: pivots at the floor
        Var[] v = params(in);
        Var out = FullMixtureKl.klToMixture(v[0], v[1], v[2], v[3], v[4], FLOOR, null);
        ReductionOps.sum(out).backward();
        for (Var p : v) for (int i = 0; i < p.value().size(); i++) assertTrue(Float.isFinite(p.grad().at(i)), "gradient not finite");
        for (int i = 0; i < out.value().size(); i++) assertTrue(Float.isFinite(out.value().at(i)));
    }

    @Test
    void refusesBadShapesFloorsAndLabels() {
        Tensor[] in = inputs(new Rng(1), 2, 2, 2);
        Var[] v = new Var[in.length];
        for (int i = 0; i < v.length; i++) v[i] = Var.constant(in[i]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FullMixtureKl.klToMixture(v[0], v[1], v[2], v[3], v[3], FLOOR, null));
        assertTrue(e.getMessage().contains("chol"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FullMixtureKl.klToMixture(v[0], v[1], v[2], v[3], v[4], 0, null));
        assertThrows(IllegalArgumentException.class, () -> FullMixtureKl.klToMixture(v[0], v[1], v[2], v[3], v[4], FLOOR, new int[] {0, 2}));
        assertThrows(IllegalArgumentException.class, () -> FullMixtureKl.klToMixture(v[0], v[1], v[2], v[3], v[4], FLOOR, new int[] {0}));
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
