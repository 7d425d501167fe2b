package io.latentad.models.ae;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.LossOps;
import io.latentad.engine.autodiff.NoGrad;
import io.latentad.engine.autodiff.Reduction;
import io.latentad.engine.autodiff.ShapeOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Activation;
import io.latentad.engine.nn.Init;
import io.latentad.engine.nn.Mlp;
import io.latentad.engine.nn.Sequential;
import io.latentad.engine.optim.Adam;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.net.Network;
import io.latentad.models.common.Params;

import java.util.Arrays;
import java.util.Map;

/**
 * The adversarial autoencoder: a deterministic autoencoder whose code distribution is matched
 * to a prior by a discriminator D instead of a KL term. Each step
 * <ol>
 *   <li>reconstruction and generator: the codec minimises
 *       {@code -log p(x | dec(z)) + adversarial * BCE(D(z), real)}, so codes look like prior samples;</li>
 *   <li>discriminator: D (its own Adam) minimises {@code BCE(D(z_prior), real) + BCE(D(z), fake)}
 *       on the batch's codes (held fixed) and as many prior samples.</li>
 * </ol>
 * Priors: the standard Gaussian, or (prior=mixture, needs labels) the class-conditioned mixture:
 * row i's prior sample comes from {@code N(mu_{y_i}, I)} with the means of {@link ClassMeans},
 * and D sees the one-hot label beside the code (the paper's way of using labels), so each class
 * is pushed to its own component.
 *
 * <p>Reference: A. Makhzani, J. Shlens, N. Jaitly, I. Goodfellow, B. Frey, "Adversarial
 * Autoencoders", arXiv:1511.05644 (2015). Departs from the paper: the three phases share one
 * minibatch and the reconstruction and generator updates are one combined step.
 *
 * <p>Cost: as the {@link Autoencoder}, plus the discriminator's forward and backward passes
 * twice per step.
 */
public final class AdversarialAutoencoder implements Objective {
    /** The prior codes are matched to. */
    public enum Prior { GAUSSIAN, MIXTURE }

    /**
     * @param prior       the prior ({@code prior}: gaussian (default) or mixture = N(mu_y, I) per class, needs labels)
     * @param adversarial weight of the generator term ({@code adversarial}, 1)
     * @param discHidden  discriminator hidden sizes ({@code disc_hidden}, 64,64)
     * @param separation  distance between neighbouring mixture means ({@code separation}, 6)
     */
    public record Options(Prior prior, double adversarial, int[] discHidden, double separation) implements ModelOptions {
        public Options {
            if (prior == null) throw Params.bad("prior", "null", "gaussian or mixture");
            if (!(adversarial >= 0) || Double.isInfinite(adversarial)) throw Params.bad("adversarial", adversarial, ">= 0");
            discHidden = discHidden.clone();
            for (int h : discHidden) if (h < 1) throw Params.bad("disc_hidden", Arrays.toString(discHidden), "sizes >= 1");
            if (!(separation > 0) || Double.isInfinite(separation)) throw Params.bad("separation", separation, "> 0");
        }

        static Options read(Params.Reader p) {
            return new Options(p.enumValue("prior", Prior.class, Prior.GAUSSIAN), p.real("adversarial", 1),
                    p.ints("disc_hidden", new int[] {64, 64}), p.real("separation", 6));
        }

        @Override
        public int[] discHidden() {
            return discHidden.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options p && prior == p.prior && Double.compare(adversarial, p.adversarial) == 0
                    && Arrays.equals(discHidden, p.discHidden) && Double.compare(separation, p.separation) == 0;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(prior, adversarial, Arrays.hashCode(discHidden), separation);
        }

        @Override
        public void write(Map<String, String> out) {
            out.put("prior", Params.lower(prior));
            out.put("adversarial", Double.toString(adversarial));
            out.put("disc_hidden", Params.join(discHidden));
            out.put("separation", Double.toString(separation));
        }

        @Override
        public boolean needsLabels() {
            return prior == Prior.MIXTURE;
        }

        @Override
        public Objective objective(ObjectiveContext c) {
            return new AdversarialAutoencoder(c, this);
        }
    }

    private final Network net;
    private final boolean bernoulli;
    private final double weight;
    private final Var means;
    private final int classes;
    private final Sequential disc;
    private final Adam discOptimizer;

    AdversarialAutoencoder(ObjectiveContext c, Options o) {
        this.net = c.network();
        this.bernoulli = c.bernoulli();
        this.weight = o.adversarial();
        this.means = c.classMeans() == null ? null : Var.constant(c.classMeans().copy());
        this.classes = c.classMeans() == null ? 0 : c.classes();
        // hidden layers: leaky ReLU (slope 0.2) with He initialisation; the logit layer Xavier
        Mlp m = Mlp.input(c.network().spec().latent() + classes);
        for (int h : o.discHidden) m.dense(h, new Activation(Activation.Kind.LEAKY_RELU, 0.2f), Init.HE_NORMAL);
        disc = m.dense(1, Activation.Kind.IDENTITY, Init.XAVIER_UNIFORM).build(c.rng());
        discOptimizer = new Adam(disc.parameterList(), c.training().adam(c.training().lr()));
    }

    @Override
    public LossTerms loss(Batch b) {
        Var z = net.encode(b.x()).mu();
        Var out = net.decode(z);
        Var gen = LossOps.bceWithLogits(discriminate(z, b.labels()), full(b.rows(), 1f), Reduction.MEAN);
        return new LossTerms().add("recon", Reconstruction.loss(out, b.x(), bernoulli, b.weights()), 1)
                .add("adversarial", gen, weight);
    }

    @Override
    public void afterStep(Batch b) {
        int n = b.rows();
        Var codes;
        try (NoGrad ignored = NoGrad.enter()) {
            codes = Var.constant(net.encode(b.x()).mu().value());
        }
        Tensor prior = Tensor.normal(b.noise(), 0f, 1f, codes.value().shape());
        if (means != null) prior = ArithmeticOps.add(Var.constant(prior), ShapeOps.gatherRows(means, b.labels())).value();
        Var real = LossOps.bceWithLogits(discriminate(Var.constant(prior), b.labels()), full(n, 1f), Reduction.MEAN);
        Var fake = LossOps.bceWithLogits(discriminate(codes, b.labels()), full(n, 0f), Reduction.MEAN);
        discOptimizer.zeroGrad();
        ArithmeticOps.add(real, fake).backward();
        discOptimizer.step();
    }

    private Var discriminate(Var z, int[] labels) {
        Var h = z;
        if (classes > 0) {
            Tensor onehot = Tensor.zeros(labels.length, classes);
            for (int i = 0; i < labels.length; i++) onehot.set(1f, i, labels[i]);
            h = ShapeOps.concat(1, z, Var.constant(onehot));
        }
        return disc.forward(h);
    }

    private static Var full(int n, float v) {
        return Var.constant(Tensor.full(v, n, 1));
    }

    @Override
    public Var classMeans() {
        return means;
    }
}
