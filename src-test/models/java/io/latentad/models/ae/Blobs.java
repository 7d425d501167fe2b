package io.latentad.models.ae;

import io.latentad.engine.random.Rng;

/** Small synthetic data for the autoencoder tests: Gaussian blobs on a low-dimensional manifold. */
final class Blobs {
    final double[][] x;
    final int[] labels;
    final String[] classes;

    private Blobs(double[][] x, int[] labels, int k) {
        this.x = x;
        this.labels = labels;
        this.classes = new String[k];
        for (int i = 0; i < k; i++) classes[i] = "c" + i;
    }

    /**
     * {@code perClass} rows of each of {@code k} classes in {@code d} dimensions: class c lies near
     * the line {@code centre_c + t * direction} (t ~ N(0, 1)) with small isotropic noise, so a 2-D
     * code can represent every row.
     */
    static Blobs make(int k, int perClass, int d, long seed) {
        Rng rng = new Rng(seed);
        double[][] centre = new double[k][d], dir = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centre[c][j] = 3 * rng.nextGaussian();
                dir[c][j] = rng.nextGaussian() / Math.sqrt(d);
            }
        }
        double[][] x = new double[k * perClass][d];
        int[] y = new int[k * perClass];
        for (int i = 0; i < x.length; i++) {
            int c = i % k;
            y[i] = c;
            double t = rng.nextGaussian();
            for (int j = 0; j < d; j++) x[i][j] = centre[c][j] + t * dir[c][j] + 0.1 * rng.nextGaussian();
        }
        return new Blobs(x, y, k);
    }

    /** Rows in [0, 1] (sigmoid of the blobs) for Bernoulli models. */
    Blobs unit() {
        double[][] u = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            u[i] = new double[x[i].length];
            for (int j = 0; j < u[i].length; j++) u[i][j] = 1 / (1 + Math.exp(-x[i][j]));
        }
        return new Blobs(u, labels.clone(), classes.length);
    }

    /** {@code n} rows far from every blob (uniform in a shell of radius 8..12 around the origin, per feature sign). */
    static double[][] outliers(int n, int d, long seed) {
        Rng rng = new Rng(seed);
        double[][] o = new double[n][d];
        for (double[] row : o) for (int j = 0; j < d; j++) row[j] = (rng.nextDouble() < 0.5 ? -1 : 1) * (8 + 4 * rng.nextDouble());
        return o;
    }
}
