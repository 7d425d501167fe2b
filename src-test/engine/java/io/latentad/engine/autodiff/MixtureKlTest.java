package io.latentad.engine.autodiff;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link VariationalOps#klToMixture}: the gradient against double central differences
 * ({@link GradCheck}) with and without labelled rows, the closed form against a Monte Carlo
 * estimate of the same divergence, the bound against a Monte Carlo estimate of
 * {@code KL(q(z|x) || p(z))}, and the variance floor.
 */
class MixtureKlTest {
    private static final double FLOOR = 0.05;

    /** An independent double reference: sum_k gamma_k KL_k + KL(gamma || pi) with gamma written out. */
    private static double[] reference(double[][] d, int rows, int dim, int k, int[] labels) {
        double[] mu = d[0], lv = d[1], logits = d[2], means = d[3], rho = d[4];
        double[] pi = new double[k];
        double zs = 0;
        for (int c = 0; c < k; c++) zs += Math.exp(logits[c]);
        for (int c = 0; c < k; c++) pi[c] = Math.exp(logits[c]) / zs;
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double[] kl = new double[k];
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < dim; j++) {
                    double v = FLOOR + Math.exp(rho[c * dim + j]), s2 = Math.exp(lv[r * dim + j]), dm = mu[r * dim + j] - means[c * dim + j];
                    kl[c] += 0.5 * (Math.log(v / s2) + (s2 + dm * dm) / v - 1);
                }
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
                Tensor.uniform(rng, -1f, 1f, 1, k), Tensor.uniform(rng, -1.5f, 1.5f, k, dim), Tensor.uniform(rng, -1f, 0.5f, k, dim)};
    }

    private static void gradCheck(int[] labels) {
        int rows = 4, dim = 3, k = 3;
        GradCheck.Result r = GradCheck.check(inputs(new Rng(7), rows, dim, k),
                v -> VariationalOps.klToMixture(v[0], v[1], v[2], v[3], v[4], FLOOR, labels),
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

    /** log N(z; m, diag v). */
    private static double logNormal(double[] z, double[] m, double[] v) {
        double s = 0;
        for (int j = 0; j < z.length; j++) s += -0.5 * (Math.log(2 * Math.PI * v[j]) + (z[j] - m[j]) * (z[j] - m[j]) / v[j]);
        return s;
    }

    /**
     * One row, K = 3 components in 2-D (used by both tests above): the closed form equals a Monte Carlo estimate (200,000
     * draws from q(z|x)) of E_q[sum_k gamma_k (log q(z|x) + log gamma_k - log pi_k - log N(z; m_k, s_k^2))]
     * within 4 standard errors, and is at least the Monte Carlo estimate of KL(q(z|x) || p(z)).
     */
    @Test
    void closedFormMatchesMonteCarlo() {
        double gap = monteCarlo(1);
        assertTrue(gap > 0.05, "overlapping components: the bound is loose (gap " + gap + ")");
    }

    /** With the components 8 times as far apart the responsibilities are near one-hot and the bound tight. */
    @Test
    void boundIsTightForSeparatedComponents() {
        double gap = monteCarlo(8);
        assertTrue(gap < 0.01, "bound gap " + gap);
    }

    /** Checks the closed form against Monte Carlo; returns its gap to the marginal KL. */
    private static double monteCarlo(double spread) {
        int dim = 2, k = 3;
        double[] mu = {0.4, -0.3}, lv = {Math.log(0.5), Math.log(0.8)};
        double[] logits = {0.2, -0.5, 0.1};
        double[][] means = {{0, 0}, {1.5 * spread, -spread}, {-spread, spread}};
        double[][] vars = {{0.7, 1.2}, {0.5, 0.4}, {1.5, 0.9}};
        double[] rho = new double[k * dim];
        for (int c = 0; c < k; c++) for (int j = 0; j < dim; j++) rho[c * dim + j] = Math.log(vars[c][j] - FLOOR);
        double[] flatMeans = {0, 0, 1.5 * spread, -spread, -spread, spread};
        Var out = VariationalOps.klToMixture(Var.constant(Tensor.of(new float[] {0.4f, -0.3f}, 1, 2)),
                Var.constant(Tensor.of(new float[] {(float) lv[0], (float) lv[1]}, 1, 2)),
                Var.constant(Tensor.of(new float[] {0.2f, -0.5f, 0.1f}, 1, 3)),
                Var.constant(Tensor.of(toFloat(flatMeans), 3, 2)), Var.constant(Tensor.of(toFloat(rho), 3, 2)), FLOOR, null);
        double closed = out.value().at(0);
        double ref = reference(new double[][] {mu, lv, logits, flatMeans, rho}, 1, dim, k, null)[0];
        assertEquals(ref, closed, 1e-5);

        double[] logPi = new double[k];
        double zs = 0;
        for (double l : logits) zs += Math.exp(l);
        for (int c = 0; c < k; c++) logPi[c] = logits[c] - Math.log(zs);
        double[] gamma = new double[k];
        double norm = 0;
        double[] sd = {Math.exp(0.5 * lv[0]), Math.exp(0.5 * lv[1])}, qv = {Math.exp(lv[0]), Math.exp(lv[1])};
        for (int c = 0; c < k; c++) {
            double kl = 0;
            for (int j = 0; j < dim; j++) kl += 0.5 * (Math.log(vars[c][j] / qv[j]) + (qv[j] + (mu[j] - means[c][j]) * (mu[j] - means[c][j])) / vars[c][j] - 1);
            gamma[c] = Math.exp(logPi[c] - kl);
            norm += gamma[c];
        }
        for (int c = 0; c < k; c++) gamma[c] /= norm;

        Rng rng = new Rng(3);
        int n = 200_000;
        double sJ = 0, sJ2 = 0, sM = 0, sM2 = 0;
        double[] z = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) z[j] = mu[j] + sd[j] * rng.nextGaussian();
            double logQ = logNormal(z, mu, qv), joint = 0, mx = Double.NEGATIVE_INFINITY;
            double[] lp = new double[k];
            for (int c = 0; c < k; c++) {
                lp[c] = logPi[c] + logNormal(z, means[c], vars[c]);
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
        assertTrue(Math.abs(closed - mcJoint) <= 4 * seJoint,
                "closed form " + closed + " vs Monte Carlo " + mcJoint + " +- " + seJoint);
        assertTrue(closed >= mcMarginal - 4 * seMarginal,
                "the closed form " + closed + " must bound KL(q || p) = " + mcMarginal + " +- " + seMarginal);
        return closed - mcMarginal;
    }

    @Test
    void collapsingComponentStaysFinite() {
        Rng rng = new Rng(5);
        Tensor[] in = inputs(rng, 4, 2, 2);
        for (int i = 0; i < in[4].size(); i++) in[4].setAt(i, -200f);   // exp(rho) underflows: variance = floor
        Var[] v = new Var[in.length];
        for (int i = 0; i < v.length; i++) v[i] = Var.param(in[i], "in" + i);
        Var out = VariationalOps.klToMixture(v[0], v[1], v[2], v[3], v[4], FLOOR, null);
        ReductionOps.sum(out).backward();
        for (Var p : v) {
            for (int i = 0; i < p.value().size(); i++) assertTrue(Float.isFinite(p.grad().at(i)), "gradient not finite");
        }
        for (int i = 0; i < out.value().size(); i++) assertTrue(Float.isFinite(out.value().at(i)));
    }

    @Test
    void refusesBadShapesAndLabels() {
        Tensor[] in = inputs(new Rng(1), 2, 2, 2);
        Var[] v = new Var[in.length];
        for (int i = 0; i < v.length; i++) v[i] = Var.constant(in[i]);
        assertThrows(IllegalArgumentException.class, () -> VariationalOps.klToMixture(v[0], v[1], v[2], v[3], v[4], 0, null));
        assertThrows(IllegalArgumentException.class, () -> VariationalOps.klToMixture(v[0], v[1], v[2], v[3], v[4], FLOOR, new int[] {0, 2}));
        assertThrows(IllegalArgumentException.class, () -> VariationalOps.klToMixture(v[0], v[1], v[2], v[0], v[4], FLOOR, new int[] {0}));
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
