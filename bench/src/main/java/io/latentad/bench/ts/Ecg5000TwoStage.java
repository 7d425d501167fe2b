package io.latentad.bench.ts;

import io.latentad.bench.BenchArgs;
import io.latentad.metrics.ranking.RocCurve;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.LatentWasserstein;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ECG5000, setting (a), in two stages, both label-free: stage 1 trains the VRAE on the 500 TRAIN beats (anomalies
 * included) and scores the TEST beats with the cleaned Wasserstein score (the session-6 default); stage 2 trains a
 * second VRAE (same seed, same recipe) on the training beats that stage 1's cleaning kept (Otsu's split of the
 * training codes' own Wasserstein scores, {@link LatentWasserstein#references}) and scores the TEST beats with each
 * scorer at the stage-2 epochs named. The labels are read for the ROC-AUC (and one line on what the cleaning kept)
 * only.
 *
 * <p>Usage: {@code Ecg5000TwoStage DIR SEEDS FIRST_SEED HIDDEN EPOCHS1 "extra k=v,..." STAGE2_EPOCHS(e.g. 10,15,20)
 * "scorer scorer{k=v;k=v} ..."}
 */
public final class Ecg5000TwoStage {
    private Ecg5000TwoStage() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int seeds = Integer.parseInt(args[1]), first = Integer.parseInt(args[2]);
        String hidden = args[3];
        int epochs1 = Integer.parseInt(args[4]);
        Map<String, String> extra = new LinkedHashMap<>();
        if (!args[5].isEmpty()) for (String kv : args[5].split(",")) extra.put(kv.split("=")[0], kv.split("=")[1]);
        int[] at = args[6].isEmpty() ? new int[0] : Arrays.stream(args[6].split(",")).mapToInt(Integer::parseInt).toArray();
        String[] specs = args[7].trim().split("\\s+");
        int epochs2 = Arrays.stream(at).max().orElse(0); // 0: stage 1 only

        Dataset labelled = DataSpec.parse("ucr:" + dir.resolve("ECG5000_TRAIN.txt")).load(CsvOptions.defaults());
        Dataset train = labelled.withLabels(null, null);
        int trainNormal = Arrays.asList(labelled.classes()).indexOf("1");
        Dataset test = DataSpec.parse("ucr:" + dir.resolve("ECG5000_TEST.txt")).load(CsvOptions.defaults());
        int[] truth = new int[test.rows()];
        int normal = Arrays.asList(test.classes()).indexOf("1");
        for (int i = 0; i < truth.length; i++) truth[i] = test.labels()[i] == normal ? 0 : 1;
        System.out.printf(Locale.ROOT, "ECG5000 two stages: hidden %s, stage 1 %d epochs, stage 2 epochs %s, %s; seeds %d..%d%n",
                hidden, epochs1, Arrays.toString(at), extra, first, first + seeds - 1);

        List<String> cols = new ArrayList<>(List.of("stage1 w", "stage1 w-clean", "stage1 w-clean2"));
        for (int e : at) for (String sp : specs) cols.add("s2e" + e + " " + sp);
        double[][] auc = new double[cols.size()][seeds];
        for (int s = 0; s < seeds; s++) {
            int seed = first + s, si = s;
            long t0 = System.nanoTime();
            Map<String, String> p = new LinkedHashMap<>(extra);
            p.put("seed", Integer.toString(seed));
            p.put("hidden", hidden);
            p.put("epochs", Integer.toString(epochs1));
            TrainedAutoencoder m1 = AeTrainer.fit(AeOptions.fromParams(ModelKind.of("vrae"), p), train, null);
            TrainedAutoencoder.Embedding e1 = new TrainedAutoencoder.Embedding(m1.encode(test.x()), null, null);
            auc[0][s] = RocCurve.of(AeScorers.create("wasserstein", Map.of("clean", "none"), seed).score(m1, e1, test.x(), null), truth).auc();
            auc[1][s] = RocCurve.of(AeScorers.create("wasserstein", Map.of("clean", "otsu"), seed).score(m1, e1, test.x(), null), truth).auc();
            auc[2][s] = RocCurve.of(AeScorers.create("wasserstein", Map.of("clean", "otsu", "rounds", "2"), seed).score(m1, e1, test.x(), null),
                    truth).auc();
            int[] kept = ((LatentWasserstein) AeScorers.create("wasserstein", Map.of("clean", "otsu"), seed)).references(m1);
            Arrays.sort(kept);
            int normals = 0;
            for (int r : kept) if (labelled.labels()[r] == trainNormal) normals++;
            double[][] keptX = Arrays.stream(kept).mapToObj(r -> train.x()[r]).toArray(double[][]::new);
            Dataset stage2 = new Dataset(train.source() + " (stage-1 cleaned)", keptX, train.featureNames(), null, null, null, null,
                    train.shape(), null);
            System.out.printf(Locale.ROOT, "seed %d stage 1: w %.4f w-clean %.4f w-clean2 %.4f; kept %d beats (%d normal)  [%.0f s]%n", seed,
                    auc[0][s], auc[1][s], auc[2][s], kept.length, normals, (System.nanoTime() - t0) / 1e9);
            if (epochs2 == 0) continue;
            p.put("epochs", Integer.toString(epochs2));
            AeTrainer.fit(AeOptions.fromParams(ModelKind.of("vrae"), p), stage2, null, (epoch, m2) -> {
                int ai = Arrays.binarySearch(at, epoch);
                if (ai < 0) return;
                TrainedAutoencoder.Embedding e2 = m2.embed(test.x());
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < specs.length; k++) {
                    String sp = specs[k];
                    double a = RocCurve.of(AeScorers.create(BenchArgs.braceName(sp), BenchArgs.braceParams(sp), seed).score(m2, e2, test.x(), null), truth).auc();
                    auc[3 + ai * specs.length + k][si] = a;
                    b.append(String.format(Locale.ROOT, " %s %.4f", sp, a));
                }
                System.out.printf(Locale.ROOT, "seed %d stage 2 epoch %d:%s  [%.0f s]%n", seed, epoch, b, (System.nanoTime() - t0) / 1e9);
            });
        }
        System.out.println();
        for (int c = 0; c < cols.size(); c++) {
            double mean = Arrays.stream(auc[c]).average().orElse(Double.NaN), ss = 0;
            for (double v : auc[c]) ss += (v - mean) * (v - mean);
            StringBuilder r = new StringBuilder();
            for (double v : auc[c]) r.append(String.format(Locale.ROOT, " %.4f", v));
            System.out.printf(Locale.ROOT, "| %s |%s | %.4f +- %.4f |%n", cols.get(c), r, mean, Math.sqrt(ss / Math.max(1, seeds - 1)));
        }
    }
}
