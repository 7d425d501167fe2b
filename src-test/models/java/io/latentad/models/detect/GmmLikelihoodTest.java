package io.latentad.models.detect;

import io.latentad.models.cluster.GaussianMixture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GmmLikelihoodTest {
    @Test
    void scoreIsTheNegativeLogLikelihoodOfTheMixture() {
        double[][] x = TestData.blobs(300, 2, 3, 6, 8);
        GmmLikelihood.Model m = new GmmLikelihood(new GmmLikelihood.Options(GaussianMixture.Options.defaults().withK(3))).fit(x);
        double[] ll = m.mixture().logLikelihood(x);
        double[] s = m.trainingScores();
        for (int i = 0; i < s.length; i++) assertEquals(-ll[i], s[i], 0);
    }

    @Test
    void oneComponentScoreIsHalfTheMahalanobisPlusAConstant() {
        // k = 1: -log N(x) = 0.5 maha(x) + const, so score differences are half Mahalanobis differences
        double[][] x = TestData.blobs(200, 3, 1, 0, 2);
        double[] g = new GaussianDensity().fit(x).trainingScores();
        double[] s = new GmmLikelihood().fit(x).trainingScores();
        for (int i = 1; i < s.length; i++) assertEquals(0.5 * (g[i] - g[0]), s[i] - s[0], 1e-4);
    }

    @Test
    void scoreIsHigherForPointsFarFromEveryCluster() {
        double[][] x = TestData.blobs(300, 2, 3, 6, 8);
        GmmLikelihood.Model m = new GmmLikelihood().fit(x);
        double[] s = m.score(new double[][] {{80, 80}, x[1]});
        assertTrue(s[0] > s[1]);
    }

    @Test
    void rejectsKAboveN() {
        assertThrows(IllegalArgumentException.class, () -> new GmmLikelihood(
                new GmmLikelihood.Options(GaussianMixture.Options.defaults().withK(9))).fit(TestData.blobs(5, 2, 1, 0, 1)));
    }

    @Test
    void rejectsWrongWidthAtScoring() {
        GmmLikelihood.Model m = new GmmLikelihood().fit(TestData.blobs(50, 2, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> m.score(new double[][] {{1, 2, 3}}));
        assertArrayEquals(new double[0], m.score(new double[0][]));
    }
}
