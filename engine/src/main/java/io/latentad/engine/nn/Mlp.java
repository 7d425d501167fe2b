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
    private record Spec(int in, int out, Activation.Kind activation, Init init, float dropout) {
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
        Init init = activation == Activation.Kind.RELU || activation == Activation.Kind.LEAKY_RELU
                || activation == Activation.Kind.ELU ? Init.HE_NORMAL : Init.XAVIER_UNIFORM;
        return dense(units, activation, init);
    }

    public Mlp dense(int units, Activation.Kind activation, Init init) {
        if (units < 1) throw new IllegalArgumentException("Mlp: units = " + units + ", expected >= 1");
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
        if (specs.isEmpty()) throw new IllegalArgumentException("Mlp: no layers");
        Rng root = new Rng(seed);
        List<Layer> layers = new ArrayList<>();
        for (Spec s : specs) {
            if (s.dropout() >= 0f) {
                layers.add(new Dropout(s.dropout(), root.split()));
                continue;
            }
            layers.add(new Dense(s.in(), s.out(), s.init(), root.split()));
            if (s.activation() != Activation.Kind.IDENTITY) layers.add(new Activation(s.activation()));
        }
        return new Sequential(layers);
    }
}
