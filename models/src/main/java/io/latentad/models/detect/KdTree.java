package io.latentad.models.detect;

/**
 * A k-d tree for exact k-nearest-neighbour search in low dimensions: each node holds a range of a
 * permutation of the rows and their bounding box; inner nodes split at the median of the widest
 * box side. A query walks the nearer child first and skips any node whose box is farther than the
 * current k-th best distance.
 *
 * <p>Reference: J. L. Bentley, Multidimensional binary search trees used for associative
 * searching, Commun. ACM 18(9), 1975, doi:10.1145/361002.361007; J. H. Friedman, J. L. Bentley,
 * R. A. Finkel, An algorithm for finding best matches in logarithmic expected time, ACM TOMS 3(3),
 * 1977, doi:10.1145/355744.355745.
 *
 * <p>Cost: build {@code O(n log n)}; a query about {@code O(log n + k)} in low dimensions, up to
 * {@code O(n)} as the width grows; memory {@code O(n)} plus {@code 2 d} doubles per node.
 */
final class KdTree extends NeighborSearch {
    /** Rows per leaf (scikit-learn's default leaf_size is 30, with leaves of 30..60 rows). */
    static final int LEAF_SIZE = 32;

    private final int[] perm;
    private final int[] start, end, left;
    private final double[] lo, hi; // node boxes, nodes x d
    private final double[] rows;   // xs reordered by perm, so leaves scan contiguous memory
    private int nodes;

    KdTree(double[] xs, int n, int d) {
        super(xs, n, d);
        perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        int cap = 2 * Math.max(1, (n + LEAF_SIZE - 1) / LEAF_SIZE) * 2 + 1;
        start = new int[cap];
        end = new int[cap];
        left = new int[cap];
        lo = new double[cap * d];
        hi = new double[cap * d];
        nodes = 1;
        build(0, 0, n);
        rows = new double[n * d];
        for (int i = 0; i < n; i++) System.arraycopy(xs, perm[i] * d, rows, i * d, d);
    }

    private void build(int node, int from, int to) {
        start[node] = from;
        end[node] = to;
        int bo = node * d;
        for (int t = 0; t < d; t++) {
            lo[bo + t] = Double.POSITIVE_INFINITY;
            hi[bo + t] = Double.NEGATIVE_INFINITY;
        }
        for (int i = from; i < to; i++) {
            int r = perm[i] * d;
            for (int t = 0; t < d; t++) {
                double v = xs[r + t];
                if (v < lo[bo + t]) lo[bo + t] = v;
                if (v > hi[bo + t]) hi[bo + t] = v;
            }
        }
        if (to - from <= LEAF_SIZE) {
            left[node] = -1;
            return;
        }
        int dim = 0;
        double spread = -1;
        for (int t = 0; t < d; t++) {
            double s = hi[bo + t] - lo[bo + t];
            if (s > spread) {
                spread = s;
                dim = t;
            }
        }
        if (spread <= 0) { // all rows identical: keep them in one leaf
            left[node] = -1;
            return;
        }
        int mid = (from + to) >>> 1;
        select(from, to - 1, mid, dim);
        int l = nodes;
        nodes += 2;
        left[node] = l;
        build(l, from, mid);
        build(l + 1, mid, to);
    }

    /** Quickselect: puts the row with the {@code kth} smallest value of {@code dim} at {@code kth}. */
    private void select(int lo0, int hi0, int kth, int dim) {
        int a = lo0, b = hi0;
        while (b > a) {
            double pivot = xs[perm[(a + b) >>> 1] * d + dim];
            int i = a, j = b;
            while (i <= j) {
                while (xs[perm[i] * d + dim] < pivot) i++;
                while (xs[perm[j] * d + dim] > pivot) j--;
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

    @Override
    void knn(double[] qs, int from, int to, int k, int[] idx, double[] dist) {
        NeighborHeap heap = new NeighborHeap(k);
        for (int q = from; q < to; q++) {
            heap.clear();
            search(0, qs, q * d, heap);
            heap.drainSorted(idx, dist, q * k);
        }
    }

    @Override
    void knnOfIndexed(int k, int[] idx, double[] dist) {
        // queries in tree order: neighbouring queries share most of their search path and leaves
        io.latentad.engine.kernel.Parallel.forRange(n, 64, (from, to) -> {
            NeighborHeap heap = new NeighborHeap(k);
            for (int i = from; i < to; i++) {
                heap.clear();
                search(0, rows, i * d, heap);
                heap.drainSorted(idx, dist, perm[i] * k);
            }
        });
    }

    private void search(int node, double[] qs, int qo, NeighborHeap heap) {
        int l = left[node];
        if (l < 0) {
            for (int i = start[node], e = end[node]; i < e; i++) {
                double s = 0;
                int r = i * d;
                for (int t = 0; t < d; t++) {
                    double v = qs[qo + t] - rows[r + t];
                    s += v * v;
                }
                heap.offer(s, perm[i]);
            }
            return;
        }
        double dl = boxDist(l, qs, qo), dr = boxDist(l + 1, qs, qo);
        int first = dl <= dr ? l : l + 1;
        double df = Math.min(dl, dr), ds = Math.max(dl, dr);
        // prune only when strictly farther: a box at exactly the k-th distance may hold a tie
        // with a lower index
        if (df <= heap.worst()) search(first, qs, qo, heap);
        if (ds <= heap.worst()) search(first == l ? l + 1 : l, qs, qo, heap);
    }

    /** Squared distance from the query to the node's bounding box (0 inside it). */
    private double boxDist(int node, double[] qs, int qo) {
        int bo = node * d;
        double s = 0;
        for (int t = 0; t < d; t++) {
            double q = qs[qo + t];
            double v = q < lo[bo + t] ? lo[bo + t] - q : q > hi[bo + t] ? q - hi[bo + t] : 0;
            s += v * v;
        }
        return s;
    }
}
