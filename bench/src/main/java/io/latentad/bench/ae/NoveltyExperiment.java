package io.latentad.bench.ae;

import io.latentad.bench.BenchArgs;
import io.latentad.bench.detect.OddsCsv;
import io.latentad.engine.random.Rng;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.detect.Detectors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DAGMM novelty protocol (Zong et al., ICLR 2018, section 4.1; the poster follows it): per
 * seed, a random 50% of the normal rows is the training set, the other normal rows plus every
 * anomaly the test set; the top share of test rows equal to the test anomaly ratio is flagged, and
 * precision, recall and F1 of the flags are reported as mean +- sd over the seeds.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * io.latentad.bench.ae.NoveltyExperiment CSV SEEDS METHOD[;METHOD...]} where CSV has a header,
 * numeric features and a last 0/1 column (1 = anomaly), and a METHOD is
 * {@code NAME[:k=v,k=v...]} with NAME a model ({@code ae}, {@code dae}, {@code aemlp},
 * {@code dagmm}: trained with those {@code --param}s and scored with its natural scorer) or
 * {@code det:DETECTOR} (e.g. {@code det:ocsvm}, {@code det:iforest}); an optional fourth argument
 * is the first seed (default 0), so settings chosen on seeds 0..9 can be confirmed on fresh ones.
 */
public final class NoveltyExperiment {
    private NoveltyExperiment() {
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "../shared/data/odds/thyroid.csv");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String[] methods = (args.length > 2 ? args[2] : "ae;aemlp;det:ocsvm;det:iforest").split(";");
        int first = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        OddsCsv data = OddsCsv.read(csv);
        double[][] x = data.x();
        int[] y = data.y();
        int n = x.length;
        System.out.printf(Locale.ROOT, "%s: %d rows, %d features, %d anomalies; seeds %d..%d%n", csv, n, x[0].length,
                Arrays.stream(y).sum(), first, first + seeds - 1);
        for (String method : methods) {
            double[][] prf = new double[3][seeds];
            long trainRows = 0, trainNanos = 0;
            for (int s = 0; s < seeds; s++) {
                int[][] split = split(y, first + s);
                double[][] train = rows(x, split[0]), test = rows(x, split[1]);
                int[] truth = new int[split[1].length];
                for (int i = 0; i < truth.length; i++) truth[i] = y[split[1][i]];
                long t0 = System.nanoTime();
                double[] score = score(method, train, test, first + s);
                trainNanos += System.nanoTime() - t0;
                trainRows += train.length;
                double[] r = topShare(score, truth);
                for (int k = 0; k < 3; k++) prf[k][s] = r[k];
            }
            System.out.printf(Locale.ROOT, "%-60s P %.4f +- %.4f  R %.4f +- %.4f  F1 %.4f +- %.4f  (%.1f s per seed)%n", method,
                    mean(prf[0]), sd(prf[0]), mean(prf[1]), sd(prf[1]), mean(prf[2]), sd(prf[2]), trainNanos / 1e9 / seeds);
            System.out.printf(Locale.ROOT, "%-60s F1 per seed %s%n", "", Arrays.toString(round(prf[2])));
        }
    }

    static double[] score(String method, double[][] train, double[][] test, long seed) {
        String[] parts = method.split(":", 2);
        if (parts[0].equals("det")) {
            String[] d = parts[1].split(":", 2);
            Map<String, String> p = BenchArgs.params(d.length > 1 ? d[1] : "");
            if (d[0].equals("iforest")) p.putIfAbsent("seed", Long.toString(seed));
            return Detectors.create(d[0], p).fit(train).score(test);
        }
        ModelKind kind = ModelKind.of(parts[0]);
        Map<String, String> p = BenchArgs.params(parts.length > 1 ? parts[1] : "");
        p.put("seed", Long.toString(seed));
        AeOptions o = AeOptions.fromParams(kind, p);
        TrainedAutoencoder m = AeTrainer.fit(o, train, null, null, null, null);
        return AeScorers.create(o.model().naturalScorer(), Map.of(), seed).score(m, test, null);
    }

    /** Training rows: a random half of the normal rows; test rows: the other normal rows and every anomaly. */
    static int[][] split(int[] y, long seed) {
        List<Integer> normal = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < y.length; i++) (y[i] == 0 ? normal : test).add(i);
        int[] perm = new Rng(seed).permutation(normal.size());
        int half = normal.size() / 2;
        List<Integer> train = new ArrayList<>();
        for (int j = 0; j < perm.length; j++) (j < half ? train : test).add(normal.get(perm[j]));
        return new int[][] {train.stream().mapToInt(Integer::intValue).sorted().toArray(),
                test.stream().mapToInt(Integer::intValue).sorted().toArray()};
    }

    /** Precision, recall, F1 when the top {@code #anomalies} scores are flagged (ties broken by row order). */
    static double[] topShare(double[] score, int[] truth) {
        int n = score.length, a = Arrays.stream(truth).sum();
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (p, q) -> Double.compare(score[q], score[p]));
        int tp = 0;
        for (int i = 0; i < a; i++) tp += truth[idx[i]];
        double precision = (double) tp / a, recall = (double) tp / a;
        double f1 = tp == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new double[] {precision, recall, f1};
    }

    private static double[][] rows(double[][] x, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) out[i] = x[idx[i]];
        return out;
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n - 1). */
    static double sd(double[] v) {
        double m = mean(v), s = 0;
        for (double a : v) s += (a - m) * (a - m);
        return v.length < 2 ? 0 : Math.sqrt(s / (v.length - 1));
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = Math.round(v[i] * 1e4) / 1e4;
        return r;
    }
}
