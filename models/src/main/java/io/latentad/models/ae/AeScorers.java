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
 *   <tr><td>{@code cluster}</td><td>CBLOF on the codes ({@code latent:cblof}): {@code k} (8), {@code alpha} (0.9),
 *       {@code beta} (5), {@code weighted} (false), {@code seed} (the model's)</td></tr>
 *   <tr><td>{@code prior}</td><td>-</td></tr>
 *   <tr><td>{@code misclass}</td><td>{@code k} (number of classes), {@code seed}</td></tr>
 *   <tr><td>{@code wasserstein}</td><td>{@code references} (N_W = 1000: every kept training code, up to 1000), {@code seed},
 *       {@code gaussians} (true; false = the means only), {@code statistic} (median; iqm), {@code samples} (0 = the
 *       posterior; L = the mean over L draws), {@code clean} (otsu = drop the references above Otsu's threshold on
 *       their own scores; none = the paper's references), {@code rounds} (1: Otsu's split applied once; 2 = again on
 *       the kept references), {@code standardise} (false; true = each latent coordinate divided by the references'
 *       standard deviation along it), {@code contrast} (0 = off; alpha: divided by the distance to the references the
 *       cleaning dropped to the alpha), {@code contrast_k} (5: that distance is the mean of the 5 nearest; 0 = the
 *       statistic over all of them; only with a contrast)</td></tr>
 *   <tr><td>{@code predictor}</td><td>- (aemlp models: {@code ||e - e'||_1})</td></tr>
 *   <tr><td>{@code energy}</td><td>- (dagmm models: the sample energy under the kept mixture)</td></tr>
 * </table>
 */
public final class AeScorers {
    private AeScorers() {
    }

    public static String[] names() {
        return new String[] {"recon", "recon-l1", "recon-prob", "latent:DETECTOR", "cluster", "prior", "misclass", "wasserstein", "predictor", "energy"};
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
        if ("cluster".equals(name)) {
            // the clustering scorer of the time-series talk: CBLOF on the codes (a row far from its cluster, or in a
            // small cluster, scores high), seeded by the model unless told otherwise
            Map<String, String> q = new TreeMap<>(p);
            q.putIfAbsent("seed", Long.toString(defaultSeed));
            return new LatentDetectorScore(Detectors.create("cblof", q), "latent:cblof" + q, "cluster");
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
            case "wasserstein" -> wasserstein(left, allowed, defaultSeed);
            case "predictor" -> new ErrorPredictingAutoencoder.Score();
            case "energy" -> new DeepAutoencodingGmm.Score();
            default -> throw new IllegalArgumentException("unknown scorer '" + name + "': expected one of "
                    + String.join(", ", names()));
        };
        for (String k : left.keySet()) {
            throw new IllegalArgumentException("unknown parameter '" + k + "' for scorer " + name + ": expected "
                    + (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
        }
        return s;
    }

    /** {@code wasserstein} and its options ({@link LatentWasserstein}'s javadoc); {@code contrast_k} only with a contrast. */
    private static LatentWasserstein wasserstein(Map<String, String> left, Set<String> allowed, long defaultSeed) {
        int references = integer(left, "references", LatentWasserstein.DEFAULT_REFERENCES, allowed);
        long seed = longValue(left, "seed", defaultSeed, allowed);
        boolean gaussians = bool(left, "gaussians", true, allowed);
        LatentWasserstein.Statistic statistic = LatentWasserstein.Statistic.parse(text(left, "statistic", "median", allowed));
        int samples = integer(left, "samples", 0, allowed);
        boolean clean = LatentWasserstein.parseClean(text(left, "clean", LatentWasserstein.DEFAULT_CLEAN, allowed));
        int rounds = integer(left, "rounds", 1, allowed);
        boolean standardise = bool(left, "standardise", false, allowed);
        double contrast = real(left, "contrast", 0, allowed);
        boolean kGiven = left.containsKey("contrast_k");
        int contrastK = integer(left, "contrast_k", LatentWasserstein.DEFAULT_CONTRAST_K, allowed);
        if (kGiven && !(contrast > 0)) {
            throw new IllegalArgumentException("wasserstein: contrast_k = " + contrastK + " reads the distance to the dropped "
                    + "references, which only a contrast uses: give contrast > 0 too (e.g. contrast=0.25)");
        }
        return new LatentWasserstein(new LatentWasserstein.Options(references, seed, gaussians, statistic, samples, clean,
                rounds, standardise, contrast, contrastK));
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

    private static double real(Map<String, String> p, String key, double dflt, Set<String> allowed) {
        allowed.add(key);
        String v = p.remove(key);
        if (v == null) return dflt;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + key + " = '" + v + "': expected a number");
        }
    }

    private static boolean bool(Map<String, String> p, String key, boolean dflt, Set<String> allowed) {
        allowed.add(key);
        String v = p.remove(key);
        if (v == null) return dflt;
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("parameter " + key + " = '" + v + "': expected true or false");
        };
    }

    private static String text(Map<String, String> p, String key, String dflt, Set<String> allowed) {
        allowed.add(key);
        String v = p.remove(key);
        return v == null ? dflt : v;
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
