package io.latentad.models.detect;

import io.latentad.engine.random.Rng;
import io.latentad.models.cluster.KMeans;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterBasedLofTest {
    /** Three tight, far-apart blobs of the given sizes around (0, 0), (10, 0) and (0, 10). */
    private static double[][] blobs(int a, int b, int c) {
        Rng r = new Rng(7);
        double[][] centre = {{0, 0}, {10, 0}, {0, 10}};
        int[] n = {a, b, c};
        double[][] x = new double[a + b + c][];
        int i = 0;
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < n[k]; j++) x[i++] = new double[] {centre[k][0] + 0.1 * r.nextGaussian(), centre[k][1] + 0.1 * r.nextGaussian()};
        }
        return x;
    }

    private static double[] mean(double[][] x, int from, int to) {
        double[] m = new double[2];
        for (int i = from; i < to; i++) for (int j = 0; j < 2; j++) m[j] += x[i][j] / (to - from);
        return m;
    }

    private static double dist(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    private static ClusterBasedLof cblof(double alpha, double beta, boolean weighted) {
        return new ClusterBasedLof(new ClusterBasedLof.Options(KMeans.Options.defaults().withK(3), alpha, beta, weighted));
    }

    @Test
    void rowsOfASmallClusterScoreTheirDistanceToTheNearestLargeCentre() {
        // sizes 60, 35, 5 and alpha 0.9: 60 < 90, 60 / 35 < 5, then 95 >= 90, so the first two are large
        double[][] x = blobs(60, 35, 5);
        double[] a = mean(x, 0, 60), b = mean(x, 60, 95);
        ClusterBasedLof.Model m = cblof(0.9, 5, false).fit(x);
        double[] s = m.trainingScores();
        for (int i = 0; i < 60; i++) assertEquals(dist(x[i], a), s[i], 1e-9, "row " + i);
        for (int i = 60; i < 95; i++) assertEquals(dist(x[i], b), s[i], 1e-9, "row " + i);
        for (int i = 95; i < 100; i++) assertEquals(Math.min(dist(x[i], a), dist(x[i], b)), s[i], 1e-9, "row " + i);
        // the small blob sits ~10 from both large centres: every row of it outranks every row of a large one
        double maxLarge = 0, minSmall = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 95; i++) maxLarge = Math.max(maxLarge, s[i]);
        for (int i = 95; i < 100; i++) minSmall = Math.min(minSmall, s[i]);
        assertTrue(minSmall > 20 * maxLarge, minSmall + " vs " + maxLarge);
        // new rows join their nearest centre
        assertEquals(dist(new double[] {0.5, 9}, a), m.score(new double[][] {{0.5, 9}})[0], 1e-9);
    }

    @Test
    void theSizeRatioEndsTheLargeClustersEarly() {
        // sizes 80, 15, 5 and alpha 0.99: 80 < 99 but 80 / 15 >= 5, so only the first is large
        double[][] x = blobs(80, 15, 5);
        double[] a = mean(x, 0, 80);
        ClusterBasedLof.Model m = cblof(0.99, 5, false).fit(x);
        int large = 0;
        for (int c = 0; c < 3; c++) if (m.isLarge(c)) large++;
        assertEquals(1, large);
        for (int i = 80; i < 100; i++) assertEquals(dist(x[i], a), m.trainingScores()[i], 1e-9, "row " + i);
        // with beta above the ratio the second blob is large too
        ClusterBasedLof.Model m2 = cblof(0.99, 6, false).fit(x);
        assertEquals(mean(x, 80, 95)[0], 10, 0.1);
        assertEquals(dist(x[80], mean(x, 80, 95)), m2.trainingScores()[80], 1e-9);
    }

    @Test
    void weightedScoresMultiplyByTheClusterSize() {
        double[][] x = blobs(60, 35, 5);
        double[] plain = cblof(0.9, 5, false).fit(x).trainingScores(), w = cblof(0.9, 5, true).fit(x).trainingScores();
        assertEquals(60 * plain[0], w[0], 1e-9);
        assertEquals(35 * plain[70], w[70], 1e-9);
        assertEquals(5 * plain[97], w[97], 1e-9);
    }

    @Test
    void badOptionsAndInputAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> cblof(0.5, 5, false));
        assertThrows(IllegalArgumentException.class, () -> cblof(0.9, 1, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cblof(0.9, 5, false).fit(blobs(1, 1, 0)));
        assertTrue(e.getMessage().contains("k = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Detectors.create("cblof", Map.of("weighted", "yes")));
        assertTrue(e.getMessage().contains("weighted = 'yes'"), e.getMessage());
        assertFalse(Detectors.create("cblof", Map.of("k", "2", "alpha", "0.8")).name().isEmpty());
    }
}
