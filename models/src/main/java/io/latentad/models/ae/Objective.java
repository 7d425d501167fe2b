package io.latentad.models.ae;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.tensor.Tensor;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

    /**
     * The parameters of the objective's own networks (aemlp's error predictor, dagmm's estimation
     * network) by stable name: the main optimizer trains them with the network's, and the model
     * file saves them by name ({@link TrainedAutoencoder#objectiveState()}).
     */
    default Map<String, Var> ownParameters() {
        return Map.of();
    }

    /**
     * Called once after training with every training row and the trained model (its network and
     * no kept codes yet): fits what is fixed after training (dagmm's mixture over the training set)
     * or trains on (aemlp's predictor with {@code schedule=ae_first}). Returns named tensors saved
     * with the model beside {@link #ownParameters()}; the scorers read both from
     * {@link TrainedAutoencoder#objectiveState()}.
     */
    default Map<String, Tensor> finish(TrainedAutoencoder model, double[][] x, Consumer<String> log) {
        return Map.of();
    }

    /** The class means {@code [classes, latent]} of a class-conditioned prior, or null. */
    default Var classMeans() {
        return null;
    }
}
