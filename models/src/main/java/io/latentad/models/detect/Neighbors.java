package io.latentad.models.detect;

import io.latentad.models.common.Inputs;

/**
 * Exact k-nearest neighbours (Euclidean) for callers outside this package: the search the {@link LocalOutlierFactor}
 * uses ({@link NeighborSearch#over}: a k-d tree up to 9 columns, the GEMM scan above), nearest first,
 * ties by lower index; the results do not depend on the thread count.
 */
public final class Neighbors {
    /**
     * The neighbours of each query row: row i's {@code k} neighbours are {@code index[i * k .. i * k + k)} (rows of the
     * indexed data), their distances at the same places of {@code distance}.
     */
    public record Result(int k, int[] index, double[] distance) {
    }

    private Neighbors() {
    }

    /** The {@code k} nearest other rows of each row of {@code x} (the row itself left out); {@code 1 <= k < rows}. */
    public static Result ofRows(double[][] x, int k) {
        int d = Inputs.requireMatrix("Neighbors", x);
        int n = x.length;
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("Neighbors: k = " + k + ": expected 1 <= k < the " + n + " rows (the row itself is left out)");
        }
        double[] xs = Inputs.flatten(x, d);
        int[] idx = new int[n * k];
        double[] dist = new double[n * k];
        LocalOutlierFactor.neighboursOfFitted(NeighborSearch.over(xs, n, d), n, k, idx, dist);
        return new Result(k, idx, dist);
    }

    /** The {@code k} nearest rows of {@code rows} to each row of {@code queries}; {@code 1 <= k <= rows}. */
    public static Result query(double[][] rows, double[][] queries, int k) {
        int d = Inputs.requireMatrix("Neighbors", rows);
        int dq = Inputs.requireMatrix("Neighbors", queries);
        if (dq != d) throw new IllegalArgumentException("Neighbors: queries have " + dq + " columns: expected " + d + " as the rows");
        if (k < 1 || k > rows.length) {
            throw new IllegalArgumentException("Neighbors: k = " + k + ": expected 1 <= k <= the " + rows.length + " rows");
        }
        int m = queries.length;
        int[] idx = new int[m * k];
        double[] dist = new double[m * k];
        NeighborSearch.over(Inputs.flatten(rows, d), rows.length, d).knnAll(Inputs.flatten(queries, d), m, k, idx, dist);
        return new Result(k, idx, dist);
    }
}
