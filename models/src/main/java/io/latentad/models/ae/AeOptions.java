package io.latentad.models.ae;

import io.latentad.models.ae.net.NetworkOptions;
import io.latentad.models.ae.net.Networks;
import io.latentad.models.common.Params;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The complete, validated options of one training run: which model, which network, which
 * reconstruction distribution, how to train, and the model's own options. Typed inside; strings
 * only at the edges: {@link #fromParams} reads {@code --param key=value} strings (the CLI and the
 * model file) and {@link #toParams} writes them back to an equal value.
 *
 * <p>The keys: the network's ({@link io.latentad.models.ae.net.DenseNetwork.Options}: {@code net},
 * {@code hidden}, {@code latent}, {@code activation}, {@code dropout}), {@code output} (auto: Bernoulli when every
 * training value is in [0, 1], else Gaussian; bernoulli; gaussian with unit variance), the shared
 * training keys ({@link TrainingOptions}) and the model's own (the nested {@code Options} of
 * {@link Autoencoder}, {@link DenoisingAutoencoder}, {@link SparseAutoencoder},
 * {@link ContractiveAutoencoder}, {@link Vae}, {@link ConditionalLatentVae},
 * {@link AdversarialAutoencoder}, {@link ErrorPredictingAutoencoder}, {@link DeepAutoencodingGmm},
 * {@link GaussianMixtureVae}). A key that belongs to none of them is refused, naming the keys
 * the model takes.
 *
 * @param kind     the model
 * @param net      the architecture
 * @param output   the reconstruction distribution p(x | z)
 * @param training what every model shares
 * @param model    the model's own options (the record of {@code kind})
 */
public record AeOptions(ModelKind kind, NetworkOptions net, Output output, TrainingOptions training, ModelOptions model) {
    /** Reconstruction distribution p(x | z). */
    public enum Output { AUTO, BERNOULLI, GAUSSIAN }

    public AeOptions {
        if (kind == null || net == null || output == null || training == null || model == null) {
            throw new IllegalArgumentException("model options: kind, net, output, training and model are required");
        }
        ModelOptions expected = kind.readOptions(new Params.Reader(kind.defaults()));
        if (expected.getClass() != model.getClass()) {
            throw new IllegalArgumentException("options " + model.getClass().getName() + " do not belong to model " + kind.cliName());
        }
        model.check(net);
    }

    /** The defaults of {@code kind}. */
    public static AeOptions defaults(ModelKind kind) {
        return fromParams(kind, Map.of());
    }

    /**
     * Options from {@code --param} strings; missing keys take the defaults of {@code kind}.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, naming it
     */
    public static AeOptions fromParams(ModelKind kind, Map<String, String> params) {
        Params.Reader p = new Params.Reader(withDefaults(kind, params));
        AeOptions o = read(kind, p);
        p.requireAllUsed("model " + kind.cliName());
        return o;
    }

    /**
     * Options from a version-1 model file, which stored every key of every model: keys this model
     * does not read are dropped.
     */
    public static AeOptions fromVersion1Params(ModelKind kind, Map<String, String> params) {
        return read(kind, new Params.Reader(withDefaults(kind, params)));
    }

    private static Map<String, String> withDefaults(ModelKind kind, Map<String, String> params) {
        Map<String, String> m = new LinkedHashMap<>(kind.defaults());
        if (params != null) m.putAll(params);
        return m;
    }

    private static AeOptions read(ModelKind kind, Params.Reader p) {
        NetworkOptions net = Networks.options(p);
        Output output = p.enumValue("output", Output.class, Output.AUTO);
        TrainingOptions training = TrainingOptions.read(p);
        return new AeOptions(kind, net, output, training, kind.readOptions(p));
    }

    /** Every option as the {@code key=value} strings {@link #fromParams} reads back to equal options. */
    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>(net.toParams());
        m.put("output", Params.lower(output));
        training.write(m);
        model.write(m);
        return m;
    }

    /** A copy with some options replaced (keys as in {@link #fromParams}). */
    public AeOptions with(Map<String, String> changes) {
        Map<String, String> m = new LinkedHashMap<>(toParams());
        m.putAll(changes);
        return fromParams(kind, m);
    }

    /** A copy with one option replaced. */
    public AeOptions with(String key, Object value) {
        return with(Map.of(key, String.valueOf(value)));
    }

    /**
     * A copy with every {@code auto} option ({@code lr}, {@code lr_schedule}, {@code input_dropout},
     * {@code separation}) replaced by the model's choice for the data ({@link ModelKind#autoValues}); this when none
     * is {@code auto}. The trainer calls it once it knows the likelihood.
     *
     * @param bernoulli whether the reconstruction is read with the Bernoulli likelihood (data in [0, 1])
     */
    public AeOptions resolveAuto(boolean bernoulli) {
        if (!hasAuto()) return this;
        Map<String, String> m = toParams(), values = kind.autoValues(bernoulli);
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (Params.AUTO.equals(e.getValue()) && values.containsKey(e.getKey())) e.setValue(values.get(e.getKey()));
        }
        return fromParams(kind, m);
    }

    /** Whether an option other than {@code output} is still {@code auto} ({@link #resolveAuto}). */
    public boolean hasAuto() {
        if (training.hasAuto()) return true;
        Map<String, String> m = new LinkedHashMap<>();
        model.write(m);
        return m.containsValue(Params.AUTO);
    }

    /** A copy with the output distribution resolved. */
    public AeOptions withOutput(Output o) {
        return new AeOptions(kind, net, o, training, model);
    }

    /** A copy with other options of the same model. */
    public AeOptions withModel(ModelOptions m) {
        return new AeOptions(kind, net, output, training, m);
    }

    /** Whether the model uses class labels: clvae always, aae with the mixture prior. */
    public boolean needsLabels() {
        return model.needsLabels();
    }

    /** The code size. */
    public int latent() {
        return net.latent();
    }

    /** The seed of every random choice. */
    public long seed() {
        return training.seed();
    }
}
