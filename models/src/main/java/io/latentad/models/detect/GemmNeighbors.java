package io.latentad.models.detect;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.Parallel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact k-nearest neighbours for wide rows through the float GEMM, as scikit-learn's brute force
 * does, but without its loss of digits: the squared distances are first <i>estimated</i> from
 * {@code ||q||^2 + ||x||^2 - 2 q.x} with {@code q.x} from one float32 GEMM per block of queries
 * (the rows centred on their column means first, which keeps the norms, and so the error, small);
 * then only the rows whose estimate could still be among the k nearest are measured exactly, in
 * double, as {@link BruteForceNeighbors} measures them. The result is the same as the brute force's,
 * bit for bit.
 *
 * <p>Why it is exact: each estimate comes with a bound on its error,
 * {@code |est_j - d_j| <= delta_j = 2 (d + 8) u (||q||^2 + ||x_j||^2)} ({@code u = 2^-24}: the float
 * rounding of the rows, {@code 4 u} of the squared norms, and of a d-term dot product in any summation
 * order, {@code d u}, twice over), so {@code d_j} lies in {@code [est_j - delta_j, est_j + delta_j]}. The
 * k-th smallest upper end {@code U_k} is at least the true k-th distance {@code D_k} (k rows lie below it);
 * a row whose lower end is above {@code U_k} is farther than the k-th neighbour and is never measured.
 * The bound is per row, so a few rows of huge norm widen only their own intervals.
 *
 * <p>Cost: {@code 2 m n d} float flops in the GEMM, {@code O(m n)} to select, and {@code O(d)} per
 * measured candidate (few, unless many rows tie with the k-th neighbour); memory the float rows plus one {@code b x n} float block of estimates
 * ({@code b} queries at a time, at most 256, fewer for very many rows: 32 MB at most) per thread.
 */
final class GemmNeighbors extends NeighborSearch {
    private static final double U = Math.scalb(1.0, -24);
    /** The first bound of a query comes from about n / this many rows. */
    private static final int SAMPLE_DIVISOR = 32;
    /** The error bound's factor: {@code |estimate - d^2| <= C (||q||^2 + ||x||^2)}. */
    private final double C;

    private final double[] mean;
    private final float[] rows;      // n x d, centred, row-major
    private final double[] norm2;    // squared norms of the float rows
    private final int block;
    /** For each row, the first row with the same values (itself if none before it). */
    private final int[] first;

    GemmNeighbors(double[] xs, int n, int d) {
        super(xs, n, d);
        mean = new double[d];
        for (int i = 0; i < n; i++) for (int t = 0; t < d; t++) mean[t] += xs[i * d + t];
        for (int t = 0; t < d; t++) mean[t] /= n;
        rows = new float[n * d];
        norm2 = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                float v = (float) (xs[i * d + t] - mean[t]);
                rows[i * d + t] = v;
                s += (double) v * v;
            }
            norm2[i] = s;
        }
        C = 2 * (d + 8) * U;
        first = new int[n];
        java.util.Map<Row, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) first[i] = seen.computeIfAbsent(new Row(xs, i * d, d), key -> key.offset / d);
        block = (int) Math.max(8, Math.min(256, (1L << 23) / Math.max(1, n)));
    }

    @Override
    void knn(double[] qs, int from, int to, int k, int[] idx, double[] dist) {
        AtomicInteger next = new AtomicInteger();
        run(qs, from, to, k, idx, dist, next);
    }

    /**
     * Every thread claims blocks of queries from one counter until none is left: the cost of a query
     * varies (rows that repeat, or tie, give it more candidates), so fixed halves left one thread idle.
     * Each query's result is the same whichever thread computes it.
     */
    @Override
    void knnAll(double[] qs, int m, int k, int[] idx, double[] dist) {
        AtomicInteger next = new AtomicInteger();
        Parallel.forRange(Parallel.threads(), 1, (from, to) -> {
            for (int w = from; w < to; w++) run(qs, 0, m, k, idx, dist, next);
        });
    }

    /** Queries {@code [from, to)}, block by block as claimed from {@code next} (block i starts at {@code from + i * block}). */
    private void run(double[] qs, int from, int to, int k, int[] idx, double[] dist, AtomicInteger next) {
        float[] q = new float[block * d];
        double[] qn = new double[block];
        float[] est = new float[block * n];
        NeighborHeap upper = new NeighborHeap(k), exact = new NeighborHeap(k);
        int[] cand = new int[Math.max(64, 4 * k)], stamp = new int[n];
        double[] known = new double[n];
        int stampCount = 0;
        double[] low = new double[cand.length];
        int stride = Math.max(1, n / SAMPLE_DIVISOR);
        for (int claimed; (claimed = next.getAndIncrement()) < (to - from + block - 1) / block; ) {
            int q0 = from + claimed * block;
            int b = Math.min(block, to - q0);
            for (int r = 0; r < b; r++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    float v = (float) (qs[(q0 + r) * d + t] - mean[t]);
                    q[r * d + t] = v;
                    s += (double) v * v;
                }
                qn[r] = s;
            }
            // est[r][j] = q_r . x_j for the whole block at once
            Kernels.gemmFor(b, n, d).gemm(false, true, b, n, d, 1f, q, 0, d, rows, 0, d, 0f, est, 0, n);
            for (int r = 0; r < b; r++) {
                int o = r * n;
                double cq = C * qn[r];
                // one pass: the k smallest upper bounds, and every row whose lower bound is within the running k-th
                // upper bound (which only falls, so the final candidates are among these)
                // a first bound from every stride-th row: the k-th smallest upper end of a subset is at least that
                // of all rows, so rows above it are never among the k nearest; on data whose rows come ordered (by
                // type, by time) it spares the heap most of the offers the running bound would take
                upper.clear();
                for (int j = 0; j < n; j += stride) {
                    double e = qn[r] + norm2[j] - 2.0 * est[o + j];
                    upper.offer(e + cq + C * norm2[j], j);
                }
                double cap = upper.worst();
                upper.clear();
                int found = 0;
                double kth = cap;
                for (int j = 0; j < n; j++) {
                    double e = qn[r] + norm2[j] - 2.0 * est[o + j], margin = cq + C * norm2[j];
                    if (e - margin > kth) continue;
                    if (found == cand.length) {
                        cand = java.util.Arrays.copyOf(cand, 2 * cand.length);
                        low = java.util.Arrays.copyOf(low, 2 * low.length);
                    }
                    cand[found] = j;
                    low[found++] = e - margin;
                    if (e + margin <= kth) {
                        upper.offer(e + margin, j);
                        kth = Math.min(cap, upper.worst());
                    }
                }
                exact.clear();
                int qo = (q0 + r) * d, mark = ++stampCount;
                for (int c = 0; c < found; c++) {
                    if (low[c] > kth) continue;
                    int j = cand[c], g = first[j];
                    // rows equal to an earlier row have its distance: measured once per query (many rows of real data repeat)
                    if (stamp[g] != mark) {
                        stamp[g] = mark;
                        known[g] = distance(qs, qo, g);
                    }
                    exact.offer(known[g], j);
                }
                exact.drainSorted(idx, dist, (q0 + r) * k);
            }
        }
    }

    /** The squared distance in double, summed in the brute force's order (first column, then the rest). */
    private double distance(double[] qs, int qo, int j) {
        int xo = j * d;
        double v = qs[qo] - xs[xo];
        double s = v * v;
        for (int t = 1; t < d; t++) {
            v = qs[qo + t] - xs[xo + t];
            s += v * v;
        }
        return s;
    }

    /** A row of {@code xs} as a map key: equal when every value is the same double (by bits). */
    private static final class Row {
        final double[] xs;
        final int offset, d, hash;

        Row(double[] xs, int offset, int d) {
            this.xs = xs;
            this.offset = offset;
            this.d = d;
            int h = 1;
            for (int t = 0; t < d; t++) {
                long b = Double.doubleToLongBits(xs[offset + t]);
                h = 31 * h + (int) (b ^ (b >>> 32));
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Row r) || r.hash != hash) return false;
            for (int t = 0; t < d; t++) {
                if (Double.doubleToLongBits(xs[offset + t]) != Double.doubleToLongBits(r.xs[r.offset + t])) return false;
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
