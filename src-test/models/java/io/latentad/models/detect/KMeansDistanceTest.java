package io.latentad.models.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KMeansDistanceTest {
    @Test
    void scoreIsTheDistanceToTheNearestCentroid() {
        // two clusters with centroids (0, 1) and (10, 11): (3, 5) is 5 from the first
        double[][] x = {{0, 0}, {0, 2}, {10, 10}, {10, 12}};
        KMeansDistance.Model m = new KMeansDistance(new KMeansDistance.Options(
                io.latentad.models.cluster.KMeans.Options.defaults().withK(2))).fit(x);
        assertArrayEquals(new double[] {5}, m.score(new double[][] {{3, 5}}), 1e-12);
        assertArrayEquals(new double[] {1, 1, 1, 1}, m.trainingScores(), 1e-12);
    }

    @Test
    void scoreIsHigherForPointsFarFromEveryCluster() {
        double[][] x = TestData.blobs(400, 2, 4, 6, 3);
        KMeansDistance.Model m = new KMeansDistance().fit(x);
        double[] s = m.score(new double[][] {{50, 50}, x[0]});
        assertTrue(s[0] > s[1]);
    }

    @Test
    void thresholdFlagsTheRequestedShareOfTrainingRows() {
        double[][] x = TestData.blobs(1000, 2, 4, 6, 3);
        KMeansDistance.Model m = new KMeansDistance().fit(x);
        int flagged = 0;
        for (int v : m.predict(x, 0.05)) flagged += v;
        assertEquals(50, flagged, 1);
    }

    @Test
    void rejectsKAboveN() {
        assertThrows(IllegalArgumentException.class, () -> new KMeansDistance().fit(TestData.blobs(5, 2, 1, 0, 1)));
    }

    @Test
    void rejectsBadContamination() {
        KMeansDistance.Model m = new KMeansDistance().fit(TestData.blobs(50, 2, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> m.threshold(0.7));
    }

    @Test
    void rejectsWrongWidthAtScoring() {
        KMeansDistance.Model m = new KMeansDistance().fit(TestData.blobs(50, 2, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> m.score(new double[][] {{1}}));
    }
}
