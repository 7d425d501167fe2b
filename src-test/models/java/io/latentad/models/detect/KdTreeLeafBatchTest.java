package io.latentad.models.detect;

import io.latentad.engine.kernel.Parallel;
import io.latentad.models.common.Inputs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The k-d tree's leaf-batched search of the fitted rows (d <= {@link KdTree#LEAF_BATCH_MAX_DIM}) against the brute force. */
class KdTreeLeafBatchTest {
    /** Rows at d = 1 and 2 with exact ties (a coarse grid), copies (one row 70 times: a leaf of equal rows above LEAF_SIZE), near ties. */
    private static double[][] data(int n, int d, long seed) {
        double[][] x = TestData.blobs(n, d, 3, 4, seed);
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(10);
            if (c == 0) for (int t = 0; t < d; t++) x[i][t] = Math.rint(x[i][t]);          // grid: many equal distances
            else if (c == 1) x[i] = x[rnd.nextInt(Math.min(n, 20))].clone();               // copies of a few rows
            else if (c == 2) {
                x[i] = x[rnd.nextInt(n)].clone();
                x[i][0] += 1e-12;                                                          // near ties
            }
        }
        if (n > 200) for (int i = 100; i < 170; i++) x[i] = x[5].clone();
        return x;
    }

    @Test
    void leafBatchedSearchMatchesBruteForceBitForBit() {
        assertTrue(KdTree.LEAF_BATCH_MAX_DIM >= 2, "the leaf-batched search is expected at d = 1 and 2");
        int before = Parallel.threads();
        try {
            for (int d : new int[] {1, 2}) {
                for (int n : new int[] {2, 5, 33, 97, 1500}) {
                    double[] xs = Inputs.flatten(data(n, d, 7L * n + d), d);
                    // k + 1 is what LOF asks; k >= rows - 1 and k above the leaf size (leaves with fewer rows than k)
                    for (int k : new int[] {1, 2, 21, 50, n - 1, n}) {
                        if (k < 1 || k > n || (k >= n - 1 && n > 100)) continue;
                        int[] ib = new int[n * k];
                        double[] db = new double[n * k];
                        new BruteForceNeighbors(xs, n, d).knnAll(xs, n, k, ib, db);
                        for (int threads : new int[] {1, 2, 3}) {
                            Parallel.setThreads(threads);
                            int[] ia = new int[n * k];
                            double[] da = new double[n * k];
                            new KdTree(xs, n, d).knnOfIndexed(k, ia, da);
                            String at = "d = " + d + ", n = " + n + ", k = " + k + ", threads " + threads;
                            assertArrayEquals(ib, ia, at);
                            assertArrayEquals(db, da, 0, at);
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void leafBatchedSearchAboveTwoColumnsMatchesBruteForceBitForBit() {
        // the path -Dlatentad.leafBatchMaxDim opens above d = 2 (distances by Kernels.sqDistToColumns)
        for (int d : new int[] {3, 5}) {
            int n = 900;
            double[] xs = Inputs.flatten(data(n, d, 11L + d), d);
            for (int k : new int[] {1, 21, 60}) {
                int[] ia = new int[n * k], ib = new int[n * k];
                double[] da = new double[n * k], db = new double[n * k];
                new BruteForceNeighbors(xs, n, d).knnAll(xs, n, k, ib, db);
                new KdTree(xs, n, d).knnOfIndexedByLeaves(k, ia, da);
                assertArrayEquals(ib, ia, "d = " + d + ", k = " + k);
                assertArrayEquals(db, da, 0);
            }
        }
    }

    @Test
    void neighborListKeepsTheHeapsSetInOrder() {
        // the sorted list against the heap on offers with many ties, in a random order
        java.util.Random rnd = new java.util.Random(3);
        for (int k : new int[] {1, 2, 7, 21}) {
            for (int rep = 0; rep < 50; rep++) {
                NeighborList list = new NeighborList(k);
                NeighborHeap heap = new NeighborHeap(k);
                int m = rnd.nextInt(3 * k + 1);
                for (int i = 0; i < m; i++) {
                    double v = rnd.nextInt(6);
                    int row = rnd.nextInt(1000);
                    list.offer(v, row);
                    heap.offer(v, row);
                    assertEquals(heap.worst(), list.worst());
                }
                int[] li = new int[k], hi = new int[k];
                double[] ld = new double[k], hd = new double[k];
                list.write(li, ld, 0);
                heap.drainSorted(hi, hd, 0);
                assertArrayEquals(hi, li);
                assertArrayEquals(hd, ld, 0);
            }
        }
    }
}
