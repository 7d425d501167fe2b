package io.latentad.models.ae;

import io.latentad.engine.autodiff.ActivationOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Activation;
import io.latentad.engine.nn.Dense;
import io.latentad.engine.nn.Init;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dense encoder and decoder every model of the family shares:
 *
 * <pre>
 * encoder  x -> f(x W1 + b1) -> ... -> f(. Wk + bk) = h  -> mu = h Wmu + bmu   [-> logVar = h Wlv + blv]
 * decoder  z -> f(z V1 + c1) -> ... (hidden sizes reversed) -> out = . Vo + co   (logits or Gaussian mean)
 * </pre>
 *
 * The log-variance head exists only for variational models. {@code out} is the Bernoulli logit or
 * the Gaussian mean; {@link Reconstruction} turns it into a loss or a probability. Initialisation:
 * He normal for ReLU-family activations, Xavier uniform otherwise, the heads Xavier; every layer
 * takes its own split of the seeded stream. Parameters are named {@code enc.<i>.weight},
 * {@code mu.weight}, {@code logvar.weight}, {@code dec.<i>.weight} (and {@code .bias}).
 */
final class DenseCodec {
    /** What the encoder produced for one batch: the hidden activations and the code (head) outputs. */
    record Encoding(List<Var> hidden, Var mu, Var logVar) {
    }

    private final Activation.Kind activation;
    private final List<Dense> encoder = new ArrayList<>();
    private final Dense muHead;
    private final Dense logVarHead;
    private final List<Dense> decoder = new ArrayList<>();

    DenseCodec(int inputs, int[] hidden, int latent, Activation.Kind activation, boolean variational, Rng rng) {
        this.activation = activation;
        Init init = activation == Activation.Kind.RELU || activation == Activation.Kind.LEAKY_RELU
                || activation == Activation.Kind.ELU ? Init.HE_NORMAL : Init.XAVIER_UNIFORM;
        int w = inputs;
        for (int h : hidden) {
            encoder.add(new Dense(w, h, init, rng.split()));
            w = h;
        }
        muHead = new Dense(w, latent, Init.XAVIER_UNIFORM, rng.split());
        logVarHead = variational ? new Dense(w, latent, Init.XAVIER_UNIFORM, rng.split()) : null;
        w = latent;
        for (int i = hidden.length - 1; i >= 0; i--) {
            decoder.add(new Dense(w, hidden[i], init, rng.split()));
            w = hidden[i];
        }
        decoder.add(new Dense(w, inputs, Init.XAVIER_UNIFORM, rng.split()));
    }

    Encoding encode(Var x) {
        List<Var> hs = new ArrayList<>(encoder.size());
        Var h = x;
        for (Dense d : encoder) {
            h = act(d.forward(h));
            hs.add(h);
        }
        return new Encoding(hs, muHead.forward(h), logVarHead == null ? null : logVarHead.forward(h));
    }

    /** The decoder output: Bernoulli logits or Gaussian means, {@code [batch, inputs]}. */
    Var decode(Var z) {
        Var h = z;
        for (int i = 0; i < decoder.size() - 1; i++) h = act(decoder.get(i).forward(h));
        return decoder.get(decoder.size() - 1).forward(h);
    }

    /** The first encoder layer (the contractive penalty's layer), or the code head without hidden layers. */
    Dense firstEncoderLayer() {
        return encoder.isEmpty() ? muHead : encoder.get(0);
    }

    Activation.Kind activation() {
        return activation;
    }

    private Var act(Var a) {
        return switch (activation) {
            case IDENTITY -> a;
            case RELU -> ActivationOps.relu(a);
            case LEAKY_RELU -> ActivationOps.leakyRelu(a, 0.01f);
            case ELU -> ActivationOps.elu(a, 1f);
            case TANH -> ActivationOps.tanh(a);
            case SIGMOID -> ActivationOps.sigmoid(a);
            case SOFTPLUS -> ActivationOps.softplus(a);
        };
    }

    /** Every parameter by name, encoder first, in a fixed order. */
    Map<String, Var> parameters() {
        Map<String, Var> m = new LinkedHashMap<>();
        for (int i = 0; i < encoder.size(); i++) encoder.get(i).collectParameters("enc." + i + ".", m);
        muHead.collectParameters("mu.", m);
        if (logVarHead != null) logVarHead.collectParameters("logvar.", m);
        for (int i = 0; i < decoder.size(); i++) decoder.get(i).collectParameters("dec." + i + ".", m);
        return m;
    }

    /** Overwrites the parameters with saved values (same names and shapes). */
    static void load(Map<String, Var> params, Map<String, Tensor> values) {
        if (!params.keySet().equals(values.keySet())) {
            throw new IllegalArgumentException("model parameters " + values.keySet() + ": expected " + params.keySet());
        }
        for (Map.Entry<String, Var> e : params.entrySet()) {
            Tensor dst = e.getValue().value(), src = values.get(e.getKey());
            if (!dst.sameShape(src)) {
                throw new IllegalArgumentException("model parameter " + e.getKey() + " has shape "
                        + java.util.Arrays.toString(src.shape()) + ": expected " + java.util.Arrays.toString(dst.shape()));
            }
            dst.copyFrom(src);
        }
    }
}
