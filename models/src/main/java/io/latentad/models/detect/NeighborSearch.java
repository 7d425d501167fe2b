package io.latentad.models.detect;

import io.latentad.engine.kernel.Parallel;

/**
 * Exact k-nearest-neighbour search over fixed rows (Euclidean). Implementations: {@link KdTree}
 * for low dimensions, {@link BruteForceNeighbors} and {@link GemmNeighbors} (same results, bit for bit)
 * for high ones; {@link #over} picks by width.
 */
abstract class NeighborSearch {
    /**
     * Widths up to this use the k-d tree (override with {@code -Dlatentad.kdTreeMaxDim} to benchmark).
     * scikit-learn's {@code algorithm='auto'} switches to brute force above 15. Here, LOF's fit on 60,000
     * clustered rows, one thread, CPU time (session 10, Zen 3, loaded): k-d tree against the GEMM search 3.2 / 3.9 s
     * at d = 8, 5.0 / 4.4 at d = 10, 6.7 / 5.3 at d = 12, 9.0 / 4.6 at d = 16 (bench/notes/detect.md).
     */
    static final int KD_TREE_MAX_DIM = Integer.getInteger("latentad.kdTreeMaxDim", 9);

    /**
     * Widths from this on (and above {@link #KD_TREE_MAX_DIM}) use the GEMM search; override with
     * {@code -Dlatentad.gemmNeighborsMinDim} to benchmark (bench/notes/detect.md, "LOF in high dimensions").
     */
    static final int GEMM_MIN_DIM = Integer.getInteger("latentad.gemmNeighborsMinDim", 10);

    final double[] xs;
    final int n, d;

    NeighborSearch(double[] xs, int n, int d) {
        this.xs = xs;
        this.n = n;
        this.d = d;
    }

    /** An index over the {@code n x d} row-major rows {@code xs}. */
    static NeighborSearch over(double[] xs, int n, int d) {
        if (d <= KD_TREE_MAX_DIM) return new KdTree(xs, n, d);
        return d >= GEMM_MIN_DIM ? new GemmNeighbors(xs, n, d) : new BruteForceNeighbors(xs, n, d);
    }

    /**
     * The {@code k} nearest indexed rows of each query row {@code qs[i]} for {@code i in [from, to)},
     * nearest first, ties by lower index: indices into
     * {@code idx[i * k ...]} and Euclidean distances into {@code dist[i * k ...]}.
     */
    abstract void knn(double[] qs, int from, int to, int k, int[] idx, double[] dist);

    /**
     * {@link #knn} with the indexed rows themselves as queries ({@code n} queries, row i's
     * results at {@code i * k}). The k-d tree overrides it to walk the queries in tree order, so
     * that consecutive queries visit the same nodes.
     */
    void knnOfIndexed(int k, int[] idx, double[] dist) {
        knnAll(xs, n, k, idx, dist);
    }

    /** {@link #knn} over all {@code m} query rows, in parallel (results do not depend on threads). */
    void knnAll(double[] qs, int m, int k, int[] idx, double[] dist) {
        Parallel.forRange(m, 64, (from, to) -> knn(qs, from, to, k, idx, dist));
    }
}
