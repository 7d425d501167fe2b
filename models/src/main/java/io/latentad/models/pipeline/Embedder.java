package io.latentad.models.pipeline;

/** A trained latent model seen by the pipeline: it maps feature rows to latent codes. */
@FunctionalInterface
public interface Embedder {
    /**
     * The latent code of every row of {@code x} (n x d features) as an n x m matrix (m >= 1, the
     * same m for every call; for a VAE, the posterior means). Must not modify {@code x}.
     */
    double[][] embed(double[][] x);

    /**
     * The model's own anomaly scores of the rows (higher = more anomalous), by scorer name, e.g.
     * {@code recon} (reconstruction error) or {@code prior} (the CL-VAE prior tail). The pipeline
     * reports them beside the latent-space detectors. None by default.
     */
    default java.util.Map<String, double[]> scores(double[][] x, int[] labels) {
        return java.util.Map.of();
    }
}
