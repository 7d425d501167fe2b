package io.latentad.models.cluster;

import io.latentad.models.detect.Neighbors;

/**
 * A symmetric sparse affinity graph (compressed rows) with its degrees, for {@link SpectralClustering}: UMAP's fuzzy
 * union of the directed k-nearest-neighbour affinities, and the product with {@code (I + D^-1/2 W D^-1/2) / 2}.
 */
final class Graph {
    final int n;
    final int[] start, col; // row i's edges are [start[i], start[i + 1]) of col and w
    final double[] w;
    private final double[] invSqrtDegree;

    private Graph(int n, int[] start, int[] col, double[] w) {
        this.n = n;
        this.start = start;
        this.col = col;
        this.w = w;
        invSqrtDegree = new double[n];
        for (int i = 0; i < n; i++) {
            double d = 0;
            for (int e = start[i]; e < start[i + 1]; e++) d += w[e];
            invSqrtDegree[i] = 1 / Math.sqrt(d); // d > 0: every row has an edge of positive weight
        }
    }

    /** The graph of the neighbours {@code r} of {@code n} rows with the given affinity (see {@link SpectralClustering}). */
    static Graph of(Neighbors.Result r, int n, SpectralClustering.Affinity affinity) {
        int k = r.k();
        int[] idx = r.index();
        double[] a = affinity == SpectralClustering.Affinity.UMAP ? directed(r, n) : global(r, n);
        // each directed edge i -> j appears in row i (as a_ij) and in row j (as a_ij of the transpose)
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            count[i + 1] += k;
            for (int j = 0; j < k; j++) count[idx[i * k + j] + 1]++;
        }
        for (int i = 0; i < n; i++) count[i + 1] += count[i];
        int[] fill = count.clone(), cols = new int[count[n]];
        double[] out = new double[count[n]], in = new double[count[n]];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                int t = idx[i * k + j], e = fill[i]++, f = fill[t]++;
                cols[e] = t;
                out[e] = a[i * k + j];
                cols[f] = i;
                in[f] = a[i * k + j];
            }
        }
        // per row: sort by column, merge an edge with its transpose: w = a + a^T - a a^T
        int[] start = new int[n + 1], col = new int[count[n]];
        double[] w = new double[count[n]];
        int p = 0;
        for (int i = 0; i < n; i++) {
            start[i] = p;
            int from = count[i], to = count[i + 1];
            sortByColumn(cols, out, in, from, to);
            for (int e = from; e < to; ) {
                int c = cols[e];
                double u = 0, v = 0;
                for (; e < to && cols[e] == c; e++) {
                    u = Math.max(u, out[e]);
                    v = Math.max(v, in[e]);
                }
                if (c == i) continue; // duplicates of a row are not their own neighbours, but be safe
                col[p] = c;
                w[p++] = u + v - u * v;
            }
        }
        start[n] = p;
        return new Graph(n, start, col, w);
    }

    /** The directed affinities {@code a_ij = exp(-max(0, d_ij - rho_i) / s_i)}, {@code sum_j a_ij = log2(k)}. */
    private static double[] directed(Neighbors.Result r, int n) {
        int k = r.k();
        double[] dist = r.distance(), a = new double[n * k];
        double target = Math.log(k) / Math.log(2);
        for (int i = 0; i < n; i++) {
            double rho = dist[i * k], mean = 0;
            for (int j = 0; j < k; j++) mean += dist[i * k + j];
            mean /= k;
            double lo = 0, hi = Double.POSITIVE_INFINITY, s = 1;
            for (int it = 0; it < 64; it++) {
                double psum = 0;
                for (int j = 1; j < k; j++) psum += Math.exp(-Math.max(0, dist[i * k + j] - rho) / s);
                psum += 1; // the nearest
                if (Math.abs(psum - target) < 1e-5) break;
                if (psum > target) {
                    hi = s;
                    s = (lo + hi) / 2;
                } else {
                    lo = s;
                    s = hi == Double.POSITIVE_INFINITY ? 2 * s : (lo + hi) / 2;
                }
            }
            s = Math.max(s, 1e-3 * mean);
            for (int j = 0; j < k; j++) {
                double d = Math.max(0, dist[i * k + j] - rho);
                a[i * k + j] = s > 0 ? Math.exp(-d / s) : (d == 0 ? 1 : 0);
            }
        }
        return a;
    }

    /**
     * One Gaussian kernel for all rows, {@code a_ij = exp(-d_ij^2 / s^2)} with {@code s} the median distance to the
     * k-th neighbour: denser regions are more strongly connected (the fuzzy affinity scales each row to its own
     * neighbourhood and loses that); at least the smallest normal double, so no row is isolated.
     */
    private static double[] global(Neighbors.Result r, int n) {
        int k = r.k();
        double[] dist = r.distance(), kth = new double[n], a = new double[n * k];
        for (int i = 0; i < n; i++) kth[i] = dist[i * k + k - 1];
        java.util.Arrays.sort(kth);
        double s2 = Math.pow(kth[n / 2], 2);
        for (int e = 0; e < n * k; e++) a[e] = s2 > 0 ? Math.max(Double.MIN_NORMAL, Math.exp(-dist[e] * dist[e] / s2)) : 1;
        return a;
    }

    /** Insertion sort of {@code [from, to)} by column, carrying the two weights along (rows are short). */
    private static void sortByColumn(int[] cols, double[] out, double[] in, int from, int to) {
        for (int e = from + 1; e < to; e++) {
            int c = cols[e];
            double u = out[e], v = in[e];
            int f = e - 1;
            while (f >= from && cols[f] > c) {
                cols[f + 1] = cols[f];
                out[f + 1] = out[f];
                in[f + 1] = in[f];
                f--;
            }
            cols[f + 1] = c;
            out[f + 1] = u;
            in[f + 1] = v;
        }
    }

    /** {@code y = (x + D^-1/2 W D^-1/2 x) / 2} for the column of {@code n} at {@code xo} into {@code yo}. */
    void applyHalfShifted(double[] x, int xo, double[] y, int yo) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int e = start[i]; e < start[i + 1]; e++) s += w[e] * invSqrtDegree[col[e]] * x[xo + col[e]];
            y[yo + i] = 0.5 * (x[xo + i] + invSqrtDegree[i] * s);
        }
    }
}
