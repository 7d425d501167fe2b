package io.latentad.bench.detect;

import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.random.Rng;
import io.latentad.models.cluster.CovarianceType;
import io.latentad.models.cluster.GaussianMixture;
import io.latentad.models.cluster.GaussianMixtureModel;
import io.latentad.models.cluster.KMeans;
import io.latentad.models.cluster.KMeansModel;
import io.latentad.models.detect.IsolationForest;
import io.latentad.models.detect.LocalOutlierFactor;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whole-job timings to set beside {@code ../shared/peers/sklearn_detectors.py N D}: the same kind
 * of data (10 Gaussian blobs with centres ~ N(0, 8^2), unit noise, 1% uniform outliers) and the
 * same settings (isolation forest 100 trees / 256 samples, LOF k = 20, k-means k = 10 with 10
 * restarts, GMM 10 full components, 1 restart). Each job runs {@code reps} times in one JVM; the
 * first (cold, JIT warming) and the best time are printed.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * io.latentad.bench.detect.DetectorTiming N D [reps] [jobs] [csvOut]}; jobs is a comma list of
 * iforest, lof, kmeans, gmm (default all), ecod, copod, hbos. With csvOut the generated data is also written there
 * (x0..x{d-1}, outlier, label) so scikit-learn can be run on the very same rows.
 */
public final class DetectorTiming {
    private DetectorTiming() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 60000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String jobs = args.length > 3 ? args[3] : "iforest,lof,kmeans,gmm";
        Rng rng = new Rng(0);
        double[][] centers = new double[10][d];
        for (double[] c : centers) for (int t = 0; t < d; t++) c[t] = 8 * rng.nextGaussian();
        double[][] x = new double[n][d];
        int[] y = new int[n], out = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(10);
            for (int t = 0; t < d; t++) x[i][t] = centers[y[i]][t] + rng.nextGaussian();
        }
        double[] lo = new double[d], hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] r : x) for (int t = 0; t < d; t++) {
            lo[t] = Math.min(lo[t], r[t]);
            hi[t] = Math.max(hi[t], r[t]);
        }
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < 0.01) {
                out[i] = 1;
                for (int t = 0; t < d; t++) x[i][t] = lo[t] + rng.nextDouble() * (hi[t] - lo[t]);
            }
        }
        if (args.length > 4) writeCsv(Path.of(args[4]), x, out, y);
        System.out.printf(Locale.ROOT, "n=%d d=%d threads=%d%n", n, d, Parallel.threads());
        for (String job : jobs.split(",")) {
            double first = 0, best = Double.POSITIVE_INFINITY, cpuFirst = 0, cpuBest = Double.POSITIVE_INFINITY;
            String result = "";
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
                Object fitted = run(job, x);
                double s = (System.nanoTime() - t0) / 1e9, c = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                result = describe(fitted, out);
                if (r == 0) {
                    first = s;
                    cpuFirst = c;
                }
                best = Math.min(best, s);
                cpuBest = Math.min(cpuBest, c);
            }
            // with one thread the work runs on this thread: its CPU time excludes the time other processes held the core
            String cpu = Parallel.threads() == 1 ? String.format(Locale.ROOT, "  (thread cpu first %.3f s, best %.3f s)", cpuFirst, cpuBest) : "";
            System.out.printf(Locale.ROOT, "%-8s first %8.3f s  best %8.3f s  %s%s%n", job, first, best, result, cpu);
        }
    }

    /**
     * The timed job: the fit (and, for the GMM, the predictions), as the peer times it; the AUC of the training
     * scores is computed outside the timing ({@link #describe}). Until session 13 it was inside: about 0.02 s of
     * sorting at 60,000 rows, which the peer's timings never held.
     */
    private static Object run(String job, double[][] x) {
        switch (job) {
            case "iforest":
                return new IsolationForest().fit(x).trainingScores();
            case "lof":
                return new LocalOutlierFactor().fit(x).trainingScores();
            case "ecod", "copod", "hbos": // PyOD's parameter-free detectors at their defaults
                return io.latentad.models.detect.Detectors.create(job, java.util.Map.of()).fit(x).trainingScores();
            case "kmeans": {
                KMeansModel m = KMeans.fit(x, KMeans.Options.defaults().withK(10));
                return String.format(Locale.ROOT, "inertia=%.6f iters=%d", m.inertia(), m.iterations());
            }
            case "gmm": {
                GaussianMixtureModel m = GaussianMixture.fit(x, GaussianMixture.Options.defaults().withK(10)
                        .withCovariance(CovarianceType.FULL));
                m.predict(x);
                return String.format(Locale.ROOT, "meanLogLik=%.6f iters=%d", m.meanLogLikelihood(), m.iterations());
            }
            default:
                throw new IllegalArgumentException("unknown job " + job + ": expected iforest, lof, kmeans, gmm, ecod, copod or hbos");
        }
    }

    /** What a job's result prints: the AUC of training scores against the outlier labels, or the job's own summary. */
    private static String describe(Object fitted, int[] out) {
        return fitted instanceof double[] scores ? String.format(Locale.ROOT, "auc=%.4f", auc(scores, out)) : fitted.toString();
    }

    /** ROC-AUC by ranks (ties get their mean rank). */
    static double auc(double[] s, int[] y) {
        int n = s.length;
        Integer[] o = new Integer[n];
        for (int i = 0; i < n; i++) o[i] = i;
        java.util.Arrays.sort(o, (a, b) -> Double.compare(s[a], s[b]));
        double rankSum = 0;
        long pos = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && s[o[j + 1]] == s[o[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) if (y[o[t]] == 1) {
                rankSum += rank;
                pos++;
            }
            i = j + 1;
        }
        long neg = n - pos;
        return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }

    private static void writeCsv(Path p, double[][] x, int[] out, int[] y) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(p))) {
            int d = x[0].length;
            StringBuilder h = new StringBuilder();
            for (int t = 0; t < d; t++) h.append('x').append(t).append(',');
            w.println(h + "outlier,label");
            for (int i = 0; i < x.length; i++) {
                StringBuilder b = new StringBuilder();
                for (int t = 0; t < d; t++) b.append(Double.toString(x[i][t])).append(',');
                w.println(b.toString() + out[i] + ',' + y[i]);
            }
        }
    }
}
