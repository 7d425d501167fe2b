package io.latentad.models.pipeline;

/**
 * Trains one latent model of the pipeline (a VAE, a CL-VAE, a gamma-weighted CL-VAE, ...) on
 * encoded features. The pipeline calls {@link #train} once per run; the trainer reads what it needs
 * from the options (seed, epochs, latent dimension, gamma) and reports progress lines (at most one
 * every few seconds, e.g. per epoch block) through {@code progress}.
 */
public interface LatentModelTrainer {
    /** The name used in tables, plots and file names, e.g. {@code VAE}, {@code CL-VAE}. */
    String name();

    /**
     * Trains on {@code x} (n x d, finite) with class codes {@code labels} (n values in
     * {@code 0..C-1}; an unconditioned model ignores them) and returns the fitted embedder.
     * Same options and data must give the same model (the seed is {@code options.seed()}).
     */
    Embedder train(double[][] x, int[] labels, Pipeline.Options options, Progress progress);
}
