package io.latentad.models.ae;

import io.latentad.engine.autodiff.ContractiveOps;
import io.latentad.engine.autodiff.Reduction;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Activation;
import io.latentad.models.ae.net.DenseNetwork;
import io.latentad.models.ae.net.Encoding;
import io.latentad.models.ae.net.NetworkOptions;
import io.latentad.models.common.Params;

import java.util.Map;

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
    /** @param lambda the penalty weight ({@code lambda}, 0.1) */
    public record Options(double lambda) implements ModelOptions {
        public Options {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) throw Params.bad("lambda", lambda, ">= 0");
        }

        static Options read(Params.Reader p) {
            return new Options(p.real("lambda", 0.1));
        }

        @Override
        public void write(Map<String, String> out) {
            out.put("lambda", Double.toString(lambda));
        }

        @Override
        public void check(NetworkOptions net) {
            if (!(net instanceof DenseNetwork.Options d)) {
                throw Params.bad("net", net.name(), "dense for cae (the closed-form Jacobian is that of a dense layer)");
            }
            if (d.activation() != Activation.Kind.TANH && d.activation() != Activation.Kind.SIGMOID) {
                throw Params.bad("activation", Params.lower(d.activation()), "tanh or sigmoid for cae (the closed-form Jacobian)");
            }
        }

        @Override
        public Objective objective(ObjectiveContext c) {
            return new ContractiveAutoencoder((DenseNetwork) c.network(), c.bernoulli(), this);
        }
    }

    private final DenseNetwork net;
    private final boolean bernoulli;
    private final double lambda;
    private final ContractiveOps.Activation f;

    ContractiveAutoencoder(DenseNetwork net, boolean bernoulli, Options o) {
        if (net.spec().hidden().length == 0) throw Params.bad("hidden", "(none)", "at least one hidden layer for cae");
        this.net = net;
        this.bernoulli = bernoulli;
        this.lambda = o.lambda();
        this.f = net.spec().activation() == Activation.Kind.SIGMOID ? ContractiveOps.Activation.SIGMOID : ContractiveOps.Activation.TANH;
    }

    @Override
    public LossTerms loss(Batch b) {
        Encoding e = net.encode(b.x());
        Var out = net.decode(e.mu());
        Var penalty = ContractiveOps.jacobianPenalty(e.hidden().get(0), net.firstEncoderLayer().weight(), f,
                Reduction.BATCH_MEAN);
        return new LossTerms().add("recon", Reconstruction.loss(out, b.x(), bernoulli, b.weights()), 1)
                .add("contractive", penalty, lambda);
    }
}
