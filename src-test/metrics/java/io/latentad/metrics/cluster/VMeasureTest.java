package io.latentad.metrics.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latentad.metrics.SklearnFixture;
import org.junit.jupiter.api.Test;

class VMeasureTest {
    private static final double TOL = 1e-12;

    @Test
    void matchesScikitLearnOnEveryFixtureCase() {
        int checked = 0;
        for (SklearnFixture.Case c : SklearnFixture.cases("cluster")) {
            int[] truth = c.ints("truth");
            int[] pred = c.ints("pred");
            for (String[] b : c.all("beta")) {
                double beta = Double.parseDouble(b[0]);
                VMeasure.Scores s = VMeasure.scores(truth, pred, beta);
                assertEquals(Double.parseDouble(b[1]), s.homogeneity(), TOL, c.name() + " homogeneity");
                assertEquals(Double.parseDouble(b[2]), s.completeness(), TOL, c.name() + " completeness");
                assertEquals(Double.parseDouble(b[3]), s.vMeasure(), TOL, c.name() + " V beta=" + beta);
                checked++;
            }
        }
        assertEquals(36, checked, "12 cases x 3 betas");
    }

    @Test
    void handComputedTwoByTwo() {
        // classes {0,0,1,1}, clusters {0,0,0,1}: H(C) = ln 2, H(C|K) = 3/4 * H(2/3, 1/3),
        // so h = 1 - 0.75 * (ln 3 - 2/3 ln 2) / ln 2
        int[] c = {0, 0, 1, 1};
        int[] k = {0, 0, 0, 1};
        double hcGivenK = 0.75 * (Math.log(3) - (2.0 / 3) * Math.log(2));
        assertEquals(1 - hcGivenK / Math.log(2), VMeasure.homogeneity(c, k), 1e-15);
    }

    @Test
    void emptyInputScoresOneAsScikitLearn() {
        VMeasure.Scores s = VMeasure.scores(new int[0], new int[0], 1.0);
        assertEquals(1.0, s.homogeneity());
        assertEquals(1.0, s.completeness());
        assertEquals(1.0, s.vMeasure());
    }

    @Test
    void labelNumberingDoesNotMatter() {
        int[] c = {0, 1, 2, 0, 1, 2, 2, 1};
        int[] k = {5, 5, 9, 5, 7, 9, 9, 5};
        int[] k2 = {-1, -1, 40, -1, 3, 40, 40, -1};
        assertEquals(VMeasure.vMeasure(c, k), VMeasure.vMeasure(c, k2), 0.0);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> VMeasure.vMeasure(new int[] {1, 2}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> VMeasure.vMeasure(null, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> VMeasure.vMeasure(new int[] {1}, new int[] {1}, 0.0));
        assertThrows(IllegalArgumentException.class, () -> VMeasure.vMeasure(new int[] {1}, new int[] {1}, Double.NaN));
    }
}
