package io.latentad.models.ae;

import io.latentad.models.detect.Detectors;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Autoencoder scorers by CLI name ({@code score --scorer NAME}) with {@code --param} options:
 *
 * <table>
 *   <caption>scorers</caption>
 *   <tr><th>name</th><th>params (default)</th></tr>
 *   <tr><td>{@code recon}, {@code recon-l1}</td><td>-</td></tr>
 *   <tr><td>{@code recon-prob}</td><td>{@code samples} (10), {@code seed} (the model's)</td></tr>
 *   <tr><td>{@code latent:DETECTOR}</td><td>the detector's own params</td></tr>
 *   <tr><td>{@code prior}</td><td>-</td></tr>
 *   <tr><td>{@code misclass}</td><td>{@code k} (number of classes), {@code seed}</td></tr>
 *   <tr><td>{@code wasserstein}</td><td>{@code references} (N_W = 100), {@code seed}</td></tr>
 * </table>
 */
public final class AeScorers {
    private AeScorers() {
    }

    public static String[] names() {
        return new String[] {"recon", "recon-l1", "recon-prob", "latent:DETECTOR", "prior", "misclass", "wasserstein"};
    }

    /**
     * A scorer for {@code name}; {@code defaultSeed} (usually the model's seed) seeds the random
     * ones unless a {@code seed} param is given.
     */
    public static AeScorer create(String name, Map<String, String> params, long defaultSeed) {
        Map<String, String> p = params == null ? Map.of() : params;
        if (name != null && name.startsWith("latent:")) {
            return new LatentDetectorScore(Detectors.create(name.substring("latent:".length()), p), name + new TreeMap<>(p));
        }
        Set<String> allowed = new HashSet<>();
        Map<String, String> left = new HashMap<>(p);
        AeScorer s = switch (name == null ? "" : name) {
            case "recon" -> new ReconstructionError(false);
            case "recon-l1" -> new ReconstructionError(true);
            case "recon-prob" -> new ReconstructionProbability(integer(left, "samples", 10, allowed),
                    longValue(left, "seed", defaultSeed, allowed));
            case "prior" -> new PriorTailScore();
            case "misclass" -> new ClusterMisclassificationScore(integer(left, "k", 0, allowed),
                    longValue(left, "seed", defaultSeed, allowed));
            case "wasserstein" -> new LatentWasserstein(integer(left, "references", 100, allowed),
                    longValue(left, "seed", defaultSeed, allowed));
            default -> throw new IllegalArgumentException("unknown scorer '" + name + "': expected one of "
                    + String.join(", ", names()));
        };
        for (String k : left.keySet()) {
            throw new IllegalArgumentException("unknown parameter '" + k + "' for scorer " + name + ": expected "
                    + (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
        }
        return s;
    }

    private static int integer(Map<String, String> p, String key, int dflt, Set<String> allowed) {
        allowed.add(key);
        String v = p.remove(key);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + key + " = '" + v + "': expected an integer");
        }
    }

    private static long longValue(Map<String, String> p, String key, long dflt, Set<String> allowed) {
        allowed.add(key);
        String v = p.remove(key);
        if (v == null) return dflt;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + key + " = '" + v + "': expected an integer");
        }
    }
}
