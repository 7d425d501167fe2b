package io.latentad.bench.ae;

import io.latentad.metrics.cluster.VMeasure;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The latent-space clustering experiment of Norlander and Sopasakis (Table 1): VAE vs CL-VAE
 * (gamma 1) vs CL-VAE gamma 0.3, 2-D latent space, trained on the MNIST training images; the test
 * images are embedded and clustered by k-means and by EM (full covariance) for k = 2..15, and the
 * V-measure against the digit labels is reported at the best k and at k = 10.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.latentad.bench.ae.LatentClusteringExperiment [dir=../shared/data/mnist] [hidden=512,256]
 *     [epochs=20] [trainRows=60000] [seed=1] [models=vae,clvae,clvae0.3] [extra=k=v;k=v]
 * </pre>
 *
 * {@code extra} adds model parameters to every model (e.g. {@code lr=0.002;centers=learned}).
 *
 * Reads {@code ../shared/data/mnist} (or any idx directory, e.g. Fashion-MNIST). Clustering uses
 * the tiny k-means and 2-D EM of this package until models.cluster lands in main.
 */
public final class LatentClusteringExperiment {
    private LatentClusteringExperiment() {
    }

    public static void main(String[] args) {
        String dir = args.length > 0 ? args[0] : "../shared/data/mnist";
        String hidden = args.length > 1 ? args[1] : "512,256";
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int trainRows = args.length > 3 ? Integer.parseInt(args[3]) : 60000;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        String[] models = (args.length > 5 ? args[5] : "vae,clvae,clvae0.3").split(",");
        Map<String, String> extra = new LinkedHashMap<>();
        if (args.length > 6) {
            for (String kv : args[6].split(";")) extra.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        Dataset train = DataSpec.parse("idx:" + dir).load(CsvOptions.defaults());
        Dataset test = DataSpec.parse("idx-test:" + dir).load(CsvOptions.defaults());
        double[][] x = Arrays.copyOf(train.x(), Math.min(trainRows, train.rows()));
        int[] y = Arrays.copyOf(train.labels(), x.length);
        System.out.printf(Locale.ROOT, "data %s: %d training rows, %d test rows; hidden %s, latent 2, epochs %d, seed %d, extra %s%n",
                dir, x.length, test.rows(), hidden, epochs, seed, extra);
        System.out.println("| model | k-means V @ best k | k-means V @ 10 | EM V @ best k | EM V @ 10 | train s |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (String name : models) {
            Map<String, String> p = new LinkedHashMap<>(Map.of("hidden", hidden, "latent", "2", "epochs",
                    Integer.toString(epochs), "batch", "128", "validation", "0", "patience", "0", "output", "bernoulli",
                    "seed", Long.toString(seed), "codes", "1"));
            p.putAll(extra);
            ModelKind kind = name.startsWith("clvae") ? ModelKind.CLVAE : ModelKind.VAE;
            if (kind == ModelKind.CLVAE) p.put("gamma", name.equals("clvae") ? "1" : name.substring("clvae".length()));
            long t0 = System.nanoTime();
            TrainedAutoencoder m = AeTrainer.fit(AeOptions.fromParams(kind, p), x, y, train.classes(), null,
                    line -> System.err.println(name + ": " + line));
            double secs = (System.nanoTime() - t0) / 1e9;
            double[][] z = m.encode(test.x()).mu();
            double[] km = new double[16], em = new double[16];
            for (int k = 2; k <= 15; k++) {
                km[k] = VMeasure.vMeasure(test.labels(), TinyKMeans.fit(z, k, 4, seed, null));
                em[k] = VMeasure.vMeasure(test.labels(), TinyGaussianMixture2d.fit(z, k, seed, 200));
                System.err.printf(Locale.ROOT, "%s: k=%d kmeans V=%.4f em V=%.4f%n", name, k, km[k], em[k]);
            }
            int bk = argmax(km), be = argmax(em);
            System.out.printf(Locale.ROOT, "| %s | %.4f @ %d | %.4f | %.4f @ %d | %.4f | %.0f |%n", name, km[bk], bk, km[10],
                    em[be], be, em[10], secs);
        }
    }

    private static int argmax(double[] v) {
        int a = 2;
        for (int k = 3; k < v.length; k++) if (v[k] > v[a]) a = k;
        return a;
    }
}
