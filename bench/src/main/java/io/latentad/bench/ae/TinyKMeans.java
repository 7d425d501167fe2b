package io.latentad.bench.ae;

import io.latentad.engine.random.Rng;

/**
 * A tiny seeded k-means (k-means++ seeding, Lloyd iterations, best inertia of a few restarts) for
 * the latent-space experiment. A stop-gap until models.cluster.KMeans is in main; the experiment
 * will switch to it.
 */
final class TinyKMeans {
    private TinyKMeans() {
    }

    /** Cluster labels of the rows; centroids are returned through {@code centroidsOut[0]} when non-null. */
    static int[] fit(double[][] x, int k, int restarts, long seed, double[][][] centroidsOut) {
        Rng rng = new Rng(seed);
        int n = x.length, d = x[0].length;
        double bestInertia = Double.POSITIVE_INFINITY;
        int[] best = null;
        for (int r = 0; r < restarts; r++) {
            double[][] c = new double[k][];
            c[0] = x[rng.nextInt(n)].clone();
            double[] d2 = new double[n];
            for (int i = 0; i < n; i++) d2[i] = sq(x[i], c[0]);
            for (int j = 1; j < k; j++) {
                double total = 0;
                for (double v : d2) total += v;
                double u = rng.nextDouble() * total, acc = 0;
                int pick = n - 1;
                for (int i = 0; i < n; i++) {
                    acc += d2[i];
                    if (acc >= u) {
                        pick = i;
                        break;
                    }
                }
                c[j] = x[pick].clone();
                for (int i = 0; i < n; i++) d2[i] = Math.min(d2[i], sq(x[i], c[j]));
            }
            int[] a = new int[n];
            double inertia = 0;
            for (int it = 0; it < 300; it++) {
                boolean changed = false;
                inertia = 0;
                for (int i = 0; i < n; i++) {
                    int arg = 0;
                    double bd = Double.POSITIVE_INFINITY;
                    for (int j = 0; j < k; j++) {
                        double dd = sq(x[i], c[j]);
                        if (dd < bd) {
                            bd = dd;
                            arg = j;
                        }
                    }
                    inertia += bd;
                    if (a[i] != arg || it == 0) changed |= a[i] != arg;
                    a[i] = arg;
                }
                if (!changed && it > 0) break;
                double[][] s = new double[k][d];
                int[] cnt = new int[k];
                for (int i = 0; i < n; i++) {
                    cnt[a[i]]++;
                    for (int t = 0; t < d; t++) s[a[i]][t] += x[i][t];
                }
                for (int j = 0; j < k; j++) if (cnt[j] > 0) for (int t = 0; t < d; t++) c[j][t] = s[j][t] / cnt[j];
            }
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = a;
                if (centroidsOut != null) centroidsOut[0] = c;
            }
        }
        return best;
    }

    static double sq(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
        return s;
    }
}
