package io.latentad.bench.ae;

import io.latentad.bench.BenchArgs;
import io.latentad.metrics.cluster.VMeasure;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.cluster.GaussianMixture;
import io.latentad.models.cluster.SpectralClustering;
import io.latentad.models.cluster.Umap;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The gmvae's start partitions side by side (issue 16): the pre-trained codes of the MNIST training images (the
 * gmvae's pre-training as {@code MixturePriorClusteringExperiment} runs it, read through
 * {@code -Dlatentad.pretrainCache}, then one joint epoch at lr 1e-8, which leaves the codes where they were) are
 * partitioned by EM full (K = 10, one restart, as the {@code gmm} start) and by {@link SpectralClustering} with the
 * neighbour counts given; V-measure against the training labels, which choose nothing.
 *
 * <pre>
 * java -Dlatentad.pretrainCache=DIR ... io.latentad.bench.ae.StartPartitionDiagnosis DIR SEED [neighbours=10,30g,u20] [sample=10000]
 *     [pre-training options k=v;k=v]
 * </pre>
 */
public final class StartPartitionDiagnosis {
    private StartPartitionDiagnosis() {
    }

    public static void main(String[] args) {
        String dir = args[0];
        long seed = Long.parseLong(args[1]);
        String[] nbs = (args.length > 2 ? args[2] : "10").split(",");
        int sample = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        Dataset train = DataSpec.parse("idx:" + dir).load(CsvOptions.defaults());
        Map<String, String> p = new LinkedHashMap<>(Map.of("hidden", "512,256", "latent", "10", "epochs", "1", "validation", "0",
                "patience", "0", "output", "bernoulli", "seed", Long.toString(seed), "codes", "1", "k", "10"));
        p.put("pretrain_lr", "0.001"); // the default lr: the cached pre-training of the defaults
        p.put("lr", "1e-8");
        // other pre-training options, e.g. pretrain=30;pretrain_noise=0.2;pretrain_lr=0.002
        p.putAll(BenchArgs.params(args.length > 4 ? args[4] : ""));
        long t0 = System.nanoTime();
        TrainedAutoencoder m = AeTrainer.fit(AeOptions.fromParams(ModelKind.GMVAE, p), train.x(), null, null, null, null);
        double[][] z = m.encode(train.x()).mu();
        int[] y = train.labels();
        System.out.printf(Locale.ROOT, "seed %d: codes of %d rows in %.0f s%n", seed, z.length, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        int[] gmm = GaussianMixture.fit(z, GaussianMixture.Options.defaults().withK(10).withSeed(seed)).predict(z);
        System.out.printf(Locale.ROOT, "| %d | EM full, 1 restart (start=gmm) | %.4f | %.4f | %.0f s |%n", seed, VMeasure.vMeasure(y, gmm),
                MixturePriorClusteringExperiment.accuracy(y, gmm, 10), (System.nanoTime() - t0) / 1e9);
        for (String spec : nbs) {
            t0 = System.nanoTime();
            if (spec.startsWith("u")) { // "u20": Umap.cluster with 20 neighbours; "u20d5": 5 dimensions
                String[] nd = spec.substring(1).split("d");
                Umap.Options uo = Umap.Options.defaults().withSeed(seed).withSample(sample).withNeighbours(Integer.parseInt(nd[0]));
                if (nd.length > 1) uo = uo.withDims(Integer.parseInt(nd[1]));
                int[] u = Umap.cluster(z, 10, uo);
                System.out.printf(Locale.ROOT, "| %d | umap + EM full, %s | %.4f | %.4f | %.0f s |%n", seed, uo, VMeasure.vMeasure(y, u),
                        MixturePriorClusteringExperiment.accuracy(y, u, 10), (System.nanoTime() - t0) / 1e9);
                System.out.println("  clusters (top class:share): " + summary(y, u));
                System.out.flush();
                continue;
            }
            int over = spec.contains("+") ? Integer.parseInt(spec.substring(spec.indexOf('+') + 1)) : 0; // "10g+2": 12 clusters merged to 10
            String nb = spec.replaceAll("\\+.*", "").replace("g", ""); // "30g": the global Gaussian affinity
            SpectralClustering.Affinity aff = spec.contains("g") ? SpectralClustering.Affinity.GLOBAL : SpectralClustering.Affinity.UMAP;
            SpectralClustering.Result r = SpectralClustering.fit(z, SpectralClustering.Options.defaults().withK(10 + over).withSeed(seed)
                    .withNeighbours(Integer.parseInt(nb)).withSample(sample).withAffinity(aff));
            if (over > 0) r = new SpectralClustering.Result(mergeByLikelihood(z, r.labels(), 10 + over, 10), r.eigenvalues(), r.iterations(), r.converged());
            System.out.printf(Locale.ROOT, "| %d | spectral +%d merged, %s neighbours, %s, sample %d (%d iterations%s, eigenvalues %.4f..%.4f) | %.4f | %.4f | %.0f s |%n",
                    seed, over, nb, aff, sample, r.iterations(), r.converged() ? "" : ", NOT converged", r.eigenvalues()[0], r.eigenvalues()[9],
                    VMeasure.vMeasure(y, r.labels()), MixturePriorClusteringExperiment.accuracy(y, r.labels(), 10), (System.nanoTime() - t0) / 1e9);
            System.out.println("  clusters (top class:share): " + summary(y, r.labels()));
            System.out.flush();
        }
        System.out.println("  EM clusters (top class:share): " + summary(y, gmm));
    }

    /**
     * Greedy merges of a partition from {@code from} to {@code to} clusters: each step merges the pair whose merged
     * full-covariance mixture (one Gaussian per cluster, {@link GaussianMixture#fromLabels}) has the highest mean
     * log-likelihood; label-free.
     */
    static int[] mergeByLikelihood(double[][] z, int[] labels, int from, int to) {
        int[] c = labels.clone();
        for (int k = from; k > to; k--) {
            double best = Double.NEGATIVE_INFINITY;
            int ba = -1, bb = -1;
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    double ll = GaussianMixture.fromLabels(z, merged(c, a, b, k), k - 1, io.latentad.models.cluster.CovarianceType.FULL, 1e-6)
                            .meanLogLikelihood();
                    if (ll > best) {
                        best = ll;
                        ba = a;
                        bb = b;
                    }
                }
            }
            c = merged(c, ba, bb, k);
            System.out.printf(Locale.ROOT, "  merged %d and %d (mean log-lik %.4f)%n", ba, bb, best);
        }
        return c;
    }

    /** {@code c} with cluster b folded into a and the last cluster renumbered to b. */
    private static int[] merged(int[] c, int a, int b, int k) {
        int[] out = new int[c.length];
        for (int i = 0; i < c.length; i++) out[i] = c[i] == b ? a : c[i] == k - 1 ? b : c[i];
        return out;
    }

    /** Each cluster's two most frequent classes and their shares, e.g. {@code 4:0.61/9:0.35}. */
    static String summary(int[] y, int[] c) {
        int[][] t = new int[10][10]; // 10 clusters after any merge
        for (int i = 0; i < y.length; i++) t[c[i]][y[i]]++;
        StringBuilder b = new StringBuilder();
        for (int[] row : t) {
            int n = 0, a = 0, s = -1;
            for (int j = 0; j < 10; j++) {
                n += row[j];
                if (row[j] > row[a]) a = j;
            }
            for (int j = 0; j < 10; j++) if (j != a && (s < 0 || row[j] > row[s])) s = j;
            b.append(String.format(Locale.ROOT, "%d:%.2f/%d:%.2f  ", a, row[a] / (double) Math.max(1, n), s, row[s] / (double) Math.max(1, n)));
        }
        return b.toString();
    }
}
