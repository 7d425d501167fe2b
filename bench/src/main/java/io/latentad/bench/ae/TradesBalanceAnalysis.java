package io.latentad.bench.ae;

import io.latentad.bench.BenchArgs;
import io.latentad.models.data.TradesGenerator;
import io.latentad.models.pipeline.AeTrainers;
import io.latentad.models.pipeline.ClusterMethods;
import io.latentad.models.pipeline.Pipeline;
import io.latentad.models.pipeline.PipelineInput;
import io.latentad.models.pipeline.PipelineResult;
import io.latentad.models.pipeline.PipelineResult.DetectorResult;
import io.latentad.models.pipeline.PipelineResult.ModelResult;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Why a latent-space detector's flags are spread unevenly over the traders of the demo (issue
 * 16: the CL-VAE's anomaly balance is worse than the VAE's): runs the demo's pipeline (the
 * embedded trades, seed, 30 epochs, latent 2, the three paper models, IF / LOF / OCSVM at 1%
 * contamination) and prints, per model and trader: the rows, the trader's share, the share of each
 * detector's flags, how many of the flagged rows are true anomalies (injected or mislabelled), and
 * the spread of the trader's codes (RMS distance to the trader's centroid) and the distance from
 * that centroid to the nearest other trader's centroid.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.latentad.bench.ae.TradesBalanceAnalysis [seed=0] [epochs=30] [extra=k=v;k=v] [zipf=1.0]
 * </pre>
 *
 * {@code zipf} is the exponent of the trader sizes ({@link TradesGenerator.Options#zipf()}; 0 = traders of equal size).
 *
 * With {@code -Dcodes=DIR}, each model's codes with the trader, the truth and each detector's flag
 * go to {@code DIR/trades-<model>.csv} (for a look with other tools).
 */
public final class TradesBalanceAnalysis {
    private TradesBalanceAnalysis() {
    }

    public static void main(String[] args) throws Exception {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 0;
        String epochs = args.length > 1 ? args[1] : "30";
        Map<String, String> p = new LinkedHashMap<>(Map.of("epochs", epochs, "seed", Long.toString(seed), "latent", "2"));
        p.putAll(BenchArgs.params(args.length > 2 ? args[2] : ""));
        TradesGenerator.Options g = TradesGenerator.Options.defaults(seed);
        if (args.length > 3) {
            g = new TradesGenerator.Options(g.rows(), g.traders(), g.seed(), Double.parseDouble(args[3]), g.missingRate(), g.mislabelRate(),
                    g.anomalyRate());
        }
        PipelineInput in = PipelineInput.fromCsv(TradesGenerator.table("embedded:trades", g),
                TradesGenerator.LABEL, TradesGenerator.TRUTH, Set.of());
        var models = AeTrainers.paperOptions(p);
        Pipeline.Options o = new Pipeline.Options(2, 15, seed, 15, 0.01, Files.createTempDirectory("trades-balance"), true, 4000,
                50_000, null);
        PipelineResult r = new Pipeline(o, AeTrainers.paperModels(models[0], models[1], 0.3),
                List.of(ClusterMethods.kMeans(4), ClusterMethods.em(1)), Pipeline.defaultDetectors(seed)).run(in);
        int[] y = in.data().labels();
        int[] truth = in.truth();
        String[] classes = in.data().classes();
        int k = classes.length, n = y.length;
        int[] count = new int[k], anomalies = new int[k];
        for (int i = 0; i < n; i++) {
            count[y[i]]++;
            anomalies[y[i]] += truth[i];
        }
        System.out.printf(Locale.ROOT, "trades seed %d, %d rows, %d traders, zipf %s, params %s%n", seed, n, k, g.zipf(), p);
        for (ModelResult m : r.models()) {
            double[][] z = m.z();
            int d = z[0].length;
            double[][] centroid = new double[k][d];
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) centroid[y[i]][j] += z[i][j] / count[y[i]];
            double[] spread = new double[k];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += (z[i][j] - centroid[y[i]][j]) * (z[i][j] - centroid[y[i]][j]);
                spread[y[i]] += s / count[y[i]];
            }
            if (System.getProperty("codes") != null) dump(java.nio.file.Path.of(System.getProperty("codes"),
                    "trades-" + m.name().replaceAll("[^A-Za-z0-9.]+", "-") + ".csv"), m, y, truth);
            System.out.printf(Locale.ROOT, "%n## %s%n%n", m.name());
            StringBuilder head = new StringBuilder("| trader | rows | share | true anomalies | code RMS spread | nearest other centroid |");
            StringBuilder rule = new StringBuilder("| --- | --- | --- | --- | --- | --- |");
            for (DetectorResult dr : m.detectors()) {
                head.append(' ').append(dr.name()).append(" share (true) |");
                rule.append(" --- |");
            }
            System.out.println(head);
            System.out.println(rule);
            for (int c = 0; c < k; c++) {
                double near = Double.POSITIVE_INFINITY;
                for (int e = 0; e < k; e++) {
                    if (e == c) continue;
                    double s = 0;
                    for (int j = 0; j < d; j++) s += (centroid[c][j] - centroid[e][j]) * (centroid[c][j] - centroid[e][j]);
                    near = Math.min(near, Math.sqrt(s));
                }
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d | %.3f | %d | %.2f | %.2f |", classes[c], count[c],
                        (double) count[c] / n, anomalies[c], Math.sqrt(spread[c]), near));
                for (DetectorResult dr : m.detectors()) {
                    int f = 0, ft = 0, all = 0;
                    for (int i = 0; i < n; i++) {
                        all += dr.flags()[i];
                        if (y[i] == c && dr.flags()[i] == 1) {
                            f++;
                            ft += truth[i];
                        }
                    }
                    row.append(String.format(Locale.ROOT, " %.3f (%d/%d) |", (double) f / all, ft, f));
                }
                System.out.println(row);
            }
            StringBuilder rmse = new StringBuilder("| balance RMSE | | | | | |");
            StringBuilder corr = new StringBuilder("| corr(flagged share - share, 1 / rows) | | | | | |");
            for (DetectorResult dr : m.detectors()) {
                rmse.append(String.format(Locale.ROOT, " %.4f |", dr.balance().rmse()));
                double[] a = new double[k], b = new double[k];
                for (int c = 0; c < k; c++) {
                    a[c] = dr.balance().flaggedShare()[c] - dr.balance().classShare()[c];
                    b[c] = 1.0 / count[c];
                }
                corr.append(String.format(Locale.ROOT, " %.3f |", pearson(a, b)));
            }
            System.out.println(rmse);
            System.out.println(corr);
        }
    }

    private static void dump(java.nio.file.Path f, ModelResult m, int[] y, int[] truth) throws java.io.IOException {
        StringBuilder sb = new StringBuilder("trader,truth");
        for (int j = 0; j < m.z()[0].length; j++) sb.append(",z").append(j);
        for (DetectorResult dr : m.detectors()) sb.append(',').append(dr.name());
        sb.append('\n');
        for (int i = 0; i < y.length; i++) {
            sb.append(y[i]).append(',').append(truth[i]);
            for (double v : m.z()[i]) sb.append(',').append(v);
            for (DetectorResult dr : m.detectors()) sb.append(',').append(dr.flags()[i]);
            sb.append('\n');
        }
        java.nio.file.Files.createDirectories(f.getParent());
        java.nio.file.Files.writeString(f, sb);
    }

    private static double pearson(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
