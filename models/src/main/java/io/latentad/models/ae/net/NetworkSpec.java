package io.latentad.models.ae.net;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.models.data.SampleShape;

import java.util.Map;

/**
 * An architecture, complete: the sample shape it reads, its code size, whether its encoder is
 * variational, and its own settings. {@link #build} makes a freshly initialised {@link Network}; the
 * model file stores {@link #name()} and {@link #toParams()} and {@link Networks#spec} reads them back.
 */
public interface NetworkSpec {
    /** The registry name ({@code dense}). */
    String name();

    /** What one input sample is. */
    SampleShape input();

    /** Code size. */
    int latent();

    /** Whether the encoder outputs a Gaussian (mean and log-variance). */
    boolean variational();

    /**
     * Whether the network reads sequences of any length ({@link Network#encode(Var, int[])} with lengths):
     * a sample is then any whole number of steps of its {@link SampleShape.Sequence}'s channels, and
     * {@link #input()}'s steps are those of the longest training sequence. False: samples of one width.
     */
    default boolean readsLengths() {
        return false;
    }

    /** The settings as strings, read back by {@link Networks#spec} to an equal spec. */
    Map<String, String> toParams();

    /**
     * The number of trained values {@link #build} would allocate, computed without allocating
     * (a model file is checked against it before a network is built).
     */
    long parameterCount();

    /** A network with this architecture, initialised from {@code rng} (each layer its own split). */
    Network build(Rng rng);
}
