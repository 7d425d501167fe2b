package io.latentad.engine.autodiff;

/** How a loss turns per-element terms into one number. */
public enum Reduction {
    /** The sum of every term. */
    SUM,
    /** The mean over every element (PyTorch's default {@code reduction='mean'}). */
    MEAN,
    /** The sum divided by the number of rows: the per-sample total averaged over the batch. */
    BATCH_MEAN;

    /** The factor that turns the sum of the terms of a tensor of this shape into the loss. */
    float scale(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return switch (this) {
            case SUM -> 1f;
            case MEAN -> n == 0 ? Float.NaN : 1f / n;
            case BATCH_MEAN -> shape.length == 0 || shape[0] == 0 ? 1f : 1f / shape[0];
        };
    }
}
