package io.latentad.engine.nn;

import io.latentad.engine.autodiff.ActivationOps;
import io.latentad.engine.autodiff.Var;

/** An elementwise activation as a layer (no parameters). */
public final class Activation implements Layer {
    /** The supported functions; {@code LEAKY_RELU} and {@code ELU} take {@link #alpha()}. */
    public enum Kind { IDENTITY, RELU, LEAKY_RELU, ELU, TANH, SIGMOID, SOFTPLUS }

    private final Kind kind;
    private final float alpha;

    public Activation(Kind kind) {
        this(kind, kind == Kind.LEAKY_RELU ? 0.01f : 1f);
    }

    /** {@code alpha}: the negative slope of leaky ReLU, the scale of ELU. */
    public Activation(Kind kind, float alpha) {
        if (kind == null) throw new IllegalArgumentException("Activation: kind is null");
        if (!Float.isFinite(alpha)) throw new IllegalArgumentException("Activation: alpha = " + alpha);
        this.kind = kind;
        this.alpha = alpha;
    }

    public Kind kind() {
        return kind;
    }

    public float alpha() {
        return alpha;
    }

    @Override
    public Var forward(Var x) {
        return switch (kind) {
            case IDENTITY -> x;
            case RELU -> ActivationOps.relu(x);
            case LEAKY_RELU -> ActivationOps.leakyRelu(x, alpha);
            case ELU -> ActivationOps.elu(x, alpha);
            case TANH -> ActivationOps.tanh(x);
            case SIGMOID -> ActivationOps.sigmoid(x);
            case SOFTPLUS -> ActivationOps.softplus(x);
        };
    }
}
