package io.latentad.models.ae.net;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seam between the objectives of the autoencoder family and the layers they train: an encoder
 * that maps a batch of samples to a code and a decoder that maps codes to the parameters of the
 * reconstruction distribution. Objectives ({@code models.ae.Objective}) are written against this
 * interface alone; {@link DenseNetwork} is the first implementation and the worked example
 * (docs/composable-networks.md says what a new one implements).
 *
 * <p>Batches come from the one batch builder: a {@code [batch, width]} tensor of flat samples
 * (the {@link NetworkSpec#input() sample shape} says how to read a row). The decoder's output has
 * the same layout: Bernoulli logits or Gaussian means, one per input value.
 */
public interface Network {
    /** The architecture: what the model file stores and {@link NetworkSpec#build} rebuilds. */
    NetworkSpec spec();

    /** Encodes a batch {@code [batch, width]}. */
    Encoding encode(Var x);

    /** Decodes codes {@code [batch, latent]} to {@code [batch, width]} (logits or means). */
    Var decode(Var z);

    /**
     * Encodes a batch of sequences of unequal length: {@code x [batch, longest * C]} padded with zeros
     * after each row's {@code lengths[i]} steps (the padding is never read). Null lengths: {@link #encode(Var)}.
     * Only networks whose {@link NetworkSpec#readsLengths()} is true accept lengths.
     */
    default Encoding encode(Var x, int[] lengths) {
        if (lengths == null) return encode(x);
        throw new IllegalArgumentException("the " + spec().name() + " network reads samples of one width, not sequences of unequal length");
    }

    /**
     * Decodes codes to sequences of {@code lengths[i]} steps: {@code [batch, max(lengths) * C]}, zero
     * past each row's end. Null lengths: {@link #decode(Var)}.
     */
    default Var decode(Var z, int[] lengths) {
        if (lengths == null) return decode(z);
        throw new IllegalArgumentException("the " + spec().name() + " network reads samples of one width, not sequences of unequal length");
    }

    /**
     * The stream of the network's own training noise (the dense encoder's {@code dropout}) for the passes that
     * follow; null = none, the deterministic network (validation, scoring, embedding). The trainer sets it around
     * each training step and clears it after. Networks without such noise ignore it (the default).
     */
    default void trainingNoise(Rng noise) {
    }

    /**
     * A copy of this network for inference only (a trained model's scoring passes), which may hold its
     * parameters in a form prepared once for many batches (the dense layers' weights packed for the GEMM): the
     * same outputs to the bit as this network's, under {@code NoGrad}. Its parameters are copies taken now and
     * must not be changed. The default is this network itself (nothing to prepare).
     */
    default Network frozenForInference() {
        return this;
    }

    /** Every trained parameter by a stable name, in a fixed order (the optimizer's and the file's order). */
    Map<String, Var> parameters();

    /** Copies of the parameters' current values by name, in {@link #parameters()}'s order (what {@link #load} takes). */
    default Map<String, Tensor> parameterValues() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : parameters().entrySet()) m.put(e.getKey(), e.getValue().value().copy());
        return m;
    }

    /** Overwrites the parameters with saved values (same names and shapes), e.g. from a model file. */
    default void load(Map<String, Tensor> values) {
        Map<String, Var> params = parameters();
        if (!params.keySet().equals(values.keySet())) {
            throw new IllegalArgumentException("model parameters " + values.keySet() + ": expected " + params.keySet());
        }
        for (Map.Entry<String, Var> e : params.entrySet()) {
            Tensor dst = e.getValue().value(), src = values.get(e.getKey());
            if (!dst.sameShape(src)) {
                throw new IllegalArgumentException("model parameter " + e.getKey() + " has shape "
                        + Arrays.toString(src.shape()) + ": expected " + Arrays.toString(dst.shape()));
            }
            dst.copyFrom(src);
        }
    }
}
