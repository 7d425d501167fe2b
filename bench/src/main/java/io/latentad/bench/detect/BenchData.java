package io.latentad.bench.detect;

import io.latentad.engine.random.Rng;

/** Seeded latent-space-like data for the detector benchmarks: 10 Gaussian blobs, centres ~ N(0, 8^2). */
final class BenchData {
    private BenchData() {
    }

    static double[][] blobs(int n, int d, long seed) {
        Rng rng = new Rng(seed);
        double[][] c = new double[10][d];
        for (double[] r : c) for (int t = 0; t < d; t++) r[t] = 8 * rng.nextGaussian();
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double[] cc = c[rng.nextInt(10)];
            for (int t = 0; t < d; t++) x[i][t] = cc[t] + rng.nextGaussian();
        }
        return x;
    }
}
