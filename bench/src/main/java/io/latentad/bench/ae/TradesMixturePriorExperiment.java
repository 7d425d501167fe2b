package io.latentad.bench.ae;

import io.latentad.bench.BenchArgs;
import io.latentad.metrics.cluster.VMeasure;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.GaussianMixtureVae;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.cluster.GaussianMixture;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.TradesGenerator;
import io.latentad.models.pipeline.PipelineInput;
import io.latentad.models.report.ScatterPlot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The learned mixture prior on the demo's trades <em>without the trader label</em> (issue 16): the gmvae (K = the
 * number of traders) against the VAE, both on the demo's network and schedule (the library's defaults, latent 2, 30
 * epochs), trained on the trades' features with the trader and the ground truth kept out. The codes are clustered by
 * the gmvae's responsibilities and by EM on the codes (full covariance, K = traders, 5 restarts), and scored against
 * the trader by V-measure; the trader labels only judge. A picture of each model's codes coloured by trader goes to
 * {@code OUT}. {@code extra} goes to the gmvae only.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.latentad.bench.ae.TradesMixturePriorExperiment [seed=0] [epochs=30] [out=trades-prior] [extra=k=v;k=v]
 * </pre>
 */
public final class TradesMixturePriorExperiment {
    private TradesMixturePriorExperiment() {
    }

    public static void main(String[] args) throws Exception {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 0;
        String epochs = args.length > 1 ? args[1] : "30";
        Path out = Path.of(args.length > 2 ? args[2] : "trades-prior");
        Map<String, String> extra = new LinkedHashMap<>();
        extra.putAll(BenchArgs.params(args.length > 3 ? args[3] : ""));
        Files.createDirectories(out);
        PipelineInput in = PipelineInput.fromCsv(TradesGenerator.table("embedded:trades", TradesGenerator.Options.defaults(seed)),
                TradesGenerator.LABEL, TradesGenerator.TRUTH, Set.of());
        Dataset data = in.data();
        int[] trader = data.labels();
        int k = data.classes().length;
        System.out.printf(Locale.ROOT, "trades seed %d: %d rows, %d features (trader and truth kept out), %d traders; latent 2, epochs %s, extra %s%n",
                seed, data.rows(), data.x()[0].length, k, epochs, extra);
        System.out.println("| model | clusters (K = " + k + ") | V-measure against the trader | train s |");
        System.out.println("| --- | --- | --- | --- |");
        for (String name : new String[] {"gmvae", "vae"}) {
            ModelKind kind = ModelKind.of(name);
            Map<String, String> p = new LinkedHashMap<>(Map.of("latent", "2", "epochs", epochs, "seed", Long.toString(seed)));
            if (kind == ModelKind.GMVAE) {
                p.put("k", Integer.toString(k));
                p.putAll(extra); // the gmvae's own options (start, prior, ...)
            }
            long t0 = System.nanoTime();
            // no labels given: the trader column is only read below, to judge the clusters
            TrainedAutoencoder m = AeTrainer.fit(AeOptions.fromParams(kind, p), data.x(), null, null, null,
                    line -> System.err.println(name + ": " + line), null);
            double secs = (System.nanoTime() - t0) / 1e9;
            TrainedAutoencoder.Codes codes = m.encode(data.x());
            if (kind == ModelKind.GMVAE) {
                int[] c = GaussianMixtureVae.prior(m).clusters(codes);
                System.out.printf(Locale.ROOT, "| %s | responsibilities | %.4f | %.0f |%n", name, VMeasure.vMeasure(trader, c), secs);
            }
            int[] em = GaussianMixture.fit(codes.mu(), GaussianMixture.Options.defaults().withK(k).withSeed(seed).withRestarts(5))
                    .predict(codes.mu());
            System.out.printf(Locale.ROOT, "| %s | EM on the codes (full, 5 restarts) | %.4f | %.0f |%n", name, VMeasure.vMeasure(trader, em), secs);
            Path png = out.resolve(name + "-trades-seed" + seed + ".png");
            ScatterPlot.byLabel(codes.mu(), trader, data.classes(), name + " on the trades (trader not used in training): codes coloured by trader",
                    "z0", "z1", 900, 700).writePngAndSvg(png);
            System.out.println("picture: " + png);
        }
    }
}
