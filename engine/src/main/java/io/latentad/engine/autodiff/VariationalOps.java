package io.latentad.engine.autodiff;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

/**
 * The pieces of a variational autoencoder, each a fused primitive: the reparameterised sample and
 * the closed-form KL divergences of a diagonal Gaussian posterior {@code N(mu, sigma^2)} with
 * {@code log sigma^2 = logVar} from a unit-variance Gaussian prior.
 *
 * <p>Reference: D. P. Kingma and M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014,
 * arXiv:1312.6114 (appendix B gives the KL term).
 */
public final class VariationalOps {
    private VariationalOps() {
    }

    /** {@code z = mu + exp(logVar / 2) * eps} with {@code eps ~ N(0, I)} drawn from {@code rng}. */
    public static Var reparameterize(Var mu, Var logVar, Rng rng) {
        Tensor eps = StepArena.uninit(mu.shape());
        float[] e = eps.data();
        for (int i = 0; i < e.length; i++) e[i] = (float) rng.nextGaussian();
        return reparameterize(mu, logVar, eps);
    }

    /**
     * {@code z = mu + exp(logVar / 2) * eps} with given noise. d/dmu = 1;
     * d/dlogVar = eps * exp(logVar / 2) / 2.
     */
    public static Var reparameterize(Var mu, Var logVar, Tensor eps) {
        Tensor m = mu.value(), lv = logVar.value();
        Shapes.requireSame("reparameterize", m, lv);
        Shapes.requireSame("reparameterize", m, eps);
        int n = m.size(), mo = m.offset(), lo = lv.offset(), eo = eps.offset();
        float[] md = m.data(), ld = lv.data(), ed = eps.data();
        Tensor out = StepArena.uninit(m.shape());
        float[] o = out.data();
        for (int i = 0; i < n; i++) o[i] = md[mo + i] + (float) Math.exp(0.5 * ld[lo + i]) * ed[eo + i];
        return Var.result("reparameterize", out, v -> {
            float[] g = v.grad.data();
            int go = v.grad.offset();
            if (mu.requiresGrad()) {
                Tensor gm = mu.gradBuffer();
                io.latentad.engine.kernel.Kernels.active().axpy(n, 1f, g, go, gm.data(), gm.offset());
            }
            if (logVar.requiresGrad()) {
                float[] gl = MathOps.grad(logVar);
                int glo = logVar.grad.offset();
                for (int i = 0; i < n; i++) {
                    // sigma * eps = z - mu, saved in the output: avoids a second exp
                    gl[glo + i] += g[go + i] * 0.5f * (o[i] - md[mo + i]);
                }
            }
        }, mu, logVar);
    }

    /**
     * KL(N(mu, sigma^2) || N(0, I)) = -1/2 sum(1 + logVar - mu^2 - exp(logVar)).
     * d/dmu = mu; d/dlogVar = (exp(logVar) - 1) / 2.
     */
    public static Var klStandardNormal(Var mu, Var logVar, Reduction red) {
        return kl("klStandardNormal", mu, logVar, null, red);
    }

    /**
     * KL(N(mu, sigma^2) || N(m, I)) with a per-row prior mean {@code m} (the CL-VAE term, where
     * {@code m} is the learned centre of each sample's class, e.g. from
     * {@link ShapeOps#gatherRows}): -1/2 sum(1 + logVar - (mu - m)^2 - exp(logVar)).
     * d/dmu = mu - m = -d/dm.
     */
    public static Var klToMean(Var mu, Var logVar, Var priorMean, Reduction red) {
        Shapes.requireSame("klToMean", mu.value(), priorMean.value());
        return kl("klToMean", mu, logVar, priorMean, red);
    }

    /**
     * The KL term of a VAE whose prior is a learned Gaussian mixture
     * {@code p(z) = sum_k pi_k N(m_k, diag s_k^2)}, per row, in VaDE's closed form (Jiang et al.,
     * IJCAI 2017, eq. 17): with responsibilities {@code gamma_k(x)} (a posterior over the
     * components),
     *
     * <pre>KL(q(z, c | x) || p(z, c)) = sum_k gamma_k KL(N(mu, sigma^2) || N(m_k, s_k^2)) + sum_k gamma_k log(gamma_k / pi_k)</pre>
     *
     * an upper bound on {@code KL(q(z|x) || p(z))}. The responsibilities are those that make the bound
     * tightest, {@code gamma_k = softmax_k(log pi_k - KL_k)}, i.e. VaDE's {@code q(c|x)} without its
     * one-sample approximation {@code p(c | z)}; the value is then {@code -log sum_k pi_k exp(-KL_k)}
     * and, gamma being optimal, its gradient needs no derivative of gamma. A row with a label
     * {@code y >= 0} takes {@code gamma = onehot(y)} (the CL-VAE term with a learned component):
     * {@code KL_y - log pi_y}.
     *
     * <p>{@code pi = softmax(logits)}; the component variances are {@code s^2 = floor + exp(rho)}, so a
     * component cannot collapse below {@code floor}.
     *
     * @param mu     posterior means {@code [rows, latent]}
     * @param logVar posterior log-variances {@code [rows, latent]}
     * @param logits mixture weight logits {@code [1, K]}
     * @param means  component means {@code [K, latent]}
     * @param rho    component variances' free parameters {@code [K, latent]}
     * @param floor  the variance floor, &gt; 0
     * @param labels per-row component ({@code -1}: the mixture), or null for all rows unlabelled
     * @return per-row KL {@code [rows, 1]}
     */
    public static Var klToMixture(Var mu, Var logVar, Var logits, Var means, Var rho, double floor, int[] labels) {
        Tensor m = mu.value(), lv = logVar.value();
        Shapes.requireSame("klToMixture", m, lv);
        int rows = m.shape()[0], d = m.size() / Math.max(1, rows), k = logits.value().size();
        if (means.value().size() != k * d || rho.value().size() != k * d) {
            throw new IllegalArgumentException("klToMixture: means and rho must be [" + k + ", " + d + "]");
        }
        if (!(floor > 0)) throw new IllegalArgumentException("klToMixture: floor = " + floor + ", expected > 0");
        if (labels != null && labels.length != rows) throw new IllegalArgumentException("klToMixture: " + labels.length + " labels for " + rows + " rows");
        double[] logPi = logSoftmax(logits.value());
        double[] var = new double[k * d];
        Tensor rv = rho.value(), cv = means.value();
        for (int i = 0; i < k * d; i++) var[i] = floor + Math.exp(rv.at(i));
        double[] gamma = new double[rows * k];
        Tensor out = StepArena.uninit(new int[] {rows, 1});
        double[] kl = new double[k];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double l = lv.at(r * d + j), dm = m.at(r * d + j) - cv.at(c * d + j), v = var[c * d + j];
                    s += Math.log(v) - l + (Math.exp(l) + dm * dm) / v - 1;
                }
                kl[c] = 0.5 * s;
            }
            int y = labels == null ? -1 : labels[r];
            if (y >= k) throw new IllegalArgumentException("klToMixture: label " + y + " of row " + r + " but only " + k + " components");
            out.setAt(r, (float) bound(logPi, kl, k, y, gamma, r * k));
        }
        return Var.result("klToMixture", out, v -> {
            for (int r = 0; r < rows; r++) {
                double g = v.grad.at(r);
                if (g == 0) continue;
                for (int c = 0; c < k; c++) {
                    double gc = g * gamma[r * k + c];
                    LossOps.addGrad(logits, c, (float) (g * Math.exp(logPi[c]) - gc));
                    if (gc == 0) continue;
                    for (int j = 0; j < d; j++) {
                        int a = r * d + j, b = c * d + j;
                        double l = lv.at(a), dm = m.at(a) - cv.at(b), vv = var[b], el = Math.exp(l);
                        LossOps.addGrad(mu, a, (float) (gc * dm / vv));
                        LossOps.addGrad(means, b, (float) (-gc * dm / vv));
                        LossOps.addGrad(logVar, a, (float) (gc * 0.5 * (el / vv - 1)));
                        // d/d log v = 1/2 (1 - (e^l + dm^2) / v); d log v / d rho = exp(rho) / v
                        LossOps.addGrad(rho, b, (float) (gc * 0.5 * (1 - (el + dm * dm) / vv) * (vv - floor) / vv));
                    }
                }
            }
        }, mu, logVar, logits, means, rho);
    }

    /** {@code log softmax} of the entries of {@code t}, in double. */
    static double[] logSoftmax(Tensor t) {
        int k = t.size();
        double mx = Double.NEGATIVE_INFINITY, z = 0;
        for (int i = 0; i < k; i++) mx = Math.max(mx, t.at(i));
        for (int i = 0; i < k; i++) z += Math.exp(t.at(i) - mx);
        double[] o = new double[k];
        for (int i = 0; i < k; i++) o[i] = t.at(i) - mx - Math.log(z);
        return o;
    }

    private static Var kl(String op, Var mu, Var logVar, Var prior, Reduction red) {
        Tensor m = mu.value(), lv = logVar.value();
        Shapes.requireSame(op, m, lv);
        Tensor c = prior == null ? null : prior.value();
        float scale = red.scale(m.shape());
        int n = m.size(), mo = m.offset(), lo = lv.offset(), co = c == null ? 0 : c.offset();
        float[] md = m.data(), ld = lv.data(), cd = c == null ? null : c.data();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = md[mo + i] - (cd == null ? 0 : cd[co + i]);
            s += 1 + ld[lo + i] - d * d - Math.exp(ld[lo + i]);
        }
        Var[] parents = prior == null ? new Var[] {mu, logVar} : new Var[] {mu, logVar, prior};
        return Var.result(op, LossOps.scalar(-0.5 * s * scale), v -> {
            float g = v.grad.at(0) * scale;
            for (int i = 0; i < n; i++) {
                float d = md[mo + i] - (cd == null ? 0f : cd[co + i]);
                LossOps.addGrad(mu, i, g * d);
                if (prior != null) LossOps.addGrad(prior, i, -g * d);
                LossOps.addGrad(logVar, i, g * 0.5f * ((float) Math.exp(ld[lo + i]) - 1f));
            }
        }, parents);
    }

    /**
     * One row's bound from its per-component KLs: with a label {@code y >= 0}, {@code KL_y - log pi_y} and the
     * responsibility 1 on y; without one, {@code -log sum_k pi_k exp(-KL_k)} (log-sum-exp shifted by the largest
     * term) and the responsibilities {@code pi_k exp(-KL_k)} normalised, written to {@code gamma[off..off + k)}.
     * Shared by the diagonal ({@link #klToMixture}) and full ({@link FullMixtureKl}) mixture priors.
     */
    static double bound(double[] logPi, double[] kl, int k, int y, double[] gamma, int off) {
        if (y >= 0) {
            gamma[off + y] = 1;
            return kl[y] - logPi[y];
        }
        double mx = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) mx = Math.max(mx, logPi[c] - kl[c]);
        double z = 0;
        for (int c = 0; c < k; c++) z += Math.exp(logPi[c] - kl[c] - mx);
        for (int c = 0; c < k; c++) gamma[off + c] = Math.exp(logPi[c] - kl[c] - mx) / z;
        return -(mx + Math.log(z));
    }
}
