package io.latentad.models.pipeline;

import io.latentad.models.data.Dataset;

/**
 * Trains one latent model of the pipeline (a VAE, a CL-VAE, a gamma-weighted CL-VAE, ...) on a
 * dataset. The pipeline calls {@link #train} once per run; the trainer carries its own typed
 * options (epochs, latent size, seed, ...) and reports progress lines (at most one every few
 * seconds, e.g. per epoch) through {@code progress}.
 */
public interface LatentModelTrainer {
    /** The name used in tables, plots and file names, e.g. {@code VAE}, {@code CL-VAE}. */
    String name();

    /** What the model is, for the report: e.g. its kind, network and training options. */
    default String describe() {
        return name();
    }

    /**
     * Trains on the dataset (features, class labels, sample shape and feature encoder; an
     * unconditioned model ignores the labels) and returns the fitted embedder. Same options and
     * data must give the same model.
     */
    Embedder train(Dataset data, Pipeline.Options options, Progress progress);
}
