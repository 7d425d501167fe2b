package io.latentad.models.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UMAP-style embedding and its mixture: shapes a mixture alone cannot follow, determinism, bad input. */
class UmapTest {
    @Test
    void ringsAndMoonsAreFoundWhereAMixtureFails() {
        for (String shape : new String[] {"rings", "moons"}) {
            int[] y = new int[600];
            double[][] x = shape.equals("rings") ? SpectralClusteringTest.rings(300, 3, y) : SpectralClusteringTest.moons(300, 3, y);
            int[] gmm = GaussianMixture.fit(x, GaussianMixture.Options.defaults().withK(2).withSeed(5).withRestarts(5)).predict(x);
            double g = SpectralClusteringTest.accuracy2(y, gmm);
            assertTrue(g < 0.9, shape + ": the mixture alone was expected to cut across the shapes, accuracy " + g);
            int[] u = Umap.cluster(x, 2, Umap.Options.defaults().withSeed(5));
            double a = SpectralClusteringTest.accuracy2(y, u);
            assertTrue(a >= 0.99, shape + ": umap accuracy " + a);
        }
    }

    @Test
    void theLayoutMovesConcentricRingsApart() {
        // in the input both rings have their centre at the origin; in the embedding every row is nearer its own ring's centre
        int[] y = new int[600];
        double[][] x = SpectralClusteringTest.rings(300, 7, y);
        for (int dims : new int[] {2, 10}) {
            Umap.Embedding e = Umap.embed(x, Umap.Options.defaults().withDims(dims).withSeed(1));
            double[][] centre = new double[2][dims];
            for (int i = 0; i < 600; i++) for (int c = 0; c < dims; c++) centre[y[e.rows()[i]]][c] += e.y()[i][c] / 300;
            int nearer = 0;
            for (int i = 0; i < 600; i++) {
                double own = 0, other = 0;
                for (int c = 0; c < dims; c++) {
                    own += Math.pow(e.y()[i][c] - centre[y[e.rows()[i]]][c], 2);
                    other += Math.pow(e.y()[i][c] - centre[1 - y[e.rows()[i]]][c], 2);
                    assertTrue(Double.isFinite(e.y()[i][c]));
                }
                if (own < other) nearer++;
            }
            assertEquals(600, nearer, dims + " dimensions: rows nearer their own ring's centre");
        }
    }

    @Test
    void sameSeedSameBitsAndRowsOutsideTheSampleVote() {
        int[] y = new int[3000];
        double[][] x = SpectralClusteringTest.rings(1500, 11, y);
        Umap.Options o = Umap.Options.defaults().withSeed(2).withSample(400);
        int[] a = Umap.cluster(x, 2, o), b = Umap.cluster(x, 2, o);
        assertArrayEquals(a, b);
        assertEquals(3000, a.length);
        assertTrue(SpectralClusteringTest.accuracy2(y, a) >= 0.99, "accuracy with a subsample of 400: " + SpectralClusteringTest.accuracy2(y, a));
        Umap.Embedding e = Umap.embed(x, o), f = Umap.embed(x, o), g = Umap.embed(x, o.withSeed(3));
        assertArrayEquals(e.rows(), f.rows());
        assertEquals(400, e.rows().length);
        for (int i = 1; i < 400; i++) assertTrue(e.rows()[i] > e.rows()[i - 1], "rows increasing");
        for (int i = 0; i < 400; i++) assertArrayEquals(e.y()[i], f.y()[i]);
        assertFalse(java.util.Arrays.equals(e.rows(), g.rows()), "another seed, another subsample");
    }

    @Test
    void threeBlobsGiveThreeClusters() {
        int[] y = new int[300];
        double[][] x = SpectralClusteringTest.threeBlobs(y);
        int[] c = Umap.cluster(x, 3, Umap.Options.defaults().withSeed(1));
        SpectralClusteringTest.assertEachBlobInOneCluster(y, c);
    }

    @Test
    void duplicateRowsStayFinite() {
        double[][] x = new double[60][];
        for (int i = 0; i < 60; i++) x[i] = new double[] {i % 2, 0}; // two points, 30 copies each
        Umap.Embedding e = Umap.embed(x, Umap.Options.defaults().withDims(2).withNeighbours(5).withEpochs(50));
        for (double[] r : e.y()) for (double v : r) assertTrue(Double.isFinite(v));
        int[] c = Umap.cluster(x, 2, Umap.Options.defaults().withDims(2).withNeighbours(5).withEpochs(50));
        for (int i = 2; i < 60; i++) assertEquals(c[i % 2], c[i], "copies of a row in one cluster");
        assertTrue(c[0] != c[1]);
    }

    @Test
    void badInputIsRefused() {
        int[] y = new int[40];
        double[][] x = SpectralClusteringTest.rings(20, 1, y);
        Umap.Options o = Umap.Options.defaults().withNeighbours(5).withDims(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Umap.cluster(x, 41, o));
        assertTrue(e.getMessage().contains("k = 41") && e.getMessage().contains("40 rows of the subsample"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Umap.embed(x, o.withDims(39)));
        assertTrue(e.getMessage().contains("dims = 39"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Umap.embed(x, o.withNeighbours(40)));
        assertTrue(e.getMessage().contains("neighbours = 40"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Umap.embed(x, o.withSample(10).withNeighbours(10)));
        assertTrue(e.getMessage().contains("10 rows of the subsample"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Umap.cluster(x, 0, o));
        assertThrows(IllegalArgumentException.class, () -> o.withDims(0));
        assertThrows(IllegalArgumentException.class, () -> o.withNeighbours(0));
        assertThrows(IllegalArgumentException.class, () -> o.withSample(2));
        assertThrows(IllegalArgumentException.class, () -> o.withEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> new Umap.Options(2, 5, 100, 10, -1, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Umap.Options(2, 5, 100, 10, 5, Double.NaN, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Umap.Options(2, 5, 100, 10, 5, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Umap.Options(2, 5, 100, 10, 5, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Umap.embed(new double[0][], o));
        double[][] nan = {{0, 0}, {1, Double.NaN}, {2, 2}, {3, 3}, {4, 4}};
        assertThrows(IllegalArgumentException.class, () -> Umap.embed(nan, o.withNeighbours(1).withDims(1)));
    }
}
