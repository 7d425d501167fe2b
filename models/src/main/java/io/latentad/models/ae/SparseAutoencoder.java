package io.latentad.models.ae;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.MathOps;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Activation;
import io.latentad.models.ae.net.DenseNetwork;
import io.latentad.models.ae.net.Encoding;
import io.latentad.models.ae.net.Network;
import io.latentad.models.ae.net.NetworkOptions;
import io.latentad.models.common.Params;

import java.util.List;
import java.util.Map;

/**
 * The sparse autoencoder: reconstruction plus a penalty that keeps few units active.
 * <ul>
 *   <li>l1 (default): {@code w * mean over rows of ||z||_1} on the code;</li>
 *   <li>kl: Ng's sparsity target on the last hidden layer (sigmoid units):
 *       {@code w * sum_j KL(rho || rho_hat_j)}, {@code rho_hat_j} the mean activation of unit j
 *       over the batch, {@code KL(rho || r) = rho log(rho / r) + (1 - rho) log((1 - rho) / (1 - r))}.</li>
 * </ul>
 *
 * <p>Reference: A. Ng, "Sparse autoencoder", CS294A lecture notes, Stanford (2011). Departs from
 * the notes: rho_hat is the minibatch mean, not the full-data mean.
 *
 * <p>Cost: as the {@link Autoencoder}, plus O(batch x units).
 */
public final class SparseAutoencoder implements Objective {
    /** The penalty. */
    public enum Sparsity { L1, KL }

    /**
     * @param sparsity the penalty ({@code sparsity}: l1 (default, on the code) or kl (on the last hidden layer,
     *                 needs activation sigmoid))
     * @param weight   its weight ({@code sparsity_weight}, 1e-3 for l1, 0.1 for kl)
     * @param rho      the KL target mean activation ({@code rho}, 0.05)
     */
    public record Options(Sparsity sparsity, double weight, double rho) implements ModelOptions {
        public Options {
            if (sparsity == null) throw Params.bad("sparsity", "null", "l1 or kl");
            if (!(weight >= 0) || Double.isInfinite(weight)) throw Params.bad("sparsity_weight", weight, ">= 0");
            if (!(rho > 0 && rho < 1)) throw Params.bad("rho", rho, "in (0, 1)");
        }

        static Options read(Params.Reader p) {
            Sparsity sp = p.enumValue("sparsity", Sparsity.class, Sparsity.L1);
            return new Options(sp, p.real("sparsity_weight", sp == Sparsity.L1 ? 1e-3 : 0.1), p.real("rho", 0.05));
        }

        @Override
        public void write(Map<String, String> out) {
            out.put("sparsity", Params.lower(sparsity));
            out.put("sparsity_weight", Double.toString(weight));
            out.put("rho", Double.toString(rho));
        }

        @Override
        public void check(NetworkOptions net) {
            if (sparsity != Sparsity.KL) return;
            if (net instanceof DenseNetwork.Options d) {
                if (d.activation() != Activation.Kind.SIGMOID) {
                    throw Params.bad("activation", Params.lower(d.activation()), "sigmoid for sae with sparsity=kl");
                }
                if (d.hidden().length == 0) throw Params.bad("hidden", "(none)", "at least one hidden layer for sae with sparsity=kl");
            }
        }

        @Override
        public Objective objective(ObjectiveContext c) {
            return new SparseAutoencoder(c.network(), c.bernoulli(), this);
        }
    }

    private final Network net;
    private final boolean bernoulli;
    private final Options o;

    SparseAutoencoder(Network net, boolean bernoulli, Options o) {
        this.net = net;
        this.bernoulli = bernoulli;
        this.o = o;
    }

    @Override
    public LossTerms loss(Batch b) {
        Encoding e = net.encode(b.x());
        Var out = net.decode(e.mu());
        LossTerms t = new LossTerms().add("recon", Reconstruction.loss(out, b.x(), bernoulli, b.weights()), 1);
        if (o.sparsity() == Sparsity.L1) {
            Var l1 = ArithmeticOps.mulScalar(ReductionOps.sum(MathOps.abs(e.mu())), 1f / b.rows());
            return t.add("l1", l1, o.weight());
        }
        List<Var> hs = e.hidden();
        float rho = (float) o.rho();
        // the clamp keeps both logs finite when a unit is always off or always on in a batch
        Var rhoHat = MathOps.clamp(ReductionOps.mean(hs.get(hs.size() - 1), 0, false), 1e-6f, 1f - 1e-6f);
        Var cross = ArithmeticOps.add(ArithmeticOps.mulScalar(MathOps.log(rhoHat), -rho),
                ArithmeticOps.mulScalar(MathOps.log(ArithmeticOps.rsubScalar(1f, rhoHat)), -(1f - rho)));
        int units = rhoHat.value().size();
        // KL = cross-entropy - entropy of rho; the entropy is a constant
        double negEntropy = units * (rho * Math.log(rho) + (1 - rho) * Math.log(1 - rho));
        Var kl = ArithmeticOps.addScalar(ReductionOps.sum(cross), (float) negEntropy);
        return t.add("kl_sparsity", kl, o.weight());
    }
}
