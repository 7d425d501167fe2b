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
}
