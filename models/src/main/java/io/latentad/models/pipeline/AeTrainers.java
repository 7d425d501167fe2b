package io.latentad.models.pipeline;

import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ConditionalLatentVae;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.ColumnContributions;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.Dataset;
import io.latentad.models.io.ModelFile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pipeline's latent models: members of the autoencoder family trained with
 * {@link AeTrainer} on the whole dataset (its labels, class names and feature encoder are kept, so a
 * saved model scores CSV with {@code score}), embedding rows by their code (the posterior mean for
 * the variational ones), and scoring them, from the same pass, by reconstruction error
 * ({@code recon}) and, for models with class means, by the prior tail {@code -log N(z; mu_y, I)} of
 * the row's class ({@code prior}).
 */
public final class AeTrainers {
    private AeTrainers() {
    }

    /**
     * The CL-VAE paper's three models (Norlander &amp; Sopasakis 2019, Table 1): a VAE, a CL-VAE with
     * gamma = 1, and a CL-VAE whose reconstruction term is weighted by {@code gamma} (the paper's
     * best: 0.3).
     *
     * @param vae   the VAE's options
     * @param clvae the CL-VAEs' options (their gamma is set to 1 and to {@code gamma})
     */
    public static List<LatentModelTrainer> paperModels(AeOptions vae, AeOptions clvae, double gamma) {
        if (vae.kind() != ModelKind.VAE) throw new IllegalArgumentException("paper models: " + vae.kind().cliName() + " given for the vae");
        if (clvae.kind() != ModelKind.CLVAE) throw new IllegalArgumentException("paper models: " + clvae.kind().cliName() + " given for the clvae");
        ConditionalLatentVae.Options c = (ConditionalLatentVae.Options) clvae.model();
        return List.of(of("VAE", vae), of("CL-VAE", clvae.withModel(c.withGamma(1))),
                of("CL-VAE gamma=" + gamma, clvae.withModel(c.withGamma(gamma))));
    }

    /**
     * The VAE and CL-VAE options of the paper's models from {@code --param} strings (the CLI edge):
     * each model takes the keys it knows; a key neither knows is refused.
     */
    public static AeOptions[] paperOptions(Map<String, String> params) {
        AeOptions[] o = new AeOptions[2];
        ModelKind[] kinds = {ModelKind.VAE, ModelKind.CLVAE};
        Set<String> known = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            Set<String> keys = AeOptions.defaults(kinds[i]).toParams().keySet();
            known.addAll(keys);
            Map<String, String> own = new LinkedHashMap<>(params);
            own.keySet().retainAll(keys);
            o[i] = AeOptions.fromParams(kinds[i], own);
        }
        for (String k : params.keySet()) {
            if (!known.contains(k)) AeOptions.fromParams(ModelKind.CLVAE, Map.of(k, params.get(k))); // throws, naming the keys
        }
        return o;
    }

    /** A trainer of a model with these options. */
    public static LatentModelTrainer of(String name, AeOptions options) {
        return new LatentModelTrainer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String describe() {
                return options.kind().cliName() + ", " + options.toParams().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
            }

            @Override
            public Embedder train(Dataset data, Pipeline.Options o, Progress progress) {
                TrainedAutoencoder m = AeTrainer.fit(options, data, line -> progress.step(name + ": " + line));
                return new Embedder() {
                    @Override
                    public double[][] embed(double[][] rows) {
                        return m.encode(rows).mu();
                    }

                    @Override
                    public Pass pass(Dataset d) {
                        TrainedAutoencoder.Embedding e = m.embed(d.x());
                        Map<String, double[]> s = new LinkedHashMap<>();
                        s.put("recon", AeScorers.create("recon", Map.of(), o.seed()).score(m, e, d.x(), d.labels()));
                        if (m.classMeans() != null) {
                            s.put("prior", AeScorers.create("prior", Map.of(), o.seed()).score(m, e, d.x(), d.labels()));
                        }
                        return new Pass(e.codes().mu(), s);
                    }

                    @Override
                    public ColumnContributions contributions(double[][] x) {
                        return ColumnContributions.of(m, x, false);
                    }

                    @Override
                    public void save(Path file) {
                        ModelFile.write(m, file);
                    }
                };
            }
        };
    }
}
