package io.latentad.models.ae.net;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.ShapeOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.BiLstm;
import io.latentad.engine.nn.Dense;
import io.latentad.engine.nn.Init;
import io.latentad.engine.nn.Lstm;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.common.Params;
import io.latentad.models.data.SampleShape;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recurrent encoder and decoder of the variational recurrent autoencoder (Pereira &amp; Silveira
 * 2018), built from {@code engine.nn} layers, on sequences of {@code T} steps of {@code C} channels
 * (a flat sample is step-major, {@code row[t * C + c]}):
 *
 * <pre>
 * encoder  x [B, T, C] -> Bi-LSTM(H per direction) -> last states of both directions e = [h_fwd, h_bwd] [B, 2H]
 *          -> mu = e Wmu + bmu, logVar = e Wlv + blv                      (e is {@link Encoding#hidden()})
 * decoder  z [B, L] repeated at every step [B, T, L] -> Bi-LSTM(H per direction) [B, T, 2H]
 *          -> per step out = y Wo + bo [B, T, C]                           (Gaussian means, or logits)
 * </pre>
 *
 * The decoder reads z at every step, as the talk's recipe and the PyTorch peer do (the other choice,
 * z as the initial state with empty inputs, makes the decoder forget z over 140 steps). LSTM weights
 * are Xavier (input) and orthogonal (recurrent) with forget-gate bias 1; the dense heads Xavier.
 * Every layer takes its own split of the seeded stream. Parameter names: {@code enc.weight_ih} ...
 * ({@code _reverse} for the backward direction), {@code mu.*}, {@code logvar.*}, {@code dec.*},
 * {@code out.*}.
 *
 * <p>Sequences of unequal length ({@link #encode(Var, int[])}, {@link #decode(Var, int[])}): a batch is
 * padded to its longest sequence and each row's length is passed to both Bi-LSTMs, so the forward
 * direction stops and the reverse one starts at each sequence's own end (PyTorch's
 * {@code pack_padded_sequence}); the encoder's summary is the state at that end in both directions, and
 * the decoder's output is zero past it (so the padding adds nothing to the reconstruction loss, its
 * gradient or any score). A sequence gets the same code and reconstruction alone as padded in a batch
 * beside longer ones. The spec's {@code T} is the longest training sequence; any length is read.
 */
public final class RecurrentNetwork implements Network {
    /**
     * @param hidden units per direction ({@code hidden}, 128 as in the talk; 256 in all)
     * @param latent code size ({@code latent}, 5 for the VRAE, the ECG5000 setting)
     */
    public record Options(int hidden, int latent) implements NetworkOptions {
        public Options {
            if (hidden < 1 || hidden > 100_000) throw Params.bad("hidden", hidden, "units per direction in 1..100000");
            if (latent < 1 || latent > 10_000) throw Params.bad("latent", latent, "1..10000");
        }

        static Options read(Params.Reader p) {
            int[] h = p.ints("hidden", new int[] {128});
            if (h.length != 1) throw Params.bad("hidden", Arrays.toString(h), "one size, the units per direction, for net=lstm");
            return new Options(h[0], p.integer("latent", 5));
        }

        @Override
        public String name() {
            return "lstm";
        }

        @Override
        public Map<String, String> toParams() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("net", name());
            m.put("hidden", Integer.toString(hidden));
            m.put("latent", Integer.toString(latent));
            return m;
        }

        @Override
        public Spec spec(SampleShape input, boolean variational) {
            if (!(input instanceof SampleShape.Sequence s)) {
                throw Params.bad("net", "lstm", "sequences (ucr: data), not samples of shape " + input.describe()
                        + " (use net=dense)");
            }
            if (!variational) throw Params.bad("net", "lstm", "a variational model (vrae)");
            return new Spec(s, hidden, latent);
        }
    }

    /** The complete architecture. */
    public record Spec(SampleShape.Sequence input, int hidden, int latent) implements NetworkSpec {
        public Spec {
            new Options(hidden, latent); // the same checks
        }

        @Override
        public String name() {
            return "lstm";
        }

        @Override
        public boolean variational() {
            return true;
        }

        @Override
        public boolean readsLengths() {
            return true;
        }

        @Override
        public Map<String, String> toParams() {
            return new Options(hidden, latent).toParams();
        }

        @Override
        public long parameterCount() {
            long h = hidden, c = input.channels();
            long biLstm = 0;
            for (long in : new long[] {c, latent}) biLstm += 2 * (4 * h * in + 4 * h * h + 8 * h);
            return biLstm + 2 * (2 * h + 1) * latent + (2 * h + 1) * c;
        }

        @Override
        public RecurrentNetwork build(Rng rng) {
            return new RecurrentNetwork(this, rng);
        }
    }

    private final Spec spec;
    private final BiLstm encoder;
    private final Dense muHead;
    private final Dense logVarHead;
    private final BiLstm decoder;
    private final Dense out;

    private RecurrentNetwork(Spec spec, Rng rng) {
        this.spec = spec;
        int h = spec.hidden(), c = spec.input().channels();
        Lstm.Options lstm = Lstm.Options.defaults();
        encoder = new BiLstm(c, h, lstm, rng.split());
        muHead = new Dense(2 * h, spec.latent(), Init.XAVIER_UNIFORM, rng.split());
        logVarHead = new Dense(2 * h, spec.latent(), Init.XAVIER_UNIFORM, rng.split());
        decoder = new BiLstm(spec.latent(), h, lstm, rng.split());
        out = new Dense(2 * h, c, Init.XAVIER_UNIFORM, rng.split());
    }

    @Override
    public Spec spec() {
        return spec;
    }

    @Override
    public Encoding encode(Var x) {
        return encode(x, null);
    }

    /** Encodes {@code x [B, T' * C]}: {@code T'} steps, or {@code lengths} (null: every row {@code T'} steps). */
    @Override
    public Encoding encode(Var x, int[] lengths) {
        int b = x.value().dim(0), c = spec.input().channels(), h = spec.hidden(), w = x.value().dim(1);
        if (w % c != 0) throw new IllegalArgumentException("lstm network: rows of " + w + " values: expected whole steps of " + c + " channels");
        int t = w / c;
        Var last = encoder.forward(ShapeOps.reshape(x, b, t, c), lengths(lengths, b, t), null, null).lastH(); // [2, B, H]
        Var e = ShapeOps.concat(1, ShapeOps.reshape(ShapeOps.slice(last, 0, 0, 1), b, h),
                ShapeOps.reshape(ShapeOps.slice(last, 0, 1, 2), b, h));
        return new Encoding(List.of(e), muHead.forward(e), logVarHead.forward(e));
    }

    @Override
    public Var decode(Var z) {
        return decode(z, null);
    }

    /** Decodes to {@code max(lengths)} steps (null: the spec's {@code T}), zero past each row's length. */
    @Override
    public Var decode(Var z, int[] lengths) {
        int b = z.value().dim(0), c = spec.input().channels(), h = spec.hidden();
        int t = spec.input().steps();
        if (lengths != null) {
            t = 0;
            for (int l : lengths) t = Math.max(t, l);
        }
        int[] len = lengths(lengths, b, t);
        Var step = ShapeOps.reshape(z, b, 1, spec.latent());
        Var[] steps = new Var[t];
        Arrays.fill(steps, step);
        Var y = decoder.forward(ShapeOps.concat(1, steps), len, null, null).output(); // [B, T, 2H], zero past each end
        Var o = ShapeOps.reshape(out.forward(ShapeOps.reshape(y, b * t, 2 * h)), b, t * c);
        if (len == null) return o;
        // the output layer's bias would make the padding non-zero: mask it
        Tensor mask = Tensor.zeros(b, t * c);
        for (int i = 0; i < b; i++) java.util.Arrays.fill(mask.data(), i * t * c, (i * t + len[i]) * c, 1f);
        return ArithmeticOps.mul(o, Var.constant(mask));
    }

    /** The LSTM's lengths: null when every row has {@code t} steps, else checked. */
    private static int[] lengths(int[] lengths, int b, int t) {
        if (lengths == null) return null;
        if (lengths.length != b) throw new IllegalArgumentException("lstm network: " + lengths.length + " lengths for " + b + " rows");
        boolean full = true;
        for (int i = 0; i < b; i++) {
            if (lengths[i] < 1 || lengths[i] > t) {
                throw new IllegalArgumentException("lstm network: row " + i + " has length " + lengths[i] + ": expected 1.." + t);
            }
            full &= lengths[i] == t;
        }
        return full ? null : lengths;
    }

    @Override
    public Map<String, Var> parameters() {
        Map<String, Var> m = new LinkedHashMap<>();
        encoder.collectParameters("enc.", m);
        muHead.collectParameters("mu.", m);
        logVarHead.collectParameters("logvar.", m);
        decoder.collectParameters("dec.", m);
        out.collectParameters("out.", m);
        return m;
    }
}
