package io.latentad.models.ae;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.autodiff.VariationalOps;
import io.latentad.engine.optim.KlAnnealing;

/**
 * The variational autoencoder: the encoder outputs a diagonal Gaussian q(z|x) = N(mu, sigma^2),
 * a code is sampled by reparameterisation {@code z = mu + sigma * eps}, and the loss is the
 * negative ELBO with weights,
 *
 * <pre>gamma * E_q[-log p(x | z)] + beta_t * KL(q(z|x) || N(0, I))</pre>
 *
 * (gamma = beta = 1 is Kingma and Welling's ELBO; beta &gt; 1 the beta-VAE). {@code beta_t} rises
 * linearly from 0 over {@code warmup} steps when KL annealing is on. The code of a row used by
 * the scorers is the posterior mean {@code mu}.
 *
 * <p>Reference: D. P. Kingma and M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014,
 * arXiv:1312.6114; I. Higgins et al., "beta-VAE", ICLR 2017 (beta); S. R. Bowman et al.,
 * "Generating Sentences from a Continuous Space", CoNLL 2016 (annealing).
 *
 * <p>Cost: as the {@link Autoencoder}, plus one extra head and O(batch x latent) sampling.
 */
public final class Vae implements Objective {
    private final DenseCodec codec;
    private final boolean bernoulli;
    private final double gamma;
    private final double inputDropout;
    private final KlAnnealing beta;

    Vae(DenseCodec codec, boolean bernoulli, AeOptions o) {
        this.codec = codec;
        this.bernoulli = bernoulli;
        this.gamma = o.gamma();
        this.inputDropout = o.inputDropout();
        this.beta = o.warmup() == 0 ? KlAnnealing.constant(o.beta()) : KlAnnealing.linear(o.warmup(), o.beta());
    }

    @Override
    public LossTerms loss(Batch b) {
        DenseCodec.Encoding e = codec.encode(InputDropout.apply(b.x(), inputDropout, b.noise()));
        Var z = VariationalOps.reparameterize(e.mu(), e.logVar(), b.noise());
        Var out = codec.decode(z);
        return new LossTerms().add("recon", Reconstruction.loss(out, b.x(), bernoulli, b.weights()), gamma)
                .add("kl", Reconstruction.kl(e.mu(), e.logVar(), null, b.weights()), beta.beta(b.step()));
    }
}
