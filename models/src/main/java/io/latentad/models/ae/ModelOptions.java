package io.latentad.models.ae;

import io.latentad.models.ae.net.NetworkOptions;

import java.util.Map;

/**
 * The options of one member of the family, its own {@code --param} keys only (Smile's
 * {@code record Options}): each objective class has a nested {@code Options} record that reads its
 * keys with their defaults, writes them back, checks itself against the network, and makes its
 * {@link Objective}. What every model shares lives in {@link TrainingOptions} and
 * {@link io.latentad.models.ae.net.NetworkOptions}.
 */
public interface ModelOptions {
    /** Adds this model's keys and values to {@code out}. */
    void write(Map<String, String> out);

    /** The objective of a training run. */
    Objective objective(ObjectiveContext context);

    /** Whether the model needs class labels (clvae; aae with the mixture prior). */
    default boolean needsLabels() {
        return false;
    }

    /** Distance between neighbouring fixed class means ({@link ClassMeans}) when {@link #needsLabels()}. */
    default double separation() {
        return 6;
    }

    /**
     * The scorer ({@code score --scorer NAME}) this model is meant to be read with: the one
     * {@code train} sets the stored threshold on unless told otherwise ({@code recon} by default;
     * {@code predictor} for aemlp, {@code energy} for dagmm).
     */
    default String naturalScorer() {
        return "recon";
    }

    /**
     * The latent prior {@code model} learned, read from its objective state (gmvae), or null when its
     * prior is N(0, I) or the class means.
     */
    default LearnedPrior learnedPrior(TrainedAutoencoder model) {
        return null;
    }

    /** Throws for an architecture this model cannot train (e.g. cae needs tanh or sigmoid). */
    default void check(NetworkOptions net) {
    }
}
