package io.latentad.engine.optim;

/** Training produced a NaN or infinite loss; the message says where and what to try. */
public final class NonFiniteLossException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int step;
    private final double loss;

    public NonFiniteLossException(double loss, int epoch, int step) {
        super("loss is " + loss + " at epoch " + epoch + ", step " + step
                + ": training diverged (lower the learning rate, clip gradients, or check the input for NaN or huge values)");
        this.loss = loss;
        this.epoch = epoch;
        this.step = step;
    }

    public int epoch() {
        return epoch;
    }

    public int step() {
        return step;
    }

    public double loss() {
        return loss;
    }
}
