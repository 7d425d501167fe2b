package io.latentad.models.ae;

import io.latentad.models.common.Params;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of the autoencoder family, by CLI name ({@code train --model NAME}): each kind
 * names whether its encoder is variational, its own defaults for shared keys (the network, the
 * activation, training settings), and how to read its own options record (which makes its
 * {@link Objective}). A new model is one new class (objective and nested {@code Options}) and one
 * line here.
 */
public enum ModelKind {
    /** {@link Autoencoder}: deep autoencoder. */
    AE("ae", false, Map.of(), Autoencoder.Options::read),
    /** {@link DenoisingAutoencoder}. */
    DAE("dae", false, Map.of(), DenoisingAutoencoder.Options::read),
    /** {@link SparseAutoencoder}. */
    SAE("sae", false, Map.of(), SparseAutoencoder.Options::read),
    /** {@link ContractiveAutoencoder}: tanh units (its closed-form Jacobian). */
    CAE("cae", false, Map.of("activation", "tanh"), ContractiveAutoencoder.Options::read),
    /** {@link Vae}. */
    VAE("vae", true, Map.of(), Vae.Options::read),
    /** {@link ConditionalLatentVae} (CL-VAE). */
    CLVAE("clvae", true, ConditionalLatentVae.DEFAULTS, ConditionalLatentVae.Options::read, ConditionalLatentVae.BERNOULLI_DEFAULTS),
    /** {@link AdversarialAutoencoder}. */
    AAE("aae", false, Map.of(), AdversarialAutoencoder.Options::read),
    /**
     * {@link Vrae}: the talk's recipe by default: a Bi-LSTM network (128 units per direction,
     * latent 5), AMSGrad, gradient-norm clip 5, batch 32, KL warm-up over 32 steps (2 epochs of the
     * 500 ECG5000 training beats).
     */
    VRAE("vrae", true, Map.of("net", "lstm", "amsgrad", "true", "clip", "5", "batch", "32", "warmup", "32"),
            Vrae.Options::read),
    /** {@link ErrorPredictingAutoencoder}: AE + reconstruction-error predictor + compactness loss. */
    AEMLP("aemlp", false, Map.of(), ErrorPredictingAutoencoder.Options::read),
    /** {@link DeepAutoencodingGmm} (DAGMM): compression AE + estimation network + Gaussian mixture energy; tanh units as the paper. */
    DAGMM("dagmm", false, Map.of("activation", "tanh"), DeepAutoencodingGmm.Options::read),
    /** {@link GaussianMixtureVae} (VaDE): a VAE with a learned Gaussian-mixture prior; unsupervised clusters. */
    GMVAE("gmvae", true, Map.of(), GaussianMixtureVae.Options::read, Map.of(), GaussianMixtureVae.FORMER_DEFAULTS);

    private final String cliName;
    private final boolean variational;
    private final Map<String, String> defaults;
    private final Function<Params.Reader, ModelOptions> reader;
    private final Map<String, String> bernoulliAuto;
    private final Map<String, String> formerDefaults;

    /**
     * What {@code auto} means for every model on any data: the values these keys had before {@code auto} existed
     * (so a model file written then, and every model but the CL-VAE, reads as before).
     */
    private static final Map<String, String> AUTO = Map.of("lr", "0.001", "lr_schedule", "constant", "input_dropout", "0.0",
            "separation", "6.0");

    ModelKind(String cliName, boolean variational, Map<String, String> defaults, Function<Params.Reader, ModelOptions> reader) {
        this(cliName, variational, defaults, reader, Map.of());
    }

    ModelKind(String cliName, boolean variational, Map<String, String> defaults, Function<Params.Reader, ModelOptions> reader,
              Map<String, String> bernoulliAuto) {
        this(cliName, variational, defaults, reader, bernoulliAuto, Map.of());
    }

    ModelKind(String cliName, boolean variational, Map<String, String> defaults, Function<Params.Reader, ModelOptions> reader,
              Map<String, String> bernoulliAuto, Map<String, String> formerDefaults) {
        this.cliName = cliName;
        this.variational = variational;
        this.defaults = defaults;
        this.reader = reader;
        this.bernoulliAuto = bernoulliAuto;
        this.formerDefaults = formerDefaults;
    }

    /**
     * The values that replace {@code auto} ({@code lr}, {@code lr_schedule}, {@code input_dropout},
     * {@code separation}) when training starts, chosen by a property of the data: whether the reconstruction is read
     * with the Bernoulli likelihood (output=auto on data in [0, 1], e.g. images; or output=bernoulli). The same
     * values for every model and every data set (1e-3, constant, 0, 6) except the CL-VAE on Bernoulli data
     * ({@link ConditionalLatentVae#BERNOULLI_DEFAULTS}).
     */
    public Map<String, String> autoValues(boolean bernoulli) {
        Map<String, String> m = new java.util.TreeMap<>(AUTO); // sorted keys: a stable order for help texts
        if (bernoulli) m.putAll(bernoulliAuto);
        return m;
    }

    /** The name used on the command line and in model files. */
    public String cliName() {
        return cliName;
    }

    /** Whether the encoder outputs a Gaussian q(z|x) (mean and log-variance) rather than a point. */
    public boolean variational() {
        return variational;
    }

    /** This model's defaults for keys it shares with others ({@code --param} strings; the user's win). */
    public Map<String, String> defaults() {
        return defaults;
    }

    /**
     * Keys whose default changed after model files without them were written, with the value those files were
     * trained with (a file holds every key of its day, so a missing key means the old default).
     */
    public Map<String, String> formerDefaults() {
        return formerDefaults;
    }

    /** Reads this model's own options from {@code p} (missing keys take their defaults). */
    public ModelOptions readOptions(Params.Reader p) {
        return reader.apply(p);
    }

    /** The kind for a CLI name. */
    public static ModelKind of(String name) {
        for (ModelKind k : values()) if (k.cliName.equals(name)) return k;
        throw new IllegalArgumentException("unknown model '" + name + "': expected one of "
                + Arrays.stream(values()).map(ModelKind::cliName).collect(Collectors.joining(", ")));
    }
}
