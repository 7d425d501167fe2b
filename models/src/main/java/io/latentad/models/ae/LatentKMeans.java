package io.latentad.models.ae;

import io.latentad.engine.random.Rng;

/**
 * A small seeded k-means (k-means++ seeding, Lloyd iterations, best of a few restarts by
 * inertia) for the low-dimensional latent codes of {@link ClusterMisclassificationScore}. A
 * stop-gap inside models.ae until models.cluster has the shared implementation.
 *
 * <p>Reference: D. Arthur and S. Vassilvitskii, "k-means++: The Advantages of Careful Seeding",
 * SODA 2007.
 */
final class LatentKMeans {
    private LatentKMeans() {
    }

    /** The centroids {@code [k][d]} of the best of {@code restarts} runs. */
    static double[][] fit(double[][] x, int k, int restarts, long seed) {
        if (k < 1 || k > x.length) throw new IllegalArgumentException("k-means: k = " + k + ", expected 1.." + x.length);
        Rng rng = new Rng(seed);
        double[][] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int r = 0; r < restarts; r++) {
            double[][] c = lloyd(x, seedPlusPlus(x, k, rng.split()));
            double inertia = 0;
            for (double[] p : x) inertia += nearestDistance(p, c);
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = c;
            }
        }
        return best;
    }

    static int nearest(double[] p, double[][] c) {
        int arg = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c.length; j++) {
            double d = PriorTailScore.sq(p, c[j]);
            if (d < best) { // strict: ties go to the lower index
                best = d;
                arg = j;
            }
        }
        return arg;
    }

    private static double nearestDistance(double[] p, double[][] c) {
        return PriorTailScore.sq(p, c[nearest(p, c)]);
    }

    private static double[][] seedPlusPlus(double[][] x, int k, Rng rng) {
        int n = x.length;
        double[][] c = new double[k][];
        c[0] = x[rng.nextInt(n)].clone();
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) d2[i] = PriorTailScore.sq(x[i], c[0]);
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (double v : d2) total += v;
            int pick = rng.nextInt(n);
            if (total > 0) {
                double u = rng.nextDouble() * total, acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += d2[i];
                    if (acc >= u) {
                        pick = i;
                        break;
                    }
                }
            }
            c[j] = x[pick].clone();
            for (int i = 0; i < n; i++) d2[i] = Math.min(d2[i], PriorTailScore.sq(x[i], c[j]));
        }
        return c;
    }

    private static double[][] lloyd(double[][] x, double[][] c) {
        int k = c.length, d = x[0].length;
        int[] assign = new int[x.length];
        for (int it = 0; it < 100; it++) {
            boolean changed = it == 0;
            for (int i = 0; i < x.length; i++) {
                int a = nearest(x[i], c);
                if (a != assign[i]) changed = true;
                assign[i] = a;
            }
            if (!changed) break;
            double[][] sum = new double[k][d];
            int[] count = new int[k];
            for (int i = 0; i < x.length; i++) {
                count[assign[i]]++;
                for (int j = 0; j < d; j++) sum[assign[i]][j] += x[i][j];
            }
            for (int j = 0; j < k; j++) {
                if (count[j] == 0) continue; // an empty cluster keeps its centroid
                for (int t = 0; t < d; t++) c[j][t] = sum[j][t] / count[j];
            }
        }
        return c;
    }
}
