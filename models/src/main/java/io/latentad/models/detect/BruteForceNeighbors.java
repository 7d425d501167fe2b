package io.latentad.models.detect;

/**
 * Exact k-nearest neighbours by scanning every indexed row, for widths where a k-d tree cannot
 * prune. Queries and rows are taken in tiles so that a tile of rows stays in cache while a tile
 * of queries is compared with it; each distance is the direct sum of squared differences
 * (no {@code |a|^2 + |b|^2 - 2ab} shortcut, which loses digits for near neighbours).
 *
 * <p>Cost: {@code O(m n d)} for m queries; memory {@code O(tile)}.
 */
final class BruteForceNeighbors extends NeighborSearch {
    private static final int QUERY_TILE = 16;
    private static final int ROW_TILE = 256;

    BruteForceNeighbors(double[] xs, int n, int d) {
        super(xs, n, d);
    }

    @Override
    void knn(double[] qs, int from, int to, int k, int[] idx, double[] dist) {
        NeighborHeap[] heaps = new NeighborHeap[QUERY_TILE];
        for (int h = 0; h < QUERY_TILE; h++) heaps[h] = new NeighborHeap(k);
        for (int q0 = from; q0 < to; q0 += QUERY_TILE) {
            int q1 = Math.min(to, q0 + QUERY_TILE);
            for (int h = 0; h < q1 - q0; h++) heaps[h].clear();
            for (int r0 = 0; r0 < n; r0 += ROW_TILE) {
                int r1 = Math.min(n, r0 + ROW_TILE);
                for (int q = q0; q < q1; q++) {
                    NeighborHeap heap = heaps[q - q0];
                    int qo = q * d;
                    double worst = heap.worst();
                    for (int r = r0; r < r1; r++) {
                        int ro = r * d;
                        double s = 0;
                        for (int t = 0; t < d; t++) {
                            double v = qs[qo + t] - xs[ro + t];
                            s += v * v;
                        }
                        if (s <= worst) {
                            heap.offer(s, r);
                            worst = heap.worst();
                        }
                    }
                }
            }
            for (int q = q0; q < q1; q++) heaps[q - q0].drainSorted(idx, dist, q * k);
        }
    }
}
