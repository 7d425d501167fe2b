package io.latentad.models.ae;

import io.latentad.engine.random.Rng;

/**
 * The reconstruction probability score of An and Cho: draw {@code L} codes
 * {@code z_l ~ q(z | x)} and average the log-likelihood of the row under the decoder,
 * {@code score = -(1/L) sum_l log p(x | z_l)}. High when the row is improbable under the model
 * even from its own codes. Unlike the reconstruction error it accounts for the spread of q(z|x)
 * and for the output distribution (Bernoulli or unit-variance Gaussian, see {@link Reconstruction}).
 * Deterministic encoders are refused: with one code per row the score ranks rows as {@code recon}.
 *
 * <p>Reference: J. An and S. Cho, "Variational Autoencoder based Anomaly Detection using
 * Reconstruction Probability", SNU Data Mining Center, Special Lecture on IE 2 (2015).
 * Departs from the paper: the decoder's variance is fixed at 1 for Gaussian outputs, and the
 * score is the negated mean log-likelihood rather than a probability compared with a threshold.
 *
 * <p>Cost: {@code L} decoder passes per row. Noise comes from {@code seed} in row order, so
 * scores repeat.
 */
public final class ReconstructionProbability implements AeScorer {
    private static final int CHUNK = 2048;
    private final int samples;
    private final long seed;

    public ReconstructionProbability(int samples, long seed) {
        if (samples < 1) throw new IllegalArgumentException("recon-prob: samples = " + samples + ", expected >= 1");
        this.samples = samples;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "recon-prob";
    }

    @Override
    public void requireKind(ModelKind kind) {
        if (!kind.variational()) {
            throw new IllegalArgumentException("scorer recon-prob needs a variational model (vae, clvae), not "
                    + kind.cliName() + ": its encoder gives one code per row, so the score would rank rows as recon does; use recon");
        }
    }

    /** Its samples come from one seeded stream over the rows in order: a row's score depends on its position. */
    @Override
    public boolean rowWise() {
        return false;
    }

    @Override
    public double[] score(TrainedAutoencoder model, TrainedAutoencoder.Embedding e, double[][] x, int[] labels) {
        requireKind(model.kind());
        TrainedAutoencoder.Codes c = e.codes();
        int n = x.length, d = model.latent(), l = c.logVar() == null ? 1 : samples;
        double[] s = new double[n];
        Rng rng = new Rng(seed);
        int[] lengths = model.lengthsOf(x); // sequences of unequal length: each decoded to its own steps
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            for (int k = 0; k < l; k++) {
                double[][] z = new double[to - from][d];
                for (int i = from; i < to; i++) {
                    for (int j = 0; j < d; j++) {
                        z[i - from][j] = c.logVar() == null ? c.mu()[i][j]
                                : c.mu()[i][j] + Math.exp(0.5 * c.logVar()[i][j]) * rng.nextGaussian();
                    }
                }
                double[][] out = model.decode(z, lengths == null ? null : java.util.Arrays.copyOfRange(lengths, from, to));
                for (int i = from; i < to; i++) {
                    float[] row = new float[out[i - from].length];
                    for (int j = 0; j < row.length; j++) row[j] = (float) out[i - from][j];
                    s[i] -= Reconstruction.logLikelihood(row, 0, x[i], model.bernoulli()) / l;
                }
            }
        }
        return s;
    }
}
