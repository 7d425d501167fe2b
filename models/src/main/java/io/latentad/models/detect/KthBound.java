package io.latentad.models.detect;

/**
 * The k-th smallest of values offered with multiplicities (a distinct row's upper end counts once for
 * each of its copies), with one offer per distinct row: a max-heap of (value, copies) that drops its
 * largest entry while the others still hold k rows. The running bound of each of {@link GemmNeighbors}'s queries.
 */
final class KthBound {
    private final int k;
    private final double[] value;
    private final int[] weight;
    private int size;
    private long total;

    KthBound(int k) {
        this.k = k;
        value = new double[k + 1];
        weight = new int[k + 1];
    }

    void clear() {
        size = 0;
        total = 0;
    }

    /** The k-th smallest value offered (with multiplicity), or +infinity while fewer than k rows were. */
    double worst() {
        return total >= k ? value[0] : Double.POSITIVE_INFINITY;
    }

    void offer(double v, int copies) {
        if (total >= k && v >= value[0]) return;
        // sift up the new entry (there is room: at most k entries are held after each offer)
        int c = size++;
        while (c > 0) {
            int p = (c - 1) >> 1;
            if (value[p] >= v) break;
            value[c] = value[p];
            weight[c] = weight[p];
            c = p;
        }
        value[c] = v;
        weight[c] = copies;
        total += copies;
        // drop the largest while the rest hold k rows
        while (total - weight[0] >= k) {
            total -= weight[0];
            size--;
            double lv = value[size];
            int lw = weight[size];
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) break;
                int r = l + 1;
                int w = r < size && value[r] > value[l] ? r : l;
                if (value[w] <= lv) break;
                value[i] = value[w];
                weight[i] = weight[w];
                i = w;
            }
            value[i] = lv;
            weight[i] = lw;
        }
    }
}
