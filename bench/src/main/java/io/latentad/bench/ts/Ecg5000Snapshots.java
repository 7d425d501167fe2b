package io.latentad.bench.ts;

import io.latentad.bench.BenchArgs;
import io.latentad.metrics.ranking.RocCurve;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorer;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ECG5000, setting (a) (train on the 500 TRAIN beats without labels, score the 4,500 TEST beats, class 1
 * normal), one VRAE run per seed with a snapshot after every epoch ({@link AeTrainer.EpochSnapshot}): the
 * ROC-AUC of each Wasserstein variant at each epoch, the label-free training quantities of each epoch (loss,
 * its terms, the mean KL of the training codes), and three label-free ways to use the run: a snapshot
 * ensemble (the mean of the test-rank-normalised scores of the models after epochs A..B), a seed ensemble
 * (the same over the seeds' models at one epoch), and stopping rules on the training loss (the first epoch,
 * from 3 on, whose relative improvement of the training loss falls below a tolerance). The labels are
 * read for the ROC-AUC only.
 *
 * <p>Usage: {@code Ecg5000Snapshots [dir] [seeds] [epochs] [hidden] [extra k=v,...] [A-B] [scores.csv|-] [first seed]
 * [variants]}; the optional CSV gets every score (seed, epoch, variant, 4,500 values) for analysis after the run
 * ({@code bench/scripts/ecg_snapshot_ensembles.py}); seeds run from the first (1) on; variants is a comma list of
 * the names in {@link #VARIANTS} (all). Every epoch is scored when {@code epochs} goes past B, else only A..B.
 */
public final class Ecg5000Snapshots {
    /** The variants of the Wasserstein score: name, then its params (w is the paper's score; w-clean the default since session 6;
     *  the next four are session 7's, the median contrasts session 11's, w-contrast with the 5 nearest dropped references,
     *  the library's {@code contrast} form since session 12). */
    static final String[][] VARIANTS = {
            {"w", "clean=none"}, {"w-means", "gaussians=false;clean=none"}, {"w-iqm", "statistic=iqm;clean=none"},
            {"w-L10", "samples=10;clean=none"},
            {"w-clean", "clean=otsu"}, {"w-clean2", "clean=otsu;rounds=2"}, {"w-clean-std", "clean=otsu;standardise=true"},
            {"w-clean2-std", "clean=otsu;rounds=2;standardise=true"}, {"w-std", "clean=none;standardise=true"},
            {"w-contrast-median", "clean=otsu;contrast=0.25;contrast_k=0"}, {"w-contrast0.5", "clean=otsu;contrast=0.5;contrast_k=0"},
            {"w-contrast", "clean=otsu;contrast=0.25"}};
    private static final Pattern TERM = Pattern.compile("([a-z0-9_-]+) (-?[0-9.]+(?:E-?[0-9]+)?)");

    private Ecg5000Snapshots() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/ecg5000");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String hidden = args.length > 3 ? args[3] : "128";
        Map<String, String> extra = new LinkedHashMap<>();
        if (args.length > 4 && !args[4].isEmpty()) {
            for (String kv : args[4].split(",")) extra.put(kv.split("=")[0], kv.split("=")[1]);
        }
        String[] range = (args.length > 5 ? args[5] : "6-10").split("-");
        int from = Integer.parseInt(range[0]), to = Integer.parseInt(range[1]);
        PrintWriter dump = args.length > 6 && !args[6].equals("-") ? new PrintWriter(Files.newBufferedWriter(Path.of(args[6]))) : null;
        int firstSeed = args.length > 7 ? Integer.parseInt(args[7]) : 1;
        List<String> wanted = args.length > 8 ? Arrays.asList(args[8].split(",")) : null;
        String[][] variants = Arrays.stream(VARIANTS).filter(x -> wanted == null || wanted.contains(x[0])).toArray(String[][]::new);
        if (variants.length == 0) throw new IllegalArgumentException("variants " + wanted + ": expected names among "
                + Arrays.stream(VARIANTS).map(x -> x[0]).toList());

        Dataset labelled = DataSpec.parse("ucr:" + dir.resolve("ECG5000_TRAIN.txt")).load(CsvOptions.defaults());
        Dataset train = labelled.withLabels(null, null);
        int trainNormal = Arrays.asList(labelled.classes()).indexOf("1");
        Dataset test = DataSpec.parse("ucr:" + dir.resolve("ECG5000_TEST.txt")).load(CsvOptions.defaults());
        int[] truth = new int[test.rows()];
        int normal = Arrays.asList(test.classes()).indexOf("1");
        for (int i = 0; i < truth.length; i++) truth[i] = test.labels()[i] == normal ? 0 : 1;
        System.out.printf(Locale.ROOT, "ECG5000 unsupervised: train %d, test %d; vrae hidden %s, %d epochs, %s; snapshot ensemble %d-%d%n",
                train.rows(), test.rows(), hidden, epochs, extra, from, to);

        int v = variants.length;
        // every epoch is scored when the run goes past the snapshot range (to look at the epochs), else only the range
        int firstScored = epochs > to ? 1 : from;
        double[][][] auc = new double[v][seeds][epochs + 1]; // [variant][seed][epoch]
        double[][][][] scores = new double[v][seeds][epochs + 1][]; // kept for the ensembles
        double[][] loss = new double[seeds][epochs + 1], kl = new double[seeds][epochs + 1], codeKl = new double[seeds][epochs + 1];
        for (int s = 0; s < seeds; s++) {
            int seed = firstSeed + s, si = s;
            Map<String, String> p = new LinkedHashMap<>(extra);
            p.put("epochs", Integer.toString(epochs));
            p.put("seed", Integer.toString(seed));
            p.put("hidden", hidden);
            AeScorer[] scorer = new AeScorer[v];
            for (int k = 0; k < v; k++) scorer[k] = AeScorers.create("wasserstein", BenchArgs.params(variants[k][1]), seed);
            long t0 = System.nanoTime();
            List<String> lines = new ArrayList<>();
            AeTrainer.fit(AeOptions.fromParams(ModelKind.of("vrae"), p), train, lines::add, (epoch, m) -> {
                Map<String, Double> terms = terms(lines.get(lines.size() - 1));
                loss[si][epoch] = terms.getOrDefault("loss", Double.NaN);
                kl[si][epoch] = terms.getOrDefault("kl", Double.NaN);
                codeKl[si][epoch] = meanKl(m.trainingCodes());
                if (epoch < firstScored) return;
                TrainedAutoencoder.Codes c = m.encode(test.x());
                TrainedAutoencoder.Embedding e = new TrainedAutoencoder.Embedding(c, null, null);
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < v; k++) {
                    double[] sc = scorer[k].score(m, e, test.x(), null);
                    scores[k][si][epoch] = sc;
                    auc[k][si][epoch] = RocCurve.of(sc, truth).auc();
                    b.append(String.format(Locale.ROOT, " %s %.4f", variants[k][0], auc[k][si][epoch]));
                    if (dump != null) dump.println(seed + "," + epoch + "," + variants[k][0] + "," + join(sc));
                }
                if (epoch == to) {
                    // what Otsu's cleaning kept (the TRAIN labels read for this report only)
                    int[] refs = ((io.latentad.models.ae.LatentWasserstein) AeScorers.create("wasserstein", Map.of("clean", "otsu"), seed)).references(m);
                    int normals = 0;
                    for (int r : refs) if (labelled.labels()[r] == trainNormal) normals++;
                    long allNormal = Arrays.stream(labelled.labels()).filter(y -> y == trainNormal).count();
                    b.append(String.format(Locale.ROOT, "  [clean keeps %d of %d references, %d normal (of %d normal beats)]", refs.length,
                            m.trainingCodes().mu().length, normals, allNormal));
                }
                System.out.printf(Locale.ROOT, "seed %d epoch %2d  loss %.3f  kl(batch) %.3f  kl(codes) %.3f %s  [%.0f s]%n", seed, epoch,
                        loss[si][epoch], kl[si][epoch], codeKl[si][epoch], b, (System.nanoTime() - t0) / 1e9);
            });
        }
        if (dump != null) dump.close();

        System.out.println();
        System.out.println("ROC-AUC by epoch, mean +- sd over " + seeds + " seeds:");
        StringBuilder head = new StringBuilder("| epoch | train loss |");
        for (String[] var : variants) head.append(' ').append(var[0]).append(" |");
        System.out.println(head);
        for (int ep = firstScored; ep <= epochs; ep++) {
            StringBuilder r = new StringBuilder(String.format(Locale.ROOT, "| %d | %.2f |", ep, column(loss, ep)[0]));
            for (int k = 0; k < v; k++) r.append(' ').append(meanSd(column(auc[k], ep))).append(" |");
            System.out.println(r);
        }

        System.out.printf(Locale.ROOT, "%nSnapshot ensemble (mean of the test-rank-normalised scores of epochs %d..%d), per seed:%n", from, to);
        for (int k = 0; k < v; k++) {
            double[] a = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                double[][] members = Arrays.copyOfRange(scores[k][s], from, to + 1);
                a[s] = RocCurve.of(rankMean(members), truth).auc();
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", variants[k][0], fmt(a), meanSd(a));
        }

        System.out.println("\nSeed ensemble (mean of the test-rank-normalised scores of the " + seeds + " seeds' models at one epoch):");
        for (int k = 0; k < v; k++) {
            StringBuilder r = new StringBuilder("| " + variants[k][0] + " |");
            for (int ep = Math.max(1, from); ep <= to; ep++) {
                double[][] members = new double[seeds][];
                for (int s = 0; s < seeds; s++) members[s] = scores[k][s][ep];
                r.append(String.format(Locale.ROOT, " e%d %.4f |", ep, RocCurve.of(rankMean(members), truth).auc()));
            }
            System.out.println(r);
        }

        if (firstScored > 1) return; // the stopping rules need every epoch scored
        System.out.println("\nStopping rules: the first epoch >= 3 whose relative training-loss improvement is below tol:");
        for (double tol : new double[] {0.005, 0.01, 0.02, 0.05}) {
            int[] pick = new int[seeds];
            double[] a = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                pick[s] = epochs;
                for (int ep = 3; ep <= epochs; ep++) {
                    if ((loss[s][ep - 1] - loss[s][ep]) / loss[s][ep - 1] < tol) {
                        pick[s] = ep;
                        break;
                    }
                }
                a[s] = auc[0][s][pick[s]];
            }
            System.out.printf(Locale.ROOT, "| loss, tol %.3f | epochs %s | w %s | %s |%n", tol, Arrays.toString(pick), fmt(a), meanSd(a));
        }
        System.out.println("\nStopping rules: the first epoch >= 3 whose relative change of the training codes' mean KL is below tol:");
        for (double tol : new double[] {0.01, 0.02, 0.05}) {
            int[] pick = new int[seeds];
            double[] a = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                pick[s] = epochs;
                for (int ep = 3; ep <= epochs; ep++) {
                    if (Math.abs(codeKl[s][ep] - codeKl[s][ep - 1]) / codeKl[s][ep - 1] < tol) {
                        pick[s] = ep;
                        break;
                    }
                }
                a[s] = auc[0][s][pick[s]];
            }
            System.out.printf(Locale.ROOT, "| code KL, tol %.2f | epochs %s | w %s | %s |%n", tol, Arrays.toString(pick), fmt(a), meanSd(a));
        }
    }

    /** The mean over rows of KL(q(z|x) || N(0, I)), from the codes' means and log-variances. */
    static double meanKl(TrainedAutoencoder.Codes c) {
        double t = 0;
        for (int i = 0; i < c.mu().length; i++) {
            for (int j = 0; j < c.mu()[i].length; j++) {
                double m = c.mu()[i][j], lv = c.logVar()[i][j];
                t += 0.5 * (m * m + Math.exp(lv) - 1 - lv);
            }
        }
        return t / c.mu().length;
    }

    /** The mean over members of each row's rank among the member's scores (ties averaged), over n. */
    static double[] rankMean(double[][] members) {
        int n = members[0].length;
        double[] out = new double[n];
        for (double[] sc : members) {
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            Arrays.sort(idx, (a, b) -> Double.compare(sc[a], sc[b]));
            for (int i = 0; i < n; ) {
                int j = i;
                while (j + 1 < n && sc[idx[j + 1]] == sc[idx[i]]) j++;
                double r = 0.5 * (i + j) + 1;
                for (int k = i; k <= j; k++) out[idx[k]] += r / n / members.length;
                i = j + 1;
            }
        }
        return out;
    }

    private static Map<String, Double> terms(String line) {
        Map<String, Double> m = new LinkedHashMap<>();
        Matcher x = TERM.matcher(line.replaceFirst("^epoch [0-9/]+ +", ""));
        while (x.find()) m.putIfAbsent(x.group(1), Double.parseDouble(x.group(2)));
        return m;
    }

    private static double[] column(double[][] a, int ep) {
        double[] c = new double[a.length];
        for (int s = 0; s < a.length; s++) c[s] = a[s][ep];
        return c;
    }

    private static String meanSd(double[] a) {
        double mean = Arrays.stream(a).average().orElse(Double.NaN);
        double sd = Math.sqrt(Arrays.stream(a).map(d -> (d - mean) * (d - mean)).sum() / Math.max(1, a.length - 1));
        return String.format(Locale.ROOT, "%.4f +- %.4f", mean, sd);
    }

    private static String fmt(double[] a) {
        StringBuilder b = new StringBuilder();
        for (double d : a) b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", d));
        return b.toString();
    }

    private static String join(double[] a) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < a.length; i++) b.append(i == 0 ? "" : ",").append((float) a[i]);
        return b.toString();
    }
}
