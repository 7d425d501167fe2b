package io.latentad.models.detect;

import io.latentad.engine.random.Rng;

/**
 * One isolation tree, stored flat: node {@code i} splits on {@code feature[i]} at
 * {@code value[i]} (rows with {@code x <= value} go to child {@code child[i]}, the others to
 * {@code child[i] + 1}). A leaf points to itself with threshold {@code +infinity}, so a descent of
 * exactly {@link #depth} branch-free steps ends in the right leaf from any start; {@code path[i]}
 * holds a leaf's path length {@code depth + c(size)}. Immutable once built.
 */
final class IsolationTree {
    /** Below this spread a feature counts as constant in a node (scikit-learn's FEATURE_THRESHOLD). */
    private static final double CONSTANT_SPREAD = 1e-7;

    final int[] feature;
    final double[] value;
    final int[] child;
    final double[] path;
    /** Depth of the deepest leaf. */
    final int depth;

    private IsolationTree(int[] feature, double[] value, int[] child, double[] path, int depth) {
        this.feature = feature;
        this.value = value;
        this.child = child;
        this.path = path;
        this.depth = depth;
    }

    /**
     * Grows a tree on the rows {@code idx} of {@code xs} ({@code n x d} row-major) down to
     * {@code maxDepth}: at each node a feature drawn uniformly among those not constant in the node,
     * and a threshold uniform between its minimum and maximum there.
     */
    static IsolationTree grow(double[] xs, int d, int[] idx, int maxDepth, Rng rng) {
        int cap = 2 * idx.length; // a binary tree with at most idx.length leaves
        Builder b = new Builder(xs, d, idx, rng, cap);
        b.nodes = 1;
        b.split(0, 0, idx.length, 0, maxDepth);
        return new IsolationTree(java.util.Arrays.copyOf(b.feature, b.nodes),
                java.util.Arrays.copyOf(b.value, b.nodes), java.util.Arrays.copyOf(b.child, b.nodes),
                java.util.Arrays.copyOf(b.path, b.nodes), b.maxLeafDepth);
    }

    /** Path length of the row at {@code x[xo..xo+d)}. */
    double pathLength(double[] x, int xo) {
        int node = 0;
        for (int s = 0; s < depth; s++) node = step(node, x, xo);
        return path[node];
    }

    /**
     * Adds the path lengths of four rows (at offsets {@code o0..o3}) into {@code acc[a..a+3]}:
     * four independent descents interleaved, so their memory loads overlap.
     */
    void pathLength4(double[] x, int o0, int o1, int o2, int o3, double[] acc, int a) {
        int n0 = 0, n1 = 0, n2 = 0, n3 = 0;
        for (int s = 0; s < depth; s++) {
            n0 = step(n0, x, o0);
            n1 = step(n1, x, o1);
            n2 = step(n2, x, o2);
            n3 = step(n3, x, o3);
        }
        acc[a] += path[n0];
        acc[a + 1] += path[n1];
        acc[a + 2] += path[n2];
        acc[a + 3] += path[n3];
    }

    private int step(int node, double[] x, int xo) {
        // branch-free: the sign bit of (value - x) is 1 exactly when x > value (right child);
        // x = value gives +0.0, so ties go left as in the build; a leaf (value +inf) stays put
        return child[node] + (int) (Double.doubleToRawLongBits(value[node] - x[xo + feature[node]]) >>> 63);
    }

    /**
     * {@code c(n)}: the average path length of an unsuccessful search in a binary search tree of
     * {@code n} keys, {@code 2 H(n - 1) - 2 (n - 1) / n} with {@code H(i) ~ ln i + gamma}; the
     * normaliser of path lengths (Liu et al. 2008, eq. 1). {@code c(1) = 0}, {@code c(2) = 1}.
     */
    static double averagePathLength(int n) {
        if (n <= 1) return 0;
        if (n == 2) return 1;
        return 2.0 * (Math.log(n - 1.0) + 0.5772156649015329) - 2.0 * (n - 1.0) / n;
    }

    private static final class Builder {
        final double[] xs;
        final int d;
        final int[] idx;
        final Rng rng;
        final int[] feature, child;
        final double[] value, path;
        int maxLeafDepth;
        final int[] candidates;
        int nodes;

        Builder(double[] xs, int d, int[] idx, Rng rng, int cap) {
            this.xs = xs;
            this.d = d;
            this.idx = idx;
            this.rng = rng;
            this.feature = new int[cap];
            this.value = new double[cap];
            this.child = new int[cap];
            this.path = new double[cap];
            this.candidates = new int[d];
        }

        void split(int node, int from, int to, int depth, int maxDepth) {
            int size = to - from;
            if (size <= 1 || depth >= maxDepth || !chooseSplit(node, from, to)) {
                feature[node] = 0;
                value[node] = Double.POSITIVE_INFINITY;
                child[node] = node;
                path[node] = depth + averagePathLength(size);
                maxLeafDepth = Math.max(maxLeafDepth, depth);
                return;
            }
            int f = feature[node];
            double t = value[node];
            // partition: x <= t to the front
            int p = from, q = to - 1;
            while (p <= q) {
                if (xs[idx[p] * d + f] <= t) {
                    p++;
                } else {
                    int tmp = idx[p];
                    idx[p] = idx[q];
                    idx[q] = tmp;
                    q--;
                }
            }
            int left = nodes;
            nodes += 2;
            child[node] = left;
            split(left, from, p, depth + 1, maxDepth);
            split(left + 1, p, to, depth + 1, maxDepth);
        }

        /** Draws features without replacement until one is not constant in the node. */
        boolean chooseSplit(int node, int from, int to) {
            for (int j = 0; j < d; j++) candidates[j] = j;
            for (int left = d; left > 0; left--) {
                int pick = rng.nextInt(left);
                int f = candidates[pick];
                candidates[pick] = candidates[left - 1];
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    double v = xs[idx[i] * d + f];
                    if (v < lo) lo = v;
                    if (v > hi) hi = v;
                }
                if (hi <= lo + CONSTANT_SPREAD) continue;
                double t = lo + rng.nextDouble() * (hi - lo);
                if (t >= hi) t = lo; // keep at least one row on each side
                feature[node] = f;
                value[node] = t;
                return true;
            }
            return false;
        }
    }
}
