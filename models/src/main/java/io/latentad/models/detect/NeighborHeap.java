package io.latentad.models.detect;

/**
 * The k best (nearest) candidates seen so far, as a bounded max-heap on (squared distance, index):
 * ties in distance are broken by the lower row index, so the neighbour set does not depend on the
 * order rows are visited in (k-d tree and brute force agree exactly).
 */
final class NeighborHeap {
    private final int k;
    private final double[] dist;
    private final int[] idx;
    private int size;

    NeighborHeap(int k) {
        this.k = k;
        this.dist = new double[k];
        this.idx = new int[k];
    }

    void clear() {
        size = 0;
    }

    /** The current k-th best squared distance, or +infinity while fewer than k are held. */
    double worst() {
        return size < k ? Double.POSITIVE_INFINITY : dist[0];
    }

    /** Offers row i at squared distance d2; false when it was not taken (the heap is full of better ones). */
    boolean offer(double d2, int i) {
        if (size < k) {
            // sift up
            int c = size++;
            while (c > 0) {
                int p = (c - 1) >> 1;
                if (!worse(d2, i, dist[p], idx[p])) break;
                dist[c] = dist[p];
                idx[c] = idx[p];
                c = p;
            }
            dist[c] = d2;
            idx[c] = i;
            return true;
        }
        if (!worse(dist[0], idx[0], d2, i)) return false; // not better than the worst held
        // replace the root and sift down
        int c = 0;
        while (true) {
            int l = 2 * c + 1;
            if (l >= k) break;
            int r = l + 1;
            int w = r < k && worse(dist[r], idx[r], dist[l], idx[l]) ? r : l;
            if (!worse(dist[w], idx[w], d2, i)) break;
            dist[c] = dist[w];
            idx[c] = idx[w];
            c = w;
        }
        dist[c] = d2;
        idx[c] = i;
        return true;
    }

    /**
     * (a, ia) ranks after (b, ib): farther, or as far with a higher index. The one tie rule of the neighbour
     * searches ({@link NeighborList} keeps the same set by it).
     */
    static boolean worse(double a, int ia, double b, int ib) {
        return a > b || (a == b && ia > ib);
    }

    /**
     * Empties the heap into {@code outIdx[o..o+size)} and {@code outDist} (Euclidean, not squared),
     * nearest first; returns the count.
     */
    int drainSorted(int[] outIdx, double[] outDist, int o) {
        int n = size;
        for (int p = n - 1; p >= 0; p--) {
            outIdx[o + p] = idx[0];
            outDist[o + p] = Math.sqrt(dist[0]);
            // pop the root
            size--;
            double d2 = dist[size];
            int i = idx[size];
            int c = 0;
            while (true) {
                int l = 2 * c + 1;
                if (l >= size) break;
                int r = l + 1;
                int w = r < size && worse(dist[r], idx[r], dist[l], idx[l]) ? r : l;
                if (!worse(dist[w], idx[w], d2, i)) break;
                dist[c] = dist[w];
                idx[c] = idx[w];
                c = w;
            }
            if (size > 0) {
                dist[c] = d2;
                idx[c] = i;
            }
        }
        return n;
    }
}
