package io.latentad.models.ae;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.MathOps;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.Var;

import java.util.List;

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
    private final DenseCodec codec;
    private final boolean bernoulli;
    private final AeOptions o;

    SparseAutoencoder(DenseCodec codec, boolean bernoulli, AeOptions o) {
        this.codec = codec;
        this.bernoulli = bernoulli;
        this.o = o;
    }

    @Override
    public LossTerms loss(Batch b) {
        DenseCodec.Encoding e = codec.encode(b.x());
        Var out = codec.decode(e.mu());
        LossTerms t = new LossTerms().add("recon", Reconstruction.loss(out, b.x(), bernoulli, b.weights()), 1);
        if (o.sparsity() == AeOptions.Sparsity.L1) {
            Var l1 = ArithmeticOps.mulScalar(ReductionOps.sum(MathOps.abs(e.mu())), 1f / b.rows());
            return t.add("l1", l1, o.sparsityWeight());
        }
        List<Var> hs = e.hidden();
        float rho = (float) o.sparsityTarget();
        // the clamp keeps both logs finite when a unit is always off or always on in a batch
        Var rhoHat = MathOps.clamp(ReductionOps.mean(hs.get(hs.size() - 1), 0, false), 1e-6f, 1f - 1e-6f);
        Var cross = ArithmeticOps.add(ArithmeticOps.mulScalar(MathOps.log(rhoHat), -rho),
                ArithmeticOps.mulScalar(MathOps.log(ArithmeticOps.rsubScalar(1f, rhoHat)), -(1f - rho)));
        int units = rhoHat.value().size();
        // KL = cross-entropy - entropy of rho; the entropy is a constant
        double negEntropy = units * (rho * Math.log(rho) + (1 - rho) * Math.log(1 - rho));
        Var kl = ArithmeticOps.addScalar(ReductionOps.sum(cross), (float) negEntropy);
        return t.add("kl_sparsity", kl, o.sparsityWeight());
    }
}
