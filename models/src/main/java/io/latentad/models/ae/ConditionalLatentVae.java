package io.latentad.models.ae;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.common.Params;

import java.util.Map;


/**
 * The CL-VAE, a VAE whose prior is conditioned on the class of the row: one Gaussian
 * {@code N(mu_y, I)} per class y, so the loss of a row of class y is
 *
 * <pre>gamma * E_q[-log p(x | z)] + beta_t * KL(N(mu, sigma^2) || N(mu_y, I))</pre>
 *
 * with the KL in closed form, {@code 1/2 sum(sigma^2 + (mu - mu_y)^2 - 1 - log sigma^2)}. The
 * encoder and decoder never see the label: it enters only through the prior, which pulls each
 * class's codes around its own mean. A small gamma (the paper's best is gamma = 0.3, beta = 1,
 * our default) lets the prior win over the reconstruction, so the classes separate further and
 * the latent space clusters by class.
 *
 * <p>How to read the scores: a code far in the tail of its class prior ({@link PriorTailScore}),
 * or a row whose label differs from its latent cluster's majority
 * ({@link ClusterMisclassificationScore}), is anomalous.
 *
 * <p>Class means ({@code centers}): fixed (default) in the well-spread configuration of
 * {@link ClassMeans}, or learned from that start. Fixed is the default because nothing in the
 * objective keeps learned means apart: the KL pulls means and codes together, and with a small
 * gamma learned means can drift towards each other, undoing the separation the model is for; a
 * fixed layout also keeps the prior-tail score comparable between classes and between runs.
 * Class weighting ({@code class_weight=balanced}) weights each row by {@code n / (K n_y)} so that
 * small classes count as much as large ones.
 *
 * <p>Reference: E. Norlander and A. Sopasakis, "Latent space conditioning for improved
 * classification and anomaly detection", arXiv:1911.10599 (2019). Departs from the paper: the
 * layout of the fixed means is ours (the paper does not prescribe one for every latent size).
 *
 * <p>Cost: as the {@link Vae}, plus O(batch x latent) for the gather of the class means.
 */
public final class ConditionalLatentVae {
    /** Class means: fixed in a well-spread configuration or learned from it. */
    public enum Centers { FIXED, LEARNED }

    /**
     * @param elbo       the VAE's weights ({@link Vae.Options}; {@code gamma} defaults to 0.3, the paper's best)
     * @param centers    class means ({@code centers}: fixed (default) or learned)
     * @param separation distance between neighbouring fixed class means ({@code separation}, 6)
     */
    public record Options(Vae.Options elbo, Centers centers, double separation) implements ModelOptions {
        public Options {
            if (elbo == null) throw new IllegalArgumentException("clvae: the ELBO options are required");
            if (centers == null) throw Params.bad("centers", "null", "fixed or learned");
            if (!(separation > 0) || Double.isInfinite(separation)) throw Params.bad("separation", separation, "> 0");
        }

        static Options read(Params.Reader p) {
            return new Options(Vae.Options.read(p, 0.3), p.enumValue("centers", Centers.class, Centers.FIXED),
                    p.real("separation", 6));
        }

        /** A copy with another reconstruction weight. */
        public Options withGamma(double g) {
            return new Options(elbo.withGamma(g), centers, separation);
        }

        @Override
        public void write(Map<String, String> out) {
            elbo.write(out);
            out.put("centers", Params.lower(centers));
            out.put("separation", Double.toString(separation));
        }

        @Override
        public boolean needsLabels() {
            return true;
        }

        @Override
        public Objective objective(ObjectiveContext c) {
            Tensor start = c.classMeans().copy();
            Var means = centers == Centers.LEARNED ? Var.param(start, "class_means") : Var.constant(start);
            return new Vae(c.network(), c.bernoulli(), elbo, means, 0, 0);
        }
    }

    private ConditionalLatentVae() {
    }
}
