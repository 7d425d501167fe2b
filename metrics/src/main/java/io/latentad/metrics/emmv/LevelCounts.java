package io.latentad.metrics.emmv;

import java.util.Arrays;

/**
 * What both criteria need from the scores, and nothing more: the distinct data levels (normality
 * scores {@code s = -score}, ascending) and, for each level {@code L_j}, how many data rows and how
 * many uniform points lie strictly above it, and how many uniform points lie at or above it.
 *
 * <p>Uniform points are never sorted: each is binned by a binary search among the J data levels
 * (exactly at a level, or in the gap below the next one), and suffix sums of the bins give the
 * counts. Binning works chunk by chunk, so it runs inside the parallel scoring tasks; bins are
 * integer counts, so the merged result does not depend on how the points were split.
 *
 * <p>Cost: O(n log n) for the data, O(N log J) for the points, O(J) memory.
 */
final class LevelCounts {
    /** Distinct data normality levels, ascending. */
    final double[] levels;
    /** #data rows with s > levels[j]. */
    final long[] dataAbove;
    final int n;
    /** Bins of the uniform points: exactly at levels[j], and strictly between levels[j-1] and levels[j] (gap[J]: above all). */
    private final long[] atLevel;
    private final long[] gapBelow;
    private long points;

    LevelCounts(double[] dataAnomalyScores) {
        n = dataAnomalyScores.length;
        double[] s = EmMv.sortedNormality(dataAnomalyScores);
        double[] lv = new double[n];
        long[] above = new long[n];
        int m = 0;
        for (int i = 0; i < n; ) {
            int end = i;
            while (end < n && s[end] == s[i]) end++;
            lv[m] = s[i];
            above[m] = n - end;
            m++;
            i = end;
        }
        levels = Arrays.copyOf(lv, m);
        dataAbove = Arrays.copyOf(above, m);
        atLevel = new long[m];
        gapBelow = new long[m + 1];
    }

    /** Bins of a batch of uniform anomaly scores, to be merged with {@link #add}. */
    long[][] bin(double[] uniformAnomalyScores, int from, int to) {
        long[] at = new long[levels.length];
        long[] gap = new long[levels.length + 1];
        binInto(uniformAnomalyScores, from, to, at, gap);
        return new long[][] {at, gap};
    }

    void binInto(double[] uniformAnomalyScores, int from, int to, long[] at, long[] gap) {
        for (int i = from; i < to; i++) {
            double v = -uniformAnomalyScores[i];
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("a uniform point scored NaN: expected a number");
            }
            int pos = lowerBound(levels, v);
            if (pos < levels.length && levels[pos] == v) at[pos]++;
            else gap[pos]++;
        }
    }

    synchronized void add(long[][] bins) {
        for (int j = 0; j < atLevel.length; j++) {
            atLevel[j] += bins[0][j];
            points += bins[0][j];
        }
        for (int j = 0; j < gapBelow.length; j++) {
            gapBelow[j] += bins[1][j];
            points += bins[1][j];
        }
    }

    /** Number of uniform points binned so far. */
    long points() {
        return points;
    }

    /** #uniform points with s > levels[j], for every j. */
    long[] uniformAbove() {
        long[] gt = new long[levels.length];
        long acc = gapBelow[levels.length];
        for (int j = levels.length - 1; j >= 0; j--) {
            gt[j] = acc;
            acc += atLevel[j] + gapBelow[j];
        }
        return gt;
    }

    /** #uniform points with s >= levels[j], for every j. */
    long[] uniformAtOrAbove() {
        long[] gt = uniformAbove();
        for (int j = 0; j < gt.length; j++) gt[j] += atLevel[j];
        return gt;
    }

    /** First index whose value is >= key in ascending {@code a}. */
    static int lowerBound(double[] a, double key) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
