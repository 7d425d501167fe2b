package io.latentad.models.ae;

import io.latentad.engine.nn.Activation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every option of the autoencoder family, validated. Model-specific options are ignored by the
 * other models. On the command line each is a {@code --param key=value} under the key in
 * parentheses; {@link #fromParams} parses them and {@link #toParams} writes them back (the model
 * file stores that map, so a loaded model has exactly its training options).
 *
 * @param kind          the model
 * @param hidden        hidden layer sizes of the encoder ({@code hidden}, default 64,32); the decoder mirrors them
 * @param latent        code size ({@code latent}, default 2)
 * @param activation    hidden activation ({@code activation}: relu (default), tanh, sigmoid, elu, leaky_relu;
 *                      cae defaults to tanh and accepts only tanh or sigmoid)
 * @param output        reconstruction distribution ({@code output}: auto (Bernoulli when every training value
 *                      is in [0, 1], else Gaussian), bernoulli, gaussian (unit variance))
 * @param epochs        passes over the training rows ({@code epochs}, 20)
 * @param batch         minibatch size ({@code batch}, 128)
 * @param lr            Adam learning rate ({@code lr}, 1e-3)
 * @param amsGrad       AMSGrad variant ({@code amsgrad}, false)
 * @param clip          global gradient-norm clip, 0 = off ({@code clip}, 0)
 * @param validation    share of rows held out for early stopping ({@code validation}, 0.1; 0 = none)
 * @param patience      epochs without validation improvement before stopping, 0 = never stop early
 *                      ({@code patience}, 5); the best validation parameters are kept
 * @param seed          the one seed of initialisation, shuffling, splits and noise ({@code seed}, 1)
 * @param beta          weight of the KL term (vae, clvae; {@code beta}, 1), must be &gt; 0
 * @param gamma         weight of the reconstruction term (vae, clvae; {@code gamma}, 1 for vae, 0.3 for clvae
 *                      as the paper's best), must be &gt; 0
 * @param warmup        KL annealing: steps over which beta rises linearly from 0 ({@code warmup}, 0 = off)
 * @param corruption    dae noise ({@code corruption}: gaussian (default), masking, saltpepper)
 * @param noise         dae noise level: std (gaussian) or share of corrupted entries ({@code noise}, 0.2)
 * @param sparsity      sae penalty ({@code sparsity}: l1 (default, on the code) or kl (on the last hidden layer,
 *                      needs activation sigmoid))
 * @param sparsityWeight sae penalty weight ({@code sparsity_weight}, 1e-3 for l1, 0.1 for kl)
 * @param sparsityTarget sae KL target mean activation rho ({@code rho}, 0.05)
 * @param contraction   cae penalty weight lambda ({@code lambda}, 0.1)
 * @param centers       clvae / aae mixture class means ({@code centers}: fixed (default) or learned)
 * @param separation    distance between neighbouring fixed class means ({@code separation}, 6)
 * @param classWeight   per-row loss weights ({@code class_weight}: none (default) or balanced: n / (K n_c))
 * @param prior         aae prior ({@code prior}: gaussian (default) or mixture = N(mu_y, I) per class)
 * @param adversarial   aae weight of the generator term ({@code adversarial}, 1)
 * @param discHidden    aae discriminator hidden sizes ({@code disc_hidden}, 64,64)
 * @param maxCodes      training codes kept in the model for latent scorers ({@code codes}, 10000)
 * @param inputDropout  vae, clvae: share of the encoder's input entries set to 0 in each training step
 *                      (masking noise; the reconstruction target stays the clean row; never at scoring
 *                      time) ({@code input_dropout}, 0 = off). A regulariser: on MNIST it narrows the gap
 *                      between the encoder's training and test behaviour (bench/notes/ae.md)
 */
public record AeOptions(ModelKind kind, int[] hidden, int latent, Activation.Kind activation, Output output,
                        int epochs, int batch, double lr, boolean amsGrad, double clip, double validation, int patience,
                        long seed, double beta, double gamma, int warmup, Corruption corruption, double noise,
                        Sparsity sparsity, double sparsityWeight, double sparsityTarget, double contraction,
                        Centers centers, double separation, ClassWeight classWeight, Prior prior, double adversarial,
                        int[] discHidden, int maxCodes, double inputDropout) {
    /** Reconstruction distribution p(x | z). */
    public enum Output { AUTO, BERNOULLI, GAUSSIAN }

    /** Denoising corruption. */
    public enum Corruption { GAUSSIAN, MASKING, SALTPEPPER }

    /** Sparse autoencoder penalty. */
    public enum Sparsity { L1, KL }

    /** Class means: fixed in a well-spread configuration or learned from it. */
    public enum Centers { FIXED, LEARNED }

    /** Per-row loss weights. */
    public enum ClassWeight { NONE, BALANCED }

    /** Adversarial autoencoder prior. */
    public enum Prior { GAUSSIAN, MIXTURE }

    public AeOptions {
        if (kind == null) throw new IllegalArgumentException("model kind is null");
        hidden = hidden.clone();
        discHidden = discHidden.clone();
        for (int h : hidden) if (h < 1) throw bad("hidden", Arrays.toString(hidden), "sizes >= 1");
        for (int h : discHidden) if (h < 1) throw bad("disc_hidden", Arrays.toString(discHidden), "sizes >= 1");
        if (latent < 1) throw bad("latent", latent, ">= 1");
        if (epochs < 1) throw bad("epochs", epochs, ">= 1");
        if (batch < 1) throw bad("batch", batch, ">= 1");
        if (!(lr > 0) || Double.isInfinite(lr)) throw bad("lr", lr, "> 0");
        if (!(clip >= 0) || Double.isInfinite(clip)) throw bad("clip", clip, ">= 0");
        if (!(validation >= 0 && validation < 1)) throw bad("validation", validation, "in [0, 1)");
        if (patience < 0) throw bad("patience", patience, ">= 0");
        if (!(beta > 0) || Double.isInfinite(beta)) throw bad("beta", beta, "> 0");
        if (!(gamma > 0) || Double.isInfinite(gamma)) throw bad("gamma", gamma, "> 0");
        if (warmup < 0) throw bad("warmup", warmup, ">= 0");
        if (!(noise >= 0 && noise < 1e6)) throw bad("noise", noise, ">= 0");
        if ((corruption == Corruption.MASKING || corruption == Corruption.SALTPEPPER) && !(noise < 1)) {
            throw bad("noise", noise, "a share in [0, 1) for " + corruption.name().toLowerCase(Locale.ROOT));
        }
        if (!(sparsityWeight >= 0) || Double.isInfinite(sparsityWeight)) throw bad("sparsity_weight", sparsityWeight, ">= 0");
        if (!(sparsityTarget > 0 && sparsityTarget < 1)) throw bad("rho", sparsityTarget, "in (0, 1)");
        if (!(contraction >= 0) || Double.isInfinite(contraction)) throw bad("lambda", contraction, ">= 0");
        if (!(separation > 0) || Double.isInfinite(separation)) throw bad("separation", separation, "> 0");
        if (!(adversarial >= 0) || Double.isInfinite(adversarial)) throw bad("adversarial", adversarial, ">= 0");
        if (maxCodes < 1) throw bad("codes", maxCodes, ">= 1");
        if (!(inputDropout >= 0 && inputDropout < 1)) throw bad("input_dropout", inputDropout, "a share in [0, 1)");
        if (kind == ModelKind.CAE && activation != Activation.Kind.TANH && activation != Activation.Kind.SIGMOID) {
            throw bad("activation", activation.name().toLowerCase(Locale.ROOT), "tanh or sigmoid for cae (the closed-form Jacobian)");
        }
        if (kind == ModelKind.SAE && sparsity == Sparsity.KL && activation != Activation.Kind.SIGMOID) {
            throw bad("activation", activation.name().toLowerCase(Locale.ROOT), "sigmoid for sae with sparsity=kl");
        }
        if (kind == ModelKind.SAE && sparsity == Sparsity.KL && hidden.length == 0) {
            throw bad("hidden", "(none)", "at least one hidden layer for sae with sparsity=kl");
        }
    }

    /** The defaults of {@code kind}. */
    public static AeOptions defaults(ModelKind kind) {
        return fromParams(kind, Map.of());
    }

    /**
     * Options from {@code --param} strings; missing keys take the defaults of {@code kind}.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, naming it
     */
    public static AeOptions fromParams(ModelKind kind, Map<String, String> params) {
        Params p = new Params(params);
        Activation.Kind act = p.enumValue("activation", Activation.Kind.class,
                kind == ModelKind.CAE ? Activation.Kind.TANH : Activation.Kind.RELU);
        Sparsity sp = p.enumValue("sparsity", Sparsity.class, Sparsity.L1);
        AeOptions o = new AeOptions(kind, p.ints("hidden", new int[] {64, 32}), p.integer("latent", 2), act,
                p.enumValue("output", Output.class, Output.AUTO), p.integer("epochs", 20), p.integer("batch", 128),
                p.real("lr", 1e-3), p.bool("amsgrad", false), p.real("clip", 0), p.real("validation", 0.1),
                p.integer("patience", 5), p.longValue("seed", 1), p.real("beta", 1),
                p.real("gamma", kind == ModelKind.CLVAE ? 0.3 : 1), p.integer("warmup", 0),
                p.enumValue("corruption", Corruption.class, Corruption.GAUSSIAN), p.real("noise", 0.2), sp,
                p.real("sparsity_weight", sp == Sparsity.L1 ? 1e-3 : 0.1), p.real("rho", 0.05), p.real("lambda", 0.1),
                p.enumValue("centers", Centers.class, Centers.FIXED), p.real("separation", 6),
                p.enumValue("class_weight", ClassWeight.class, ClassWeight.NONE),
                p.enumValue("prior", Prior.class, Prior.GAUSSIAN), p.real("adversarial", 1),
                p.ints("disc_hidden", new int[] {64, 64}), p.integer("codes", 10000), p.real("input_dropout", 0));
        p.requireAllUsed();
        return o;
    }

    /** Every option as the {@code key=value} strings {@link #fromParams} reads back to equal options. */
    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden", join(hidden));
        m.put("latent", Integer.toString(latent));
        m.put("activation", lower(activation));
        m.put("output", lower(output));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch", Integer.toString(batch));
        m.put("lr", Double.toString(lr));
        m.put("amsgrad", Boolean.toString(amsGrad));
        m.put("clip", Double.toString(clip));
        m.put("validation", Double.toString(validation));
        m.put("patience", Integer.toString(patience));
        m.put("seed", Long.toString(seed));
        m.put("beta", Double.toString(beta));
        m.put("gamma", Double.toString(gamma));
        m.put("warmup", Integer.toString(warmup));
        m.put("corruption", lower(corruption));
        m.put("noise", Double.toString(noise));
        m.put("sparsity", lower(sparsity));
        m.put("sparsity_weight", Double.toString(sparsityWeight));
        m.put("rho", Double.toString(sparsityTarget));
        m.put("lambda", Double.toString(contraction));
        m.put("centers", lower(centers));
        m.put("separation", Double.toString(separation));
        m.put("class_weight", lower(classWeight));
        m.put("prior", lower(prior));
        m.put("adversarial", Double.toString(adversarial));
        m.put("disc_hidden", join(discHidden));
        m.put("codes", Integer.toString(maxCodes));
        m.put("input_dropout", Double.toString(inputDropout));
        return m;
    }

    /** A copy with some options replaced (keys as in {@link #fromParams}). */
    public AeOptions with(Map<String, String> changes) {
        Map<String, String> m = new LinkedHashMap<>(toParams());
        m.putAll(changes);
        return fromParams(kind, m);
    }

    /** A copy with one option replaced. */
    public AeOptions with(String key, Object value) {
        return with(Map.of(key, String.valueOf(value)));
    }

    /** Whether the model uses class labels: clvae always, aae with the mixture prior. */
    public boolean needsLabels() {
        return kind == ModelKind.CLVAE || (kind == ModelKind.AAE && prior == Prior.MIXTURE);
    }

    private static String join(int[] a) {
        return Arrays.stream(a).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static IllegalArgumentException bad(String key, Object value, String expected) {
        return new IllegalArgumentException("parameter " + key + " = " + value + ": expected " + expected);
    }

    /** The {@code --param} map, with typed getters that record which keys were read. */
    private static final class Params {
        private final Map<String, String> values;
        private final java.util.Set<String> used = new java.util.HashSet<>();

        Params(Map<String, String> values) {
            this.values = values == null ? new HashMap<>() : values;
        }

        private String raw(String key) {
            used.add(key);
            String v = values.get(key);
            return v == null ? null : v.trim();
        }

        int integer(String key, int dflt) {
            String v = raw(key);
            if (v == null) return dflt;
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw bad(key, "'" + v + "'", "an integer");
            }
        }

        long longValue(String key, long dflt) {
            String v = raw(key);
            if (v == null) return dflt;
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw bad(key, "'" + v + "'", "an integer");
            }
        }

        double real(String key, double dflt) {
            String v = raw(key);
            if (v == null) return dflt;
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) throw new NumberFormatException();
                return d;
            } catch (NumberFormatException e) {
                throw bad(key, "'" + v + "'", "a finite number");
            }
        }

        boolean bool(String key, boolean dflt) {
            String v = raw(key);
            if (v == null) return dflt;
            if (v.equalsIgnoreCase("true")) return true;
            if (v.equalsIgnoreCase("false")) return false;
            throw bad(key, "'" + v + "'", "true or false");
        }

        int[] ints(String key, int[] dflt) {
            String v = raw(key);
            if (v == null) return dflt;
            if (v.isEmpty() || v.equals("none")) return new int[0];
            try {
                return Arrays.stream(v.split("[,;]")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            } catch (NumberFormatException e) {
                throw bad(key, "'" + v + "'", "comma-separated integers (e.g. 512,256)");
            }
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type, E dflt) {
            String v = raw(key);
            if (v == null) return dflt;
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(v.replace('-', '_'))) return e;
            }
            throw bad(key, "'" + v + "'", "one of " + Arrays.stream(type.getEnumConstants())
                    .map(AeOptions::lower).collect(Collectors.joining(", ")));
        }

        void requireAllUsed() {
            for (String k : values.keySet()) {
                if (!used.contains(k)) {
                    throw new IllegalArgumentException("unknown parameter '" + k + "': expected one of "
                            + String.join(", ", used.stream().sorted().toList()));
                }
            }
        }
    }
}
