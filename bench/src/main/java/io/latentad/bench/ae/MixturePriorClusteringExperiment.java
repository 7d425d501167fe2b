package io.latentad.bench.ae;

import io.latentad.bench.BenchArgs;
import io.latentad.metrics.cluster.VMeasure;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.GaussianMixtureVae;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.cluster.CovarianceType;
import io.latentad.models.cluster.GaussianMixture;
import io.latentad.models.cluster.Umap;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;
import io.latentad.models.io.ModelFile;
import io.latentad.models.report.ScatterPlot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Unsupervised clustering with a learned mixture prior (issue 16): the gmvae ({@link GaussianMixtureVae},
 * K = 10 components, no labels) against the VAE, trained on the training images of an idx directory
 * (MNIST, Fashion-MNIST) <em>without their labels</em>; the test images are embedded (posterior means)
 * and clustered (a) by the gmvae's responsibilities (its intrinsic clusters) and (b) by EM on the codes
 * ({@link GaussianMixture}, full covariance, K = 10, 5 restarts) and (c) by a diagonal EM with one
 * restart (how the gmvae fits its start); V-measure and clustering accuracy (the best one-to-one
 * matching of clusters to classes) against the test labels; for the gmvae also the table of its learned
 * components ({@link MixturePriorDiagnosis}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.latentad.bench.ae.MixturePriorClusteringExperiment [dir=../shared/data/mnist] [latent=10] [epochs=10]
 *     [seed=1] [models=gmvae,vae] [extra=k=v;k=v] [saveDir]
 * </pre>
 *
 * {@code -Dpicture=DIR} writes {@code DIR/<model>-<data>-latent<L>-seed<S>.png} (and .svg): a 2-D UMAP of the test codes
 * ({@link Umap}, 20 neighbours, seed {@code seed}) coloured by the true class, which the training never saw.
 * {@code -DemRestarts=N} sets the restarts of the full EM reader (5); {@code -Drestarts=N} adds a table of N single EM
 * starts, their likelihood beside their V-measure.
 * With {@code -Devery=N} (N &gt; 0) the test images are also clustered after the first and every N-th epoch of training
 * (responsibilities, EM diag with one restart, EM full with 5 restarts), from a snapshot that draws on none
 * of the training's random streams: the curve of V-measure over the joint training.
 */
public final class MixturePriorClusteringExperiment {
    /** Restarts of the full EM reader ({@code -DemRestarts}, 5): the likeliest fit is kept. */
    static final int EM_RESTARTS = Integer.getInteger("emRestarts", 5);

    private MixturePriorClusteringExperiment() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0] : "../shared/data/mnist";
        int latent = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        String[] models = (args.length > 4 ? args[4] : "gmvae,vae").split(",");
        Map<String, String> extra = new LinkedHashMap<>();
        extra.putAll(BenchArgs.params(args.length > 5 ? args[5] : ""));
        Path saveDir = args.length > 6 ? Path.of(args[6]) : null;
        int every = Integer.getInteger("every", 0);
        if (saveDir != null) Files.createDirectories(saveDir);
        Dataset train = DataSpec.parse("idx:" + dir).load(CsvOptions.defaults());
        Dataset test = DataSpec.parse("idx-test:" + dir).load(CsvOptions.defaults());
        System.out.printf(Locale.ROOT, "data %s: %d training rows (labels not used), %d test rows; hidden 512,256, latent %d, epochs %d, seed %d, extra %s%n",
                dir, train.rows(), test.rows(), latent, epochs, seed, extra);
        System.out.println("| model | latent | epochs | seed | clusters | V-measure | accuracy | train s |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String name : models) {
            Map<String, String> p = new LinkedHashMap<>(Map.of("hidden", "512,256", "latent", Integer.toString(latent),
                    "epochs", Integer.toString(epochs), "validation", "0", "patience", "0", "output", "bernoulli",
                    "seed", Long.toString(seed), "codes", "1"));
            ModelKind kind = ModelKind.of(name);
            if (kind == ModelKind.GMVAE) p.put("k", "10");
            p.putAll(extra);
            Path file = saveDir == null ? null : saveDir.resolve(name + "-latent" + latent + "-seed" + seed + ".lam");
            long t0 = System.nanoTime();
            TrainedAutoencoder m;
            if (file != null && Files.exists(file)) {
                m = ModelFile.read(file);
            } else {
                AeTrainer.EpochSnapshot each = every <= 0 ? null : (epoch, snap) -> {
                    if (epoch == 1 || epoch % every == 0) snapshot(name, epoch, snap, test, seed);
                };
                m = AeTrainer.fit(AeOptions.fromParams(kind, p), train.x(), null, null, null,
                        line -> System.err.println(name + ": " + line), each);
                if (file != null) ModelFile.write(m, file);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            TrainedAutoencoder.Codes codes = m.encode(test.x());
            int[] y = test.labels();
            if (kind == ModelKind.GMVAE) {
                int[] c = GaussianMixtureVae.prior(m).clusters(codes);
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | responsibilities | %.4f | %.4f | %.0f |%n", name, latent, epochs, seed,
                        VMeasure.vMeasure(y, c), accuracy(y, c, 10), secs);
            }
            int[] em = GaussianMixture.fit(codes.mu(), GaussianMixture.Options.defaults().withK(10).withSeed(seed).withRestarts(EM_RESTARTS))
                    .predict(codes.mu());
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | EM on the codes (full, K = 10, %d restarts) | %.4f | %.4f | %.0f |%n", name, latent,
                    epochs, seed, EM_RESTARTS, VMeasure.vMeasure(y, em), accuracy(y, em, 10), secs);
            // the reader of the gmvae's start: a diagonal mixture, one restart, as GaussianMixtureVae fits it
            int[] diag = GaussianMixture.fit(codes.mu(), GaussianMixture.Options.defaults().withK(10).withSeed(seed)
                    .withCovariance(CovarianceType.DIAG).withRestarts(1)).predict(codes.mu());
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | EM on the codes (diag, K = 10, 1 restart) | %.4f | %.4f | %.0f |%n", name, latent,
                    epochs, seed, VMeasure.vMeasure(y, diag), accuracy(y, diag, 10), secs);
            if (kind == ModelKind.GMVAE) System.out.print(MixturePriorDiagnosis.report(GaussianMixtureVae.prior(m), codes, y));
            String picture = System.getProperty("picture");
            if (picture != null) picture(Path.of(picture), name, Path.of(dir).getFileName().toString(), latent, seed, codes.mu(), y, test.classes());
            int restarts = Integer.getInteger("restarts", 0);
            if (restarts > 0) restartTable(codes.mu(), y, seed, restarts);
        }
    }

    /** The test codes' 2-D UMAP coloured by the true class (labels only colour the points). */
    private static void picture(Path dir, String model, String data, int latent, long seed, double[][] z, int[] y,
                                String[] names) throws java.io.IOException {
        Files.createDirectories(dir);
        Umap.Embedding e = Umap.embed(z, Umap.Options.defaults().withDims(2).withSeed(seed));
        int[] labels = new int[e.rows().length];
        for (int i = 0; i < labels.length; i++) labels[i] = y[e.rows()[i]];
        Path png = dir.resolve(model + "-" + data + "-latent" + latent + "-seed" + seed + ".png");
        ScatterPlot.byLabel(e.y(), labels, names, model + ", " + data + ", latent " + latent + ": UMAP of the test codes by true class (unseen in training)", "umap 1", "umap 2", 900, 700)
                .writePngAndSvg(png);
        System.out.println("picture: " + png);
    }

    /**
     * EM full (K = 10) from {@code n} single starts (seeds {@code 1000 seed + r}): each start's mean log-likelihood
     * on the test codes beside its V-measure, sorted by likelihood, so one sees whether the likeliest fit is also the
     * best partition (the labels only read the table; they choose nothing).
     */
    private static void restartTable(double[][] z, int[] y, long seed, int n) {
        double[][] rows = new double[n][];
        int[][] parts = new int[n][];
        for (int r = 0; r < n; r++) {
            var g = GaussianMixture.fit(z, GaussianMixture.Options.defaults().withK(10).withSeed(1000 * seed + r).withRestarts(1));
            int[] c = g.predict(z);
            parts[r] = c;
            rows[r] = new double[] {r, g.meanLogLikelihood(), VMeasure.vMeasure(y, c), accuracy(y, c, 10), g.bic(z), 0};
        }
        // label-free agreement: each start's mean V-measure against the other starts' partitions; the medoid agrees most
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int q = 0; q < n; q++) if (q != r) s += VMeasure.vMeasure(parts[q], parts[r]);
            rows[r][5] = n > 1 ? s / (n - 1) : 1;
        }
        double[] medoid = rows[0];
        for (double[] r : rows) if (r[5] > medoid[5]) medoid = r;
        java.util.Arrays.sort(rows, (a, b) -> Double.compare(b[1], a[1]));
        System.out.println("| EM full start | mean log-lik | V-measure | accuracy | BIC | agreement with the other starts |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (double[] r : rows) {
            System.out.printf(Locale.ROOT, "| %d | %.4f | %.4f | %.4f | %.1f | %.4f |%n", (int) r[0], r[1], r[2], r[3], r[4], r[5]);
        }
        System.out.printf(Locale.ROOT, "EM starts: likeliest start %d V %.4f acc %.4f; medoid (most agreeing) start %d V %.4f acc %.4f%n",
                (int) rows[0][0], rows[0][2], rows[0][3], (int) medoid[0], medoid[2], medoid[3]);
    }

    /** V-measure of the test images' clusters after one epoch (a snapshot of the training), on one line. */
    private static void snapshot(String name, int epoch, TrainedAutoencoder snap, Dataset test, long seed) {
        TrainedAutoencoder.Codes codes = snap.encode(test.x());
        int[] y = test.labels();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "snapshot %s epoch %d:", name, epoch));
        if (snap.kind() == ModelKind.GMVAE) {
            int[] c = GaussianMixtureVae.prior(snap).clusters(codes);
            b.append(String.format(Locale.ROOT, " responsibilities V %.4f acc %.4f;", VMeasure.vMeasure(y, c), accuracy(y, c, 10)));
        }
        int[] diag = GaussianMixture.fit(codes.mu(), GaussianMixture.Options.defaults().withK(10).withSeed(seed)
                .withCovariance(CovarianceType.DIAG).withRestarts(1)).predict(codes.mu());
        var fit = GaussianMixture.fit(codes.mu(), GaussianMixture.Options.defaults().withK(10).withSeed(seed).withRestarts(EM_RESTARTS));
        int[] em = fit.predict(codes.mu());
        b.append(String.format(Locale.ROOT, " EM diag V %.4f; EM full (%d restarts) V %.4f acc %.4f mean log-lik %.4f", VMeasure.vMeasure(y, diag),
                EM_RESTARTS, VMeasure.vMeasure(y, em), accuracy(y, em, 10), fit.meanLogLikelihood()));
        System.out.println(b);
        System.out.flush();
    }

    /** Clustering accuracy: the share of rows right under the best one-to-one map of clusters to classes (exhaustive). */
    static double accuracy(int[] y, int[] c, int k) {
        int kc = 0, ky = 0;
        for (int v : c) kc = Math.max(kc, v + 1);
        for (int v : y) ky = Math.max(ky, v + 1);
        int n = Math.max(k, Math.max(kc, ky));
        long[][] w = new long[n][n];
        for (int i = 0; i < y.length; i++) w[c[i]][y[i]]++;
        long best = search(w, 0, new boolean[n], 0, new long[] {0});
        return (double) best / y.length;
    }

    private static long search(long[][] w, int row, boolean[] used, long acc, long[] best) {
        if (row == w.length) {
            best[0] = Math.max(best[0], acc);
            return best[0];
        }
        long bound = acc;
        for (int r = row; r < w.length; r++) {
            long mx = 0;
            for (long v : w[r]) mx = Math.max(mx, v);
            bound += mx;
        }
        if (bound <= best[0]) return best[0];
        for (int j = 0; j < w.length; j++) {
            if (used[j]) continue;
            used[j] = true;
            search(w, row + 1, used, acc + w[row][j], best);
            used[j] = false;
        }
        return best[0];
    }
}
