package io.latentad.models.detect;

import io.latentad.engine.kernel.Parallel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsolationForestTest {
    private static final Fixture F = Fixture.load("/fixtures/detect/iforest.json");

    @Test
    void rocAucIsWithinOneHundredthOfScikitLearn() {
        // reference: mean ROC-AUC of sklearn 1.2 IsolationForest(random_state=0..4) (make_detect.py)
        double[][] x = F.matrix("x");
        int[] y = F.ints("y");
        double mean = 0;
        for (int s = 0; s < 5; s++) {
            double[] sc = new IsolationForest(new IsolationForest.Options(100, 256, s)).fit(x).trainingScores();
            mean += TestData.auc(sc, y) / 5;
        }
        assertEquals(F.number("auc_mean"), mean, 0.01);
    }

    @Test
    void averagePathLengthFollowsThePaper() {
        // c(256) = 2 (ln 255 + 0.5772156649) - 2 * 255 / 256 = 10.244770...
        assertEquals(2 * (Math.log(255) + 0.5772156649015329) - 2 * 255.0 / 256, IsolationTree.averagePathLength(256), 1e-12);
        assertEquals(1.0, IsolationTree.averagePathLength(2));
        assertEquals(0.0, IsolationTree.averagePathLength(1));
    }

    @Test
    void scoreIsHigherForPointsFarFromEveryCluster() {
        double[][] x = TestData.blobs(500, 2, 3, 5, 2);
        IsolationForest.Model m = new IsolationForest().fit(x);
        double[] s = m.score(new double[][] {{60, -60}, x[0]});
        assertTrue(s[0] > 0.6 && s[0] > s[1], s[0] + " vs " + s[1]);
    }

    @Test
    void sameSeedGivesSameScoresForAnyThreadCount() {
        double[][] x = TestData.blobs(900, 3, 3, 5, 4);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            double[] a = new IsolationForest().fit(x).trainingScores();
            Parallel.setThreads(3);
            double[] b = new IsolationForest().fit(x).trainingScores();
            assertArrayEquals(a, b, 0);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void constantDataGivesEqualScores() {
        double[][] x = new double[40][];
        for (int i = 0; i < 40; i++) x[i] = new double[] {1, 2};
        double[] s = new IsolationForest().fit(x).trainingScores();
        for (double v : s) assertEquals(s[0], v);
    }

    @Test
    void rejectsFewerThanTwoSamples() {
        assertThrows(IllegalArgumentException.class, () -> new IsolationForest.Options(100, 1, 0));
    }

    @Test
    void rejectsZeroTrees() {
        assertThrows(IllegalArgumentException.class, () -> new IsolationForest.Options(0, 256, 0));
    }

    @Test
    void rejectsInfinity() {
        assertThrows(IllegalArgumentException.class,
                () -> new IsolationForest().fit(new double[][] {{1, 2}, {Double.NEGATIVE_INFINITY, 0}}));
    }

    @Test
    void rejectsEmptyData() {
        assertThrows(IllegalArgumentException.class, () -> new IsolationForest().fit(new double[0][]));
    }

    @Test
    void rejectsWrongWidthAtScoring() {
        IsolationForest.Model m = new IsolationForest().fit(TestData.blobs(50, 2, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> m.score(new double[][] {{1, 2, 3}}));
    }
}
