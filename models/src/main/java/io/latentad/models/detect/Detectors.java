package io.latentad.models.detect;

import java.util.Map;

/**
 * Detectors by CLI name with {@code --param} options, names and defaults exactly as the table in
 * DESIGN.md (scikit-learn's defaults where it has the detector).
 */
public final class Detectors {
    private Detectors() {
    }

    /** The names {@link #create} accepts. */
    public static String[] names() {
        return new String[] {"ocsvm"};
    }

    /**
     * A detector for {@code name} configured from {@code params} (string values as given on the
     * command line; missing keys take the defaults).
     *
     * @throws IllegalArgumentException for an unknown name, an unknown key or a bad value, with
     *                                  a message naming it and what was expected
     */
    public static Detector create(String name, Map<String, String> params) {
        if ("ocsvm".equals(name)) return OneClassSvm.fromParams(params);
        throw new IllegalArgumentException("unknown detector '" + name + "': expected one of "
                + String.join(", ", names()));
    }
}
