package io.latentad.models.ae;

/**
 * The reconstruction error {@code ||x - x_hat||_2^2} (L2, {@code recon}) or
 * {@code ||x - x_hat||_1} (L1, {@code recon-l1}) of each row, {@code x_hat} the decoder's mean
 * output for the row's code (sigmoid of the logits for Bernoulli outputs). Rows the model has not
 * learned to reconstruct score high. {@link #perFeature} gives the per-feature terms whose sum is
 * the score, to see which features make a row anomalous.
 *
 * <p>Reference: e.g. M. Sakurada and T. Yairi, "Anomaly Detection Using Autoencoders with
 * Nonlinear Dimensionality Reduction", MLSDA 2014, doi:10.1145/2689746.2689747.
 */
public final class ReconstructionError implements AeScorer {
    private final boolean l1;

    /** {@code l1}: absolute instead of squared error. */
    public ReconstructionError(boolean l1) {
        this.l1 = l1;
    }

    @Override
    public String name() {
        return l1 ? "recon-l1" : "recon";
    }

    @Override
    public double[] score(TrainedAutoencoder model, TrainedAutoencoder.Embedding e, double[][] x, int[] labels) {
        return l1 ? e.l1() : e.l2();
    }

    /** The per-feature error terms {@code [rows][features]} (squared or absolute differences). */
    public double[][] perFeature(TrainedAutoencoder model, double[][] x) {
        double[][] r = model.reconstruct(x);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < r[i].length; j++) {
                double e = x[i][j] - r[i][j];
                r[i][j] = l1 ? Math.abs(e) : e * e;
            }
        }
        return r;
    }
}
