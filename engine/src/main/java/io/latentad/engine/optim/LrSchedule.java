package io.latentad.engine.optim;

/**
 * A learning rate as a function of the step number (0-based), applied with
 * {@code optimizer.setLearningRate(schedule.lr(step))} before each step.
 */
@FunctionalInterface
public interface LrSchedule {
    double lr(int step);

    static LrSchedule constant(double lr) {
        requireRate(lr);
        return step -> lr;
    }

    /** {@code lr * gamma^floor(step / every)} (PyTorch's StepLR). */
    static LrSchedule stepDecay(double lr, int every, double gamma) {
        requireRate(lr);
        if (every < 1) throw new IllegalArgumentException("stepDecay: every = " + every + ", expected >= 1");
        if (!(gamma > 0)) throw new IllegalArgumentException("stepDecay: gamma = " + gamma + ", expected > 0");
        return step -> lr * Math.pow(gamma, step / every);
    }

    /** {@code lr * gamma^step}. */
    static LrSchedule exponential(double lr, double gamma) {
        requireRate(lr);
        if (!(gamma > 0)) throw new IllegalArgumentException("exponential: gamma = " + gamma + ", expected > 0");
        return step -> lr * Math.pow(gamma, step);
    }

    /**
     * Cosine annealing from {@code lr} to {@code minLr} over {@code total} steps, then
     * {@code minLr} (I. Loshchilov and F. Hutter, "SGDR", ICLR 2017, without restarts).
     */
    static LrSchedule cosine(double lr, double minLr, int total) {
        requireRate(lr);
        requireRate(minLr);
        if (total < 1) throw new IllegalArgumentException("cosine: total = " + total + ", expected >= 1");
        return step -> step >= total ? minLr : minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * step / total));
    }

    /** This schedule scaled by a linear ramp from {@code 1 / warmup} to 1 over the first steps. */
    default LrSchedule withWarmup(int warmup) {
        if (warmup < 0) throw new IllegalArgumentException("withWarmup: warmup = " + warmup + ", expected >= 0");
        return step -> step < warmup ? lr(step) * (step + 1) / warmup : lr(step);
    }

    private static void requireRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate = " + lr + ", expected >= 0");
    }
}
