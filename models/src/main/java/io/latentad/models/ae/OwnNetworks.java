package io.latentad.models.ae;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.MathOps;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Activation;
import io.latentad.engine.nn.Mlp;
import io.latentad.engine.nn.Sequential;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small networks an objective owns besides the autoencoder (aemlp's error predictor, dagmm's
 * estimation network): built from {@code engine.nn} ({@link Mlp}), their parameters named
 * {@code <prefix>.<layer>.<weight|bias>} for the model file, and loaded back by those names.
 */
final class OwnNetworks {
    private OwnNetworks() {
    }

    /** {@code in -> hidden... (activation, optional dropout after each) -> out (identity)}. */
    static Sequential mlp(int in, int[] hidden, int out, Activation.Kind activation, float dropout, Rng rng) {
        Mlp m = Mlp.input(in);
        for (int h : hidden) {
            m.dense(h, activation);
            if (dropout > 0) m.dropout(dropout);
        }
        return m.dense(out, Activation.Kind.IDENTITY).build(rng);
    }

    /** The parameters of {@code net} under {@code prefix.}. */
    static Map<String, Var> named(String prefix, Sequential net) {
        Map<String, Var> m = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : net.parameters().entrySet()) m.put(prefix + "." + e.getKey(), e.getValue());
        return m;
    }

    /** Copies the tensors {@code prefix.*} of {@code state} into {@code net}, checking names and shapes. */
    static void load(Sequential net, String prefix, Map<String, Tensor> state, String model) {
        for (Map.Entry<String, Var> e : named(prefix, net).entrySet()) {
            Tensor src = state.get(e.getKey()), dst = e.getValue().value();
            if (src == null) {
                throw new IllegalArgumentException(model + " model lacks its " + e.getKey() + " (a model file of another kind or version)");
            }
            if (!dst.sameShape(src)) {
                throw new IllegalArgumentException(model + " tensor " + e.getKey() + " has shape " + Arrays.toString(src.shape())
                        + ": expected " + Arrays.toString(dst.shape()));
            }
            dst.copyFrom(src);
        }
        net.setTraining(false);
    }

    /** The sum of squares of every weight matrix (not the biases) of {@code params}: the L2 penalty ||theta||^2. */
    static Var weightSquares(Iterable<Map.Entry<String, Var>> params) {
        Var s = null;
        for (Map.Entry<String, Var> e : params) {
            if (!e.getKey().endsWith("weight")) continue;
            Var t = ReductionOps.sum(MathOps.pow(e.getValue(), 2f));
            s = s == null ? t : ArithmeticOps.add(s, t);
        }
        return s == null ? Var.scalar(0f) : s;
    }
}
