package io.latentad.models.ae.net;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Activation;
import io.latentad.engine.nn.Dense;
import io.latentad.engine.nn.Init;
import io.latentad.engine.random.Rng;
import io.latentad.models.common.Params;
import io.latentad.models.data.SampleShape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dense encoder and decoder, built from {@code engine.nn} layers ({@link Dense} and
 * {@link Activation}, initialised by {@link Init#defaultFor}):
 *
 * <pre>
 * encoder  x -> f(x W1 + b1) -> ... -> f(. Wk + bk) = h  -> mu = h Wmu + bmu   [-> logVar = h Wlv + blv]
 * decoder  z -> f(z V1 + c1) -> ... (hidden sizes reversed) -> out = . Vo + co   (logits or Gaussian mean)
 * </pre>
 *
 * Any sample shape is read flat. The log-variance head exists only for variational models. Every
 * layer takes its own split of the seeded stream, in the order encoder, heads, decoder. Parameters
 * are named {@code enc.<i>.weight}, {@code mu.weight}, {@code logvar.weight}, {@code dec.<i>.weight}
 * (and {@code .bias}).
 *
 * <p>This is the worked example of the {@link Network} seam: an {@link Options} record for the
 * {@code --param} keys, a {@link Spec} record that knows the input and builds the network, and the
 * network itself (encode, decode, named parameters).
 */
public final class DenseNetwork implements Network {
    /**
     * The user's choice.
     *
     * @param hidden     hidden layer sizes of the encoder ({@code hidden}, default 64,32); the decoder mirrors them
     * @param latent     code size ({@code latent}, default 2)
     * @param activation hidden activation ({@code activation}: relu, tanh, sigmoid, elu, leaky_relu, softplus, identity)
     */
    public record Options(int[] hidden, int latent, Activation.Kind activation) implements NetworkOptions {
        public Options {
            hidden = hidden.clone();
            for (int h : hidden) if (h < 1) throw Params.bad("hidden", Arrays.toString(hidden), "sizes >= 1");
            if (latent < 1) throw Params.bad("latent", latent, ">= 1");
            if (activation == null) throw Params.bad("activation", "null", "an activation");
        }

        static Options read(Params.Reader p, Activation.Kind defaultActivation) {
            return new Options(p.ints("hidden", new int[] {64, 32}), p.integer("latent", 2),
                    p.enumValue("activation", Activation.Kind.class, defaultActivation));
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options p && Arrays.equals(hidden, p.hidden) && latent == p.latent && activation == p.activation;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(hidden), latent, activation);
        }

        @Override
        public String name() {
            return "dense";
        }

        @Override
        public Map<String, String> toParams() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("net", name());
            m.put("hidden", Params.join(hidden));
            m.put("latent", Integer.toString(latent));
            m.put("activation", Params.lower(activation));
            return m;
        }

        @Override
        public Spec spec(SampleShape input, boolean variational) {
            return new Spec(input, hidden, latent, activation, variational);
        }
    }

    /** The complete architecture. */
    public record Spec(SampleShape input, int[] hidden, int latent, Activation.Kind activation, boolean variational)
            implements NetworkSpec {
        public Spec {
            if (input == null || input.size() < 1) throw new IllegalArgumentException("dense network: input "
                    + (input == null ? "null" : input.describe()) + ": expected at least one value per sample");
            new Options(hidden, latent, activation); // the same checks
            hidden = hidden.clone();
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec p && input.equals(p.input) && Arrays.equals(hidden, p.hidden) && latent == p.latent
                    && activation == p.activation && variational == p.variational;
        }

        @Override
        public int hashCode() {
            return Objects.hash(input, Arrays.hashCode(hidden), latent, activation, variational);
        }

        @Override
        public String name() {
            return "dense";
        }

        @Override
        public Map<String, String> toParams() {
            return new Options(hidden, latent, activation).toParams();
        }

        @Override
        public long parameterCount() {
            long n = 0, w = input.size();
            for (int h : hidden) {
                n += (w + 1) * h;
                w = h;
            }
            n += (w + 1) * latent * (variational ? 2L : 1L);
            w = latent;
            for (int i = hidden.length - 1; i >= 0; i--) {
                n += (w + 1) * hidden[i];
                w = hidden[i];
            }
            return n + (w + 1) * input.size();
        }

        @Override
        public DenseNetwork build(Rng rng) {
            return new DenseNetwork(this, rng);
        }
    }

    private final Spec spec;
    private final Activation act;
    private final List<Dense> encoder = new ArrayList<>();
    private final Dense muHead;
    private final Dense logVarHead;
    private final List<Dense> decoder = new ArrayList<>();

    private DenseNetwork(Spec spec, Rng rng) {
        this.spec = spec;
        this.act = new Activation(spec.activation());
        Init init = Init.defaultFor(spec.activation());
        int w = spec.input().size();
        for (int h : spec.hidden) {
            encoder.add(new Dense(w, h, init, rng.split()));
            w = h;
        }
        muHead = new Dense(w, spec.latent(), Init.XAVIER_UNIFORM, rng.split());
        logVarHead = spec.variational() ? new Dense(w, spec.latent(), Init.XAVIER_UNIFORM, rng.split()) : null;
        w = spec.latent();
        for (int i = spec.hidden.length - 1; i >= 0; i--) {
            decoder.add(new Dense(w, spec.hidden[i], init, rng.split()));
            w = spec.hidden[i];
        }
        decoder.add(new Dense(w, spec.input().size(), Init.XAVIER_UNIFORM, rng.split()));
    }

    @Override
    public Spec spec() {
        return spec;
    }

    @Override
    public Encoding encode(Var x) {
        List<Var> hs = new ArrayList<>(encoder.size());
        Var h = x;
        for (Dense d : encoder) {
            h = act.forward(d.forward(h));
            hs.add(h);
        }
        return new Encoding(hs, muHead.forward(h), logVarHead == null ? null : logVarHead.forward(h));
    }

    @Override
    public Var decode(Var z) {
        Var h = z;
        for (int i = 0; i < decoder.size() - 1; i++) h = act.forward(decoder.get(i).forward(h));
        return decoder.get(decoder.size() - 1).forward(h);
    }

    /** The first encoder layer (the contractive penalty's layer), or the code head without hidden layers. */
    public Dense firstEncoderLayer() {
        return encoder.isEmpty() ? muHead : encoder.get(0);
    }

    @Override
    public Map<String, Var> parameters() {
        Map<String, Var> m = new LinkedHashMap<>();
        for (int i = 0; i < encoder.size(); i++) encoder.get(i).collectParameters("enc." + i + ".", m);
        muHead.collectParameters("mu.", m);
        if (logVarHead != null) logVarHead.collectParameters("logvar.", m);
        for (int i = 0; i < decoder.size(); i++) decoder.get(i).collectParameters("dec." + i + ".", m);
        return m;
    }
}
