package io.latentad.bench.detect;

import io.latentad.engine.random.Rng;
import io.latentad.models.detect.Detector;
import io.latentad.models.detect.Detectors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ODDS thyroid under ADBench's protocol (Han et al., ADBench, NeurIPS 2022): a stratified 70/30
 * split, the detector fitted on the (unlabelled) training part, ROC-AUC on the test part, three
 * seeds. ADBench's published ROC-AUC on thyroid: IForest 98.30, LOF 86.86, OCSVM 87.92.
 *
 * <p>Reads {@code ../shared/data/odds/thyroid.csv} (features, then the 0/1 {@code outlier}
 * column; the ODDS features are already scaled to [0, 1], which is what ADBench's min-max step
 * would give). Usage: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * io.latentad.bench.detect.ThyroidExperiment [csv] [detectors] [split-dir]}. With a split directory it also
 * writes each seed's indices there ({@code split<seed>.txt}: the training rows on the first line, the test rows on
 * the second, 0-based), so that a reference in another language scores the same rows
 * ({@code bench/scripts/thyroid_ecdf_detectors.py}).
 */
public final class ThyroidExperiment {
    private ThyroidExperiment() {
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "../shared/data/odds/thyroid.csv");
        String[] names = (args.length > 1 ? args[1] : "iforest,lof").split(",");
        if (args.length > 2) writeSplits(Path.of(args[2]), OddsCsv.read(csv).y());
        OddsCsv data = OddsCsv.read(csv);
        double[][] x = data.x();
        int[] y = data.y();
        int n = x.length;
        System.out.printf(Locale.ROOT, "thyroid: %d rows, %d features, %d anomalies%n", n, x[0].length, sum(y));
        for (String name : names) {
            StringBuilder sb = new StringBuilder();
            double mean = 0;
            for (int seed = 0; seed < 3; seed++) {
                int[][] split = stratifiedSplit(y, 0.7, seed);
                double[][] train = rows(x, split[0]), test = rows(x, split[1]);
                int[] yTest = new int[split[1].length];
                for (int i = 0; i < yTest.length; i++) yTest[i] = y[split[1][i]];
                // a name may carry params: ecod:aggregate=sums, hbos:bins=20+alpha=0.5
                String[] parts = name.split(":", 2);
                Map<String, String> p = new java.util.TreeMap<>();
                if (parts.length > 1) for (String kv : parts[1].split("\\+")) p.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                if (parts[0].equals("iforest")) p.put("seed", Integer.toString(seed));
                Detector det = Detectors.create(parts[0], p);
                double auc = DetectorTiming.auc(det.fit(train).score(test), yTest);
                mean += auc / 3;
                sb.append(String.format(Locale.ROOT, " %.4f", auc));
            }
            System.out.printf(Locale.ROOT, "%-18s ROC-AUC mean %.2f  (seeds 0,1,2:%s)%n", name, 100 * mean, sb);
        }
    }

    private static void writeSplits(Path dir, int[] y) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        for (int seed = 0; seed < 3; seed++) {
            int[][] split = stratifiedSplit(y, 0.7, seed);
            StringBuilder sb = new StringBuilder();
            for (int[] part : split) {
                for (int i = 0; i < part.length; i++) sb.append(i == 0 ? "" : " ").append(part[i]);
                sb.append('\n');
            }
            java.nio.file.Files.writeString(dir.resolve("split" + seed + ".txt"), sb);
        }
    }

    /** Indices of a stratified split: a share {@code train} of each class, shuffled by {@code seed}. */
    static int[][] stratifiedSplit(int[] y, double train, long seed) {
        Rng rng = new Rng(seed);
        List<Integer> tr = new ArrayList<>(), te = new ArrayList<>();
        for (int cls = 0; cls <= 1; cls++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < y.length; i++) if (y[i] == cls) members.add(i);
            int[] perm = rng.permutation(members.size());
            int cut = (int) Math.round(train * members.size());
            for (int j = 0; j < perm.length; j++) (j < cut ? tr : te).add(members.get(perm[j]));
        }
        return new int[][] {tr.stream().mapToInt(Integer::intValue).sorted().toArray(),
                te.stream().mapToInt(Integer::intValue).sorted().toArray()};
    }

    private static double[][] rows(double[][] x, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) out[i] = x[idx[i]];
        return out;
    }

    private static int sum(int[] v) {
        int s = 0;
        for (int t : v) s += t;
        return s;
    }
}
