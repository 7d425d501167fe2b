package io.latentad.models.ae;

import io.latentad.engine.autodiff.ShapeOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.autodiff.VariationalOps;
import io.latentad.engine.optim.KlAnnealing;
import io.latentad.engine.tensor.Tensor;

import java.util.List;

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
public final class ConditionalLatentVae implements Objective {
    private final DenseCodec codec;
    private final boolean bernoulli;
    private final double gamma;
    private final double inputDropout;
    private final KlAnnealing beta;
    private final Var means;

    ConditionalLatentVae(DenseCodec codec, boolean bernoulli, AeOptions o, Tensor initialMeans) {
        this.codec = codec;
        this.bernoulli = bernoulli;
        this.gamma = o.gamma();
        this.inputDropout = o.inputDropout();
        this.beta = o.warmup() == 0 ? KlAnnealing.constant(o.beta()) : KlAnnealing.linear(o.warmup(), o.beta());
        this.means = o.centers() == AeOptions.Centers.LEARNED ? Var.param(initialMeans.copy(), "class_means")
                : Var.constant(initialMeans.copy());
    }

    @Override
    public LossTerms loss(Batch b) {
        DenseCodec.Encoding e = codec.encode(InputDropout.apply(b.x(), inputDropout, b.noise()));
        Var z = VariationalOps.reparameterize(e.mu(), e.logVar(), b.noise());
        Var out = codec.decode(z);
        Var prior = ShapeOps.gatherRows(means, b.labels());
        return new LossTerms().add("recon", Reconstruction.loss(out, b.x(), bernoulli, b.weights()), gamma)
                .add("kl", Reconstruction.kl(e.mu(), e.logVar(), prior, b.weights()), beta.beta(b.step()));
    }

    @Override
    public List<Var> extraParameters() {
        return means.requiresGrad() ? List.of(means) : List.of();
    }

    @Override
    public Var classMeans() {
        return means;
    }
}
