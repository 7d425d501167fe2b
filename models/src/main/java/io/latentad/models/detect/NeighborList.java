package io.latentad.models.detect;

/**
 * The k best (nearest) candidates seen so far, kept sorted on (squared distance, index), nearest first: the
 * same set as {@link NeighborHeap} (ties by the lower index, whatever the order rows are offered in), for
 * searches that offer most rows near their final place (small k, rows offered nearest-region first), where an
 * insertion moves few entries and the sorted answer is read off without the heap's k pops.
 */
final class NeighborList {
    private final int k;
    private final double[] dist;
    private final int[] idx;
    private int size;

    NeighborList(int k) {
        this.k = k;
        this.dist = new double[k];
        this.idx = new int[k];
    }

    void clear() {
        size = 0;
    }

    /** The current k-th best squared distance, or +infinity while fewer than k are held. */
    double worst() {
        return size < k ? Double.POSITIVE_INFINITY : dist[k - 1];
    }

    /** Offers row i at squared distance d2: kept when among the k best so far. */
    void offer(double d2, int i) {
        int c;
        if (size < k) {
            c = size++;
        } else {
            if (!NeighborHeap.worse(dist[k - 1], idx[k - 1], d2, i)) return; // not better than the worst held
            c = k - 1;
        }
        while (c > 0 && dist[c - 1] > d2) { // farther: one compare per step (ties, rare, below)
            dist[c] = dist[c - 1];
            idx[c] = idx[c - 1];
            c--;
        }
        while (c > 0 && dist[c - 1] == d2 && idx[c - 1] > i) {
            dist[c] = dist[c - 1];
            idx[c] = idx[c - 1];
            c--;
        }
        dist[c] = d2;
        idx[c] = i;
    }

    /** Writes the held rows into {@code outIdx[o ..]} and {@code outDist} (Euclidean, not squared), nearest first. */
    void write(int[] outIdx, double[] outDist, int o) {
        for (int p = 0; p < size; p++) {
            outIdx[o + p] = idx[p];
            outDist[o + p] = Math.sqrt(dist[p]);
        }
    }
}
