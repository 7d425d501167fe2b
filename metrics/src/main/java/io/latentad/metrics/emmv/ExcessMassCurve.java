package io.latentad.metrics.emmv;

import io.latentad.metrics.InputChecks;
import java.util.Arrays;

/**
 * The excess-mass curve of a scoring function and its area (the EM criterion).
 *
 * <p>For a normality score {@code s} (higher = more normal) the excess mass at level {@code t} is
 * {@code EM(t) = sup_u P(s(X) > u) - t Leb(s > u)}: the best trade-off, over all level sets of
 * {@code s}, between the data mass a region captures and its volume charged at price {@code t}.
 * The true density maximises EM at every {@code t}, so a larger area is better. Here the mass is
 * the empirical share of data rows, the volume the share of uniform Monte Carlo points in the
 * bounding box times its volume, and {@code u} runs over the distinct data scores (with the empty
 * region, value 0, always available).
 *
 * <p>Reading it: higher EM area = better. The area is only comparable between scorers evaluated
 * on the same data (same box).
 *
 * <p>Protocol (Goix 2016 and his EMMV_benchmarks code): {@code t_k = k * step / volume},
 * {@code k = 0..steps-1} (defaults 0.01 and 10,000); {@code EM(t_0) = 1}; the curve is integrated
 * by the trapezoid rule from {@code t_0} up to and including the first {@code t_k} where
 * {@code EM(t_k) <= level} (default 0.9). If it never falls that low, the whole grid is used and
 * {@link #reachedLevel()} is false (Goix's code then drops the last point and prints a warning).
 *
 * <p>Departure: latentad scores are anomaly scores, so they are negated first ({@code s = -score});
 * the comparisons {@code s > u} are then exactly Goix's. Instead of his loop over every level
 * ({@code O(J T + J N)}) the maximum over the J level lines {@code m_j - t v_j} is read off their
 * upper envelope (convex hull trick, built in exact integer arithmetic), in {@code O(J + T)}
 * once the counts are known ({@link LevelCounts}); each value is Goix's own expression for the
 * winning line, so the curves agree with his loop to rounding.
 *
 * <p>Reference: N. Goix, "How to evaluate the quality of unsupervised anomaly detection
 * algorithms?", ICML Anomaly Detection Workshop 2016, arXiv:1607.01152.
 *
 * <p>Cost: O(n log n + N log J + T) for J distinct data scores (see {@link LevelCounts}).
 */
public record ExcessMassCurve(double[] t, double[] em, int stopIndex, boolean reachedLevel, double auc) {

    /**
     * The curve of anomaly scores of the data ({@code dataScores}) and of uniform points in a box
     * of volume {@code volume} ({@code uniformScores}); higher score = more anomalous.
     */
    public static ExcessMassCurve of(double[] dataScores, double[] uniformScores, double volume, EmMv.Options o) {
        check(dataScores, uniformScores, volume);
        LevelCounts c = new LevelCounts(dataScores);
        c.add(c.bin(uniformScores, 0, uniformScores.length));
        return ofCounts(c, volume, o);
    }

    /** The curve from binned counts (data levels and uniform points above each). */
    static ExcessMassCurve ofCounts(LevelCounts c, double volume, EmMv.Options o) {
        int n = c.n;
        int bigN = (int) c.points();
        // level lines: for each distinct data level u (ascending), cntX = #(sX > u), cntU = #(sU > u)
        int lines = c.levels.length + 1;
        long[] cx = Arrays.copyOf(c.dataAbove, lines);
        long[] cu = Arrays.copyOf(c.uniformAbove(), lines);
        // the last line (0, 0) is the empty region: Goix's initial zeros

        int[] hull = upperEnvelope(cx, cu, lines);

        int steps = o.emSteps();
        double dt = o.emStep() / volume;
        double[] t = new double[steps];
        double[] em = new double[steps];
        int h = 0;
        for (int k = 0; k < steps; k++) {
            t[k] = k * dt;
            if (k == 0) {
                em[0] = 1.0; // EM(0) = 1: the whole box holds all the mass at no cost
                continue;
            }
            double best = line(cx[hull[h]], cu[hull[h]], t[k], n, bigN, volume);
            while (h + 1 < hull.length) {
                double next = line(cx[hull[h + 1]], cu[hull[h + 1]], t[k], n, bigN, volume);
                if (next < best) break;
                best = next;
                h++;
            }
            em[k] = best;
        }
        int stop = -1;
        for (int k = 0; k < steps; k++) {
            if (em[k] <= o.emLevel()) {
                stop = k;
                break;
            }
        }
        boolean reached = stop >= 0;
        if (!reached) stop = steps - 1;
        return new ExcessMassCurve(t, em, stop, reached, Trapezoid.area(t, em, stop + 1));
    }

    /** Goix's expression, in his order of operations: {@code 1/n * cntX - t * cntU / N * volume}. */
    private static double line(long cntX, long cntU, double t, int n, int bigN, double volume) {
        return 1.0 / n * cntX - t * cntU / bigN * volume;
    }

    /**
     * Indices of the lines {@code cx - t' cu} (t' = t n volume / N) on the upper envelope for
     * t' >= 0, in the order they win as t grows. Input lines come with cu non-increasing and cx
     * strictly decreasing, i.e. slopes {@code -cu} non-decreasing. All tests are exact in long
     * arithmetic (counts are below 2^31, so the products stay below 2^62).
     */
    static int[] upperEnvelope(long[] cx, long[] cu, int lines) {
        int[] st = new int[lines];
        int top = 0;
        for (int j = 0; j < lines; j++) {
            // equal slope: the earlier line has the larger intercept and dominates this one
            if (top > 0 && cu[st[top - 1]] == cu[j]) continue;
            while (top >= 2) {
                int a = st[top - 2], b = st[top - 1];
                // b is useless if a and j cross at or before a and b cross:
                // (cx_a - cx_j) / (cu_a - cu_j) <= (cx_a - cx_b) / (cu_a - cu_b), denominators > 0
                if ((cx[a] - cx[j]) * (cu[a] - cu[b]) <= (cx[a] - cx[b]) * (cu[a] - cu[j])) top--;
                else break;
            }
            st[top++] = j;
        }
        return Arrays.copyOf(st, top);
    }

    static void check(double[] dataScores, double[] uniformScores, double volume) {
        InputChecks.finite("data scores", dataScores);
        InputChecks.finite("uniform scores", uniformScores);
        if (dataScores.length == 0) throw new IllegalArgumentException("no data scores: expected at least one");
        if (uniformScores.length == 0) throw new IllegalArgumentException("no uniform scores: expected at least one");
        if (!(volume > 0) || Double.isInfinite(volume)) {
            throw new IllegalArgumentException("volume = " + volume + ": expected a finite value > 0");
        }
    }
}
