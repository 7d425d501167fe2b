package io.latentad.models.detect;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.Parallel;

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
    private double[] cols;         // the same by columns (cols[t * n + i]), made by the leaf-batched search
    private int nodes;

    /**
     * Widths up to this find the fitted rows' neighbours leaf by leaf ({@link #knnOfIndexedByLeaves}); override
     * with {@code -Dlatentad.leafBatchMaxDim} to benchmark. Set by {@code DetectorTiming 60000 d 6 lof} (LOF's fit,
     * one thread, thread CPU time, best fits, leaf batches against the tree walk; session 13, Zen 3, load ~5):
     * 0.120-0.126 / 0.143-0.156 s at d = 1, 0.175-0.209 / 0.238-0.241 at d = 2, but 0.42 / 0.38 at d = 3 and
     * 1.10 / 0.88 at d = 5 (bench/notes/detect.md, session 13).
     */
    static final int LEAF_BATCH_MAX_DIM = Integer.getInteger("latentad.leafBatchMaxDim", 2);

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
        int dim = 0;
        double spread = -1;
        for (int t = 0; t < d; t++) {
            double s = hi[bo + t] - lo[bo + t];
            if (s > spread) {
                spread = s;
                dim = t;
            }
        }
        if (to - from <= LEAF_SIZE) {
            left[node] = -1;
            sortLeaf(from, to, dim);
            return;
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

    /**
     * A leaf's rows sorted on its widest coordinate, so rows near in the order are mostly near in space: the
     * leaf-batched search offers its anchor's rows outward from the query's place ({@link LeafBatch#scanOutward}),
     * nearly nearest first. Only the order of visits changes (the heaps break ties by index).
     */
    private void sortLeaf(int from, int to, int dim) {
        for (int i = from + 1; i < to; i++) {
            int r = perm[i];
            double v = xs[r * d + dim];
            int j = i;
            while (j > from && xs[perm[j - 1] * d + dim] > v) {
                perm[j] = perm[j - 1];
                j--;
            }
            perm[j] = r;
        }
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
        if (d <= LEAF_BATCH_MAX_DIM && k <= n) {
            knnOfIndexedByLeaves(k, idx, dist);
            return;
        }
        // queries in tree order: neighbouring queries share most of their search path and leaves
        Parallel.forRange(n, 64, (from, to) -> {
            NeighborHeap heap = new NeighborHeap(k);
            for (int i = from; i < to; i++) {
                heap.clear();
                search(0, rows, i * d, heap);
                heap.drainSorted(idx, dist, perm[i] * k);
            }
        });
    }

    /**
     * The fitted rows' neighbours a leaf of queries at a time. For each leaf, every query first takes the rows of
     * the leaf's <i>anchor</i> (the smallest subtree around it with at least k rows, usually the leaf itself);
     * the largest k-th distance so found, R, bounds every query's final k-th distance, so only leaves whose box
     * lies within R of the leaf's box can hold a neighbour. Those leaves are listed once for the whole leaf,
     * nearest box first, and each query takes them in turn: a leaf whose box is farther than the query's running
     * k-th distance is skipped (as the tree walk skips it), and the others' distances are computed from the rows'
     * contiguous columns (the same sums, in the same order, as the walk's) and only those within the running k-th distance reach the heap. Same neighbours and
     * distances as the tree walk, bit for bit: the leaves are pruned only when strictly farther (computed box
     * distances never exceed the computed distances of the rows inside, the roundings being monotone), and the
     * heap breaks ties by index whatever the order rows come in.
     */
    void knnOfIndexedByLeaves(int k, int[] idx, double[] dist) {
        if (cols == null) {
            double[] c = new double[n * d];
            for (int i = 0; i < n; i++) for (int t = 0; t < d; t++) c[t * n + i] = rows[i * d + t];
            cols = c;
        }
        int[] leaves = new int[nodes], anchors = new int[nodes];
        int count = collectLeaves(0, 0, k, leaves, anchors, 0);
        Parallel.forRange(count, 16, (from, to) -> {
            LeafBatch batch = new LeafBatch(k);
            for (int f = from; f < to; f++) batch.search(leaves[f], anchors[f], idx, dist);
        });
    }

    /** The leaves under {@code node} in tree order, each with its anchor: the deepest node above it (or itself) with at least k rows. */
    private int collectLeaves(int node, int anchor, int k, int[] leaves, int[] anchors, int count) {
        if (end[node] - start[node] >= k) anchor = node;
        int l = left[node];
        if (l < 0) {
            leaves[count] = node;
            anchors[count] = anchor;
            return count + 1;
        }
        count = collectLeaves(l, anchor, k, leaves, anchors, count);
        return collectLeaves(l + 1, anchor, k, leaves, anchors, count);
    }

    /** One thread's state for {@link #knnOfIndexedByLeaves}: a heap per query of the leaf, the candidate leaves, scratch. */
    private final class LeafBatch {
        private final int k;
        private NeighborList[] heaps = new NeighborList[0];
        private double[] buf = new double[LEAF_SIZE];
        private int[] cand = new int[64];
        private double[] candDist = new double[64];
        private int found;
        private int[] stack = new int[64];

        LeafBatch(int k) {
            this.k = k;
        }

        void search(int leaf, int anchor, int[] idx, double[] dist) {
            int s = start[leaf], m = end[leaf] - s, as = start[anchor], ae = end[anchor];
            if (heaps.length < m) {
                int old = heaps.length;
                heaps = java.util.Arrays.copyOf(heaps, m);
                for (int h = old; h < m; h++) heaps[h] = new NeighborList(k);
            }
            double bound = 0;
            for (int q = 0; q < m; q++) {
                NeighborList heap = heaps[q];
                heap.clear();
                scanOutward(heap, s + q, as, ae);
                bound = Math.max(bound, heap.worst());
            }
            candidates(leaf, as, ae, bound);
            for (int q = 0; q < m; q++) {
                NeighborList heap = heaps[q];
                int qo = (s + q) * d;
                for (int c = 0; c < found; c++) {
                    int node = cand[c];
                    if (boxDist(node, rows, qo) <= heap.worst()) scan(heap, qo, start[node], end[node]);
                }
                heap.write(idx, dist, perm[s + q] * k);
            }
        }

        /**
         * The query at row p of the tree order against rows {@code [from, to)} (p among them), offered outward from p
         * (p, p + 1, p - 1, p + 2, ...): in a sorted leaf, nearly nearest first, so the list's insertions move few
         * entries.
         */
        private void scanOutward(NeighborList heap, int p, int from, int to) {
            distances(p * d, from, to);
            for (int a = p, b = p + 1; a >= from || b < to; a--, b++) {
                if (a >= from) heap.offer(buf[a - from], perm[a]);
                if (b < to) heap.offer(buf[b - from], perm[b]);
            }
        }

        /**
         * {@code buf[i - from]}: the squared distance from the query at {@code rows[qo]} to row i of the tree order,
         * {@code (q_0 - x_0)^2 + (q_1 - x_1)^2} in double as the tree walk sums it (its leading {@code 0 +} changes no
         * bit). At d = 1 and 2 a plain loop over the two columns: as fast warm as {@link Kernels#sqDistToColumns}
         * (0.139 against 0.146-0.149 s, LOF's fit on 60,000 x 2 rows) and a fresh JVM's first fit 0.24-0.31 s
         * against 0.36-0.43 (the Vector API runs slowly until C2 compiles it); wider rows take the kernel.
         */
        private void distances(int qo, int from, int to) {
            if (buf.length < to - from) buf = new double[to - from];
            if (d > 2) {
                Kernels.sqDistToColumns(d, rows, qo, cols, n, from, to, buf, 0);
                return;
            }
            int m = to - from;
            double q0 = rows[qo];
            if (d == 1) {
                for (int i = 0; i < m; i++) {
                    double v = q0 - cols[from + i];
                    buf[i] = v * v;
                }
                return;
            }
            double q1 = rows[qo + 1];
            for (int i = 0; i < m; i++) {
                double v0 = q0 - cols[from + i], v1 = q1 - cols[n + from + i];
                buf[i] = v0 * v0 + v1 * v1;
            }
        }

        /** The query at {@code rows[qo]} against rows {@code [from, to)} of the tree order. */
        private void scan(NeighborList heap, int qo, int from, int to) {
            distances(qo, from, to);
            double worst = heap.worst();
            for (int i = from; i < to; i++) {
                double s = buf[i - from];
                if (s <= worst) {
                    heap.offer(s, perm[i]);
                    worst = heap.worst();
                }
            }
        }

        /**
         * The leaves outside the anchor's rows {@code [as, ae)} whose box lies within squared distance
         * {@code bound} of the box of {@code leaf}, nearest first, into {@code cand[0 .. found)}.
         */
        private void candidates(int leaf, int as, int ae, double bound) {
            found = 0;
            int top = 0;
            stack[top++] = 0;
            while (top > 0) {
                int node = stack[--top];
                if (start[node] >= as && end[node] <= ae) continue; // the anchor's rows: taken already
                double b = boxToBox(leaf, node);
                if (b > bound) continue;
                int l = left[node];
                if (l >= 0) {
                    if (top + 2 > stack.length) stack = java.util.Arrays.copyOf(stack, 2 * stack.length);
                    stack[top++] = l + 1;
                    stack[top++] = l;
                    continue;
                }
                if (found == cand.length) {
                    cand = java.util.Arrays.copyOf(cand, 2 * found);
                    candDist = java.util.Arrays.copyOf(candDist, 2 * found);
                }
                // insertion by box distance (stable: equal distances keep tree order)
                int c = found++;
                while (c > 0 && candDist[c - 1] > b) {
                    cand[c] = cand[c - 1];
                    candDist[c] = candDist[c - 1];
                    c--;
                }
                cand[c] = node;
                candDist[c] = b;
            }
        }
    }

    /** Squared distance between the boxes of two nodes (0 when they touch or overlap). */
    private double boxToBox(int a, int b) {
        int ao = a * d, bo = b * d;
        double s = 0;
        for (int t = 0; t < d; t++) {
            double v = lo[bo + t] > hi[ao + t] ? lo[bo + t] - hi[ao + t] : lo[ao + t] > hi[bo + t] ? lo[ao + t] - hi[bo + t] : 0;
            s += v * v;
        }
        return s;
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
