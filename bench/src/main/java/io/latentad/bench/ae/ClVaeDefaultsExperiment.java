package io.latentad.bench.ae;

import io.latentad.bench.BenchArgs;
import io.latentad.metrics.cluster.VMeasure;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.cluster.GaussianMixture;
import io.latentad.models.cluster.KMeans;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The CL-VAE as a new user trains it: {@code train --model clvae --param gamma=0.3} on the paper's
 * network (784-512-256-2) with every other option at the library's defaults (validation split,
 * early stopping, epochs, input dropout, separation, learning-rate schedule), on all 60,000 training
 * images of an idx directory; the 10,000 test images are embedded (posterior means) and clustered
 * with EM ({@link GaussianMixture}, full covariance, 5 restarts) and k-means at k = 10 only; prints
 * the V-measure against the test labels, one row per seed.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.latentad.bench.ae.ClVaeDefaultsExperiment [dir=../shared/data/mnist] [seeds=1,2,3] [extra=k=v;k=v]
 * </pre>
 *
 * {@code extra} overrides defaults (for comparing candidate defaults, e.g. {@code epochs=30;input_dropout=0.2};
 * {@code augment=shift1}).
 * With {@code -Dcodes=DIR} the test codes of each seed are written to {@code DIR/clvae-seed<S>-test.csv}
 * ({@code index,z0,z1}, as {@code latentad embed} writes them) for reading with other clusterings
 * ({@link EmOnCodes}, {@code bench/scripts/em_codes_sklearn.py}).
 */
public final class ClVaeDefaultsExperiment {
    private ClVaeDefaultsExperiment() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0] : "../shared/data/mnist";
        String[] seeds = (args.length > 1 ? args[1] : "1,2,3").split(",");
        Map<String, String> extra = new LinkedHashMap<>();
        extra.putAll(BenchArgs.params(args.length > 2 ? args[2] : ""));
        Dataset train = DataSpec.parse("idx:" + dir).load(CsvOptions.defaults());
        Dataset test = DataSpec.parse("idx-test:" + dir).load(CsvOptions.defaults());
        System.out.printf(Locale.ROOT, "data %s: %d training rows, %d test rows; clvae gamma 0.3, hidden 512,256, latent 2, extra %s%n",
                dir, train.rows(), test.rows(), extra);
        System.out.println("| seed | options | epochs run | EM V @ 10 | k-means V @ 10 | train s |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        double sumEm = 0;
        for (String s : seeds) {
            long seed = Long.parseLong(s.trim());
            Map<String, String> p = new LinkedHashMap<>(Map.of("hidden", "512,256", "latent", "2", "gamma", "0.3",
                    "seed", Long.toString(seed)));
            p.putAll(extra);
            AeOptions o = AeOptions.fromParams(ModelKind.CLVAE, p);
            long t0 = System.nanoTime();
            // the dataset itself (idx: its encoder is null, as before): its image shape is what augment=shiftS moves
            TrainedAutoencoder m = AeTrainer.fit(o, train, line -> System.err.println("seed " + seed + ": " + line));
            double secs = (System.nanoTime() - t0) / 1e9;
            double[][] z = m.encode(test.x()).mu();
            if (System.getProperty("codes") != null) writeCodes(java.nio.file.Path.of(System.getProperty("codes"), "clvae-seed" + seed + "-test.csv"), z);
            int[] el = GaussianMixture.fit(z, GaussianMixture.Options.defaults().withK(10).withSeed(seed).withRestarts(5)).predict(z);
            int[] kl = KMeans.fit(z, KMeans.Options.defaults().withK(10).withSeed(seed)).labels();
            double em = VMeasure.vMeasure(test.labels(), el), km = VMeasure.vMeasure(test.labels(), kl);
            sumEm += em;
            Map<String, String> shown = new LinkedHashMap<>(m.options().toParams()); // auto resolved
            System.out.printf(Locale.ROOT, "| %d | epochs %s, lr %s %s, input_dropout %s, separation %s, validation %s, patience %s | %d (best %d) | %.4f | %.4f | %.0f |%n",
                    seed, shown.get("epochs"), shown.get("lr"), shown.get("lr_schedule"),
                    shown.get("input_dropout"), shown.get("separation"), shown.get("validation"), shown.get("patience"),
                    m.history().epochs(), m.history().bestEpoch(), em, km, secs);
        }
        System.out.printf(Locale.ROOT, "mean EM V @ 10 over %d seeds: %.4f%n", seeds.length, sumEm / seeds.length);
    }

    static void writeCodes(java.nio.file.Path f, double[][] z) throws java.io.IOException {
        StringBuilder sb = new StringBuilder("index");
        for (int j = 0; j < z[0].length; j++) sb.append(",z").append(j);
        sb.append('\n');
        for (int i = 0; i < z.length; i++) {
            sb.append(i);
            for (double v : z[i]) sb.append(',').append((float) v);
            sb.append('\n');
        }
        java.nio.file.Files.createDirectories(f.getParent());
        java.nio.file.Files.writeString(f, sb);
    }
}
