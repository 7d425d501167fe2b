package io.latentad.models.cluster;

import io.latentad.engine.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spectral clustering on shapes a Gaussian mixture cannot follow, its determinism and its bad input. */
class SpectralClusteringTest {
    /** Two concentric rings (radii 1 and 3, noise 0.1), {@code n} rows each; labels 0 (inner) and 1. */
    static double[][] rings(int n, long seed, int[] labels) {
        Rng r = new Rng(seed);
        double[][] x = new double[2 * n][];
        for (int i = 0; i < 2 * n; i++) {
            double radius = i < n ? 1 : 3, a = 2 * Math.PI * r.nextDouble();
            x[i] = new double[] {radius * Math.cos(a) + 0.1 * r.nextGaussian(), radius * Math.sin(a) + 0.1 * r.nextGaussian()};
            labels[i] = i < n ? 0 : 1;
        }
        return x;
    }

    /** Two interleaved half-moons (noise 0.06), {@code n} rows each. */
    static double[][] moons(int n, long seed, int[] labels) {
        Rng r = new Rng(seed);
        double[][] x = new double[2 * n][];
        for (int i = 0; i < 2 * n; i++) {
            double t = Math.PI * r.nextDouble();
            x[i] = i < n ? new double[] {Math.cos(t), Math.sin(t)} : new double[] {1 - Math.cos(t), 0.5 - Math.sin(t)};
            x[i][0] += 0.06 * r.nextGaussian();
            x[i][1] += 0.06 * r.nextGaussian();
            labels[i] = i < n ? 0 : 1;
        }
        return x;
    }

    /** Three Gaussian blobs in 3-D (sd 0.5 in the first two coordinates, 1 in the third), 100 rows each, labels i mod 3. */
    static double[][] threeBlobs(int[] labels) {
        Rng r = new Rng(4);
        double[][] x = new double[300][];
        for (int i = 0; i < 300; i++) {
            labels[i] = i % 3;
            x[i] = new double[] {5 * labels[i] + r.nextGaussian() * 0.5, (labels[i] == 1 ? 4 : 0) + r.nextGaussian() * 0.5, r.nextGaussian()};
        }
        return x;
    }

    /** Every blob of {@link #threeBlobs} wholly in one cluster. */
    static void assertEachBlobInOneCluster(int[] y, int[] c) {
        int[][] table = new int[3][3];
        for (int i = 0; i < 300; i++) table[y[i]][c[i]]++;
        for (int[] row : table) {
            int max = 0;
            for (int v : row) max = Math.max(max, v);
            assertEquals(100, max, "each blob in one cluster");
        }
    }

    /** Share of rows right under the better of the two maps of two clusters to two classes. */
    static double accuracy2(int[] y, int[] c) {
        int same = 0;
        for (int i = 0; i < y.length; i++) if (y[i] == c[i]) same++;
        return Math.max(same, y.length - same) / (double) y.length;
    }

    @Test
    void ringsAndMoonsAreFoundWhereAMixtureFails() {
        for (String shape : new String[] {"rings", "moons"}) {
            int[] y = new int[600];
            double[][] x = shape.equals("rings") ? rings(300, 3, y) : moons(300, 3, y);
            int[] gmm = GaussianMixture.fit(x, GaussianMixture.Options.defaults().withK(2).withSeed(5).withRestarts(5)).predict(x);
            double g = accuracy2(y, gmm);
            assertTrue(g < 0.9, shape + ": the mixture was expected to cut across the shapes, accuracy " + g);
            for (SpectralClustering.Affinity a : SpectralClustering.Affinity.values()) {
                int[] spectral = SpectralClustering.fit(x, SpectralClustering.Options.defaults().withK(2).withSeed(5).withAffinity(a)).labels();
                double s = accuracy2(y, spectral);
                assertTrue(s >= 0.99, shape + ", " + a + ": spectral accuracy " + s);
            }
        }
    }

    @Test
    void sameSeedSameBitsAndRowsOutsideTheSampleVote() {
        int[] y = new int[3000];
        double[][] x = rings(1500, 11, y);
        SpectralClustering.Options o = SpectralClustering.Options.defaults().withK(2).withSeed(2).withSample(400);
        SpectralClustering.Result a = SpectralClustering.fit(x, o), b = SpectralClustering.fit(x, o);
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.eigenvalues(), b.eigenvalues());
        assertEquals(a.iterations(), b.iterations());
        assertEquals(3000, a.labels().length);
        assertTrue(accuracy2(y, a.labels()) >= 0.99, "accuracy with a subsample of 400: " + accuracy2(y, a.labels()));
        assertTrue(a.converged());
        assertEquals(1, a.eigenvalues()[0], 1e-6, "the top eigenvalue of the normalised affinity is 1");
        assertTrue(a.eigenvalues()[1] <= a.eigenvalues()[0]);
    }

    @Test
    void threeBlobsGiveThreeClusters() {
        int[] y = new int[300];
        double[][] x = threeBlobs(y);
        int[] c = SpectralClustering.fit(x, SpectralClustering.Options.defaults().withK(3).withSeed(1)).labels();
        assertEachBlobInOneCluster(y, c);
    }

    @Test
    void badInputIsRefused() {
        int[] y = new int[40];
        double[][] x = rings(20, 1, y);
        SpectralClustering.Options o = SpectralClustering.Options.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpectralClustering.fit(x, o.withK(41)));
        assertTrue(e.getMessage().contains("k = 41") && e.getMessage().contains("40 rows of the subsample"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpectralClustering.fit(x, o.withK(5).withSample(4)));
        assertTrue(e.getMessage().contains("k = 5") && e.getMessage().contains("4 rows of the subsample"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpectralClustering.fit(x, o.withNeighbours(40)));
        assertTrue(e.getMessage().contains("neighbours = 40"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.withK(0));
        assertThrows(IllegalArgumentException.class, () -> o.withNeighbours(0));
        assertThrows(IllegalArgumentException.class, () -> o.withSample(1));
        assertThrows(IllegalArgumentException.class, () -> new SpectralClustering.Options(2, 10, 100, 0, 1e-6, 0, SpectralClustering.Affinity.UMAP));
        assertThrows(IllegalArgumentException.class, () -> new SpectralClustering.Options(2, 10, 100, 10, Double.NaN, 0, SpectralClustering.Affinity.UMAP));
        assertThrows(IllegalArgumentException.class, () -> o.withAffinity(null));
        assertThrows(IllegalArgumentException.class, () -> SpectralClustering.fit(new double[0][], o));
        double[][] nan = {{0, 0}, {1, Double.NaN}, {2, 2}};
        assertThrows(IllegalArgumentException.class, () -> SpectralClustering.fit(nan, o.withNeighbours(1)));
    }

    @Test
    void duplicateRowsAndAnUnconvergedIterationStayFinite() {
        double[][] x = new double[60][];
        for (int i = 0; i < 60; i++) x[i] = new double[] {i < 30 ? 0 : 5, 0}; // two points, 30 copies each
        SpectralClustering.Result r = SpectralClustering.fit(x, new SpectralClustering.Options(2, 5, 100, 1, 0, 3, SpectralClustering.Affinity.UMAP));
        assertFalse(r.converged());
        for (double v : r.eigenvalues()) assertTrue(Double.isFinite(v));
        int[] y = new int[60];
        for (int i = 30; i < 60; i++) y[i] = 1;
        for (SpectralClustering.Affinity a : SpectralClustering.Affinity.values()) {
            SpectralClustering.Result full = SpectralClustering.fit(x, SpectralClustering.Options.defaults().withK(2).withNeighbours(5).withAffinity(a));
            assertEquals(1.0, accuracy2(y, full.labels()), a.toString());
        }
    }

    @Test
    void mixtureOfAPartition() {
        double[][] x = {{0, 0}, {2, 0}, {10, 10}, {10, 12}, {10, 14}};
        int[] labels = {0, 0, 1, 1, 1};
        GaussianMixtureModel m = GaussianMixture.fromLabels(x, labels, 2, CovarianceType.DIAG, 1e-6);
        assertArrayEquals(new double[] {0.4, 0.6}, m.weights(), 1e-12);
        assertArrayEquals(new double[] {1, 0}, m.means()[0], 1e-12);
        assertArrayEquals(new double[] {10, 12}, m.means()[1], 1e-12);
        assertArrayEquals(new double[] {1 + 1e-6, 1e-6}, m.covariances()[0], 1e-12);
        assertArrayEquals(new double[] {1e-6, 8.0 / 3 + 1e-6}, m.covariances()[1], 1e-12);
        assertEquals(m.score(x), m.meanLogLikelihood(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.fromLabels(x, labels, 3, CovarianceType.FULL, 1e-6));
        assertTrue(e.getMessage().contains("cluster 2 has no rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture.fromLabels(x, new int[] {0, 0, 1, 1, 2}, 2, CovarianceType.FULL, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture.fromLabels(x, new int[] {0, 1}, 2, CovarianceType.FULL, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture.fromLabels(x, labels, 2, CovarianceType.FULL, -1));
    }
}
