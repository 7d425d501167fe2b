package io.latentad.metrics;

/**
 * Fits a detector on data and returns its score function. Label-free evaluation (excess-mass and
 * mass-volume curves on feature subsets) refits the detector on each subset, so it needs a
 * factory rather than fixed scores.
 */
@FunctionalInterface
public interface DetectorFactory {
    /** Fits on the rows of {@code x} and returns the fitted scorer. */
    ScoreFunction fit(double[][] x);
}
