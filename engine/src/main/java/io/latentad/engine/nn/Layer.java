package io.latentad.engine.nn;

import io.latentad.engine.autodiff.Var;

import java.util.Map;

/** A differentiable map from a batch {@code [batch, features]} to a batch, with named parameters. */
public interface Layer {
    Var forward(Var x);

    /** Adds this layer's parameters to {@code out}, each named {@code prefix + name}. */
    default void collectParameters(String prefix, Map<String, Var> out) {
    }

    /** Switches training behaviour (dropout) on or off; layers without any ignore it. */
    default void setTraining(boolean training) {
    }
}
