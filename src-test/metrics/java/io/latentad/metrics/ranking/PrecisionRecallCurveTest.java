package io.latentad.metrics.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latentad.metrics.SklearnFixture;
import org.junit.jupiter.api.Test;

class PrecisionRecallCurveTest {
    @Test
    void averagePrecisionMatchesScikitLearnOnRandomAndTiedFixtures() {
        int checked = 0;
        for (SklearnFixture.Case c : SklearnFixture.cases("ranking")) {
            assertEquals(c.value("ap"), PrecisionRecallCurve.averagePrecision(c.doubles("scores"), c.ints("labels")),
                    1e-12, c.name());
            checked++;
        }
        assertEquals(8, checked);
    }

    @Test
    void handComputedStepIntegral() {
        // ranking: a(0.9) n(0.8) a(0.7) n(0.1): P at recall 1/2 is 1, at recall 1 is 2/3 -> AP = 5/6
        double[] s = {0.9, 0.8, 0.7, 0.1};
        int[] y = {1, 0, 1, 0};
        PrecisionRecallCurve c = PrecisionRecallCurve.of(s, y);
        assertEquals(5.0 / 6, c.averagePrecision(), 1e-15);
        assertArrayEquals(new double[] {1, 0.5, 2.0 / 3, 0.5}, c.precision(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5, 1, 1}, c.recall(), 0.0);
    }

    @Test
    void tiedGroupEntersTogether() {
        // all scores equal: one point, precision = anomaly rate
        PrecisionRecallCurve c = PrecisionRecallCurve.of(new double[] {3, 3, 3, 3}, new int[] {1, 0, 0, 0});
        assertEquals(1, c.precision().length);
        assertEquals(0.25, c.averagePrecision(), 0.0);
    }

    @Test
    void rejectsLabelsWithoutAnomalies() {
        assertThrows(IllegalArgumentException.class,
                () -> PrecisionRecallCurve.averagePrecision(new double[] {1, 2}, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> PrecisionRecallCurve.averagePrecision(new double[] {1, Double.POSITIVE_INFINITY}, new int[] {0, 1}));
    }
}
