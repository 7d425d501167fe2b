package io.latentad.models.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusteredIsolationForestTest {
    @Test
    void aPointBetweenTwoTightClustersStandsOut() {
        // two tight clusters far apart: the midpoint looks ordinary to one global forest's range
        // cuts less than to the forest of its nearest cluster
        double[][] x = TestData.blobs(600, 2, 2, 30, 4);
        ClusteredIsolationForest det = new ClusteredIsolationForest(
                new ClusteredIsolationForest.Options(2, IsolationForest.Options.defaults()));
        ClusteredIsolationForest.Model m = det.fit(x);
        assertEquals(2, m.clusters());
        double[] s = m.score(new double[][] {x[0], {x[0][0] + 6, x[0][1] + 6}});
        assertTrue(s[1] > s[0] && s[1] > 0.6, s[0] + " " + s[1]);
    }

    @Test
    void givenLabelsChooseTheForests() {
        double[][] x = TestData.blobs(300, 2, 3, 20, 6);
        int[] labels = new int[300];
        for (int i = 0; i < 300; i++) labels[i] = i % 3; // blobs() assigns row i to centre i % 3
        ClusteredIsolationForest.Model m = new ClusteredIsolationForest(ClusteredIsolationForest.Options.defaults()).fit(x, labels);
        assertEquals(3, m.clusters());
    }

    @Test
    void rejectsAnUnusedLabel() {
        double[][] x = TestData.blobs(10, 2, 1, 0, 6);
        int[] labels = new int[10];
        labels[0] = 2;
        assertThrows(IllegalArgumentException.class,
                () -> new ClusteredIsolationForest(ClusteredIsolationForest.Options.defaults()).fit(x, labels));
    }

    @Test
    void rejectsMoreClustersThanRows() {
        assertThrows(IllegalArgumentException.class,
                () -> new ClusteredIsolationForest(ClusteredIsolationForest.Options.defaults()).fit(TestData.blobs(5, 2, 1, 0, 1)));
    }
}
