package io.latentad.models.detect;

/**
 * Exact k-nearest neighbours by scanning every indexed row, for widths where a k-d tree cannot
 * prune. The rows are stored in column-major tiles of {@link #ROW_TILE} rows, so the distances
 * from one query to a whole tile are accumulated one column at a time in a loop the JIT turns
 * into SIMD instructions ({@code acc[r] += (q_t - x_t[r])^2}); a tile stays in L1 while a block
 * of queries is compared with it. Each distance is the direct sum of squared differences (no
 * {@code |a|^2 + |b|^2 - 2ab} shortcut, which loses digits for near neighbours); only rows within
 * the current k-th distance reach the heap.
 *
 * <p>Cost: {@code O(m n d)} for m queries; memory one copy of the rows.
 */
final class BruteForceNeighbors extends NeighborSearch {
    /** Rows per tile: 128 rows x 16 columns of doubles = 16 KB, half an L1 data cache. */
    private static final int ROW_TILE = 128;
    /** Queries compared with a tile before moving on. */
    private static final int QUERY_TILE = 32;

    private final double[] tiles; // tile-major, then column-major within the tile
    private final int tileCount;

    BruteForceNeighbors(double[] xs, int n, int d) {
        super(xs, n, d);
        tileCount = (n + ROW_TILE - 1) / ROW_TILE;
        tiles = new double[tileCount * ROW_TILE * d];
        for (int i = 0; i < n; i++) {
            int tile = i / ROW_TILE, r = i % ROW_TILE;
            int base = tile * ROW_TILE * d;
            for (int t = 0; t < d; t++) tiles[base + t * ROW_TILE + r] = xs[i * d + t];
        }
    }

    @Override
    void knn(double[] qs, int from, int to, int k, int[] idx, double[] dist) {
        NeighborHeap[] heaps = new NeighborHeap[QUERY_TILE];
        for (int h = 0; h < QUERY_TILE; h++) heaps[h] = new NeighborHeap(k);
        double[] acc = new double[ROW_TILE];
        for (int q0 = from; q0 < to; q0 += QUERY_TILE) {
            int q1 = Math.min(to, q0 + QUERY_TILE);
            for (int h = 0; h < q1 - q0; h++) heaps[h].clear();
            for (int tile = 0; tile < tileCount; tile++) {
                int base = tile * ROW_TILE * d;
                int r0 = tile * ROW_TILE;
                int rows = Math.min(ROW_TILE, n - r0);
                for (int q = q0; q < q1; q++) {
                    tileDistances(qs, q * d, base, acc);
                    NeighborHeap heap = heaps[q - q0];
                    double worst = heap.worst();
                    for (int r = 0; r < rows; r++) {
                        if (acc[r] <= worst) {
                            heap.offer(acc[r], r0 + r);
                            worst = heap.worst();
                        }
                    }
                }
            }
            for (int q = q0; q < q1; q++) heaps[q - q0].drainSorted(idx, dist, q * k);
        }
    }

    /** {@code acc[r] = ||q - x_r||^2} for the rows of one tile (a padded tail row is ignored by the caller). */
    private void tileDistances(double[] qs, int qo, int base, double[] acc) {
        double q0 = qs[qo];
        for (int r = 0; r < ROW_TILE; r++) {
            double v = q0 - tiles[base + r];
            acc[r] = v * v;
        }
        for (int t = 1; t < d; t++) {
            double qt = qs[qo + t];
            int o = base + t * ROW_TILE;
            for (int r = 0; r < ROW_TILE; r++) {
                double v = qt - tiles[o + r];
                acc[r] += v * v;
            }
        }
    }
}
