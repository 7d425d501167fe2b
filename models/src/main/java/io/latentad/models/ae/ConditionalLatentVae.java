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
    /**
     * The CL-VAE's defaults for keys it shares with other models: 30 epochs, and {@code auto} for the learning rate,
     * its schedule, the input dropout and the separation of the class means ({@link #BERNOULLI_DEFAULTS}).
     */
    static final Map<String, String> DEFAULTS = Map.of("epochs", "30", "lr", "auto", "lr_schedule", "auto",
            "input_dropout", "auto", "separation", "auto");

    /**
     * What {@code auto} means for the CL-VAE when the reconstruction is read with the Bernoulli likelihood (data in
     * [0, 1] such as images): Adam at 3e-3 with a cosine decay to 0 over the run, masking noise on 30% of the
     * encoder's inputs, class means 10 apart. Chosen on MNIST (784-512-256-2, gamma 0.3, 30 epochs, EM V-measure at
     * k = 10 of the test codes): the lr on seed 1 (0.926 over seeds 1-3 with masking 0.2, against 0.893 with the
     * peak lr at 1e-3), the masking 0.3 (session 8) on seeds 4 and 1, then on fresh seeds 7-11: 0.921 mean, against
     * 0.905 for masking 0.2 on fresh seeds 4-6 and 9-11 (0.916 vs 0.910 on the same seeds 9-11); EM's reading is
     * a draw between the digit partition and a likelier mixture that merges two digits, k-means gives 0.925-0.931
     * either way; Fashion-MNIST 0.734 vs 0.729; session 12 screened separation 8 and 12, masking 0.4, weight decay,
     * batch 64 and weight averaging on seeds 1 and 4: none raised the mean over ten EM seeds; bench/notes/ae.md). On other
     * data (standardised table columns, Gaussian likelihood) {@code auto} keeps lr 1e-3, constant, no input dropout
     * and separation 6: on the demo's trades each part of this recipe lowered the CL-VAE's V-measure (0.66 to
     * 0.28 with masking noise: masking a standardised or one-hot column to 0 is a far stronger corruption than
     * switching off a pixel; bench/notes/latent-priors.md).
     */
    public static final Map<String, String> BERNOULLI_DEFAULTS = Map.of("lr", "0.003", "lr_schedule", "cosine",
            "input_dropout", "0.3", "separation", "10.0");

    /** Class means: fixed in a well-spread configuration or learned from it. */
    public enum Centers { FIXED, LEARNED }

    /**
     * @param elbo       the VAE's weights ({@link Vae.Options}; {@code gamma} defaults to 0.3, the paper's best)
     * @param centers    class means ({@code centers}: fixed (default) or learned)
     * @param separation distance between neighbouring fixed class means ({@code separation}, auto: 10 on data in
     *                   [0, 1] read with the Bernoulli likelihood, else 6; {@link ModelKind#autoValues}; NaN = auto)
     */
    public record Options(Vae.Options elbo, Centers centers, double separation) implements ModelOptions {
        public Options {
            if (elbo == null) throw new IllegalArgumentException("clvae: the ELBO options are required");
            if (centers == null) throw Params.bad("centers", "null", "fixed or learned");
            if (!Double.isNaN(separation) && (!(separation > 0) || Double.isInfinite(separation))) {
                throw Params.bad("separation", separation, "> 0 or auto");
            }
        }

        static Options read(Params.Reader p) {
            return new Options(Vae.Options.read(p, 0.3), p.enumValue("centers", Centers.class, Centers.FIXED),
                    p.realOrAuto("separation", 6));
        }

        /** A copy with another reconstruction weight. */
        public Options withGamma(double g) {
            return new Options(elbo.withGamma(g), centers, separation);
        }

        @Override
        public void write(Map<String, String> out) {
            elbo.write(out);
            out.put("centers", Params.lower(centers));
            out.put("separation", Params.realOrAuto(separation));
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
