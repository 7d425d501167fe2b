package io.latentad.models.ae.net;

import io.latentad.engine.nn.Activation;
import io.latentad.models.common.Params;
import io.latentad.models.data.SampleShape;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry of architectures by {@code net} name. A new architecture adds one case to
 * {@link #options} here and its own class (see {@link DenseNetwork}).
 */
public final class Networks {
    /** The names {@code --param net=} accepts. */
    public static final String[] NAMES = {"dense", "lstm", "conv"};

    private Networks() {
    }

    /** Reads the {@code net} key and the chosen architecture's keys from {@code p}. */
    public static NetworkOptions options(Params.Reader p) {
        String name = p.string("net", "dense");
        return switch (name) {
            case "dense" -> DenseNetwork.Options.read(p, Activation.Kind.RELU);
            case "lstm" -> RecurrentNetwork.Options.read(p);
            case "conv" -> ConvNetwork.Options.read(p);
            default -> throw Params.bad("net", "'" + name + "'", "one of " + String.join(", ", NAMES));
        };
    }

    /** The spec stored in a model file under {@code name} with {@code params} for samples of {@code input}. */
    public static NetworkSpec spec(String name, Map<String, String> params, SampleShape input, boolean variational) {
        Map<String, String> m = new LinkedHashMap<>(params);
        m.put("net", name);
        Params.Reader p = new Params.Reader(m);
        NetworkOptions o = options(p);
        p.requireAllUsed("network " + name);
        return o.spec(input, variational);
    }
}
