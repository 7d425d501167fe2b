package io.latentad.models.ae;

/**
 * What happened during training (kept with the fitted model in memory, not in the model file).
 *
 * @param epochs     epochs completed
 * @param trainLoss  mean training loss of each completed epoch
 * @param validLoss  validation loss of each completed epoch (NaN without a validation split)
 * @param bestEpoch  the 1-based epoch whose parameters were kept (the last one without early stopping)
 * @param stopReason why training ended before the last epoch, or null
 * @param diverged   whether it ended by divergence (the last checked good parameters were kept; see {@link TrainingLoop})
 */
public record TrainingHistory(int epochs, double[] trainLoss, double[] validLoss, int bestEpoch, String stopReason,
                              boolean diverged) {
    /** The history of a model read from a file. */
    static TrainingHistory none() {
        return new TrainingHistory(0, new double[0], new double[0], 0, null, false);
    }
}
