package io.latentad.models.detect;

import io.latentad.engine.kernel.Tuning;

/**
 * An order of rows in which neighbours sit close: the leaf order of a k-d tree that splits each range on its widest
 * coordinate (as {@link KdTree} does), near the median but on a multiple of {@code leaf} rows from the range's start,
 * down to leaves of at most {@code leaf} rows. Rows {@code [i * leaf, (i + 1) * leaf)} of the order are then one leaf,
 * mostly near one another: {@link GemmNeighbors} takes its first k-th-distance bounds and its tiles' blocks from
 * them. Deterministic: it depends on the values alone.
 */
final class LocalityOrder {
    private LocalityOrder() {
    }

    /** The order of the {@code u x d} row-major {@code rows}, in runs of at most {@code leaf} (>= 1) rows. */
    static int[] of(float[] rows, int u, int d, int leaf) {
        int[] perm = new int[u];
        for (int i = 0; i < u; i++) perm[i] = i;
        split(rows, d, perm, 0, u, leaf);
        return perm;
    }

    /**
     * The tile order of {@link GemmNeighbors}' {@code u} distinct rows (new number to old): {@link #of} in leaves of
     * {@code leaf} rows, each leaf's rows farther from its centre than {@link Tuning#LOF_BLOCK_CORE_FACTOR} times
     * the median such distance taken out and put at the end (themselves in locality order), so that an outlier
     * does not widen the ball of a block of near rows. Any order gives the same answers.
     */
    static int[] farRowsLast(float[] rows, int u, int d, int leaf) {
        int[] order = of(rows, u, d, leaf);
        int[] out = new int[u];
        int[] far = new int[u];
        int cores = 0, fars = 0;
        double[] c = new double[d], dist = new double[leaf], sorted = new double[leaf];
        for (int p0 = 0; p0 < u; p0 += leaf) {
            int m = Math.min(leaf, u - p0);
            java.util.Arrays.fill(c, 0);
            for (int r = 0; r < m; r++) for (int t = 0; t < d; t++) c[t] += rows[order[p0 + r] * d + t];
            for (int t = 0; t < d; t++) c[t] /= m;
            for (int r = 0; r < m; r++) {
                int o = order[p0 + r] * d;
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double v = rows[o + t] - c[t];
                    s += v * v;
                }
                dist[r] = s;
            }
            System.arraycopy(dist, 0, sorted, 0, m);
            java.util.Arrays.sort(sorted, 0, m);
            double limit = sorted[m / 2] * (Tuning.LOF_BLOCK_CORE_FACTOR * Tuning.LOF_BLOCK_CORE_FACTOR);
            for (int r = 0; r < m; r++) {
                if (dist[r] > limit) far[fars++] = order[p0 + r];
                else out[cores++] = order[p0 + r];
            }
        }
        if (fars > 0) {
            float[] farRows = new float[fars * d];
            for (int f = 0; f < fars; f++) System.arraycopy(rows, far[f] * d, farRows, f * d, d);
            int[] farOrder = of(farRows, fars, d, leaf);
            for (int f = 0; f < fars; f++) out[cores + f] = far[farOrder[f]];
        }
        return out;
    }

    private static void split(float[] rows, int d, int[] perm, int from, int to, int leaf) {
        while (to - from > leaf) {
            int dim = -1;
            float spread = 0;
            for (int t = 0; t < d; t++) {
                float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    float v = rows[perm[i] * d + t];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                if (hi - lo > spread) {
                    spread = hi - lo;
                    dim = t;
                }
            }
            if (dim < 0) return; // all rows alike: one run
            // the split on a multiple of leaf rows from the start, so every run of leaf rows of the order is one leaf
            int half = Math.max(1, Math.round((to - from) / (2f * leaf)));
            int mid = from + half * leaf;
            select(rows, d, perm, from, to - 1, mid, dim);
            split(rows, d, perm, from, mid, leaf);
            from = mid; // the upper half in this loop: recursion depth stays log2(u / leaf)
        }
    }

    /** Quickselect: the row with the {@code kth} smallest coordinate {@code dim} to position {@code kth}. */
    private static void select(float[] rows, int d, int[] perm, int lo, int hi, int kth, int dim) {
        int a = lo, b = hi;
        while (b > a) {
            float pivot = rows[perm[(a + b) >>> 1] * d + dim];
            int i = a, j = b;
            while (i <= j) {
                while (rows[perm[i] * d + dim] < pivot) i++;
                while (rows[perm[j] * d + dim] > pivot) j--;
                if (i <= j) {
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                    i++;
                    j--;
                }
            }
            if (kth <= j) b = j;
            else if (kth >= i) a = i;
            else return;
        }
    }
}
