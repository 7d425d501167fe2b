package io.latentad.models.ae;

/**
 * A latent prior a model learned and keeps in its objective state (gmvae's Gaussian mixture), for
 * the scorers that read a prior: {@code prior} takes {@code -log p(z)} from it and {@code misclass}
 * its clusters. Models whose prior is N(0, I) or the class means have none
 * ({@link ModelOptions#learnedPrior}).
 */
public interface LearnedPrior {
    /** {@code log p(z)} of each code. */
    double[] logDensity(double[][] z);

    /** The centre of each cluster, {@code [K][latent]}. */
    double[][] means();

    /** The cluster of each posterior. */
    int[] clusters(TrainedAutoencoder.Codes codes);
}
