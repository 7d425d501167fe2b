package io.latentad.models.cluster;

import io.latentad.engine.kernel.Parallel;
import io.latentad.models.common.Inputs;

/**
 * A fitted k-means clustering: the centroids, the labels and inertia of the training rows, and
 * the number of Lloyd iterations the best restart took. Immutable.
 */
public final class KMeansModel {
    private final double[][] centroids;
    private final int[] labels;
    private final double inertia;
    private final int iterations;

    KMeansModel(double[][] centroids, int[] labels, double inertia, int iterations) {
        this.centroids = centroids;
        this.labels = labels;
        this.inertia = inertia;
        this.iterations = iterations;
    }

    /** Number of clusters. */
    public int k() {
        return centroids.length;
    }

    /** Row width. */
    public int dimension() {
        return centroids[0].length;
    }

    /** The centroids ({@code k x d}, a fresh copy). */
    public double[][] centroids() {
        double[][] out = new double[centroids.length][];
        for (int i = 0; i < out.length; i++) out[i] = centroids[i].clone();
        return out;
    }

    /** Cluster of each training row (a fresh copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Sum of squared distances of the training rows to their nearest centroid. */
    public double inertia() {
        return inertia;
    }

    /** Lloyd iterations of the kept restart. */
    public int iterations() {
        return iterations;
    }

    /** The nearest centroid of each row of {@code x} (ties go to the lower index). */
    public int[] predict(double[][] x) {
        Inputs.requireRows("KMeans.predict", x, dimension());
        int[] out = new int[x.length];
        Parallel.forRange(x.length, 1024, (from, to) -> {
            for (int i = from; i < to; i++) out[i] = nearest(x[i], null);
        });
        return out;
    }

    /** Squared Euclidean distance of each row of {@code x} to its nearest centroid. */
    public double[] nearestSqDistances(double[][] x) {
        Inputs.requireRows("KMeans.nearestSqDistances", x, dimension());
        double[] out = new double[x.length];
        Parallel.forRange(x.length, 1024, (from, to) -> {
            double[] best = new double[1];
            for (int i = from; i < to; i++) {
                nearest(x[i], best);
                out[i] = best[0];
            }
        });
        return out;
    }

    private int nearest(double[] row, double[] bestOut) {
        int arg = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double s = KMeans.sqDist(row, 0, centroids[c]);
            if (s < best) {
                best = s;
                arg = c;
            }
        }
        if (bestOut != null) bestOut[0] = best;
        return arg;
    }
}
