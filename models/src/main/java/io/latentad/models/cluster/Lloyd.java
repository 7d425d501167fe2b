package io.latentad.models.cluster;

/**
 * One k-means restart: Lloyd's iterations with Hamerly's bounds. Distances in the bounds are
 * Euclidean (not squared), since the triangle inequality holds for them.
 *
 * <p>Per row {@code i}: {@code upper[i] >= ||x_i - c_a(i)||}, {@code lower[i] <= ||x_i - c_j||}
 * for every {@code j != a(i)}. Per centroid: {@code half[j]} = half the distance to its nearest
 * other centroid. A row keeps its centroid without a scan when
 * {@code upper[i] <= max(half[a(i)], lower[i])}.
 */
final class Lloyd {
    private final double[] xs;
    private final int n, d, k;
    private final double[] centers;
    private final int[] labels;
    private final double[] upper, lower, half;
    private double inertia = Double.NaN;
    private int iterations;

    Lloyd(double[] xs, int n, int d, int k, double[] centers) {
        this.xs = xs;
        this.n = n;
        this.d = d;
        this.k = k;
        this.centers = centers;
        this.labels = new int[n];
        this.upper = new double[n];
        this.lower = new double[n];
        this.half = new double[k];
    }

    double inertia() {
        return inertia;
    }

    int iterations() {
        return iterations;
    }

    double[] centers() {
        return centers;
    }

    int[] labels() {
        return labels;
    }

    void iterate(int maxIter, double tolScaled) {
        Blocks.forEach(n, (b, from, to) -> {
            for (int i = from; i < to; i++) scan(i);
        });
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        double[] shift = new double[k];
        for (iterations = 1; iterations <= maxIter; iterations++) {
            // mean step
            means(sums, counts);
            double shiftSq = 0;
            for (int j = 0; j < k; j++) {
                double s = KMeans.sqDist(centers, j * d, sums, j * d, d);
                shift[j] = Math.sqrt(s);
                shiftSq += s;
            }
            System.arraycopy(sums, 0, centers, 0, k * d);
            updateBounds(shift);
            boolean converged = shiftSq <= tolScaled;
            // assignment step (also run once more after convergence, so labels match centers)
            int changed = assign();
            if (converged || changed == 0) break;
        }
        if (iterations > maxIter) iterations = maxIter;
        double[] part = new double[Blocks.count(n)];
        Blocks.forEach(n, (b, from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) s += KMeans.sqDist(xs, i * d, centers, labels[i] * d, d);
            part[b] = s;
        });
        inertia = Blocks.sum(part);
    }

    /** New centroids (cluster means) into {@code sums}; empty clusters re-seeded at the farthest row. */
    private void means(double[] sums, int[] counts) {
        int blocks = Blocks.count(n);
        double[][] bs = new double[blocks][];
        int[][] bc = new int[blocks][];
        Blocks.forEach(n, (b, from, to) -> {
            double[] s = new double[k * d];
            int[] c = new int[k];
            for (int i = from; i < to; i++) {
                int l = labels[i];
                c[l]++;
                int so = l * d, xo = i * d;
                for (int t = 0; t < d; t++) s[so + t] += xs[xo + t];
            }
            bs[b] = s;
            bc[b] = c;
        });
        java.util.Arrays.fill(sums, 0);
        java.util.Arrays.fill(counts, 0);
        for (int b = 0; b < blocks; b++) {
            for (int t = 0; t < k * d; t++) sums[t] += bs[b][t];
            for (int j = 0; j < k; j++) counts[j] += bc[b][j];
        }
        boolean[] taken = null;
        for (int j = 0; j < k; j++) {
            if (counts[j] > 0) {
                for (int t = 0; t < d; t++) sums[j * d + t] /= counts[j];
                continue;
            }
            // empty cluster: move it to the row farthest from its own centroid
            if (taken == null) taken = new boolean[n];
            int far = -1;
            double farD = -1;
            for (int i = 0; i < n; i++) {
                if (taken[i]) continue;
                double s = KMeans.sqDist(xs, i * d, centers, labels[i] * d, d);
                if (s > farD) {
                    farD = s;
                    far = i;
                }
            }
            taken[far] = true;
            System.arraycopy(xs, far * d, sums, j * d, d);
        }
    }

    /** Moves the bounds by the centroid shifts: upper grows by its own shift, lower shrinks by the largest other. */
    private void updateBounds(double[] shift) {
        int argMax = 0;
        double max = -1, second = 0;
        for (int j = 0; j < k; j++) {
            if (shift[j] > max) {
                second = Math.max(max, 0);
                max = shift[j];
                argMax = j;
            } else if (shift[j] > second) {
                second = shift[j];
            }
        }
        final int am = argMax;
        final double mx = max, sc = second;
        Blocks.forEach(n, (b, from, to) -> {
            for (int i = from; i < to; i++) {
                upper[i] += shift[labels[i]];
                lower[i] -= labels[i] == am ? sc : mx;
            }
        });
    }

    private int assign() {
        for (int j = 0; j < k; j++) {
            double m = Double.POSITIVE_INFINITY;
            for (int o = 0; o < k; o++) {
                if (o != j) m = Math.min(m, KMeans.sqDist(centers, j * d, centers, o * d, d));
            }
            half[j] = 0.5 * Math.sqrt(m);
        }
        int[] changed = new int[Blocks.count(n)];
        Blocks.forEach(n, (b, from, to) -> {
            int c = 0;
            for (int i = from; i < to; i++) {
                double m = Math.max(half[labels[i]], lower[i]);
                if (upper[i] <= m) continue;
                upper[i] = Math.sqrt(KMeans.sqDist(xs, i * d, centers, labels[i] * d, d));
                if (upper[i] <= m) continue;
                int before = labels[i];
                scan(i);
                if (labels[i] != before) c++;
            }
            changed[b] = c;
        });
        int total = 0;
        for (int c : changed) total += c;
        return total;
    }

    /** Full scan of row {@code i}: nearest centroid (lowest index on ties) and both bounds exact. */
    private void scan(int i) {
        double best = Double.POSITIVE_INFINITY, second = Double.POSITIVE_INFINITY;
        int arg = 0;
        int xo = i * d;
        for (int j = 0; j < k; j++) {
            double s = KMeans.sqDist(xs, xo, centers, j * d, d);
            if (s < best) {
                second = best;
                best = s;
                arg = j;
            } else if (s < second) {
                second = s;
            }
        }
        labels[i] = arg;
        upper[i] = Math.sqrt(best);
        lower[i] = Math.sqrt(second);
    }
}
