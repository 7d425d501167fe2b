package io.latentad.models.ae.net;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Activation;
import io.latentad.engine.nn.Dense;
import io.latentad.engine.nn.Dropout;
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
 * <p>Dropout ({@code dropout=P}, off by default): inverted dropout ({@link Dropout}) after each hidden layer of the
 * <em>encoder</em> while training; the decoder has none (the codes are what the scorers read and what dropout is
 * meant to make robust; dropout in the decoder would only blur the reconstruction the loss compares with). The masks
 * are drawn only while a training stream is set ({@link #trainingNoise}, the trainer's own split of the run's seed);
 * without one (validation, scoring, embedding, a loaded model) the network is the deterministic one, as after
 * PyTorch's {@code model.eval()}.
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
     * @param dropout    share of each encoder hidden layer's units dropped in a training step ({@code dropout}, 0 = off;
     *                   in [0, 1)); written to the model file only when on
     */
    public record Options(int[] hidden, int latent, Activation.Kind activation, double dropout) implements NetworkOptions {
        public Options {
            hidden = hidden.clone();
            for (int h : hidden) if (h < 1) throw Params.bad("hidden", Arrays.toString(hidden), "sizes >= 1");
            if (latent < 1) throw Params.bad("latent", latent, ">= 1");
            if (activation == null) throw Params.bad("activation", "null", "an activation");
            if (!(dropout >= 0 && dropout < 1)) throw Params.bad("dropout", dropout, "a share in [0, 1)");
        }

        /** Without dropout. */
        public Options(int[] hidden, int latent, Activation.Kind activation) {
            this(hidden, latent, activation, 0);
        }

        static Options read(Params.Reader p, Activation.Kind defaultActivation) {
            return new Options(p.ints("hidden", new int[] {64, 32}), p.integer("latent", 2),
                    p.enumValue("activation", Activation.Kind.class, defaultActivation), p.real("dropout", 0));
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options p && Arrays.equals(hidden, p.hidden) && latent == p.latent && activation == p.activation
                    && Double.compare(dropout, p.dropout) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(hidden), latent, activation, dropout);
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
            if (dropout > 0) m.put("dropout", Double.toString(dropout)); // absent when off: the maps of models before it
            return m;
        }

        @Override
        public Spec spec(SampleShape input, boolean variational) {
            return new Spec(input, hidden, latent, activation, variational, dropout);
        }
    }

    /** The complete architecture ({@code dropout} as in {@link Options}). */
    public record Spec(SampleShape input, int[] hidden, int latent, Activation.Kind activation, boolean variational, double dropout)
            implements NetworkSpec {
        public Spec {
            if (input == null || input.size() < 1) throw new IllegalArgumentException("dense network: input "
                    + (input == null ? "null" : input.describe()) + ": expected at least one value per sample");
            new Options(hidden, latent, activation, dropout); // the same checks
            hidden = hidden.clone();
        }

        /** Without dropout. */
        public Spec(SampleShape input, int[] hidden, int latent, Activation.Kind activation, boolean variational) {
            this(input, hidden, latent, activation, variational, 0);
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec p && input.equals(p.input) && Arrays.equals(hidden, p.hidden) && latent == p.latent
                    && activation == p.activation && variational == p.variational && Double.compare(dropout, p.dropout) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(input, Arrays.hashCode(hidden), latent, activation, variational, dropout);
        }

        @Override
        public String name() {
            return "dense";
        }

        @Override
        public Map<String, String> toParams() {
            return new Options(hidden, latent, activation, dropout).toParams();
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
    private Rng dropoutNoise;

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

    /** {@link #frozenForInference}: the same layers as {@code of}, each a {@link Dense#frozenCopy}, no dropout. */
    private DenseNetwork(DenseNetwork of) {
        this.spec = of.spec;
        this.act = of.act;
        for (Dense d : of.encoder) encoder.add(d.frozenCopy());
        muHead = of.muHead.frozenCopy();
        logVarHead = of.logVarHead == null ? null : of.logVarHead.frozenCopy();
        for (Dense d : of.decoder) decoder.add(d.frozenCopy());
    }

    /** The layers' weights packed once for the GEMM (each scoring batch would pack them again): same bits. */
    @Override
    public Network frozenForInference() {
        return new DenseNetwork(this);
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
            hs.add(h); // the layer's activations (the sparse and contractive penalties read them), before dropout
            if (dropoutNoise != null) h = new Dropout((float) spec.dropout(), dropoutNoise).forward(h);
        }
        return new Encoding(hs, muHead.forward(h), logVarHead == null ? null : logVarHead.forward(h));
    }

    @Override
    public Var decode(Var z) {
        Var h = z;
        for (int i = 0; i < decoder.size() - 1; i++) h = act.forward(decoder.get(i).forward(h));
        return decoder.get(decoder.size() - 1).forward(h);
    }

    /**
     * The stream of the encoder's dropout masks for the passes that follow, or null to stop drawing them (the
     * deterministic network of validation and scoring). Ignored without dropout. The trainer sets it around each
     * training step only.
     */
    @Override
    public void trainingNoise(Rng noise) {
        dropoutNoise = spec.dropout() > 0 ? noise : null;
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
