package io.latentad.models.pipeline;

/** A trained latent model seen by the pipeline: it maps feature rows to latent codes. */
@FunctionalInterface
public interface Embedder {
    /**
     * The latent code of every row of {@code x} (n x d features) as an n x m matrix (m >= 1, the
     * same m for every call; for a VAE, the posterior means). Must not modify {@code x}.
     */
    double[][] embed(double[][] x);
}
