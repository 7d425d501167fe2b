package io.latentad.models.ae;

import java.util.function.Consumer;

/**
 * A training log (one line per epoch, as any {@code Consumer<String>} given to {@link AeTrainer#fit})
 * that also hears of every optimisation step, to draw progress within an epoch (the CLI's in-place
 * bar on a terminal). Steps are reported from the training thread; keep {@link #step} cheap.
 */
public interface StepLog extends Consumer<String> {
    /** Step {@code step} (1-based) of {@code steps} in epoch {@code epoch} of {@code epochs} is done. */
    void step(int epoch, int epochs, int step, int steps);
}
