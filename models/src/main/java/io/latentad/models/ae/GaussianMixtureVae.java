package io.latentad.models.ae;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.FullMixtureKl;
import io.latentad.engine.autodiff.NoGrad;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.autodiff.VariationalOps;
import io.latentad.engine.optim.Adam;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.net.Encoding;
import io.latentad.models.ae.net.Network;
import io.latentad.models.cluster.GaussianMixture;
import io.latentad.models.cluster.GaussianMixtureModel;
import io.latentad.models.common.Params;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The VAE with a learned Gaussian-mixture prior (VaDE, a GMVAE): the prior is
 *
 * <pre>p(z) = sum_k pi_k N(m_k, diag s_k^2)</pre>
 *
 * with the weights {@code pi} (a softmax of logits, so they stay on the simplex), the means and the
 * variances learned with the network. The loss of a row is
 *
 * <pre>gamma * E_q[-log p(x | z)] + beta_t * [sum_k g_k KL(q(z|x) || N(m_k, s_k^2)) + KL(g || pi)]</pre>
 *
 * the ELBO of VaDE in its closed form through the responsibilities {@code g_k(x)}
 * ({@link VariationalOps#klToMixture}), an upper bound on {@code KL(q(z|x) || p(z))}. The
 * responsibilities are the ones that maximise the ELBO, {@code g_k ~ pi_k exp(-KL_k)}; the row's
 * cluster is {@code argmax_k g_k} ({@link #clusters}). No label is used unless {@code labels=use}.
 *
 * <p>Start, as VaDE: the network is first trained as an autoencoder on the posterior means
 * for {@code pretrain} epochs (plain, or denoising with masking noise {@code pretrain_noise}), then a diagonal Gaussian mixture with K components
 * ({@link GaussianMixture}, seeded) is fitted to the codes of every training row and gives the
 * prior's first weights, means and variances. (A full-covariance start, whose partition of the
 * pre-trained MNIST codes is much better, V-measure 0.82 against 0.71, was tried: after 40 epochs
 * of joint training both starts end at the same V-measure, 0.780 / 0.781; bench/notes/latent-priors.md.)
 * {@link #finish} logs how far training moved the prior from this start. With {@code start=spectral} the start's
 * partition is a spectral clustering of the codes' neighbour graph instead ({@link MixtureStart}; on denoising-pre-trained
 * MNIST codes, 3 joint epochs, responsibilities V 0.870 / 0.840 / 0.851 against EM's start 0.810 / 0.809 / 0.813 on
 * seeds 1-3, but 0.810 against 0.803 on a fresh seed 7, whose partition split the 1s and merged 4 and 9 as EM's;
 * bench/notes/latent-priors.md, session 10). <b>The default since session 11 is {@code start=umap}</b>: the partition
 * of a full Gaussian mixture on a {@link io.latentad.models.cluster.Umap} embedding of the codes (N2D's recipe), which
 * keeps the 1s whole and separates 4 / 9 and 3 / 8: MNIST, latent 10, no labels, the library's defaults (10 joint
 * epochs) responsibilities V 0.884 / 0.893 / 0.869 / 0.895 on seeds 1-4 against EM's start 0.819 / 0.816 / 0.804 /
 * 0.818; with the denoising pre-training (3 joint epochs) 0.858-0.902 on nine seeds (1-3, 5-10), 0.891 / 0.858 /
 * 0.902 on the fresh seeds 8-10 (session 11).
 * {@code start=gmm} is VaDE's start and that of files written before (they read as {@code gmm}).
 *
 * <p>Semi-supervised ({@code labels=use}): a row with class y uses component y alone (its KL is
 * {@code KL(q || N(m_y, s_y^2)) - log pi_y}, the CL-VAE term with a learned, not fixed, class
 * Gaussian). K must then be at least the number of classes; components beyond the classes are
 * used by no labelled row (every row of a labelled data set has a label here, so with
 * {@code labels=use} set K to the number of classes). The objective can take rows without a label
 * ({@code -1} in {@link VariationalOps#klToMixture}): they use the mixture. The start is the same
 * unsupervised mixture as without labels: which component serves which class is set by training
 * alone (a start from each class's codes would be better; not done).
 *
 * <p>Variances: {@code s^2 = var_floor + exp(rho)}, so a component that collapses onto a few codes
 * stops at the floor (the loss stays finite); {@link #finish} reports components at the floor or
 * with a weight below 1/(100 K).
 *
 * <p>Full covariances ({@code prior=full}, the default since session 9; {@code prior=diag} is the prior above): the
 * components are {@code N(m_k, L_k L_k^T)} with a learned
 * lower Cholesky factor whose squared pivots are {@code var_floor + exp(theta)} ({@link FullMixtureKl}, the
 * same bound with the trace and Mahalanobis terms), started from a full-covariance EM fit of the
 * pre-trained codes. Diagonal components cannot follow the tilted clusters of pre-trained MNIST codes (EM
 * diag reads V 0.66-0.74 on codes where EM full reads 0.80-0.87), so the model's own clusters stay near
 * 0.7 with the diagonal prior; with the full one they read 0.81-0.82 on MNIST (bench/notes/latent-priors.md,
 * session 9; with the library's defaults otherwise, seeds 1 / 2 / 3 / 4: 0.819 / 0.816 / 0.804 / 0.818 against
 * diag's 0.707 / 0.744 / 0.713 / 0.724, seed 4 fresh for the choice). A model file written before the option
 * existed holds a diagonal prior and reads as {@code prior=diag}. Cost: O(K latent^3) per step for the inverses
 * and O(batch K latent^2) for the KL.
 *
 * <p>Reference: Z. Jiang, Y. Zheng, H. Tan, B. Tang and H. Zhou, "Variational Deep Embedding: An
 * Unsupervised and Generative Approach to Clustering", IJCAI 2017, arXiv:1611.05148. Departs from
 * the paper: the responsibilities are the exact ELBO-maximising {@code q(c|x)} computed from
 * {@code (mu, sigma^2)} rather than {@code p(c|z)} at one sampled z (deterministic, and a tighter
 * bound); the prior's variances have a floor; the pre-training is one end-to-end autoencoder (plain
 * or, with {@code pretrain_noise}, denoising), not a stacked denoising one trained layer by layer.
 *
 * <p>Cost: as the {@link Vae}, plus O(batch x K x latent) for the KL, plus {@code pretrain} epochs
 * of the autoencoder and one EM fit on the training codes before training.
 */
public final class GaussianMixtureVae implements Objective {
    /** State names in the model file. */
    static final String LOGITS = "prior.logits", MEANS = "prior.means", RHO = "prior.rho", CHOL = "prior.chol";

    /** Whether labels are used. */
    public enum Labels { IGNORE, USE }

    /**
     * Files written before {@code prior} existed (session 9) hold a diagonal prior, the default is full since; files
     * written before session 11 were started by EM ({@code start=gmm}), the default is umap since.
     */
    static final Map<String, String> FORMER_DEFAULTS = Map.of("prior", "diag", "start", "gmm");

    /** The components' covariances: diagonal (VaDE's) or full, through a learned Cholesky factor. */
    public enum Covariance { DIAG, FULL }

    /** The mixture weights: learned (a softmax of trained logits) or held at 1/K. */
    public enum Weights { LEARNED, UNIFORM }

    /** The start's partition of the pre-trained codes ({@link MixtureStart}): EM (VaDE's), spectral clustering or a UMAP embedding's mixture. */
    public enum Start { GMM, SPECTRAL, UMAP }

    /**
     * @param elbo      the VAE's weights ({@link Vae.Options})
     * @param k         mixture components ({@code k}, 10), &gt;= 1 and at most the training rows
     * @param pretrain  autoencoder epochs before the mixture is fitted ({@code pretrain}, 10), &gt;= 0
     *                  (0: the mixture is fitted on the codes of the untrained encoder)
     * @param varFloor  floor of each component variance ({@code var_floor}, 1e-3), &gt; 0
     * @param labels    {@code labels}: ignore (default) or use (semi-supervised, see the class comment)
     * @param pretrainNoise masking noise of the pre-training ({@code pretrain_noise}, 0): each input entry set to 0
     *                  with this probability, a denoising autoencoder as VaDE's (stacked denoising) pre-training;
     *                  in [0, 1); 0 = a plain autoencoder
     * @param pretrainLr learning rate of the pre-training ({@code pretrain_lr}, 0 = the training's {@code lr}),
     *                  &gt;= 0; with it the joint training can run at a lower {@code lr} than the pre-training
     * @param prior     the components' covariances ({@code prior}, full): {@code full} learns
     *                  {@code N(m_k, L_k L_k^T)} with a Cholesky factor whose squared pivots are at least
     *                  {@code var_floor} ({@link FullMixtureKl}), started from a full-covariance EM fit;
     *                  {@code diag} the diagonal components {@code var_floor + exp(rho)}
     * @param initRestarts EM restarts of the start's mixture fit on the pre-trained codes ({@code init_restarts}, 1),
     *                  &gt;= 1; the likeliest fit is kept (label-free)
     * @param weights   the mixture weights ({@code weights}, learned): {@code uniform} holds every pi_k at 1/K from the
     *                  start on (the start's EM weights are dropped), for classes known to be about balanced
     * @param start     the first prior ({@code start}, umap): {@code gmm} an EM fit of the pre-trained codes,
     *                  {@code spectral} the mixture of a spectral clustering of their neighbour graph, {@code umap} that of
     *                  a Gaussian mixture on their UMAP embedding (N2D's recipe, {@link MixtureStart})
     */
    public record Options(Vae.Options elbo, int k, int pretrain, double varFloor, Labels labels, double pretrainNoise,
                          double pretrainLr, Covariance prior, int initRestarts, Weights weights, Start start) implements ModelOptions {
        public Options {
            if (elbo == null) throw new IllegalArgumentException("gmvae: the ELBO options are required");
            if (k < 1) throw Params.bad("k", k, ">= 1 mixture components");
            if (pretrain < 0) throw Params.bad("pretrain", pretrain, ">= 0");
            if (!(varFloor > 0) || Double.isInfinite(varFloor)) throw Params.bad("var_floor", varFloor, "> 0");
            if (labels == null) throw Params.bad("labels", "null", "ignore or use");
            if (!(pretrainNoise >= 0 && pretrainNoise < 1)) throw Params.bad("pretrain_noise", pretrainNoise, "a share in [0, 1)");
            if (!(pretrainLr >= 0) || Double.isInfinite(pretrainLr)) {
                throw Params.bad("pretrain_lr", pretrainLr, "> 0, or 0 for the training's lr");
            }
            if (prior == null) throw Params.bad("prior", "null", "diag or full");
            if (initRestarts < 1) throw Params.bad("init_restarts", initRestarts, ">= 1 EM restarts");
            if (weights == null) throw Params.bad("weights", "null", "learned or uniform");
            if (start == null) throw Params.bad("start", "null", "gmm, spectral or umap");
        }

        static Options read(Params.Reader p) {
            return new Options(Vae.Options.read(p), p.integer("k", 10), p.integer("pretrain", 10), p.real("var_floor", 1e-3),
                    p.enumValue("labels", Labels.class, Labels.IGNORE), p.real("pretrain_noise", 0),
                    p.real("pretrain_lr", 0), p.enumValue("prior", Covariance.class, Covariance.FULL), p.integer("init_restarts", 1),
                    p.enumValue("weights", Weights.class, Weights.LEARNED), p.enumValue("start", Start.class, Start.UMAP));
        }

        @Override
        public void write(Map<String, String> out) {
            elbo.write(out);
            out.put("k", Integer.toString(k));
            out.put("pretrain", Integer.toString(pretrain));
            out.put("var_floor", Double.toString(varFloor));
            out.put("labels", Params.lower(labels));
            out.put("pretrain_noise", Double.toString(pretrainNoise));
            out.put("pretrain_lr", Double.toString(pretrainLr));
            out.put("prior", Params.lower(prior));
            out.put("init_restarts", Integer.toString(initRestarts));
            out.put("weights", Params.lower(weights));
            out.put("start", Params.lower(start));
        }

        @Override
        public boolean needsLabels() {
            return labels == Labels.USE;
        }

        @Override
        public LearnedPrior learnedPrior(TrainedAutoencoder model) {
            return GaussianMixtureVae.prior(model);
        }

        @Override
        public String naturalScorer() {
            return "prior";
        }

        @Override
        public Objective objective(ObjectiveContext c) {
            return new GaussianMixtureVae(c, this);
        }
    }

    private final Network net;
    private final boolean bernoulli;
    private final Options o;
    private final Var logits, means, rho, chol;
    /** The prior at the start of training (the GMM fit), for the log of how far training moved it. */
    private final Prior start;
    private final Map<String, Var> own = new LinkedHashMap<>();

    GaussianMixtureVae(ObjectiveContext c, Options o) {
        this.net = c.network();
        this.bernoulli = c.bernoulli();
        this.o = o;
        double[][] x = c.x();
        if (o.k() > x.length) throw Params.bad("k", o.k(), "at most the " + x.length + " training rows");
        if (o.labels() == Labels.USE && c.classes() > o.k()) {
            throw Params.bad("k", o.k(), "at least the " + c.classes() + " classes with labels=use");
        }
        int d = net.spec().latent();
        pretrain(c, x);
        double[][] z = codes(x);
        boolean full = o.prior() == Covariance.FULL;
        GaussianMixtureModel gmm = MixtureStart.fit(z, o, c.training().seed());
        Tensor lg = Tensor.zeros(1, o.k()), mt = Tensor.zeros(o.k(), d), rt = full ? Tensor.zeros(o.k(), d * d) : Tensor.zeros(o.k(), d);
        double[] w = gmm.weights();
        double[][] m = gmm.means(), v = gmm.covariances();
        for (int k = 0; k < o.k(); k++) {
            if (o.weights() == Weights.LEARNED) lg.setAt(k, (float) Math.log(Math.max(w[k], 1e-6))); // uniform: logits 0
            for (int j = 0; j < d; j++) mt.setAt(k * d + j, (float) m[k][j]);
            if (full) {
                MixtureStart.factor(v[k], d, o.varFloor(), rt, k);
            } else {
                for (int j = 0; j < d; j++) rt.setAt(k * d + j, (float) Math.log(Math.max(v[k][j] - o.varFloor(), 1e-3 * o.varFloor())));
            }
        }
        String second = full ? CHOL : RHO;
        start = prior(ModelKind.GMVAE, o.varFloor(), Map.of(LOGITS, lg.copy(), MEANS, mt.copy(), second, rt.copy()));
        boolean learned = o.weights() == Weights.LEARNED;
        logits = learned ? Var.param(lg, LOGITS) : Var.constant(lg); // a constant gets no gradient; finish() keeps it
        means = Var.param(mt, MEANS);
        Var r = Var.param(rt, second);
        rho = full ? null : r;
        chol = full ? r : null;
        if (learned) own.put(LOGITS, logits);
        own.put(MEANS, means);
        own.put(second, r);
    }

    /**
     * VaDE's start: the network as an autoencoder on its posterior means, plain or (with
     * {@code pretrain_noise}) denoising with masking noise.
     */
    private void pretrain(ObjectiveContext c, double[][] x) {
        if (o.pretrain() == 0) return;
        TrainingOptions t = c.training();
        double lr = o.pretrainLr() == 0 ? t.lr() : o.pretrainLr();
        TrainingOptions p = t.pretraining(o.pretrain(), lr);
        List<Var> params = new ArrayList<>(net.parameters().values());
        Rng r = c.rng();
        Rng shuffle = r.split(), noise = r.split();
        PretrainCache cache = PretrainCache.fromProperty(net, x, p, o.pretrainNoise());
        if (cache != null && cache.load()) return;
        Adam adam = new Adam(params, t.adam(lr));
        Objective ae = o.pretrainNoise() == 0 ? new Autoencoder(net, bernoulli)
                : new DenoisingAutoencoder.Options(DenoisingAutoencoder.Corruption.MASKING, o.pretrainNoise()).objective(c);
        int[] rows = new int[x.length];
        Arrays.setAll(rows, i -> i);
        TrainingHistory h = new TrainingLoop(p, x, null, null, ae, adam, params, null).run(rows, new int[0], shuffle, noise);
        if (h.epochs() == 0) throw new IllegalArgumentException("gmvae: pre-training diverged: " + h.stopReason());
        if (cache != null) cache.save();
    }

    /** Posterior means of every row, without gradients. */
    private double[][] codes(double[][] x) {
        double[][] z = new double[x.length][];
        int batch = 1024;
        try (NoGrad ignored = NoGrad.enter()) {
            for (int from = 0; from < x.length; from += batch) {
                int to = Math.min(x.length, from + batch);
                Tensor mu = net.encode(Var.constant(SampleBatches.range(x, from, to))).mu().value();
                int d = mu.dim(1);
                for (int i = from; i < to; i++) {
                    z[i] = new double[d];
                    for (int j = 0; j < d; j++) z[i][j] = mu.at((i - from) * d + j);
                }
            }
        }
        return z;
    }

    @Override
    public LossTerms loss(Batch b) {
        Encoding e = net.encode(InputDropout.apply(b.x(), o.elbo().inputDropout(), b.noise()));
        Var z = VariationalOps.reparameterize(e.mu(), e.logVar(), b.noise());
        Var out = net.decode(z);
        int[] labels = o.labels() == Labels.USE ? b.labels() : null;
        Var klRows = chol != null ? FullMixtureKl.klToMixture(e.mu(), e.logVar(), logits, means, chol, o.varFloor(), labels)
                : VariationalOps.klToMixture(e.mu(), e.logVar(), logits, means, rho, o.varFloor(), labels);
        Var kl = b.weights() == null ? ArithmeticOps.mulScalar(ReductionOps.sum(klRows), 1f / b.rows())
                : Reconstruction.weightedBatchMean(klRows, b.weights());
        return new LossTerms().add("recon", Reconstruction.loss(out, b.x(), bernoulli, b.weights()), o.elbo().gamma())
                .add("kl", kl, o.elbo().annealing().beta(b.step()));
    }

    @Override
    public Map<String, Var> ownParameters() {
        return own;
    }

    @Override
    public Map<String, Tensor> finish(TrainedAutoencoder model, double[][] x, Consumer<String> log) {
        Prior p = prior(model.kind(), o.varFloor(), Map.of(LOGITS, logits.value(), MEANS, means.value(),
                chol != null ? CHOL : RHO, chol != null ? chol.value() : rho.value()));
        if (log != null) {
            log.accept("gmvae: " + start.movedTo(p));
            for (String w : p.warnings()) log.accept("gmvae: " + w);
        }
        return o.weights() == Weights.LEARNED ? Map.of() : Map.of(LOGITS, logits.value().copy());
    }

    /** The learned prior of a gmvae model. */
    public static Prior prior(TrainedAutoencoder model) {
        Options o = (Options) model.options().model();
        return prior(model.kind(), o.varFloor(), model.objectiveState());
    }

    private static Prior prior(ModelKind kind, double floor, Map<String, Tensor> s) {
        if (kind != ModelKind.GMVAE) throw new IllegalArgumentException("a mixture prior needs a model trained with --model gmvae, not " + kind.cliName());
        Tensor lg = s.get(LOGITS), mt = s.get(MEANS), ct = s.get(CHOL), rt = ct != null ? null : s.get(RHO);
        int width = mt == null || mt.rank() != 2 ? -1 : ct != null ? mt.dim(1) * mt.dim(1) : mt.dim(1);
        Tensor second = ct != null ? ct : rt;
        if (lg == null || mt == null || second == null || mt.rank() != 2 || second.rank() != 2 || mt.dim(0) != lg.size()
                || second.dim(0) != lg.size() || second.dim(1) != width) {
            throw new IllegalArgumentException("gmvae model lacks a valid prior (" + LOGITS + ", " + MEANS + ", " + RHO + " or " + CHOL + ")");
        }
        int k = lg.size(), d = mt.dim(1);
        double mx = Double.NEGATIVE_INFINITY, zs = 0;
        for (int i = 0; i < k; i++) mx = Math.max(mx, lg.at(i));
        for (int i = 0; i < k; i++) zs += Math.exp(lg.at(i) - mx);
        double[] logPi = new double[k];
        double[][] m = new double[k][d], v = new double[k][d];
        double[][] l = ct == null ? null : FullMixtureKl.factors(ct, k, d, floor);
        for (int i = 0; i < k; i++) {
            logPi[i] = lg.at(i) - mx - Math.log(zs);
            for (int j = 0; j < d; j++) {
                m[i][j] = mt.at(i * d + j);
                if (l == null) {
                    v[i][j] = floor + Math.exp(rt.at(i * d + j));
                } else {
                    for (int t = 0; t <= j; t++) v[i][j] += l[i][j * d + t] * l[i][j * d + t]; // Sigma_jj = sum_t L_jt^2
                }
            }
        }
        return new Prior(logPi, m, v, floor, l);
    }

    /**
     * A Gaussian mixture over the latent space, diagonal or (with the Cholesky factors) full.
     *
     * @param logPi     log weights {@code [K]}
     * @param means     {@code [K][latent]}
     * @param variances {@code [K][latent]}, each at least the floor (full: the diagonal of each covariance)
     * @param floor     the variance floor the model was trained with (full: of each squared Cholesky pivot)
     * @param cholesky  null for diagonal components; else each covariance's lower factor {@code L_k}, row-major
     *                  {@code [K][latent * latent]}, {@code Sigma_k = L_k L_k^T}
     */
    public record Prior(double[] logPi, double[][] means, double[][] variances, double floor, double[][] cholesky) implements LearnedPrior {
        /** A diagonal mixture. */
        public Prior(double[] logPi, double[][] means, double[][] variances, double floor) {
            this(logPi, means, variances, floor, null);
        }

        /** Number of components. */
        public int k() {
            return logPi.length;
        }

        /** Whether the components have full covariances. */
        public boolean full() {
            return cholesky != null;
        }

        /** {@code log p(z)} of each code. */
        @Override
        public double[] logDensity(double[][] z) {
            double[] out = new double[z.length];
            double[] lp = new double[k()];
            MixtureComponents f = MixtureComponents.of(this, z.length == 0 ? 0 : z[0].length);
            for (int i = 0; i < z.length; i++) {
                double mx = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k(); c++) {
                    double s = f.addLogNormal(c, z[i], means[c], logPi[c]);
                    lp[c] = s;
                    mx = Math.max(mx, s);
                }
                double sum = 0;
                for (int c = 0; c < k(); c++) sum += Math.exp(lp[c] - mx);
                out[i] = mx + Math.log(sum);
            }
            return out;
        }

        /**
         * The responsibilities {@code g_k ~ pi_k exp(-KL(N(mu, sigma^2) || N(m_k, s_k^2)))} of each
         * posterior (the ones training used), {@code [rows][K]}.
         */
        public double[][] responsibilities(TrainedAutoencoder.Codes codes) {
            double[][] mu = codes.mu(), lv = codes.logVar();
            double[][] g = new double[mu.length][k()];
            MixtureComponents f = MixtureComponents.of(this, mu.length == 0 ? 0 : mu[0].length);
            for (int i = 0; i < mu.length; i++) {
                double mx = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k(); c++) {
                    g[i][c] = logPi[c] - f.kl(c, mu[i], lv == null ? null : lv[i], means[c]);
                    mx = Math.max(mx, g[i][c]);
                }
                double s = 0;
                for (int c = 0; c < k(); c++) s += (g[i][c] = Math.exp(g[i][c] - mx));
                for (int c = 0; c < k(); c++) g[i][c] /= s;
            }
            return g;
        }

        /** The cluster of each posterior: its most responsible component. */
        @Override
        public int[] clusters(TrainedAutoencoder.Codes codes) {
            double[][] g = responsibilities(codes);
            int[] out = new int[g.length];
            for (int i = 0; i < g.length; i++) {
                for (int c = 1; c < k(); c++) if (g[i][c] > g[i][out[i]]) out[i] = c;
            }
            return out;
        }

        /**
         * How far {@code after} lies from this prior, in words: the weights' range before and after,
         * the largest move of a mean (and the smallest distance between two means before, for scale)
         * and the largest factor by which a variance changed.
         */
        String movedTo(Prior after) {
            double moved = 0, gap = Double.POSITIVE_INFINITY, factor = 1;
            for (int c = 0; c < k(); c++) {
                double s = 0;
                for (int j = 0; j < means[c].length; j++) {
                    s += Math.pow(after.means[c][j] - means[c][j], 2);
                    double f = after.variances[c][j] / variances[c][j];
                    factor = Math.max(factor, Math.max(f, 1 / f));
                }
                moved = Math.max(moved, Math.sqrt(s));
                for (int b = c + 1; b < k(); b++) {
                    double t = 0;
                    for (int j = 0; j < means[c].length; j++) t += Math.pow(means[b][j] - means[c][j], 2);
                    gap = Math.min(gap, Math.sqrt(t));
                }
            }
            return String.format(java.util.Locale.ROOT, "training moved the prior: weights %.3g..%.3g -> %.3g..%.3g, a mean by up to %.3g"
                    + " (closest two means at the start %.3g apart), a variance by a factor up to %.3g", minWeight(), maxWeight(),
                    after.minWeight(), after.maxWeight(), moved, gap, factor);
        }

        private double minWeight() {
            double m = Double.POSITIVE_INFINITY;
            for (double l : logPi) m = Math.min(m, Math.exp(l));
            return m;
        }

        private double maxWeight() {
            double m = 0;
            for (double l : logPi) m = Math.max(m, Math.exp(l));
            return m;
        }

        /** Components at the variance floor or with a weight below 1 / (100 K), in words. */
        List<String> warnings() {
            List<String> w = new ArrayList<>();
            for (int c = 0; c < k(); c++) {
                double pi = Math.exp(logPi[c]);
                if (pi < 0.01 / k()) w.add(String.format(java.util.Locale.ROOT, "component %d has weight %.2g (nearly unused)", c, pi));
                int d = means[c].length;
                for (int j = 0; j < d; j++) {
                    // full: the squared Cholesky pivot (a conditional variance) is what the floor bounds
                    double v = full() ? cholesky[c][j * d + j] * cholesky[c][j * d + j] : variances[c][j];
                    if (v < floor * 1.01) {
                        w.add("component " + c + " collapsed to the variance floor " + floor + " (var_floor); its codes are nearly one point");
                        break;
                    }
                }
            }
            return w;
        }
    }

    /** The cluster of each row of {@code x} by its responsibilities under the model's learned prior. */
    public static int[] clusters(TrainedAutoencoder model, double[][] x) {
        return prior(model).clusters(model.encode(x));
    }
}
