package io.latentad.bench.ae;

import io.latentad.engine.random.Rng;
import io.latentad.metrics.balance.AnomalyBalance;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.detect.Detectors;
import io.latentad.models.detect.FittedDetector;
import io.latentad.models.detect.Thresholds;
import io.latentad.models.report.BarChart;
import io.latentad.models.report.Plot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CL-VAE paper's Fig. 4 on saved latent codes at several contaminations: isolation forest
 * (seeded), LOF and the one-class SVM with their default params, each fitted on a seeded sample of
 * at most 4000 codes and scoring every row, flags above the (1 - contamination) quantile (the
 * demo pipeline's rules), and the {@link AnomalyBalance} RMSE of the per-class share of the flags
 * against the class shares; one line per codes file, detector and contamination.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.latentad.bench.ae.AnomalyBalanceOnCodes idx:../shared/data/mnist SEED CONTAMINATIONS NAME=CODES.csv ...
 * </pre>
 *
 * Codes files are {@code latentad embed} output ({@code index,z0,z1,...}) of the same rows as the data spec.
 * With {@code -Dfigures=DIR}, one grouped bar chart per detector and contamination (the class share beside
 * each model's share of the flags) is written to {@code DIR/fig4-<detector>-c<contamination>.png} and {@code .svg}.
 */
public final class AnomalyBalanceOnCodes {
    private AnomalyBalanceOnCodes() {
    }

    public static void main(String[] args) throws Exception {
        int[] y = DataSpec.parse(args[0]).load(CsvOptions.defaults()).labels();
        long seed = Long.parseLong(args[1]);
        double[] cs = Arrays.stream(args[2].split(",")).mapToDouble(Double::parseDouble).toArray();
        Map<String, List<String>> series = new java.util.LinkedHashMap<>();
        Map<String, List<double[]>> values = new java.util.LinkedHashMap<>();
        double[] classShare = null;
        System.out.println("| model | detector | contamination | balance RMSE | flagged share per class |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (int a = 3; a < args.length; a++) {
            String name = args[a].substring(0, args[a].indexOf('='));
            double[][] z = read(Path.of(args[a].substring(args[a].indexOf('=') + 1)));
            if (z.length != y.length) throw new IllegalArgumentException(args[a] + ": " + z.length + " codes but " + y.length + " labels");
            double[][] fit = sample(z, 4000, seed);
            for (String det : List.of("iforest", "lof", "ocsvm")) {
                Map<String, String> p = det.equals("iforest") ? Map.of("seed", Long.toString(seed)) : Map.of();
                FittedDetector f = Detectors.create(det, p).fit(fit);
                double[] s = f.score(z);
                for (double c : cs) {
                    double t = Thresholds.quantileThreshold(s, c);
                    int[] flags = new int[s.length];
                    for (int i = 0; i < s.length; i++) flags[i] = s[i] > t ? 1 : 0;
                    AnomalyBalance b = AnomalyBalance.of(y, flags);
                    classShare = b.classShare();
                    String key = det + "-c" + c;
                    series.computeIfAbsent(key, x -> new java.util.ArrayList<>()).add(name);
                    values.computeIfAbsent(key, x -> new java.util.ArrayList<>()).add(b.flaggedShare());
                    StringBuilder sh = new StringBuilder();
                    for (double v : b.flaggedShare()) sh.append(String.format(Locale.ROOT, "%.3f ", v));
                    System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.4f | %s|%n", name, det, c, b.rmse(), sh);
                }
            }
        }
        String dir = System.getProperty("figures");
        if (dir == null) return;
        Files.createDirectories(Path.of(dir));
        String[] classes = new String[classShare.length];
        for (int c = 0; c < classes.length; c++) classes[c] = Integer.toString(c);
        for (String key : series.keySet()) {
            List<String> names = new java.util.ArrayList<>(List.of("class share"));
            names.addAll(series.get(key));
            List<double[]> v = new java.util.ArrayList<>(List.of(classShare));
            v.addAll(values.get(key));
            String det = key.substring(0, key.indexOf("-c"));
            Plot p = BarChart.grouped(classes, names.toArray(new String[0]), v.toArray(new double[0][]),
                    "Share of " + det + " anomalies per class, contamination " + key.substring(key.indexOf("-c") + 2), "class",
                    "share of flagged rows", 1100, 560);
            p.writePng(Path.of(dir, "fig4-" + key + ".png"));
            p.writeSvg(Path.of(dir, "fig4-" + key + ".svg"));
        }
    }

    static double[][] read(Path f) throws java.io.IOException {
        List<String> lines = Files.readAllLines(f);
        double[][] z = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] t = lines.get(i).split(",");
            z[i - 1] = new double[t.length - 1];
            for (int j = 1; j < t.length; j++) z[i - 1][j - 1] = Double.parseDouble(t[j]);
        }
        return z;
    }

    /** All rows, or a seeded sample of {@code max} distinct rows in their original order (as the pipeline samples). */
    static double[][] sample(double[][] z, int max, long seed) {
        if (z.length <= max) return z;
        int[] pick = Arrays.copyOf(new Rng(seed).permutation(z.length), max);
        Arrays.sort(pick);
        double[][] out = new double[max][];
        for (int i = 0; i < max; i++) out[i] = z[pick[i]];
        return out;
    }
}
