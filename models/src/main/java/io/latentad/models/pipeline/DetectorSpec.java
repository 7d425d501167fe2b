package io.latentad.models.pipeline;

import java.util.Map;

/**
 * A latent-space detector to run: its registry name (as {@code detect --detector}, created with
 * {@link io.latentad.models.detect.Detectors#create}) and its {@code --param} values.
 *
 * @param name   e.g. {@code iforest}, {@code lof}, {@code ocsvm}
 * @param params string values by key (missing keys take the detector's defaults)
 */
public record DetectorSpec(String name, Map<String, String> params) {
    public DetectorSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("detector name is empty: expected e.g. iforest");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** A detector with its default params. */
    public static DetectorSpec of(String name) {
        return new DetectorSpec(name, Map.of());
    }
}
