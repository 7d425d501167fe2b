package io.latentad.models.ae;

/**
 * The members of the autoencoder family, by their CLI name ({@code train --model NAME}).
 * Each names the class that holds its objective.
 */
public enum ModelKind {
    /** {@link Autoencoder}: deep autoencoder. */
    AE("ae", false),
    /** {@link DenoisingAutoencoder}. */
    DAE("dae", false),
    /** {@link SparseAutoencoder}. */
    SAE("sae", false),
    /** {@link ContractiveAutoencoder}. */
    CAE("cae", false),
    /** {@link Vae}. */
    VAE("vae", true),
    /** {@link ConditionalLatentVae} (CL-VAE). */
    CLVAE("clvae", true),
    /** {@link AdversarialAutoencoder}. */
    AAE("aae", false);

    private final String cliName;
    private final boolean variational;

    ModelKind(String cliName, boolean variational) {
        this.cliName = cliName;
        this.variational = variational;
    }

    /** The name used on the command line and in model files. */
    public String cliName() {
        return cliName;
    }

    /** Whether the encoder outputs a Gaussian q(z|x) (mean and log-variance) rather than a point. */
    public boolean variational() {
        return variational;
    }

    /** The kind for a CLI name. */
    public static ModelKind of(String name) {
        for (ModelKind k : values()) if (k.cliName.equals(name)) return k;
        throw new IllegalArgumentException("unknown model '" + name + "': expected one of ae, dae, sae, cae, vae, clvae, aae");
    }
}
