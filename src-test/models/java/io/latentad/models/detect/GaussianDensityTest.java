package io.latentad.models.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussianDensityTest {
    private static final Fixture F = Fixture.load("/fixtures/detect/gaussian.json");

    @Test
    void mahalanobisMatchesScikitLearn() {
        // reference: sklearn 1.2 EmpiricalCovariance().mahalanobis (squared distances; make_detect.py)
        GaussianDensity.Model m = new GaussianDensity().fit(F.matrix("x"));
        assertTrue(TestData.maxRelErr(m.score(F.matrix("q")), F.vector("maha")) < 1e-9);
        assertTrue(TestData.maxRelErr(m.trainingScores(), F.vector("train_maha")) < 1e-9);
    }

    @Test
    void meanOfTrainingScoresIsTheDimension() {
        // with the MLE covariance, mean_i (x_i - mu)^T S^-1 (x_i - mu) = trace(S^-1 S) = d exactly
        double[] s = new GaussianDensity().fit(F.matrix("x")).trainingScores();
        double mean = 0;
        for (double v : s) mean += v / s.length;
        assertEquals(4.0, mean, 1e-9);
    }

    @Test
    void singularCovarianceStillScores() {
        double[][] x = TestData.blobs(50, 2, 1, 0, 1);
        for (double[] r : x) r[1] = 2 * r[0]; // collinear columns
        double[] s = new GaussianDensity().fit(x).score(new double[][] {{0, 0}, {1, -2}});
        assertTrue(Double.isFinite(s[0]) && s[1] > s[0]);
    }

    @Test
    void rejectsNaN() {
        assertThrows(IllegalArgumentException.class, () -> new GaussianDensity().fit(new double[][] {{1, Double.NaN}}));
    }

    @Test
    void rejectsEmptyData() {
        assertThrows(IllegalArgumentException.class, () -> new GaussianDensity().fit(new double[0][]));
    }

    @Test
    void rejectsWrongWidthAtScoring() {
        GaussianDensity.Model m = new GaussianDensity().fit(F.matrix("x"));
        assertThrows(IllegalArgumentException.class, () -> m.score(new double[][] {{1, 2}}));
    }

    @Test
    void anInfiniteCovarianceIsRefusedAtOnceNamingTheColumns() {
        // 1e300 squares to infinity; the ridge loop used to grow forever on such a covariance
        double[][] x = {{1e300, 0}, {-1e300, 1}, {0, 2}};
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> assertThrows(IllegalArgumentException.class, () -> new GaussianDensity().fit(x)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("columns 0 and 0") && e.getMessage().contains("Infinity"),
                e.getMessage());
    }
}
