package io.latentad.models.ae.net;

import io.latentad.models.data.SampleShape;

import java.util.Map;

/**
 * The user's choice of architecture before the data is seen ({@code --param net=dense hidden=64,32
 * latent=2 ...}): everything but the input shape and whether the model is variational, which the
 * trainer adds to make a {@link NetworkSpec}.
 */
public interface NetworkOptions {
    /** The registry name ({@code net=NAME}). */
    String name();

    int latent();

    /** The {@code --param} keys and values, {@code net} included. */
    Map<String, String> toParams();

    /** The complete architecture for samples of {@code input}. */
    NetworkSpec spec(SampleShape input, boolean variational);
}
