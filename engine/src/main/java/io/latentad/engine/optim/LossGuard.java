package io.latentad.engine.optim;

/** The check every training loop runs on each step's loss before updating parameters. */
public final class LossGuard {
    private LossGuard() {
    }

    /**
     * Returns {@code loss} when finite.
     *
     * @throws NonFiniteLossException when it is NaN or infinite, naming the epoch and step
     */
    public static double requireFinite(double loss, int epoch, int step) {
        if (!Double.isFinite(loss)) throw new NonFiniteLossException(loss, epoch, step);
        return loss;
    }
}
