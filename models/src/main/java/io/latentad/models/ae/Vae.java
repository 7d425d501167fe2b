package io.latentad.models.ae;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.MathOps;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.ShapeOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.autodiff.VariationalOps;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.optim.KlAnnealing;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.net.Encoding;
import io.latentad.models.ae.net.Network;
import io.latentad.models.common.Params;

import java.util.List;
import java.util.Map;

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
    /**
     * The ELBO's weights, shared with the {@link ConditionalLatentVae}.
     *
     * @param beta         weight of the KL term ({@code beta}, 1), &gt; 0
     * @param gamma        weight of the reconstruction term ({@code gamma}, 1; the CL-VAE's default is 0.3), &gt; 0
     * @param warmup       KL annealing: steps over which beta rises linearly from 0 ({@code warmup}, 0 = off)
     * @param inputDropout share of the encoder's input entries set to 0 in each training step (masking noise;
     *                     the reconstruction target stays the clean row; never at scoring time)
     *                     ({@code input_dropout}, 0 = off; NaN = {@code auto}, the CL-VAE's default: the model's
     *                     choice for the data, {@link ModelKind#autoValues}). A regulariser: on MNIST it narrows the gap between
     *                     the encoder's training and test behaviour (bench/notes/ae.md)
     */
    public record Options(double beta, double gamma, int warmup, double inputDropout) implements ModelOptions {
        public Options {
            if (!(beta > 0) || Double.isInfinite(beta)) throw Params.bad("beta", beta, "> 0");
            if (!(gamma > 0) || Double.isInfinite(gamma)) throw Params.bad("gamma", gamma, "> 0");
            if (warmup < 0) throw Params.bad("warmup", warmup, ">= 0");
            if (!Double.isNaN(inputDropout) && !(inputDropout >= 0 && inputDropout < 1)) {
                throw Params.bad("input_dropout", inputDropout, "a share in [0, 1) or auto");
            }
        }

        static Options read(Params.Reader p) {
            return read(p, 1);
        }

        /** A copy with another reconstruction weight. */
        public Options withGamma(double g) {
            return new Options(beta, g, warmup, inputDropout);
        }

        static Options read(Params.Reader p, double defaultGamma) {
            return new Options(p.real("beta", 1), p.real("gamma", defaultGamma), p.integer("warmup", 0),
                    p.realOrAuto("input_dropout", 0));
        }

        @Override
        public void write(Map<String, String> out) {
            out.put("beta", Double.toString(beta));
            out.put("gamma", Double.toString(gamma));
            out.put("warmup", Integer.toString(warmup));
            out.put("input_dropout", Params.realOrAuto(inputDropout));
        }

        @Override
        public Objective objective(ObjectiveContext c) {
            return new Vae(c.network(), c.bernoulli(), this, null, 0, 0);
        }

        KlAnnealing annealing() {
            return warmup == 0 ? KlAnnealing.constant(beta) : KlAnnealing.linear(warmup, beta);
        }
    }

    private final Network net;
    private final boolean bernoulli;
    private final Options o;
    private final KlAnnealing beta;
    private final Var means;

    private final double noise;
    private final double l1;

    /**
     * @param means the class means of a class-conditioned prior N(mu_y, I), or null for N(0, I)
     * @param noise std of the additive Gaussian noise on the encoder's input (the denoising criterion), 0 = off
     * @param l1    weight of the L1 penalty on the encoder's summary (its last hidden activation), 0 = off
     */
    Vae(Network net, boolean bernoulli, Options o, Var means, double noise, double l1) {
        this.net = net;
        this.bernoulli = bernoulli;
        this.o = o;
        this.beta = o.annealing();
        this.means = means;
        this.noise = noise;
        this.l1 = l1;
    }

    @Override
    public LossTerms loss(Batch b) {
        Var in = noise > 0 ? Var.constant(Kernels.add(b.x().value(), Tensor.normal(b.noise(), 0f, (float) noise,
                b.x().value().shape()))) : b.x();
        // sequences of unequal length: the network reads each to its own end and decodes zeros past it,
        // so the padding (zeros in x) adds nothing to the reconstruction term
        Encoding e = net.encode(InputDropout.apply(in, o.inputDropout(), b.noise()), b.lengths());
        Var z = VariationalOps.reparameterize(e.mu(), e.logVar(), b.noise());
        Var out = net.decode(z, b.lengths());
        Var prior = means == null ? null : ShapeOps.gatherRows(means, b.labels());
        LossTerms t = new LossTerms().add("recon", Reconstruction.loss(out, b.x(), bernoulli, b.weights()), o.gamma())
                .add("kl", Reconstruction.kl(e.mu(), e.logVar(), prior, b.weights()), beta.beta(b.step()));
        if (l1 == 0) return t;
        Var summary = e.hidden().get(e.hidden().size() - 1);
        return t.add("l1", ArithmeticOps.mulScalar(ReductionOps.sum(MathOps.abs(summary)), 1f / b.rows()), l1);
    }

    @Override
    public List<Var> extraParameters() {
        return means != null && means.requiresGrad() ? List.of(means) : List.of();
    }

    @Override
    public Var classMeans() {
        return means;
    }
}
