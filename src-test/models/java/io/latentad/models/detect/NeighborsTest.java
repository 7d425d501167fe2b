package io.latentad.models.detect;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The public neighbour search and the locality order behind the GEMM search's first bounds. */
class NeighborsTest {
    @Test
    void neighboursOfRowsAreTheNearestOtherRowsAtEveryWidth() {
        // widths on both sides of the k-d tree / GEMM switch; distinct random rows, so "the row itself" is unambiguous
        for (int d : new int[] {2, 9, 10, 16}) {
            double[][] x = TestData.blobs(300, d, 3, 4, 11 + d);
            int k = 5;
            Neighbors.Result r = Neighbors.ofRows(x, k);
            for (int i = 0; i < x.length; i++) {
                int[] want = nearest(x, x[i], i, k);
                assertArrayEquals(want, Arrays.copyOfRange(r.index(), i * k, i * k + k), "d " + d + ", row " + i);
                for (int j = 0; j < k; j++) assertEquals(Math.sqrt(dist2(x[i], x[want[j]])), r.distance()[i * k + j], 1e-12);
            }
            Neighbors.Result q = Neighbors.query(x, new double[][] {x[7]}, 1);
            assertEquals(7, q.index()[0], "a query equal to a row finds that row first");
        }
    }

    @Test
    void badInputIsRefusedByName() {
        double[][] x = TestData.blobs(10, 3, 2, 4, 1);
        assertThrows(IllegalArgumentException.class, () -> Neighbors.ofRows(x, 10));
        assertThrows(IllegalArgumentException.class, () -> Neighbors.query(x, new double[][] {{1, 2}}, 1));
    }

    @Test
    void localityOrderIsAPermutationWhoseRunsAreLeavesOfNearRows() {
        // two far clusters of 64 rows each, interleaved: with runs of 64 each run is one cluster
        int d = 5, n = 128;
        float[] rows = new float[n * d];
        java.util.Random rnd = new java.util.Random(2);
        for (int i = 0; i < n; i++) for (int t = 0; t < d; t++) rows[i * d + t] = (i % 2) * 100 + (float) rnd.nextGaussian();
        int[] order = LocalityOrder.of(rows, n, d, 64);
        assertArrayEquals(IntStream.range(0, n).toArray(), IntStream.of(order).sorted().toArray());
        for (int run = 0; run < 2; run++) {
            int cluster = order[run * 64] % 2;
            for (int p = run * 64; p < run * 64 + 64; p++) assertEquals(cluster, order[p] % 2, "run " + run + " at " + p);
        }
        assertArrayEquals(order, LocalityOrder.of(rows, n, d, 64), "deterministic");
    }

    private static int[] nearest(double[][] x, double[] q, int self, int k) {
        return IntStream.range(0, x.length).filter(j -> j != self).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> dist2(q, x[j])).thenComparingInt(j -> j))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    private static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int t = 0; t < a.length; t++) s += (a[t] - b[t]) * (a[t] - b[t]);
        return s;
    }
}
