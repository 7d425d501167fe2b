package io.latentad.metrics.emmv;

import io.latentad.engine.random.Rng;
import io.latentad.metrics.InputChecks;

/**
 * The axis-aligned bounding box of a data set, the reference measure of the excess-mass and
 * mass-volume criteria: uniform points are drawn in it and its volume converts the share of
 * uniform points above a score level into a Lebesgue measure.
 *
 * <p>Constant features (zero-width sides) are handled explicitly: they are left out of the volume
 * (the volume is taken in the subspace of the varying features, where the data actually spread)
 * and uniform points hold the constant value there. A plain product of side lengths would be 0
 * and turn every mass-volume value into 0 and every excess-mass value into the mass alone. A box
 * whose every side has zero width is rejected.
 *
 * <p>Cost: O(n d) to build, O(N d) to sample N points.
 */
public final class BoundingBox {
    private final double[] lower;
    private final double[] upper;
    private final int[] varying;
    private final double volume;

    private BoundingBox(double[] lower, double[] upper) {
        this.lower = lower;
        this.upper = upper;
        int m = 0;
        int[] v = new int[lower.length];
        double vol = 1;
        for (int j = 0; j < lower.length; j++) {
            if (upper[j] > lower[j]) {
                v[m++] = j;
                vol *= upper[j] - lower[j];
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("every feature is constant: the bounding box is a single point, "
                    + "expected at least one feature with two distinct values");
        }
        this.varying = java.util.Arrays.copyOf(v, m);
        this.volume = vol;
    }

    /** The bounding box of the rows of {@code x}. */
    public static BoundingBox of(double[][] x) {
        int d = InputChecks.matrix("data", x);
        double[] lo = x[0].clone();
        double[] hi = x[0].clone();
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                lo[j] = Math.min(lo[j], row[j]);
                hi[j] = Math.max(hi[j], row[j]);
            }
        }
        return new BoundingBox(lo, hi);
    }

    /** Width of the data (all features, constant ones included). */
    public int dimension() {
        return lower.length;
    }

    /** Product of the side lengths of the varying features. */
    public double volume() {
        return volume;
    }

    /** Indices of the features with {@code upper > lower}, ascending. */
    public int[] varyingFeatures() {
        return varying.clone();
    }

    public double lower(int j) {
        return lower[j];
    }

    public double upper(int j) {
        return upper[j];
    }

    /**
     * {@code n} points uniform in the box, row by row, one {@code nextDouble()} per varying feature
     * in ascending feature order; constant features hold their value.
     */
    public double[][] sample(int n, Rng rng) {
        if (n < 1) throw new IllegalArgumentException("n = " + n + ": expected at least one point");
        double[][] u = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] row = lower.clone();
            for (int j : varying) row[j] = lower[j] + rng.nextDouble() * (upper[j] - lower[j]);
            u[i] = row;
        }
        return u;
    }
}
