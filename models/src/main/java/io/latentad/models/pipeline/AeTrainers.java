package io.latentad.models.pipeline;

import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;

import io.latentad.models.ae.AeScorers;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's latent models: members of the autoencoder family trained with
 * {@link AeTrainer}, embedding rows by their code (the posterior mean for the variational ones),
 * and scoring them by reconstruction error ({@code recon}) and, for the CL-VAE, by the prior tail
 * {@code -log N(z; mu_y, I)} of the row's class ({@code prior}).
 */
public final class AeTrainers {
    private AeTrainers() {
    }

    /**
     * The CL-VAE paper's three models (Norlander &amp; Sopasakis 2019, Table 1): a VAE, a CL-VAE with
     * gamma = 1, and a CL-VAE whose reconstruction term is weighted by {@code gamma} (the paper's
     * best: 0.3).
     *
     * @param params extra {@code --param} options for all three (e.g. {@code hidden=512,256})
     */
    public static List<LatentModelTrainer> paperModels(double gamma, Map<String, String> params) {
        Map<String, String> one = new HashMap<>(params), weighted = new HashMap<>(params);
        one.put("gamma", "1");
        weighted.put("gamma", Double.toString(gamma));
        return List.of(of("VAE", ModelKind.VAE, params), of("CL-VAE", ModelKind.CLVAE, one),
                of("CL-VAE gamma=" + gamma, ModelKind.CLVAE, weighted));
    }

    /** A trainer for {@code kind} with {@code params}; epochs, latent size and seed come from the pipeline options. */
    public static LatentModelTrainer of(String name, ModelKind kind, Map<String, String> params) {
        AeOptions.fromParams(kind, params); // a bad key or value fails before any training
        Map<String, String> fixed = Map.copyOf(params);
        boolean conditioned = kind == ModelKind.CLVAE;
        return new LatentModelTrainer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Embedder train(double[][] x, int[] labels, Pipeline.Options o, Progress progress) {
                Map<String, String> p = new HashMap<>(fixed);
                p.put("epochs", Integer.toString(o.epochs()));
                p.put("latent", Integer.toString(o.latentDim()));
                p.put("seed", Long.toString(o.seed()));
                int classes = 0;
                for (int y : labels) classes = Math.max(classes, y + 1);
                String[] names = new String[classes];
                for (int c = 0; c < classes; c++) names[c] = Integer.toString(c);
                TrainedAutoencoder m = AeTrainer.fit(AeOptions.fromParams(kind, p), x, conditioned ? labels : null,
                        conditioned ? names : null, null, line -> progress.step(name + ": " + line));
                return new Embedder() {
                    @Override
                    public double[][] embed(double[][] rows) {
                        return m.encode(rows).mu();
                    }

                    @Override
                    public Map<String, double[]> scores(double[][] rows, int[] y) {
                        Map<String, double[]> s = new LinkedHashMap<>();
                        s.put("recon", AeScorers.create("recon", Map.of(), o.seed()).score(m, rows, y));
                        if (conditioned) s.put("prior", AeScorers.create("prior", Map.of(), o.seed()).score(m, rows, y));
                        return s;
                    }
                };
            }
        };
    }
}
