package io.latentad.models.detect;

import io.latentad.engine.kernel.Parallel;
import io.latentad.models.common.Inputs;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GEMM self-search's skipped tiles (blocks of the tile order whose balls lie farther apart than the running k-th
 * bounds): small blocks, so that a few hundred rows make many tiles, against the brute force bit for bit.
 */
class GemmPruningTest {
    /** Well separated blobs with uniform outliers in their bounding box (as the d = 16 benchmark's data). */
    private static double[][] blobsWithOutliers(int n, int d, int centres, long seed) {
        double[][] x = TestData.blobs(n, d, centres, 8, seed);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] r : x) for (double v : r) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        Random rnd = new Random(seed);
        for (int i = 0; i < n / 50; i++) {
            double[] r = x[rnd.nextInt(n)];
            for (int t = 0; t < d; t++) r[t] = lo + (hi - lo) * rnd.nextDouble();
        }
        return x;
    }

    private static double[][] uniform(int n, int d, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] r : x) for (int t = 0; t < d; t++) r[t] = rnd.nextDouble();
        return x;
    }

    /** The self-search at the given block size against the brute force on 1, 2, 3 threads; the tile sides skipped (1 thread). */
    private static long assertSameAsBruteForce(double[][] x, int d, int block, int[] ks, String what) {
        int n = x.length;
        double[] xs = Inputs.flatten(x, d);
        int before = Parallel.threads();
        long skipped = -1;
        try {
            for (int k : ks) {
                int[] ib = new int[n * k];
                double[] db = new double[n * k];
                new BruteForceNeighbors(xs, n, d).knnAll(xs, n, k, ib, db);
                for (int threads : new int[] {1, 2, 3}) {
                    Parallel.setThreads(threads);
                    int[] ia = new int[n * k];
                    double[] da = new double[n * k];
                    GemmNeighbors gemm = new GemmNeighbors(xs, n, d, block);
                    gemm.knnOfIndexed(k, ia, da);
                    assertArrayEquals(ib, ia, what + ", k = " + k + ", threads " + threads);
                    assertArrayEquals(db, da, 0, what + ", k = " + k + ", threads " + threads);
                    if (threads == 1 && skipped < 0) skipped = gemm.skippedTileSides();
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
        return skipped;
    }

    @Test
    void clusteredDataWithOutliersSkipsTilesAndKeepsTheNeighbours() {
        for (int d : new int[] {10, 16, 40}) {
            double[][] x = blobsWithOutliers(1200, d, 8, 3 + d);
            long skipped = assertSameAsBruteForce(x, d, 16, new int[] {1, 5, 20}, "blobs, d = " + d);
            assertTrue(skipped > 1000, "d = " + d + ": only " + skipped + " tile sides skipped");
        }
    }

    @Test
    void tilesAtTheEdgeOfTheBoundAreKeptBlobsTouching() {
        // blobs close enough that their tails meet: the bounds decide tile by tile, many near the edge
        for (int d : new int[] {12, 16}) {
            double[][] x = TestData.blobs(1000, d, 6, 2.5, 70 + d);
            assertSameAsBruteForce(x, d, 8, new int[] {1, 7, 30}, "touching blobs, d = " + d);
        }
    }

    @Test
    void uniformDataLosesNothing() {
        // at d = 16 next to nothing can be skipped; at d = 10 with blocks of 8 rows the far corners can
        assertSameAsBruteForce(uniform(900, 16, 5), 16, 16, new int[] {1, 20}, "uniform, d = 16");
        long skipped = assertSameAsBruteForce(uniform(1500, 10, 6), 10, 8, new int[] {1, 20}, "uniform, d = 10");
        assertTrue(skipped > 0, "uniform, d = 10: nothing skipped");
    }

    @Test
    void duplicatesTiesAndKUpToN() {
        // a grid (exact ties between many pairs), repeated rows (more copies than k), blobs: k up to n
        int d = 12, n = 400;
        double[][] x = blobsWithOutliers(n, d, 5, 11);
        Random rnd = new Random(3);
        for (int i = 0; i < 80; i++) {
            double[] r = new double[d];
            for (int t = 0; t < d; t++) r[t] = 40 + rnd.nextInt(3);
            x[i] = r;
        }
        for (int i = 80; i < 130; i++) x[i] = x[200].clone();
        for (int i = 130; i < 150; i++) x[i] = x[210 + (i % 3)].clone();
        assertSameAsBruteForce(x, d, 8, new int[] {1, 3, 21, 60, n - 1, n}, "ties and copies");
    }

    @Test
    void farRowsGoToTheEndOfTheTileOrder() {
        // one leaf's worth of near rows and one far row: the far row is moved behind them
        int d = 4, m = 16;
        float[] rows = new float[m * d];
        Random rnd = new Random(1);
        for (int i = 0; i < m * d; i++) rows[i] = (float) rnd.nextGaussian();
        for (int t = 0; t < d; t++) rows[5 * d + t] = 1000;
        int[] order = LocalityOrder.farRowsLast(rows, m, d, m);
        assertEquals(5, order[m - 1]);
        boolean[] seen = new boolean[m];
        for (int g : order) seen[g] = true;
        for (boolean s : seen) assertTrue(s);
    }

    @Test
    void badBlockIsRefusedByName() {
        double[] xs = new double[40];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GemmNeighbors(xs, 4, 10, 12));
        assertTrue(e.getMessage().contains("12"), e.getMessage());
    }
}
