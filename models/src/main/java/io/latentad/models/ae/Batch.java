package io.latentad.models.ae;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;

/**
 * One minibatch as the objectives see it.
 *
 * @param x       the clean rows {@code [batch, inputs]} (a constant)
 * @param labels  class codes of the rows, or null for unlabelled data
 * @param weights per-row loss weights {@code [batch, 1]} (a constant), or null for equal weights
 * @param step    the 0-based optimizer step (drives KL annealing)
 * @param noise   the stream for corruption, reparameterisation and prior samples
 * @param lengths for sequences of unequal length, the steps of each row ({@code x} is padded with zeros to
 *                the longest), or null when every row is a full sample (always for fixed-width networks)
 */
public record Batch(Var x, int[] labels, Var weights, int step, Rng noise, int[] lengths) {
    /** A batch of full samples. */
    public Batch(Var x, int[] labels, Var weights, int step, Rng noise) {
        this(x, labels, weights, step, noise, null);
    }

    public int rows() {
        return x.value().dim(0);
    }
}
