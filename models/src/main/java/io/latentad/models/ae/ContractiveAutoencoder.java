package io.latentad.models.ae;

import io.latentad.engine.autodiff.ContractiveOps;
import io.latentad.engine.autodiff.Reduction;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Activation;

/**
 * The contractive autoencoder: reconstruction plus {@code lambda ||J_h(x)||_F^2}, the squared
 * Frobenius norm of the Jacobian of the hidden representation, which makes the code insensitive
 * to small moves of the input off the data manifold.
 *
 * <p><b>Restriction</b>: the penalty is the closed form of {@link ContractiveOps#jacobianPenalty}
 * for <em>one</em> dense layer with a sigmoid or tanh activation, so it is applied to the first
 * encoder layer only (hidden layers are required; the activation must be tanh, the default for
 * cae, or sigmoid). With one hidden layer this is exactly the paper's model; with more layers the
 * deeper layers are not contracted.
 *
 * <p>Reference: S. Rifai, P. Vincent, X. Muller, X. Glorot, Y. Bengio, "Contractive
 * Auto-Encoders: Explicit Invariance During Feature Extraction", ICML 2011 (eq. 5).
 *
 * <p>Cost: as the {@link Autoencoder}, plus O(inputs x hidden) per step for the column norms.
 */
public final class ContractiveAutoencoder implements Objective {
    private final DenseCodec codec;
    private final boolean bernoulli;
    private final double lambda;
    private final ContractiveOps.Activation f;

    ContractiveAutoencoder(DenseCodec codec, boolean bernoulli, AeOptions o) {
        if (o.hidden().length == 0) throw AeOptions.bad("hidden", "(none)", "at least one hidden layer for cae");
        this.codec = codec;
        this.bernoulli = bernoulli;
        this.lambda = o.contraction();
        this.f = codec.activation() == Activation.Kind.SIGMOID ? ContractiveOps.Activation.SIGMOID : ContractiveOps.Activation.TANH;
    }

    @Override
    public LossTerms loss(Batch b) {
        DenseCodec.Encoding e = codec.encode(b.x());
        Var out = codec.decode(e.mu());
        Var penalty = ContractiveOps.jacobianPenalty(e.hidden().get(0), codec.firstEncoderLayer().weight(), f,
                Reduction.BATCH_MEAN);
        return new LossTerms().add("recon", Reconstruction.loss(out, b.x(), bernoulli, b.weights()), 1)
                .add("contractive", penalty, lambda);
    }
}
