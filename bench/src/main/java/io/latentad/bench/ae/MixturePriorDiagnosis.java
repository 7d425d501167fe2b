package io.latentad.bench.ae;

import io.latentad.models.ae.GaussianMixtureVae;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;
import io.latentad.models.io.ModelFile;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What a trained gmvae's learned prior looks like (issue 16): per component its weight pi, its
 * variances (geometric mean and smallest over the latent dimensions, against the variance floor),
 * the distance from its mean to the nearest other mean, and the test rows its responsibilities take
 * with their two commonest classes; beside it the spread of the test codes (per-dimension standard
 * deviation of the posterior means) and the mean posterior variance. A collapse shows as a weight
 * near 0 or variances at the floor; a merge as one component holding two classes.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.latentad.bench.ae.MixturePriorDiagnosis MODEL.lam [idx-test:../shared/data/mnist]
 * </pre>
 */
public final class MixturePriorDiagnosis {
    private MixturePriorDiagnosis() {
    }

    public static void main(String[] args) throws Exception {
        TrainedAutoencoder m = ModelFile.read(Path.of(args[0]));
        Dataset test = DataSpec.parse(args.length > 1 ? args[1] : "idx-test:../shared/data/mnist").load(CsvOptions.defaults());
        GaussianMixtureVae.Prior p = GaussianMixtureVae.prior(m);
        TrainedAutoencoder.Codes codes = m.encode(test.x());
        System.out.print(report(p, codes, test.labels()));
    }

    /** The table described in the class comment. */
    public static String report(GaussianMixtureVae.Prior p, TrainedAutoencoder.Codes codes, int[] y) {
        StringBuilder sb = new StringBuilder();
        double[][] mu = codes.mu();
        int n = mu.length, d = mu[0].length, k = p.k();
        double[] mean = new double[d], sd = new double[d];
        for (double[] r : mu) for (int j = 0; j < d; j++) mean[j] += r[j] / n;
        for (double[] r : mu) for (int j = 0; j < d; j++) sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
        double postVar = 0;
        if (codes.logVar() != null) for (double[] r : codes.logVar()) for (double v : r) postVar += Math.exp(v) / ((double) n * d);
        sb.append("codes: per-dimension sd of the posterior means:");
        for (int j = 0; j < d; j++) sb.append(String.format(Locale.ROOT, " %.3f", Math.sqrt(sd[j])));
        sb.append(String.format(Locale.ROOT, "; mean posterior variance %.4g; variance floor %.3g%n", postVar, p.floor()));
        int[] c = p.clusters(codes);
        int classes = 0;
        for (int v : y) classes = Math.max(classes, v + 1);
        int[][] count = new int[k][classes];
        for (int i = 0; i < n; i++) count[c[i]][y[i]]++;
        sb.append("| component | pi | var (geo. mean) | var min | nearest mean | test rows | top class (share) | second class (share) |\n");
        sb.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (int a = 0; a < k; a++) {
            double lg = 0, mn = Double.POSITIVE_INFINITY;
            for (double v : p.variances()[a]) {
                lg += Math.log(v) / d;
                mn = Math.min(mn, v);
            }
            double near = Double.POSITIVE_INFINITY;
            for (int b = 0; b < k; b++) {
                if (b == a) continue;
                double s = 0;
                for (int j = 0; j < d; j++) s += Math.pow(p.means()[a][j] - p.means()[b][j], 2);
                near = Math.min(near, Math.sqrt(s));
            }
            int rows = 0, t1 = 0, t2 = -1;
            for (int v = 0; v < classes; v++) {
                rows += count[a][v];
                if (count[a][v] > count[a][t1]) t1 = v;
            }
            for (int v = 0; v < classes; v++) if (v != t1 && (t2 < 0 || count[a][v] > count[a][t2])) t2 = v;
            sb.append(String.format(Locale.ROOT, "| %d | %.4f | %.4g | %.4g | %.3f | %d | %d (%.2f) | %d (%.2f) |%n", a, Math.exp(p.logPi()[a]),
                    Math.exp(lg), mn, near, rows, t1, rows == 0 ? 0 : (double) count[a][t1] / rows, t2, rows == 0 ? 0 : (double) count[a][t2] / rows));
        }
        return sb.toString();
    }
}
