package io.latentad.bench.ts;

import io.latentad.metrics.ranking.RocCurve;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * ECG5000, setting (a) (train on the 500 TRAIN beats without labels, score the 4,500 TEST beats), one VRAE run per
 * seed; after the epochs A..B, and of the model the training returns (tag {@code final}: the last epoch's, or with
 * {@code average=K} the averaged weights), the codes (posterior means and log-variances) of the TRAIN and TEST beats are written
 * to {@code OUT/codes-SEED-TAG.csv} (one row a beat: {@code split,index,mu_1..mu_d,logvar_1..logvar_d}), with the
 * beats' classes in {@code OUT/labels.csv} (read by the analysis only for the ROC-AUC and for looking at which classes
 * a score gets wrong), so label-free scorers can be compared on the same models after the run
 * ({@code bench/scripts/ecg_codes_scorers.py}). Prints the ROC-AUC of the default Wasserstein score (cleaned) at each
 * dumped epoch, to check the bits against earlier runs.
 *
 * <p>Usage: {@code Ecg5000Codes [dir] [seeds] [first seed] [epochs] [extra k=v,...] [A-B | -] [out dir]} ({@code -}: the returned model only).
 */
public final class Ecg5000Codes {
    private Ecg5000Codes() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/ecg5000");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int firstSeed = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Map<String, String> extra = new LinkedHashMap<>();
        if (args.length > 4 && !args[4].isEmpty()) {
            for (String kv : args[4].split(",")) extra.put(kv.split("=")[0], kv.split("=")[1]);
        }
        String spec = args.length > 5 ? args[5] : "-";
        String[] range = spec.equals("-") ? new String[] {"0", "-1"} : spec.split("-");
        int from = Integer.parseInt(range[0]), to = Integer.parseInt(range[1]);
        Path out = Path.of(args.length > 6 ? args[6] : "codes");
        Files.createDirectories(out);

        Dataset labelled = DataSpec.parse("ucr:" + dir.resolve("ECG5000_TRAIN.txt")).load(CsvOptions.defaults());
        Dataset train = labelled.withLabels(null, null);
        Dataset test = DataSpec.parse("ucr:" + dir.resolve("ECG5000_TEST.txt")).load(CsvOptions.defaults());
        int[] truth = new int[test.rows()];
        int normal = Arrays.asList(test.classes()).indexOf("1");
        for (int i = 0; i < truth.length; i++) truth[i] = test.labels()[i] == normal ? 0 : 1;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("labels.csv")))) {
            for (int i = 0; i < labelled.rows(); i++) w.println("train," + i + "," + labelled.classes()[labelled.labels()[i]]);
            for (int i = 0; i < test.rows(); i++) w.println("test," + i + "," + test.classes()[test.labels()[i]]);
        }
        System.out.printf(Locale.ROOT, "ECG5000 codes: seeds %d.., %d epochs, %s, epochs %d-%d to %s%n", firstSeed, epochs, extra,
                from, to, out);
        for (int s = 0; s < seeds; s++) {
            int seed = firstSeed + s;
            Map<String, String> p = new LinkedHashMap<>(extra);
            p.put("epochs", Integer.toString(epochs));
            p.put("seed", Integer.toString(seed));
            p.putIfAbsent("hidden", "128");
            long t0 = System.nanoTime();
            TrainedAutoencoder last = AeTrainer.fit(AeOptions.fromParams(ModelKind.of("vrae"), p), train, line -> {
                if (line.startsWith("weight averaging")) System.out.println(line);
            }, (epoch, m) -> {
                if (epoch >= from && epoch <= to) dump(out, seed, Integer.toString(epoch), m, test, truth, t0);
            });
            dump(out, seed, "final", last, test, truth, t0);
        }
    }

    /** Writes the model's training and test codes to {@code OUT/codes-SEED-TAG.csv}; prints the cleaned Wasserstein AUC. */
    private static void dump(Path out, int seed, String tag, TrainedAutoencoder m, Dataset test, int[] truth, long t0) {
        TrainedAutoencoder.Codes c = m.encode(test.x());
        double auc = RocCurve.of(AeScorers.create("wasserstein", Map.of(), seed)
                .score(m, new TrainedAutoencoder.Embedding(c, null, null), test.x(), null), truth).auc();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("codes-" + seed + "-" + tag + ".csv")))) {
            write(w, "train", m.trainingCodes());
            write(w, "test", c);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        System.out.printf(Locale.ROOT, "seed %d epoch %s  w-clean %.4f  [%.0f s]%n", seed, tag, auc, (System.nanoTime() - t0) / 1e9);
    }

    private static void write(PrintWriter w, String split, TrainedAutoencoder.Codes c) {
        for (int i = 0; i < c.mu().length; i++) {
            StringBuilder b = new StringBuilder(split).append(',').append(i);
            for (double v : c.mu()[i]) b.append(',').append(v);
            for (double v : c.logVar()[i]) b.append(',').append(v);
            w.println(b);
        }
    }
}
