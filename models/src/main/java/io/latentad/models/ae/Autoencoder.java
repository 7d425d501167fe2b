package io.latentad.models.ae;

import io.latentad.engine.autodiff.Var;
import io.latentad.models.ae.net.Network;
import io.latentad.models.common.Params;

import java.util.Map;

/**
 * The deep autoencoder: a dense encoder to a low-dimensional code and a mirrored decoder, trained
 * to reconstruct its input, {@code min E[-log p(x | dec(enc(x)))]} (squared error for Gaussian
 * outputs, cross-entropy for Bernoulli outputs).
 *
 * <p>Intuition: the code is a learned non-linear generalisation of PCA; rows unlike the training
 * rows reconstruct badly, so the reconstruction error is an anomaly score.
 *
 * <p>Reference: G. E. Hinton and R. R. Salakhutdinov, "Reducing the Dimensionality of Data with
 * Neural Networks", Science 313 (2006), doi:10.1126/science.1127647. Departs from the paper: no
 * RBM pre-training (Adam from a He/Xavier initialisation instead).
 *
 * <p>Cost: one forward and backward pass per row per epoch, O(sum of layer products).
 */
public final class Autoencoder implements Objective {
    /** The plain autoencoder has no options of its own. */
    public record Options() implements ModelOptions {
        static Options read(Params.Reader p) {
            return new Options();
        }

        @Override
        public void write(Map<String, String> out) {
        }

        @Override
        public Objective objective(ObjectiveContext c) {
            return new Autoencoder(c.network(), c.bernoulli());
        }
    }

    private final Network net;
    private final boolean bernoulli;

    Autoencoder(Network net, boolean bernoulli) {
        this.net = net;
        this.bernoulli = bernoulli;
    }

    @Override
    public LossTerms loss(Batch b) {
        Var out = net.decode(net.encode(b.x()).mu());
        return new LossTerms().add("recon", Reconstruction.loss(out, b.x(), bernoulli, b.weights()), 1);
    }
}
