package io.latentad.engine.kernel;

import io.latentad.engine.tensor.Tensor;

/**
 * A weight matrix {@code W [k, n]} with its B panels packed once ({@link Kernels#packWeights}), for the many
 * products {@code X W + bias} of inference (each scoring batch, each layer) that would otherwise pack {@code W}
 * again on every call. Holds {@code W} itself too: products the packed GEMM does not take (tiny ones, another
 * provider) use it, with the same bits. {@code W} must not change after packing.
 */
public final class PackedWeights {
    private final Tensor weight;
    private final Gemm packer;
    private final float[] panels;

    PackedWeights(Tensor weight, Gemm packer, float[] panels) {
        this.weight = weight;
        this.packer = packer;
        this.panels = panels;
    }

    /** The weights as given (rows = inputs {@code k}, columns = outputs {@code n}). */
    public Tensor weight() {
        return weight;
    }

    /** Whether {@code W} is held packed (false when the GEMM provider does not pack: products use {@code W}). */
    public boolean packed() {
        return panels != null;
    }

    Gemm packer() {
        return packer;
    }

    float[] panels() {
        return panels;
    }
}
