package io.latentad.metrics.emmv;

import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.random.Rng;
import io.latentad.metrics.DetectorFactory;
import io.latentad.metrics.InputChecks;
import io.latentad.metrics.ScoreFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Label-free evaluation of an anomaly scorer by its excess-mass (EM, higher = better) and
 * mass-volume (MV, lower = better) areas, following Goix's protocol.
 *
 * <p>The intuition: a good scorer ranks points like the data density does, so its level sets
 * capture much data mass in little volume. Volumes are estimated with uniform Monte Carlo points
 * in the data's bounding box ({@link BoundingBox}, 100,000 points by default, seeded; or given
 * explicitly so that another implementation can be fed the same points). See
 * {@link ExcessMassCurve} and {@link MassVolumeCurve} for the two criteria.
 *
 * <p>Many features: volume estimates by uniform sampling break down as the dimension grows (the
 * box is almost empty), so when the data has more than {@link Options#subsampleAbove()} varying
 * features (default 8, as Goix's experiments: sub-sampling for d > 8) and a
 * {@link DetectorFactory} is given, the criteria are averaged over {@link Options#subsets()}
 * (default 50) random subsets of {@link Options#subsetSize()} (default 5) varying features, the
 * detector being refit on each subset. A fixed {@link ScoreFunction} cannot be refit, so it is
 * always evaluated on all features.
 *
 * <p>Departures from Goix's code, all written down:
 * <ul>
 *   <li>scores are latentad anomaly scores (higher = more anomalous) and are negated inside;</li>
 *   <li>constant features are dropped from the box volume and never drawn into a subset
 *       (see {@link BoundingBox});</li>
 *   <li>on feature subsets the Monte Carlo points are the subset's columns of one set of points
 *       drawn in the full box (a projection of a uniform law on a box is uniform on the projected
 *       box, and the subset box of the data is the projection of its full box), instead of a fresh
 *       draw per subset: the same estimator, and it lets explicit points serve every subset;</li>
 *   <li>the MV alpha grid includes its end point 0.999.</li>
 * </ul>
 *
 * <p>Determinism: the same seed, data and scorer give the same value for every thread count.
 * Monte Carlo points are scored and binned in parallel chunks with {@link Parallel#forRange}
 * (integer bin counts, merged in any order to the same totals), so the
 * {@link ScoreFunction} must be safe to call from several threads and score rows independently.
 *
 * <p>Reference: N. Goix, "How to evaluate the quality of unsupervised anomaly detection
 * algorithms?", ICML Anomaly Detection Workshop 2016, arXiv:1607.01152.
 *
 * <p>Cost: per part, scoring N + n points, O(n log n) to sort the data scores and O(N log J) to bin
 * the Monte Carlo scores among the J distinct data scores; memory O(N d) for the points, O(n)
 * for the rest.
 */
public final class EmMv {
    /** Rows of Monte Carlo points per parallel scoring task. */
    static final int SCORE_GRAIN = 4096;

    /**
     * Protocol settings; defaults are Goix's.
     *
     * @param monteCarloPoints uniform points in the box (100,000)
     * @param seed seed of the uniform points and of the feature subsets
     * @param emLevel EM is integrated up to where it falls to this level (0.9)
     * @param emSteps number of t values (10,000)
     * @param emStep t grid spacing in units of 1 / volume (0.01)
     * @param alphaMin first mass level of MV (0.9)
     * @param alphaMax last mass level of MV (0.999)
     * @param alphaStep spacing of the mass levels (0.0001)
     * @param subsampleAbove feature sub-sampling starts when there are more varying features (8)
     * @param subsetSize features per subset (5)
     * @param subsets number of random subsets averaged (50)
     */
    public record Options(int monteCarloPoints, long seed, double emLevel, int emSteps, double emStep,
                          double alphaMin, double alphaMax, double alphaStep,
                          int subsampleAbove, int subsetSize, int subsets) {
        public Options {
            if (monteCarloPoints < 1) throw bad("monteCarloPoints", monteCarloPoints, ">= 1");
            if (!(emLevel > 0 && emLevel < 1)) throw bad("emLevel", emLevel, "in (0, 1)");
            if (emSteps < 2) throw bad("emSteps", emSteps, ">= 2");
            if (!(emStep > 0) || Double.isInfinite(emStep)) throw bad("emStep", emStep, "a finite value > 0");
            if (!(alphaMin > 0 && alphaMin < alphaMax && alphaMax < 1)) {
                throw new IllegalArgumentException("alphaMin = " + alphaMin + ", alphaMax = " + alphaMax
                        + ": expected 0 < alphaMin < alphaMax < 1");
            }
            if (!(alphaStep > 0 && alphaStep <= alphaMax - alphaMin)) {
                throw bad("alphaStep", alphaStep, "in (0, alphaMax - alphaMin]");
            }
            if (subsampleAbove < 1) throw bad("subsampleAbove", subsampleAbove, ">= 1");
            if (subsetSize < 1 || subsetSize > subsampleAbove) throw bad("subsetSize", subsetSize, "in [1, subsampleAbove]");
            if (subsets < 1) throw bad("subsets", subsets, ">= 1");
        }

        /** Goix's settings with seed 0. */
        public static Options defaults() {
            return new Options(100_000, 0L, 0.9, 10_000, 0.01, 0.9, 0.999, 1e-4, 8, 5, 50);
        }

        public Options withSeed(long s) {
            return new Options(monteCarloPoints, s, emLevel, emSteps, emStep, alphaMin, alphaMax, alphaStep,
                    subsampleAbove, subsetSize, subsets);
        }

        public Options withMonteCarloPoints(int m) {
            return new Options(m, seed, emLevel, emSteps, emStep, alphaMin, alphaMax, alphaStep,
                    subsampleAbove, subsetSize, subsets);
        }

        public Options withSubsets(int count) {
            return new Options(monteCarloPoints, seed, emLevel, emSteps, emStep, alphaMin, alphaMax, alphaStep,
                    subsampleAbove, subsetSize, count);
        }

        /** {@code alpha_i = alphaMin + i * alphaStep}, i = 0 .. round((alphaMax - alphaMin) / alphaStep). */
        public double[] alphaGrid() {
            int count = (int) Math.round((alphaMax - alphaMin) / alphaStep) + 1;
            double[] a = new double[count];
            for (int i = 0; i < count; i++) a[i] = alphaMin + i * alphaStep;
            return a;
        }

        private static IllegalArgumentException bad(String name, double v, String expected) {
            return new IllegalArgumentException(name + " = " + v + ": expected " + expected);
        }
    }

    /** The criteria on one feature set. */
    public record Part(int[] features, double volume, ExcessMassCurve em, MassVolumeCurve mv) {
    }

    /** The EM and MV areas (averaged over the parts) and the parts they came from. */
    public record Result(double em, double mv, List<Part> parts) {
    }

    private EmMv() {
    }

    /** A fixed scorer on all features, Monte Carlo points drawn from {@code o.seed()}. */
    public static Result evaluateScorer(double[][] x, ScoreFunction scorer, Options o) {
        return evaluateScorer(x, null, scorer, o);
    }

    /** A fixed scorer on all features; {@code uniform} are the Monte Carlo points, or null to draw them. */
    public static Result evaluateScorer(double[][] x, double[][] uniform, ScoreFunction scorer, Options o) {
        if (scorer == null) throw new IllegalArgumentException("scorer is null: expected a ScoreFunction");
        BoundingBox box = BoundingBox.of(x);
        double[][] u = uniformPoints(box, uniform, o);
        int[] all = new int[box.dimension()];
        for (int j = 0; j < all.length; j++) all[j] = j;
        Part p = part(all, box.volume(), scoreData(scorer, x), scorer, u, null, o);
        return new Result(p.em().auc(), p.mv().auc(), List.of(p));
    }

    /** Fits the detector on {@code x} and evaluates it there (the unsupervised setting). */
    public static Result evaluateDetector(double[][] x, DetectorFactory factory, Options o) {
        return evaluateDetector(x, x, null, factory, o);
    }

    /**
     * Fits the detector on {@code train} and evaluates it on {@code x} (whose bounding box is the
     * reference), on all features or, above {@link Options#subsampleAbove()} varying features, on
     * random feature subsets with a refit each. {@code uniform} are Monte Carlo points in the box
     * of {@code x} (all columns, even when subsets are used), or null to draw them.
     */
    public static Result evaluateDetector(double[][] train, double[][] x, double[][] uniform, DetectorFactory factory, Options o) {
        if (factory == null) throw new IllegalArgumentException("factory is null: expected a DetectorFactory");
        BoundingBox box = BoundingBox.of(x);
        int d = box.dimension();
        if (InputChecks.matrix("train", train) != d) {
            throw new IllegalArgumentException("train has " + train[0].length + " columns: expected " + d + " as the data");
        }
        double[][] u = uniformPoints(box, uniform, o);
        int[] varying = box.varyingFeatures();
        if (varying.length <= o.subsampleAbove()) {
            int[] all = new int[d];
            for (int j = 0; j < d; j++) all[j] = j;
            ScoreFunction f = factory.fit(train);
            Part p = part(all, box.volume(), scoreData(f, x), f, u, null, o);
            return new Result(p.em().auc(), p.mv().auc(), List.of(p));
        }
        List<Part> parts = new ArrayList<>();
        double em = 0, mv = 0;
        for (int[] feats : featureSubsets(varying, o)) {
            double volume = 1;
            for (int j : feats) volume *= box.upper(j) - box.lower(j);
            ScoreFunction f = factory.fit(columns(train, feats));
            Part p = part(feats, volume, scoreData(f, columns(x, feats)), f, u, feats, o);
            parts.add(p);
            em += p.em().auc();
            mv += p.mv().auc();
        }
        return new Result(em / o.subsets(), mv / o.subsets(), List.copyOf(parts));
    }

    /**
     * The feature subsets {@link #evaluateDetector(double[][], double[][], double[][], DetectorFactory, Options)}
     * draws for data whose varying features are {@code varying} (for feeding another implementation).
     */
    public static int[][] featureSubsets(int[] varying, Options o) {
        if (o.subsetSize() > varying.length) {
            throw new IllegalArgumentException("subsetSize = " + o.subsetSize() + ": expected at most "
                    + varying.length + " (the number of varying features)");
        }
        Rng root = new Rng(o.seed());
        root.split(); // the first split draws the Monte Carlo points
        Rng subsetRng = root.split();
        int[][] out = new int[o.subsets()][];
        for (int s = 0; s < o.subsets(); s++) {
            int[] perm = subsetRng.permutation(varying.length);
            int[] feats = new int[o.subsetSize()];
            for (int j = 0; j < feats.length; j++) feats[j] = varying[perm[j]];
            Arrays.sort(feats);
            out[s] = feats;
        }
        return out;
    }

    /** The Monte Carlo points the {@code evaluate} methods draw for this box and options. */
    public static double[][] drawUniform(BoundingBox box, Options o) {
        return box.sample(o.monteCarloPoints(), new Rng(o.seed()).split());
    }

    private static double[][] uniformPoints(BoundingBox box, double[][] given, Options o) {
        if (given == null) return drawUniform(box, o);
        int d = InputChecks.matrix("uniform points", given);
        if (d != box.dimension()) {
            throw new IllegalArgumentException("uniform points have " + d + " columns: expected " + box.dimension() + " as the data");
        }
        return given;
    }

    /**
     * The criteria for one feature set: data scores given, Monte Carlo points scored (on columns
     * {@code feats}, or all when null) and binned in parallel chunks.
     */
    private static Part part(int[] features, double volume, double[] dataScores, ScoreFunction f,
                             double[][] u, int[] feats, Options o) {
        InputChecks.finite("data scores", dataScores);
        LevelCounts counts = new LevelCounts(dataScores);
        Parallel.forRange(u.length, SCORE_GRAIN, (from, to) -> {
            long[] at = new long[counts.levels.length];
            long[] gap = new long[counts.levels.length + 1];
            for (int start = from; start < to; start += SCORE_GRAIN) {
                int end = Math.min(to, start + SCORE_GRAIN);
                double[][] rows = feats == null ? Arrays.copyOfRange(u, start, end) : columns(u, start, end, feats);
                double[] s = f.score(rows);
                if (s == null || s.length != end - start) {
                    throw new IllegalArgumentException("scorer returned " + (s == null ? "null" : s.length + " scores")
                            + " for " + (end - start) + " rows: expected one score per row");
                }
                counts.binInto(s, 0, s.length, at, gap);
            }
            counts.add(new long[][] {at, gap}); // integer counts: the merge order does not matter
        });
        return new Part(features.clone(), volume, ExcessMassCurve.ofCounts(counts, volume, o),
                MassVolumeCurve.ofCounts(counts, volume, o));
    }

    private static double[] scoreData(ScoreFunction f, double[][] x) {
        double[] s = f.score(x);
        if (s == null || s.length != x.length) {
            throw new IllegalArgumentException("scorer returned " + (s == null ? "null" : s.length + " scores")
                    + " for " + x.length + " rows: expected one score per row");
        }
        return s;
    }

    /** The columns {@code feats} of {@code x} as a new matrix. */
    static double[][] columns(double[][] x, int[] feats) {
        return columns(x, 0, x.length, feats);
    }

    /** Rows {@code [from, to)} of {@code x}, columns {@code feats}, as a new matrix. */
    static double[][] columns(double[][] x, int from, int to, int[] feats) {
        double[][] out = new double[to - from][feats.length];
        for (int i = from; i < to; i++) {
            for (int j = 0; j < feats.length; j++) out[i - from][j] = x[i][feats[j]];
        }
        return out;
    }

    /** Goix's normality scores {@code s = -score}, sorted ascending. */
    static double[] sortedNormality(double[] anomalyScores) {
        double[] s = new double[anomalyScores.length];
        for (int i = 0; i < s.length; i++) s[i] = -anomalyScores[i];
        Arrays.sort(s);
        return s;
    }
}
