package io.latentad.models.cli;

import java.util.Map;

/**
 * Bounds on the sizes a user can ask of an autoencoder ({@code --latent}, {@code --param hidden=...},
 * ...), checked as the command line is read, before any data is loaded or memory allocated: a typo
 * such as {@code hidden=50000000} is a one-line message, not minutes of work ending in an
 * out-of-memory error. The bounds are far above any useful network on this library's data.
 */
final class ModelSizes {
    /** Largest code size. */
    static final int MAX_LATENT = 10_000;
    /** Largest hidden layer. */
    static final int MAX_HIDDEN = 100_000;
    /** Most hidden layers. */
    static final int MAX_LAYERS = 64;
    /** Largest minibatch and most epochs. */
    static final int MAX_BATCH = 1_000_000, MAX_EPOCHS = 1_000_000;

    private ModelSizes() {
    }

    /** Throws naming the first size out of bounds among the model parameters {@code p}. */
    static void check(Map<String, String> p) {
        bound(p, "latent", MAX_LATENT);
        bound(p, "batch", MAX_BATCH);
        bound(p, "epochs", MAX_EPOCHS);
        for (String key : new String[] {"hidden", "disc_hidden"}) {
            String v = p.get(key);
            if (v == null || v.isBlank()) continue;
            String[] sizes = v.split(",");
            if (sizes.length > MAX_LAYERS) {
                throw new IllegalArgumentException(key + " = " + v + ": " + sizes.length + " layers: expected at most " + MAX_LAYERS);
            }
            for (String s : sizes) check(key, s.trim(), MAX_HIDDEN, v);
        }
    }

    private static void bound(Map<String, String> p, String key, int max) {
        String v = p.get(key);
        if (v != null) check(key, v.trim(), max, v);
    }

    /** Whole numbers above {@code max} (or too large for an int, e.g. 5e7 written out) are refused; other text is left to the model's own parser. */
    private static void check(String key, String s, int max, String whole) {
        if (!s.matches("[+]?[0-9]+")) return;
        if (s.length() > 10 || Long.parseLong(s) > max) {
            throw new IllegalArgumentException(key + " = " + whole + ": " + s + " is too large: expected at most " + max);
        }
    }
}
