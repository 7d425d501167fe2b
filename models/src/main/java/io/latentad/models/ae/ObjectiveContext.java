package io.latentad.models.ae;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.net.Network;

/**
 * What the trainer gives an objective when a run starts.
 *
 * @param network    the network to train
 * @param bernoulli  the reconstruction distribution: Bernoulli (true) or unit-variance Gaussian
 * @param x          the training rows (e.g. for the denoiser's feature ranges); not to be modified
 * @param classMeans the fixed class-mean layout {@code [classes, latent]} when the model needs labels, else null
 * @param classes    the number of classes (0 without labels)
 * @param rng        a stream of the objective's own (e.g. the adversary's initialisation)
 * @param training   the shared training options (e.g. for an objective's own optimizer)
 */
public record ObjectiveContext(Network network, boolean bernoulli, double[][] x, Tensor classMeans, int classes, Rng rng,
                               TrainingOptions training) {
}
