package io.latentad.models.ae;

import io.latentad.engine.nn.Activation;
import io.latentad.models.common.Params;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of the autoencoder family, by CLI name ({@code train --model NAME}): each kind
 * names whether its encoder is variational, its default hidden activation, and how to read its own
 * options record (which makes its {@link Objective}). A new model is one new class (objective and
 * nested {@code Options}) and one line here.
 */
public enum ModelKind {
    /** {@link Autoencoder}: deep autoencoder. */
    AE("ae", false, Activation.Kind.RELU, Autoencoder.Options::read),
    /** {@link DenoisingAutoencoder}. */
    DAE("dae", false, Activation.Kind.RELU, DenoisingAutoencoder.Options::read),
    /** {@link SparseAutoencoder}. */
    SAE("sae", false, Activation.Kind.RELU, SparseAutoencoder.Options::read),
    /** {@link ContractiveAutoencoder}. */
    CAE("cae", false, Activation.Kind.TANH, ContractiveAutoencoder.Options::read),
    /** {@link Vae}. */
    VAE("vae", true, Activation.Kind.RELU, Vae.Options::read),
    /** {@link ConditionalLatentVae} (CL-VAE). */
    CLVAE("clvae", true, Activation.Kind.RELU, ConditionalLatentVae.Options::read),
    /** {@link AdversarialAutoencoder}. */
    AAE("aae", false, Activation.Kind.RELU, AdversarialAutoencoder.Options::read);

    private final String cliName;
    private final boolean variational;
    private final Activation.Kind activation;
    private final Function<Params.Reader, ModelOptions> reader;

    ModelKind(String cliName, boolean variational, Activation.Kind activation, Function<Params.Reader, ModelOptions> reader) {
        this.cliName = cliName;
        this.variational = variational;
        this.activation = activation;
        this.reader = reader;
    }

    /** The name used on the command line and in model files. */
    public String cliName() {
        return cliName;
    }

    /** Whether the encoder outputs a Gaussian q(z|x) (mean and log-variance) rather than a point. */
    public boolean variational() {
        return variational;
    }

    /** The default hidden activation of this model's network. */
    public Activation.Kind defaultActivation() {
        return activation;
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
