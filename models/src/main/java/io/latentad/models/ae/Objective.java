package io.latentad.models.ae;

import io.latentad.engine.autodiff.Var;

import java.util.List;

/**
 * What distinguishes the members of the family: the loss of a batch, written against the
 * {@link io.latentad.models.ae.net.Network} seam (never a particular architecture), and anything
 * trained besides the network (learned class means, an adversary). The training loop
 * ({@link TrainingLoop}) is the same for all. An objective is made by its model's
 * {@link ModelOptions#objective}.
 */
public interface Objective {
    /** The loss of one batch (a graph to differentiate when gradients are enabled). */
    LossTerms loss(Batch b);

    /** Parameters the main optimizer trains besides the network's (e.g. learned class means). */
    default List<Var> extraParameters() {
        return List.of();
    }

    /** Called after each optimizer step, in the same step scope (the adversary's own update). */
    default void afterStep(Batch b) {
    }

    /** The class means {@code [classes, latent]} of a class-conditioned prior, or null. */
    default Var classMeans() {
        return null;
    }
}
