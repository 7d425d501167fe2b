package io.latentad.models.ae;

import io.latentad.engine.autodiff.ActivationOps;
import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.MathOps;
import io.latentad.engine.autodiff.NoGrad;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.ShapeOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Activation;
import io.latentad.engine.nn.Sequential;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.net.Network;
import io.latentad.models.common.Params;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The deep autoencoding Gaussian mixture model ({@code dagmm}): a compression network (the
 * autoencoder) gives each row the features {@code z = [z_c, relative Euclidean distance
 * ||x - x'|| / ||x||, cosine similarity of x and x']}; an estimation network (an MLP with a
 * softmax over K components) gives its soft memberships gamma; a Gaussian mixture is computed from
 * them in closed form over the batch ({@link MixtureEnergy}), and everything is trained on
 * <pre>
 *   J = 1/n sum_i ||x_i - x'_i||^2 (here: the family's reconstruction term) + lambda1 1/n sum_i E(z_i)
 *       + lambda2 sum_k sum_j 1 / Sigma_k,jj
 * </pre>
 * Score ({@code score --scorer energy}): the sample energy E(z) = -log sum_k phi_k N(z; mu_k, Sigma_k)
 * under the mixture computed once more after training over every training row (estimation network
 * in evaluation mode) and kept in the model ({@code gmm.phi}, {@code gmm.mu}, {@code gmm.cov}).
 *
 * <p>Intuition: normal rows reconstruct well and fall in dense mixture components in the joint
 * space of codes and reconstruction features; anomalies are low-likelihood (high-energy) there.
 *
 * <p>Departures from the paper: the reconstruction term is the family's (Bernoulli cross-entropy
 * for [0, 1] data, else 1/2 squared error); ||x|| below 1e-6 is taken as 1e-6 in the relative
 * distance and cosine; the estimation network's hidden activation is tanh with dropout (the paper's
 * KDD setting) for every dataset; covariances get {@code cov_floor} on the diagonal.
 *
 * <p>Reference: B. Zong, Q. Song, M. R. Min, W. Cheng, C. Lumezanu, D. Cho, H. Chen, "Deep
 * Autoencoding Gaussian Mixture Model for Unsupervised Anomaly Detection", ICLR 2018
 * (openreview.net/forum?id=BJJLHbb0-).
 *
 * <p>Cost: the autoencoder's, plus the estimation network and O(n K d^2 + K d^3) for the mixture
 * per batch.
 */
public final class DeepAutoencodingGmm implements Objective {
    /** ||x|| below this is taken as this in the reconstruction features. */
    static final double NORM_FLOOR = 1e-6;

    /**
     * @param components K, the mixture components ({@code gmm_k}, 4; at least 1)
     * @param lambda1    weight of the sample energy ({@code lambda1}, 0.1)
     * @param lambda2    weight of the small-covariance penalty ({@code lambda2}, 0.005)
     * @param estHidden  the estimation network's hidden sizes, tanh ({@code est_hidden}, 10)
     * @param estDropout dropout after each hidden layer of the estimation network ({@code est_dropout}, 0.5)
     * @param covFloor   added to every covariance diagonal, and the floor of the Cholesky pivots ({@code cov_floor}, 1e-6)
     */
    public record Options(int components, double lambda1, double lambda2, int[] estHidden, double estDropout,
                          double covFloor) implements ModelOptions {
        public Options {
            if (components < 1) throw Params.bad("gmm_k", components, "at least 1 mixture component");
            if (!(lambda1 >= 0) || Double.isInfinite(lambda1)) throw Params.bad("lambda1", lambda1, ">= 0");
            if (!(lambda2 >= 0) || Double.isInfinite(lambda2)) throw Params.bad("lambda2", lambda2, ">= 0");
            estHidden = estHidden.clone();
            for (int h : estHidden) if (h < 1) throw Params.bad("est_hidden", Params.join(estHidden), "sizes >= 1");
            if (!(estDropout >= 0 && estDropout < 1)) throw Params.bad("est_dropout", estDropout, "a share in [0, 1)");
            if (!(covFloor > 0 && covFloor < 1)) throw Params.bad("cov_floor", covFloor, "a small positive number below 1");
        }

        static Options read(Params.Reader p) {
            return new Options(p.integer("gmm_k", 4), p.real("lambda1", 0.1), p.real("lambda2", 0.005),
                    p.ints("est_hidden", new int[] {10}), p.real("est_dropout", 0.5), p.real("cov_floor", 1e-6));
        }

        @Override
        public int[] estHidden() {
            return estHidden.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options p && components == p.components && Double.compare(lambda1, p.lambda1) == 0
                    && Double.compare(lambda2, p.lambda2) == 0 && Arrays.equals(estHidden, p.estHidden)
                    && Double.compare(estDropout, p.estDropout) == 0 && Double.compare(covFloor, p.covFloor) == 0;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(components, lambda1, lambda2, Arrays.hashCode(estHidden), estDropout, covFloor);
        }

        @Override
        public void write(Map<String, String> out) {
            out.put("gmm_k", Integer.toString(components));
            out.put("lambda1", Double.toString(lambda1));
            out.put("lambda2", Double.toString(lambda2));
            out.put("est_hidden", Params.join(estHidden));
            out.put("est_dropout", Double.toString(estDropout));
            out.put("cov_floor", Double.toString(covFloor));
        }

        @Override
        public String naturalScorer() {
            return "energy";
        }

        @Override
        public Objective objective(ObjectiveContext c) {
            return new DeepAutoencodingGmm(c, this);
        }

        Sequential estimation(int latent, Rng rng) {
            return OwnNetworks.mlp(latent + 2, estHidden, components, Activation.Kind.TANH, (float) estDropout, rng);
        }
    }

    static final String PREFIX = "est";

    private final Network net;
    private final boolean bernoulli;
    private final Options o;
    private final Sequential est;
    private final Map<String, Var> own;

    DeepAutoencodingGmm(ObjectiveContext c, Options o) {
        this.net = c.network();
        this.bernoulli = c.bernoulli();
        this.o = o;
        this.est = o.estimation(net.spec().latent(), c.rng());
        this.own = OwnNetworks.named(PREFIX, est);
    }

    @Override
    public Map<String, Var> ownParameters() {
        return own;
    }

    @Override
    public LossTerms loss(Batch b) {
        Var x = b.x();
        Var zc = net.encode(x).mu();
        Var out = net.decode(zc);
        Var z = features(zc, bernoulli ? ActivationOps.sigmoid(out) : out, x);
        est.setTraining(NoGrad.enabled()); // dropout while training, not for the validation loss
        Var gamma = ActivationOps.softmax(est.forward(z));
        MixtureEnergy.Batch m = MixtureEnergy.batch(z, gamma, (float) o.covFloor());
        return new LossTerms().add("recon", Reconstruction.loss(out, x, bernoulli, b.weights()), 1)
                .add("energy", ReductionOps.mean(m.energy()), o.lambda1())
                .add("cov", m.penalty(), o.lambda2());
    }

    /** {@code [z_c, ||x - r|| / ||x||, <x, r> / (||x|| ||r||)]} with r the reconstruction (differentiable). */
    static Var features(Var zc, Var r, Var x) {
        Tensor xv = x.value();
        int n = xv.dim(0), d = xv.dim(1);
        Tensor invNorm = Tensor.zeros(n, 1);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) s += (double) xv.get(i, j) * xv.get(i, j);
            invNorm.setAt(i, (float) (1 / Math.max(Math.sqrt(s), NORM_FLOOR)));
        }
        Var inv = Var.constant(invNorm);
        // the 1e-12 inside the square roots keeps their gradient finite at 0
        Var dist = MathOps.sqrt(ArithmeticOps.addScalar(ReductionOps.sum(MathOps.pow(ArithmeticOps.sub(x, r), 2f), 1, true), 1e-12f));
        Var rNorm = MathOps.sqrt(ArithmeticOps.addScalar(ReductionOps.sum(MathOps.pow(r, 2f), 1, true), 1e-12f));
        Var cos = ArithmeticOps.div(ArithmeticOps.mul(ReductionOps.sum(ArithmeticOps.mul(x, r), 1, true), inv), rNorm);
        return ShapeOps.concat(1, zc, ArithmeticOps.mul(dist, inv), cos);
    }

    /** The same features in double, from the model's scoring pass (codes) and its reconstructions. */
    static double[][] features(TrainedAutoencoder model, TrainedAutoencoder.Embedding emb, double[][] x) {
        double[][] r = model.reconstruct(x), mu = emb.codes().mu();
        int n = x.length, k = model.latent();
        double[][] z = new double[n][k + 2];
        for (int i = 0; i < n; i++) {
            double xx = 0, rr = 0, xr = 0, dd = 0;
            for (int j = 0; j < x[i].length; j++) {
                // r holds float values; compute as the float graph does, in double
                double xj = (float) x[i][j], rj = r[i][j], e = xj - rj;
                xx += xj * xj;
                rr += rj * rj;
                xr += xj * rj;
                dd += e * e;
            }
            double inv = 1 / Math.max(Math.sqrt(xx), NORM_FLOOR);
            System.arraycopy(mu[i], 0, z[i], 0, k);
            z[i][k] = Math.sqrt(dd + 1e-12) * inv;
            z[i][k + 1] = xr * inv / Math.sqrt(rr + 1e-12);
        }
        return z;
    }

    /** The mixture over every training row, kept as {@code gmm.phi [K]}, {@code gmm.mu [K, d]}, {@code gmm.cov [K, d, d]}. */
    @Override
    public Map<String, Tensor> finish(TrainedAutoencoder model, double[][] x, Consumer<String> log) {
        double[][] z = features(model, model.embed(x), x);
        double[][] gamma = new double[z.length][];
        est.setTraining(false);
        SampleBatches.inBatches(512, z.length, (from, to) -> {
            Tensor g = ActivationOps.softmax(est.forward(Var.constant(SampleBatches.range(z, from, to)))).value();
            for (int i = from; i < to; i++) {
                gamma[i] = new double[g.dim(1)];
                for (int c = 0; c < gamma[i].length; c++) gamma[i][c] = g.get(i - from, c);
            }
        });
        MixtureEnergy.Mixture m = MixtureEnergy.fit(z, gamma, o.covFloor());
        int k = m.components(), d = z[0].length;
        Tensor phi = Tensor.zeros(k), mu = Tensor.zeros(k, d), cov = Tensor.zeros(k, d, d);
        for (int c = 0; c < k; c++) {
            phi.setAt(c, (float) m.phi()[c]);
            if (m.phi()[c] == 0 && log != null) log.accept("dagmm: mixture component " + c + " has no members; it is left out of the energy");
            for (int a = 0; a < d; a++) {
                mu.set((float) m.mu()[c][a], c, a);
                for (int b = 0; b < d; b++) cov.set((float) m.cov()[c][a][b], c, a, b);
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("gmm.phi", phi);
        out.put("gmm.mu", mu);
        out.put("gmm.cov", cov);
        return out;
    }

    /** The kept mixture of a dagmm model (from its float tensors, so a loaded model scores the same bits). */
    static MixtureEnergy.Mixture mixture(TrainedAutoencoder model) {
        requireDagmm(model.kind());
        Map<String, Tensor> s = model.objectiveState();
        Tensor phi = s.get("gmm.phi"), mu = s.get("gmm.mu"), cov = s.get("gmm.cov");
        int d = model.latent() + 2;
        if (phi == null || mu == null || cov == null || phi.rank() != 1 || mu.rank() != 2 || cov.rank() != 3
                || mu.dim(0) != phi.dim(0) || cov.dim(0) != phi.dim(0) || mu.dim(1) != d || cov.dim(1) != d || cov.dim(2) != d) {
            throw new IllegalArgumentException("dagmm model lacks a valid mixture (gmm.phi, gmm.mu, gmm.cov of " + d + " features)");
        }
        int k = phi.dim(0);
        double[] p = new double[k];
        double[][] m = new double[k][d];
        double[][][] c = new double[k][d][d];
        for (int i = 0; i < k; i++) {
            p[i] = phi.at(i);
            for (int a = 0; a < d; a++) {
                m[i][a] = mu.get(i, a);
                for (int b = 0; b < d; b++) c[i][a][b] = cov.get(i, a, b);
            }
        }
        return new MixtureEnergy.Mixture(p, m, c);
    }

    private static void requireDagmm(ModelKind kind) {
        if (kind != ModelKind.DAGMM) throw new IllegalArgumentException("scorer energy needs a model trained with --model dagmm, not " + kind.cliName());
    }

    /** {@code score --scorer energy}: the sample energy under the kept mixture. */
    static final class Score implements AeScorer {
        @Override
        public void requireKind(ModelKind kind) {
            requireDagmm(kind);
        }

        @Override
        public double[] score(TrainedAutoencoder model, TrainedAutoencoder.Embedding e, double[][] x, int[] labels) {
            MixtureEnergy.Mixture m = mixture(model);
            return m.energies(features(model, e, x));
        }

        @Override
        public String name() {
            return "energy";
        }
    }
}
