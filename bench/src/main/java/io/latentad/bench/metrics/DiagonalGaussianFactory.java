package io.latentad.bench.metrics;

import io.latentad.metrics.DetectorFactory;
import io.latentad.metrics.ScoreFunction;

/**
 * A deliberately cheap detector for timing the EM/MV protocol itself: fit the per-feature mean
 * and (population) variance, score = squared standardized distance to the mean (the negative
 * log-density of a diagonal Gaussian up to an affine map, so higher = more anomalous).
 * {@code bench/scripts/emmv_numpy.py} computes the same scorer with NumPy.
 */
public final class DiagonalGaussianFactory implements DetectorFactory {
    @Override
    public ScoreFunction fit(double[][] x) {
        int n = x.length, d = x[0].length;
        double[] mean = new double[d];
        double[] invVar = new double[d];
        for (double[] r : x) for (int j = 0; j < d; j++) mean[j] += r[j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                double c = r[j] - mean[j];
                invVar[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) invVar[j] = n / invVar[j];
        return rows -> {
            double[] s = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                double acc = 0;
                for (int j = 0; j < d; j++) {
                    double c = rows[i][j] - mean[j];
                    acc += c * c * invVar[j];
                }
                s[i] = acc;
            }
            return s;
        };
    }
}
