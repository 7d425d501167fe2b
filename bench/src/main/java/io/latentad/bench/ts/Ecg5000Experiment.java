package io.latentad.bench.ts;

import io.latentad.bench.BenchArgs;
import io.latentad.metrics.ranking.RocCurve;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ECG5000, the talk's fully unsupervised setting (Pereira &amp; Silveira, BigComp 2019): train on the
 * 500 TRAIN beats without labels (anomalies included), score the 4,500 TEST beats, ROC-AUC with
 * class 1 (normal) as 0 and classes 2-5 as 1. The talk reports AUC 0.9819 for VRAE + clustering /
 * Wasserstein. Every scorer of the VRAE, and a dense VAE on the flat 140 values as the baseline, over
 * seeds; mean +- sd.
 *
 * <p>Needs {@code ../shared/data/ecg5000}. Usage: {@code java --add-modules jdk.incubator.vector -cp
 * bench/target/benchmarks.jar io.latentad.bench.ts.Ecg5000Experiment [dir] [seeds] [epochs] [hidden]
 * [extra params k=v,...] [unsupervised|novelty]}; {@code novelty} is setting (b): train on the normal
 * TRAIN beats only.
 */
public final class Ecg5000Experiment {
    private Ecg5000Experiment() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/ecg5000");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String epochs = args.length > 2 ? args[2] : "40", hidden = args.length > 3 ? args[3] : "64";
        Map<String, String> extra = new LinkedHashMap<>();
        if (args.length > 4 && !args[4].isEmpty()) {
            for (String kv : args[4].split(",")) extra.put(kv.split("=")[0], kv.split("=")[1]);
        }
        boolean novelty = args.length > 5 && args[5].equals("novelty");
        // scorers: the default list, or args[6] as NAME or NAME{k=v;k=v} separated by spaces, e.g. "wasserstein{references=500} cluster{k=2}"
        String[] scorerSpecs = args.length > 6 ? args[6].trim().split("\\s+") : null;
        boolean vraeOnly = args.length > 7 && args[7].equals("vrae");
        Dataset all = DataSpec.parse("ucr:" + dir.resolve("ECG5000_TRAIN.txt")).load(CsvOptions.defaults());
        Dataset train = all;
        if (novelty) { // setting (b): the normal TRAIN beats only
            int one = java.util.Arrays.asList(all.classes()).indexOf("1");
            double[][] keep = java.util.stream.IntStream.range(0, all.rows()).filter(i -> all.labels()[i] == one)
                    .mapToObj(i -> all.x()[i]).toArray(double[][]::new);
            train = new Dataset(all.source() + " (class 1 only)", keep, all.featureNames(), null, null, null, null,
                    all.shape(), null);
        }
        Dataset test = DataSpec.parse("ucr:" + dir.resolve("ECG5000_TEST.txt")).load(CsvOptions.defaults());
        int[] truth = new int[test.rows()];
        int normal = java.util.Arrays.asList(test.classes()).indexOf("1");
        for (int i = 0; i < truth.length; i++) truth[i] = test.labels()[i] == normal ? 0 : 1;
        System.out.printf(Locale.ROOT, (novelty ? "novelty setting; " : "unsupervised setting; ") + "ECG5000: train %d, test %d beats of %s, %d anomalies in test; epochs %s, hidden %s %s%n",
                train.rows(), test.rows(), train.shape().describe(), java.util.Arrays.stream(truth).sum(), epochs, hidden, extra);
        String[] scorers = scorerSpecs != null ? scorerSpecs
                : new String[] {"recon", "recon-prob", "wasserstein", "cluster", "latent:iforest", "latent:lof", "latent:gmm"};
        Map<String, List<Double>> auc = new LinkedHashMap<>();
        for (String model : vraeOnly ? new String[] {"vrae"} : new String[] {"vrae", "vae"}) {
            for (int seed = 1; seed <= seeds; seed++) {
                Map<String, String> p = new LinkedHashMap<>(extra);
                p.put("epochs", epochs);
                p.put("seed", Integer.toString(seed));
                if (model.equals("vrae")) p.put("hidden", hidden);
                else p.putAll(Map.of("hidden", "128,64", "latent", "5", "output", "gaussian"));
                long t0 = System.nanoTime();
                Dataset unlabelled = train.withLabels(null, null);
                TrainedAutoencoder m = AeTrainer.fit(AeOptions.fromParams(ModelKind.of(model), p), unlabelled, null);
                double secs = (System.nanoTime() - t0) / 1e9;
                TrainedAutoencoder.Embedding e = m.embed(test.x());
                StringBuilder line = new StringBuilder();
                for (String s : scorers) {
                    double a = RocCurve.of(scorer(s, seed).score(m, e, test.x(), null), truth).auc();
                    auc.computeIfAbsent(model + " " + s, k -> new ArrayList<>()).add(a);
                    line.append(String.format(Locale.ROOT, " %s %.4f", s, a));
                }
                System.out.printf(Locale.ROOT, "%s seed %d (%d epochs, %.0f s):%s%n", model, seed, m.history().epochs(), secs, line);
            }
        }
        System.out.println("| model | scorer | ROC-AUC mean | sd | seeds |");
        System.out.println("| --- | --- | ---: | ---: | ---: |");
        for (Map.Entry<String, List<Double>> r : auc.entrySet()) {
            double mean = r.getValue().stream().mapToDouble(d -> d).average().orElse(Double.NaN);
            double sd = Math.sqrt(r.getValue().stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / Math.max(1, r.getValue().size() - 1));
            String[] k = r.getKey().split(" ");
            System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.4f | %d |%n", k[0], k[1], mean, sd, r.getValue().size());
        }
    }

    /** {@code NAME} or {@code NAME{k=v;k=v}} (latent:NAME keeps its colon). */
    private static io.latentad.models.ae.AeScorer scorer(String spec, int seed) {
        return AeScorers.create(BenchArgs.braceName(spec), BenchArgs.braceParams(spec), seed);
    }
}
