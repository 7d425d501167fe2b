package io.latentad.models.pipeline;

import io.latentad.engine.random.Rng;
import io.latentad.metrics.Evaluation;
import io.latentad.metrics.balance.AnomalyBalance;
import io.latentad.metrics.balance.ClusterMisclassification;
import io.latentad.metrics.cluster.VMeasure;
import io.latentad.metrics.emmv.EmMv;
import io.latentad.models.detect.Detector;
import io.latentad.models.detect.Detectors;
import io.latentad.models.detect.FittedDetector;
import io.latentad.models.detect.Thresholds;
import io.latentad.models.ae.ColumnContributions;
import io.latentad.models.pipeline.PipelineResult.Anomaly;
import io.latentad.models.pipeline.PipelineResult.ClusterSweep;
import io.latentad.models.pipeline.PipelineResult.DetectorResult;
import io.latentad.models.pipeline.PipelineResult.Misclassification;
import io.latentad.models.pipeline.PipelineResult.ModelResult;
import io.latentad.models.pipeline.PipelineResult.Ranking;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The latent-space analysis of the CL-VAE paper as one object: train each latent model on the
 * encoded features, embed, cluster each latent space over a k range and compare the clusters with
 * the classes (V-measure, the paper's Table 1), run the latent-space detectors and judge them
 * without labels (EM / MV, Tables 2 and 3), compare the per-class share of the flagged rows with
 * the class distribution (Fig. 4), flag the cluster-misclassified rows (section 4.4), list the
 * top-N anomalies, and, when the data has a ground truth, compute ROC-AUC, AP and F1.
 * {@link #runAndReport} also writes {@code report.md}, {@code report.json} and the PNG figures
 * ({@link ReportWriter}).
 *
 * <p>Choices the paper leaves open, written down here:
 * <ul>
 *   <li>flags: a detector flags the rows whose score exceeds the (1 - contamination) quantile of
 *       its scores on all rows (the {@link FittedDetector#threshold} rule);</li>
 *   <li>detectors are fitted on a seeded sample of at most {@link Options#maxFitRows()} latent
 *       codes and score every row (all rows when n is at most that);</li>
 *   <li>EM / MV use the fitted scorer on the latent codes when they have at most 8 dimensions, and
 *       Goix's feature sub-sampling with refits above (see {@link EmMv});</li>
 *   <li>misclassification anomalies use, per model, the clustering (method and k) with the best
 *       V-measure.</li>
 * </ul>
 *
 * <p>Reference: W. Norlander, A. Sopasakis, "Latent space conditioning for improved
 * classification and anomaly detection", arXiv:1911.10599, 2019.
 */
public final class Pipeline {
    /**
     * Run settings of the analysis (each latent model carries its own training options).
     *
     * @param kMin          smallest k of the clustering sweep (>= 1)
     * @param kMax          largest k (>= kMin; capped at the number of rows)
     * @param seed          seed of the clustering, the detectors and the sampling
     * @param topN          anomalies listed per model (>= 0)
     * @param contamination share of rows a detector flags, in (0, 0.5]
     * @param outputDir     where the report goes
     * @param quiet         no progress lines on stderr
     * @param maxFitRows    detectors are fitted on at most this many latent codes (>= 10)
     * @param emMvPoints    Monte Carlo points of the EM / MV estimate (>= 1000)
     * @param saveModels    a directory to save each trained model in ({@code <name>.lam}), or null
     */
    public record Options(int kMin, int kMax, long seed, int topN, double contamination, Path outputDir, boolean quiet,
                          int maxFitRows, int emMvPoints, Path saveModels) {
        public Options {
            if (kMin < 1) throw bad("kMin", kMin, ">= 1");
            if (kMax < kMin) throw new IllegalArgumentException("kMax = " + kMax + ": expected >= kMin = " + kMin);
            if (topN < 0) throw bad("topN", topN, ">= 0");
            if (!(contamination > 0 && contamination <= 0.5)) throw bad("contamination", contamination, "in (0, 0.5]");
            if (outputDir == null) throw new IllegalArgumentException("outputDir is null: expected a directory");
            if (maxFitRows < 10) throw bad("maxFitRows", maxFitRows, ">= 10");
            if (emMvPoints < 1000) throw bad("emMvPoints", emMvPoints, ">= 1000");
        }

        /**
         * Defaults: k from 2 to 25, seed 0, top 15, contamination 0.01, output {@code report/},
         * progress on, detectors fitted on at most 4000 codes, 50,000 EM / MV points (Goix uses
         * 100,000; halved to keep the demo short), models not saved.
         */
        public static Options defaults() {
            return new Options(2, 25, 0, 15, 0.01, Path.of("report"), false, 4000, 50_000, null);
        }

        public Options withSeed(long s) {
            return new Options(kMin, kMax, s, topN, contamination, outputDir, quiet, maxFitRows, emMvPoints, saveModels);
        }

        public Options withK(int lo, int hi) {
            return new Options(lo, hi, seed, topN, contamination, outputDir, quiet, maxFitRows, emMvPoints, saveModels);
        }

        public Options withOutputDir(Path d) {
            return new Options(kMin, kMax, seed, topN, contamination, d, quiet, maxFitRows, emMvPoints, saveModels);
        }

        public Options withQuiet(boolean q) {
            return new Options(kMin, kMax, seed, topN, contamination, outputDir, q, maxFitRows, emMvPoints, saveModels);
        }

        public Options withContamination(double c) {
            return new Options(kMin, kMax, seed, topN, c, outputDir, quiet, maxFitRows, emMvPoints, saveModels);
        }

        public Options withEmMvPoints(int p) {
            return new Options(kMin, kMax, seed, topN, contamination, outputDir, quiet, maxFitRows, p, saveModels);
        }

        public Options withMaxFitRows(int m) {
            return new Options(kMin, kMax, seed, topN, contamination, outputDir, quiet, m, emMvPoints, saveModels);
        }

        public Options withSaveModels(Path dir) {
            return new Options(kMin, kMax, seed, topN, contamination, outputDir, quiet, maxFitRows, emMvPoints, dir);
        }

        private static IllegalArgumentException bad(String name, double v, String expected) {
            return new IllegalArgumentException(name + " = " + v + ": expected " + expected);
        }
    }

    private final Options options;
    private final List<LatentModelTrainer> trainers;
    private final List<ClusterMethod> clusterMethods;
    private final List<DetectorSpec> detectors;
    private final BiFunction<String, Map<String, String>, Detector> detectorRegistry;
    private final Progress progress;

    /**
     * A pipeline with these components; detectors are created with {@link Detectors#create}.
     *
     * @param trainers       the latent models, e.g. VAE, CL-VAE, gamma CL-VAE (at least one)
     * @param clusterMethods e.g. k-means and EM (at least one)
     * @param detectors      latent-space detectors, e.g. {@link #defaultDetectors} (at least one)
     */
    public Pipeline(Options options, List<LatentModelTrainer> trainers, List<ClusterMethod> clusterMethods,
                    List<DetectorSpec> detectors) {
        this(options, trainers, clusterMethods, detectors, Detectors::create);
    }

    /** As above, creating detectors with {@code registry} (name, params) instead of {@link Detectors#create}. */
    public Pipeline(Options options, List<LatentModelTrainer> trainers, List<ClusterMethod> clusterMethods,
                    List<DetectorSpec> detectors, BiFunction<String, Map<String, String>, Detector> registry) {
        if (options == null) throw new IllegalArgumentException("options are null: expected Pipeline.Options");
        if (trainers == null || trainers.isEmpty()) throw new IllegalArgumentException("no latent model trainers: expected at least one");
        if (clusterMethods == null || clusterMethods.isEmpty()) throw new IllegalArgumentException("no clustering methods: expected at least one");
        if (detectors == null || detectors.isEmpty()) throw new IllegalArgumentException("no detectors: expected at least one");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (LatentModelTrainer t : trainers) {
            if (!seen.add(ReportFigures.slug(t.name()))) {
                throw new IllegalArgumentException("two latent models named like '" + t.name() + "': expected distinct names");
            }
        }
        this.options = options;
        this.trainers = List.copyOf(trainers);
        this.clusterMethods = List.copyOf(clusterMethods);
        this.detectors = List.copyOf(detectors);
        this.detectorRegistry = registry;
        this.progress = options.quiet() ? Progress.silent() : Progress.logger();
    }

    private Pipeline(Pipeline p, Progress progress) {
        this.options = p.options;
        this.trainers = p.trainers;
        this.clusterMethods = p.clusterMethods;
        this.detectors = p.detectors;
        this.detectorRegistry = p.detectorRegistry;
        this.progress = progress;
    }

    /**
     * This pipeline reporting its steps to {@code progress} instead of the default (the
     * {@code System.Logger} of {@link Progress#logger()}, or nothing when the options say quiet).
     */
    public Pipeline withProgress(Progress progress) {
        if (progress == null) throw new IllegalArgumentException("progress is null: expected Progress.silent() for none");
        return new Pipeline(this, progress);
    }

    /** Isolation forest (seeded), LOF and the one-class SVM with their default params, as in the paper. */
    public static List<DetectorSpec> defaultDetectors(long seed) {
        return List.of(new DetectorSpec("iforest", Map.of("seed", Long.toString(seed))), DetectorSpec.of("lof"),
                DetectorSpec.of("ocsvm"));
    }

    public Options options() {
        return options;
    }

    /** Runs every step and returns the figures (writes nothing). */
    public PipelineResult run(PipelineInput in) {
        double[][] x = in.data().x();
        int[] labels = in.data().labels();
        progress.step(String.format("data: %s, %d rows, %d features, %d classes%s", in.data().source(), x.length,
                in.data().dimension(), in.data().classes().length, in.hasTruth() ? ", with ground truth" : ""));
        List<ModelResult> models = new ArrayList<>();
        for (LatentModelTrainer t : trainers) models.add(runModel(t, in));
        return new PipelineResult(options, in, models);
    }

    /**
     * Runs, writes the report into {@link Options#outputDir()}, prints the key table and the
     * report's place on {@code out}, and returns the figures.
     */
    public PipelineResult runAndReport(PipelineInput in, PrintStream out) throws IOException {
        PipelineResult r = run(in);
        progress.step("report: writing " + options.outputDir());
        Path md = new ReportWriter(r).write(options.outputDir());
        out.print(ReportWriter.keyTable(r));
        out.println("report: " + md.toAbsolutePath());
        out.flush();
        return r;
    }

    private ModelResult runModel(LatentModelTrainer t, PipelineInput in) {
        double[][] x = in.data().x();
        int[] labels = in.data().labels();
        progress.step("train " + t.name() + ": " + t.describe());
        long t0 = System.nanoTime();
        Embedder e = t.train(in.data(), options, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (options.saveModels() != null) {
            Path f = options.saveModels().resolve(ReportFigures.slug(t.name()) + ".lam");
            e.save(f);
            progress.step("save " + t.name() + ": " + f);
        }
        Embedder.Pass pass = e.pass(in.data());
        double[][] z = checkedCodes(t.name(), pass.codes(), x.length);
        progress.step(String.format("embed %s: %d x %d codes (trained in %.1f s)", t.name(), z.length, z[0].length, seconds));

        List<ClusterSweep> sweeps = new ArrayList<>();
        for (ClusterMethod m : clusterMethods) sweeps.add(sweep(t.name(), m, z, labels));

        List<DetectorResult> dets = new ArrayList<>();
        for (DetectorSpec d : detectors) dets.add(detect(t.name(), d, z, in));
        for (Map.Entry<String, double[]> ms : pass.scores().entrySet()) {
            dets.add(modelScore(t.name(), ms.getKey(), ms.getValue(), in, ms.getKey().equals("recon") ? e : null));
        }

        ClusterSweep best = null;
        for (ClusterSweep s : sweeps) if (best == null || s.bestV() > best.bestV()) best = s;
        ClusterMisclassification cm = ClusterMisclassification.of(labels, best.bestLabels());
        int[] flags = cm.flags();
        Misclassification mis = new Misclassification(best.method(), best.bestK(), cm.rate(), flags,
                anyFlag(flags) ? AnomalyBalance.of(labels, flags) : null, ranking(toScores(flags), in));
        progress.step(String.format("misclassification %s: %.2f%% of rows outside their cluster's majority class (%s, k = %d)",
                t.name(), 100 * cm.rate(), best.method(), best.bestK()));
        return new ModelResult(t.name(), t.describe(), seconds, z, Projection.view2d(z), sweeps, dets, mis);
    }

    /** V-measure of the method's clusters against the classes for every k of the range. */
    private ClusterSweep sweep(String model, ClusterMethod m, double[][] z, int[] labels) {
        int hi = Math.min(options.kMax(), z.length);
        int lo = Math.min(options.kMin(), hi);
        int[] ks = new int[hi - lo + 1];
        double[] v = new double[ks.length];
        int bestK = -1;
        double bestV = Double.NEGATIVE_INFINITY;
        int[] bestLabels = null;
        for (int i = 0; i < ks.length; i++) {
            ks[i] = lo + i;
            int[] c = m.cluster(z, ks[i], options.seed());
            if (c == null || c.length != z.length) {
                throw new IllegalStateException(m.name() + " returned " + (c == null ? "null" : c.length + " labels")
                        + " for " + z.length + " rows");
            }
            v[i] = VMeasure.vMeasure(labels, c);
            if (v[i] > bestV) {
                bestV = v[i];
                bestK = ks[i];
                bestLabels = c;
            }
        }
        progress.step(String.format("cluster %s with %s: k = %d..%d, best V = %.3f at k = %d", model, m.name(), lo, hi, bestV, bestK));
        return new ClusterSweep(m.name(), ks, v, bestK, bestV, bestLabels);
    }

    /** Fits one detector on the codes, scores every row, flags, and judges the scores. */
    private DetectorResult detect(String model, DetectorSpec spec, double[][] z, PipelineInput in) {
        long t0 = System.nanoTime();
        Detector det = detectorRegistry.apply(spec.name(), spec.params());
        double[][] fitRows = sample(z, options.maxFitRows(), options.seed());
        FittedDetector f = det.fit(fitRows);
        double[] s = f.score(z);
        double threshold = Thresholds.quantileThreshold(s, options.contamination());
        int[] flags = flag(s, threshold);
        EmMv.Options eo = EmMv.Options.defaults().withSeed(options.seed()).withMonteCarloPoints(options.emMvPoints());
        EmMv.Result em = z[0].length <= eo.subsampleAbove()
                ? EmMv.evaluateScorer(z, f, eo)
                : EmMv.evaluateDetector(fitRows, z, null, rows -> det.fit(rows), eo);
        AnomalyBalance balance = anyFlag(flags) ? AnomalyBalance.of(in.data().labels(), flags) : null;
        Ranking r = ranking(s, in);
        progress.step(String.format("detect %s with %s: EM = %.4g, MV = %.4g%s (%.1f s)", model, spec.name(), em.em(), em.mv(),
                in.hasTruth() ? String.format(", ROC-AUC = %.3f", r.rocAuc()) : "", (System.nanoTime() - t0) / 1e9));
        return new DetectorResult(spec.name(), s, threshold, flags, em.em(), em.mv(), balance, r, top(s, in, null));
    }

    /**
     * One of the model's own scores (reconstruction error, prior tail): flagged and judged like a
     * detector's; EM / MV do not apply (the score is not a function of the latent code alone), so NaN.
     */
    private DetectorResult modelScore(String model, String name, double[] s, PipelineInput in, Embedder explainer) {
        if (s == null || s.length != in.data().rows()) {
            throw new IllegalStateException(model + " scorer " + name + " returned " + (s == null ? "null" : s.length + " scores")
                    + " for " + in.data().rows() + " rows");
        }
        double threshold = Thresholds.quantileThreshold(s, options.contamination());
        int[] flags = flag(s, threshold);
        AnomalyBalance balance = anyFlag(flags) ? AnomalyBalance.of(in.data().labels(), flags) : null;
        Ranking r = ranking(s, in);
        progress.step(String.format("score %s with %s%s", model, name,
                in.hasTruth() ? String.format(": ROC-AUC = %.3f", r.rocAuc()) : ""));
        return new DetectorResult(name, s, threshold, flags, Double.NaN, Double.NaN, balance, r, top(s, in, explainer));
    }

    private Ranking ranking(double[] scores, PipelineInput in) {
        if (!in.hasTruth()) return Ranking.NONE;
        return new Ranking(Evaluation.evaluate("roc_auc", scores, in.truth()), Evaluation.evaluate("ap", scores, in.truth()),
                Evaluation.evaluate("f1:" + options.contamination(), scores, in.truth()));
    }

    /**
     * The topN rows by score, highest first, ties by row index; with an {@code explainer}, each with the
     * {@link #WHY} input columns that contribute most to its reconstruction error.
     */
    private List<Anomaly> top(double[] s, PipelineInput in, Embedder explainer) {
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(a, b));
        int n = Math.min(options.topN(), s.length);
        double[][] rows = new double[n][];
        for (int k = 0; k < n; k++) rows[k] = in.data().x()[idx[k]];
        ColumnContributions c = explainer == null || n == 0 ? null : explainer.contributions(rows);
        List<Anomaly> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            List<String> why = new ArrayList<>();
            if (c != null) {
                double total = 0;
                for (double v : c.values()[k]) total += v;
                for (int col : c.top(k, WHY)) {
                    why.add(String.format(Locale.ROOT, "%s %.0f%%", c.columns()[col], total > 0 ? 100 * c.values()[k][col] / total : 0));
                }
            }
            out.add(new Anomaly(idx[k], s[idx[k]], in.rows().get(idx[k]), why));
        }
        return out;
    }

    /** How many contributing columns the report names per top anomaly. */
    private static final int WHY = 3;

    /** All rows, or a seeded sample of {@code max} distinct rows in their original order. */
    static double[][] sample(double[][] z, int max, long seed) {
        if (z.length <= max) return z;
        int[] perm = new Rng(seed).permutation(z.length);
        int[] pick = Arrays.copyOf(perm, max);
        Arrays.sort(pick);
        double[][] out = new double[max][];
        for (int i = 0; i < max; i++) out[i] = z[pick[i]];
        return out;
    }

    private static double[][] checkedCodes(String model, double[][] z, int n) {
        if (z == null || z.length != n) {
            throw new IllegalStateException(model + " embedded " + (z == null ? "null" : z.length + " rows") + ": expected " + n);
        }
        int m = z[0].length;
        for (double[] r : z) {
            if (r.length != m || m == 0) throw new IllegalStateException(model + " returned ragged or empty codes");
            for (double v : r) if (!Double.isFinite(v)) throw new IllegalStateException(model + " returned a non-finite code " + v);
        }
        return z;
    }

    /** 1 where the score exceeds the threshold: the one rule of {@link Thresholds}. */
    private static int[] flag(double[] s, double threshold) {
        int[] flags = new int[s.length];
        for (int i = 0; i < s.length; i++) flags[i] = s[i] > threshold ? 1 : 0;
        return flags;
    }

    private static boolean anyFlag(int[] flags) {
        for (int f : flags) if (f == 1) return true;
        return false;
    }

    private static double[] toScores(int[] flags) {
        double[] s = new double[flags.length];
        for (int i = 0; i < s.length; i++) s[i] = flags[i];
        return s;
    }
}
