package io.latentad.models.ae;

import io.latentad.engine.autodiff.ActivationOps;
import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.LossOps;
import io.latentad.engine.autodiff.NoGrad;
import io.latentad.engine.autodiff.Reduction;
import io.latentad.engine.autodiff.ShapeOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Dense;
import io.latentad.engine.nn.Init;
import io.latentad.engine.optim.Adam;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

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
    private final DenseCodec codec;
    private final boolean bernoulli;
    private final double weight;
    private final Var means;
    private final int classes;
    private final List<Dense> disc = new ArrayList<>();
    private final Adam discOptimizer;

    AdversarialAutoencoder(DenseCodec codec, boolean bernoulli, AeOptions o, Tensor meansOrNull, int classes, Rng rng) {
        this.codec = codec;
        this.bernoulli = bernoulli;
        this.weight = o.adversarial();
        this.means = meansOrNull == null ? null : Var.constant(meansOrNull.copy());
        this.classes = meansOrNull == null ? 0 : classes;
        int w = o.latent() + this.classes;
        for (int h : o.discHidden()) {
            disc.add(new Dense(w, h, Init.HE_NORMAL, rng.split()));
            w = h;
        }
        disc.add(new Dense(w, 1, Init.XAVIER_UNIFORM, rng.split()));
        List<Var> dp = new ArrayList<>();
        for (Dense d : disc) {
            dp.add(d.weight());
            dp.add(d.bias());
        }
        Adam.Options ao = Adam.Options.of(o.lr()).withAmsGrad(o.amsGrad());
        discOptimizer = new Adam(dp, ao);
    }

    @Override
    public LossTerms loss(Batch b) {
        Var z = codec.encode(b.x()).mu();
        Var out = codec.decode(z);
        Var gen = LossOps.bceWithLogits(discriminate(z, b.labels()), full(b.rows(), 1f), Reduction.MEAN);
        return new LossTerms().add("recon", Reconstruction.loss(out, b.x(), bernoulli, b.weights()), 1)
                .add("adversarial", gen, weight);
    }

    @Override
    public void afterStep(Batch b) {
        int n = b.rows();
        Var codes;
        try (NoGrad ignored = NoGrad.enter()) {
            codes = Var.constant(codec.encode(b.x()).mu().value());
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
        for (int i = 0; i < disc.size() - 1; i++) h = ActivationOps.leakyRelu(disc.get(i).forward(h), 0.2f);
        return disc.get(disc.size() - 1).forward(h);
    }

    private static Var full(int n, float v) {
        return Var.constant(Tensor.full(v, n, 1));
    }

    @Override
    public Var classMeans() {
        return means;
    }
}
