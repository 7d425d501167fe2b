package io.latentad.engine.nn;

import io.latentad.engine.random.Rng;

import java.util.ArrayList;
import java.util.List;

/**
 * A builder of multilayer perceptrons:
 * {@code Mlp.input(784).dense(512, RELU).dense(256, RELU).dense(2, IDENTITY).build(seed)}.
 * Each dense layer is followed by its activation (none for {@code IDENTITY}); the default
 * initialisation is He for ReLU-family activations and Xavier otherwise. Every layer gets its own
 * split of the seeded stream.
 */
public final class Mlp {
    private final int inputs;
    private final List<Spec> specs = new ArrayList<>();
    private int width;

    /** One dense layer (with activation) or, when {@code dropout >= 0}, one dropout layer. */
    private record Spec(int in, int out, Activation activation, Init init, float dropout) {
    }

    private Mlp(int inputs) {
        this.inputs = inputs;
        this.width = inputs;
    }

    public static Mlp input(int features) {
        if (features < 1) throw new IllegalArgumentException("Mlp: features = " + features + ", expected >= 1");
        return new Mlp(features);
    }

    public Mlp dense(int units, Activation.Kind activation) {
        return dense(units, activation, Init.defaultFor(activation));
    }

    public Mlp dense(int units, Activation.Kind activation, Init init) {
        return dense(units, new Activation(activation), init);
    }

    /** A dense layer followed by {@code activation} (e.g. a leaky ReLU with its own slope). */
    public Mlp dense(int units, Activation activation, Init init) {
        if (units < 1) throw new IllegalArgumentException("Mlp: units = " + units + ", expected >= 1");
        if (activation == null || init == null) throw new IllegalArgumentException("Mlp: activation and init are required");
        specs.add(new Spec(width, units, activation, init, -1f));
        width = units;
        return this;
    }

    public Mlp dropout(float p) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("Mlp: dropout p = " + p + ", expected 0 <= p < 1");
        specs.add(new Spec(width, width, null, null, p));
        return this;
    }

    public int inputs() {
        return inputs;
    }

    public Sequential build(long seed) {
        return build(new Rng(seed));
    }

    /** Builds with splits of {@code root}, one per layer in order (so a caller can share one seeded stream). */
    public Sequential build(Rng root) {
        if (specs.isEmpty()) throw new IllegalArgumentException("Mlp: no layers");
        List<Layer> layers = new ArrayList<>();
        for (Spec s : specs) {
            if (s.dropout() >= 0f) {
                layers.add(new Dropout(s.dropout(), root.split()));
                continue;
            }
            layers.add(new Dense(s.in(), s.out(), s.init(), root.split()));
            if (s.activation().kind() != Activation.Kind.IDENTITY) layers.add(s.activation());
        }
        return new Sequential(layers);
    }
}
