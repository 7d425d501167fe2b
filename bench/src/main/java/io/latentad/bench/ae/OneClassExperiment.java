package io.latentad.bench.ae;

import io.latentad.bench.BenchArgs;
import io.latentad.engine.random.Rng;
import io.latentad.metrics.ranking.RocCurve;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.IdxReader;
import io.latentad.models.data.SampleShape;
import io.latentad.models.report.AnomalyMaps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one-class protocol of Ruff et al., "Deep One-Class Classification" (ICML 2018), Section 4.1, on
 * MNIST or Fashion-MNIST: for each class d, train on the training images of class d only, then score
 * every test image (class d normal, the nine others anomalies) and report the ROC-AUC, and the F1 of
 * the anomaly class when the top {@code (test anomaly ratio) x n} scores are flagged. Each model is
 * trained with the given {@code --param}s and scored by its natural scorer (the reconstruction error).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.latentad.bench.ae.OneClassExperiment \
 *     DIR EPOCHS MAX_TRAIN CLASSES 'NAME=model:k=v,...;...' SEED [MAPS_DIR]
 * </pre>
 *
 * {@code DIR} holds the idx files ({@code ../shared/data/mnist}); {@code MAX_TRAIN} caps the training
 * images of a class (a seeded random subset, 0 = all, ~6,000); {@code CLASSES} e.g. {@code 0-9} or
 * {@code 3,5}; with {@code MAPS_DIR}, each model and class also draws its eight highest-scoring test images
 * (input | reconstruction | per-pixel error, {@link AnomalyMaps}) to {@code MAPS_DIR/<name>-class<d>.png}. Departures from the paper: pixels in [0, 1] without their global contrast normalisation,
 * our architectures and training budget (a few epochs, said in bench/README.md).
 */
public final class OneClassExperiment {
    private OneClassExperiment() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/mnist");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int maxTrain = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int[] classes = classes(args.length > 3 ? args[3] : "0-9");
        String methods = args.length > 4 ? args[4]
                : "dense AE=ae:hidden=256,64,latent=32;conv AE=ae:net=conv;conv DAE=dae:net=conv,noise=0.2";
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 1;
        Path maps = args.length > 6 ? Path.of(args[6]) : null;
        Dataset train = IdxReader.readPair(dir, false), test = IdxReader.readPair(dir, true);
        System.out.printf(Locale.ROOT, "%s: %d training, %d test images of %s; %d epochs, at most %d training images per class, seed %d%n",
                dir, train.rows(), test.rows(), train.shape().describe(), epochs, maxTrain, seed);
        for (String m : methods.split(";")) {
            String[] nameSpec = m.split("=", 2);
            String[] kindParams = nameSpec[1].split(":", 2);
            ModelKind kind = ModelKind.of(kindParams[0]);
            Map<String, String> p = BenchArgs.params(kindParams.length > 1 ? kindParams[1] : "");
            p.put("epochs", Integer.toString(epochs));
            p.put("seed", Long.toString(seed));
            double sumAuc = 0, sumF1 = 0;
            for (int d : classes) {
                long t0 = System.nanoTime();
                Dataset own = only(train, d, maxTrain, seed);
                AeOptions o = AeOptions.fromParams(kind, p);
                TrainedAutoencoder model = AeTrainer.fit(o, own, null);
                long t1 = System.nanoTime();
                double[] score = AeScorers.create(o.model().naturalScorer(), Map.of(), seed).score(model, test.x(), null);
                int[] truth = new int[test.rows()];
                for (int i = 0; i < truth.length; i++) truth[i] = test.labels()[i] == d ? 0 : 1;
                double auc = RocCurve.auc(score, truth), f1 = NoveltyExperiment.topShare(score, truth)[2];
                if (maps != null) drawTop(maps.resolve(nameSpec[0].replace(' ', '-') + "-class" + d + ".png"), model, test, score);
                sumAuc += auc;
                sumF1 += f1;
                System.out.printf(Locale.ROOT, "%-10s class %d (%s): ROC-AUC %.4f  F1 %.4f  (%d training images, train %.1f s, score %.1f s)%n",
                        nameSpec[0], d, train.classes()[d], auc, f1, own.rows(), (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
            }
            System.out.printf(Locale.ROOT, "%-10s mean over %d classes: ROC-AUC %.4f  F1 %.4f  [%s]%n", nameSpec[0], classes.length,
                    sumAuc / classes.length, sumF1 / classes.length, nameSpec[1]);
        }
    }

    private static void drawTop(Path file, TrainedAutoencoder model, Dataset test, double[] score) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        int k = Math.min(8, order.length);
        int[] idx = new int[k];
        double[] sc = new double[k];
        double[][] in = new double[k][];
        for (int i = 0; i < k; i++) {
            idx[i] = order[i];
            sc[i] = score[order[i]];
            in[i] = test.x()[order[i]];
        }
        try {
            AnomalyMaps.render((SampleShape.Image) test.shape(), idx, sc, in, model.reconstruct(in)).writePng(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The training images of class {@code d}, at most {@code max} of them (a seeded subset; 0 = all). */
    static Dataset only(Dataset all, int d, int max, long seed) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < all.rows(); i++) if (all.labels()[i] == d) rows.add(i);
        if (max > 0 && rows.size() > max) {
            int[] perm = new Rng(seed * 31 + d).permutation(rows.size());
            List<Integer> keep = new ArrayList<>();
            for (int j = 0; j < max; j++) keep.add(rows.get(perm[j]));
            keep.sort(null);
            rows = keep;
        }
        double[][] x = new double[rows.size()][];
        int[] y = new int[rows.size()];
        for (int j = 0; j < x.length; j++) {
            x[j] = all.x()[rows.get(j)];
            y[j] = d;
        }
        return new Dataset(all.source() + " class " + d, x, all.featureNames(), y, all.classes(), null, null, all.shape(), null);
    }

    private static int[] classes(String s) {
        if (s.contains("-")) {
            String[] t = s.split("-");
            int a = Integer.parseInt(t[0]), b = Integer.parseInt(t[1]);
            int[] c = new int[b - a + 1];
            for (int i = 0; i < c.length; i++) c[i] = a + i;
            return c;
        }
        return java.util.Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
