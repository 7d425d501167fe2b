package io.latentad.bench.ae;

import io.latentad.metrics.cluster.VMeasure;
import io.latentad.models.cluster.CovarianceType;
import io.latentad.models.cluster.GaussianMixture;
import io.latentad.models.cluster.GaussianMixtureModel;
import io.latentad.models.cluster.KMeans;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * latentad's EM ({@link GaussianMixture}) and k-means on saved latent codes, the Java side of
 * {@code bench/scripts/em_codes_sklearn.py}: reads a codes CSV written by {@code latentad embed}
 * ({@code index,z0,z1,...}) and the labels of an idx data set with the same rows, and prints per
 * seed and covariance type the V-measure and the mean log-likelihood per row of the kept restart.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.latentad.bench.ae.EmOnCodes CODES.csv idx-test:../shared/data/mnist [k=10] [restarts=5] [seeds=1,2,3]
 * </pre>
 */
public final class EmOnCodes {
    private EmOnCodes() {
    }

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        int[] y = DataSpec.parse(args[1]).load(CsvOptions.defaults()).labels();
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int restarts = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        String[] seeds = (args.length > 4 ? args[4] : "1,2,3").split(",");
        double[][] z = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            z[i - 1] = new double[f.length - 1];
            for (int j = 1; j < f.length; j++) z[i - 1][j - 1] = Double.parseDouble(f[j]);
        }
        if (z.length != y.length) throw new IllegalArgumentException(z.length + " codes but " + y.length + " labels");
        System.out.printf(Locale.ROOT, "codes %s: %d x %d, k %d%n", args[0], z.length, z[0].length, k);
        for (String s : seeds) {
            long seed = Long.parseLong(s.trim());
            for (CovarianceType c : CovarianceType.values()) {
                GaussianMixtureModel m = GaussianMixture.fit(z, GaussianMixture.Options.defaults().withK(k).withSeed(seed)
                        .withRestarts(restarts).withCovariance(c));
                System.out.printf(Locale.ROOT, "latentad EM %-9s restarts %d seed %d: V = %.4f, mean loglik %.4f, converged %s, iters %d%n",
                        c.name().toLowerCase(Locale.ROOT), restarts, seed, VMeasure.vMeasure(y, m.predict(z)), m.meanLogLikelihood(),
                        m.converged(), m.iterations());
            }
            int[] kl = KMeans.fit(z, KMeans.Options.defaults().withK(k).withSeed(seed).withRestarts(10)).labels();
            System.out.printf(Locale.ROOT, "latentad k-means restarts 10 seed %d: V = %.4f%n", seed, VMeasure.vMeasure(y, kl));
        }
    }
}
