package io.latentad.models.pipeline;

import io.latentad.models.ae.ColumnContributions;
import io.latentad.models.data.Dataset;

import java.nio.file.Path;
import java.util.Map;

/** A trained latent model seen by the pipeline: it maps feature rows to latent codes. */
@FunctionalInterface
public interface Embedder {
    /**
     * What one pass over a dataset gives: the codes of its rows and the model's own anomaly scores
     * by scorer name (higher = more anomalous), e.g. {@code recon} and {@code prior}.
     */
    record Pass(double[][] codes, Map<String, double[]> scores) {
    }

    /**
     * The latent code of every row of {@code x} (n x d features) as an n x m matrix (m >= 1, the
     * same m for every call; for a VAE, the posterior means). Must not modify {@code x}.
     */
    double[][] embed(double[][] x);

    /**
     * The codes and the model's own scores of the dataset's rows from one pass (an autoencoder
     * encodes each row once for all of them). By default the codes alone.
     */
    default Pass pass(Dataset data) {
        return new Pass(embed(data.x()), Map.of());
    }

    /**
     * The contributions of each input column to the {@code recon} score of rows {@code x}, or null
     * when the model has no reconstruction (the default).
     */
    default ColumnContributions contributions(double[][] x) {
        return null;
    }

    /** Saves the model to {@code file} (for {@code score} and {@code embed} later); refused by default. */
    default void save(Path file) {
        throw new IllegalArgumentException("this latent model cannot be saved: " + file);
    }
}
