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
import io.latentad.models.io.ModelFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The latent-space clustering experiment of Norlander and Sopasakis (Table 1): VAE vs CL-VAE
 * (gamma 1) vs CL-VAE gamma 0.3, 2-D latent space, trained on the training images of an idx
 * directory (MNIST, Fashion-MNIST); the test images are embedded (posterior means) and clustered
 * by k-means ({@link KMeans}, k-means++, 10 restarts) and EM ({@link GaussianMixture}, full
 * covariance, 5 restarts) for k = 2..15, and the V-measure against the test labels is reported at
 * the best k and at k = 10. For the CL-VAE it also reports the share of test codes nearest their own
 * class mean: the accuracy of the encoder read as a classifier, which bounds what any clustering of
 * the codes can reach.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.latentad.bench.ae.LatentClusteringExperiment [dir=../shared/data/mnist] [hidden=512,256]
 *     [epochs=20] [trainRows=60000] [seed=1] [models=vae,clvae,clvae0.3] [extra=k=v;k=v] [saveDir]
 * </pre>
 *
 * {@code extra} adds model parameters to every model (e.g. {@code lr=0.002;centers=learned});
 * {@code saveDir}, if given, receives each trained model as {@code NAME-seedS.lam}, and a model
 * already there is loaded instead of trained (so clustering can be rerun without training).
 * Reads {@code ../shared/data/mnist} or the directory given (Fashion-MNIST:
 * {@code /usr/share/datasets/fashion-mnist}).
 */
public final class LatentClusteringExperiment {
    private LatentClusteringExperiment() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0] : "../shared/data/mnist";
        String hidden = args.length > 1 ? args[1] : "512,256";
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int trainRows = args.length > 3 ? Integer.parseInt(args[3]) : 60000;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        String[] models = (args.length > 5 ? args[5] : "vae,clvae,clvae0.3").split(",");
        Map<String, String> extra = new LinkedHashMap<>();
        extra.putAll(BenchArgs.params(args.length > 6 ? args[6] : ""));
        Path saveDir = args.length > 7 ? Path.of(args[7]) : null;
        if (saveDir != null) Files.createDirectories(saveDir);
        Dataset train = DataSpec.parse("idx:" + dir).load(CsvOptions.defaults());
        Dataset test = DataSpec.parse("idx-test:" + dir).load(CsvOptions.defaults());
        double[][] x = Arrays.copyOf(train.x(), Math.min(trainRows, train.rows()));
        int[] y = Arrays.copyOf(train.labels(), x.length);
        System.out.printf(Locale.ROOT, "data %s: %d training rows, %d test rows; hidden %s, latent 2, epochs %d, seed %d, extra %s%n",
                dir, x.length, test.rows(), hidden, epochs, seed, extra);
        System.out.println("| model | k-means V @ best k | k-means V @ 10 | EM V @ best k | EM V @ 10 | nearest class mean | train s |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (String name : models) {
            Map<String, String> p = new LinkedHashMap<>(Map.of("hidden", hidden, "latent", "2", "epochs",
                    Integer.toString(epochs), "batch", "128", "validation", "0", "patience", "0", "output", "bernoulli",
                    "seed", Long.toString(seed), "codes", "1"));
            p.putAll(extra);
            ModelKind kind = name.startsWith("clvae") ? ModelKind.CLVAE : ModelKind.VAE;
            if (kind == ModelKind.CLVAE) p.put("gamma", name.equals("clvae") ? "1" : name.substring("clvae".length()));
            Path file = saveDir == null ? null : saveDir.resolve(name + "-seed" + seed + ".lam");
            long t0 = System.nanoTime();
            TrainedAutoencoder m;
            if (file != null && Files.exists(file)) {
                m = ModelFile.read(file);
                System.err.println(name + ": loaded " + file);
            } else {
                m = AeTrainer.fit(AeOptions.fromParams(kind, p), x, y, train.classes(), null,
                        line -> System.err.println(name + ": " + line));
                if (file != null) ModelFile.write(m, file);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double[][] z = m.encode(test.x()).mu();
            double[] km = new double[16], em = new double[16];
            for (int k = 2; k <= 15; k++) {
                int[] kl = KMeans.fit(z, KMeans.Options.defaults().withK(k).withSeed(seed)).labels();
                int[] el = GaussianMixture.fit(z, GaussianMixture.Options.defaults().withK(k).withSeed(seed).withRestarts(5)).predict(z);
                km[k] = VMeasure.vMeasure(test.labels(), kl);
                em[k] = VMeasure.vMeasure(test.labels(), el);
                System.err.printf(Locale.ROOT, "%s: k=%d kmeans V=%.4f em V=%.4f%n", name, k, km[k], em[k]);
            }
            int bk = argmax(km), be = argmax(em);
            String acc = m.classMeans() == null ? "-" : String.format(Locale.ROOT, "%.4f",
                    nearestMeanAccuracy(z, test.labels(), m.classMeans()));
            System.out.printf(Locale.ROOT, "| %s | %.4f @ %d | %.4f | %.4f @ %d | %.4f | %s | %.0f |%n", name, km[bk], bk, km[10],
                    em[be], be, em[10], acc, secs);
        }
    }

    /** Share of rows whose code is nearest (Euclidean) to the mean of their own class. */
    static double nearestMeanAccuracy(double[][] z, int[] labels, double[][] means) {
        int hit = 0;
        for (int i = 0; i < z.length; i++) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < means.length; c++) {
                double d = 0;
                for (int j = 0; j < z[i].length; j++) d += (z[i][j] - means[c][j]) * (z[i][j] - means[c][j]);
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            if (best == labels[i]) hit++;
        }
        return (double) hit / z.length;
    }

    private static int argmax(double[] v) {
        int a = 2;
        for (int k = 3; k < v.length; k++) if (v[k] > v[a]) a = k;
        return a;
    }
}
