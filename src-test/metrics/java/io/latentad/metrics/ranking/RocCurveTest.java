package io.latentad.metrics.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentad.metrics.SklearnFixture;
import org.junit.jupiter.api.Test;

class RocCurveTest {
    @Test
    void aucMatchesScikitLearnOnRandomAndTiedFixtures() {
        int checked = 0;
        for (SklearnFixture.Case c : SklearnFixture.cases("ranking")) {
            if (!c.has("roc_auc")) continue;
            assertEquals(c.value("roc_auc"), RocCurve.auc(c.doubles("scores"), c.ints("labels")), 1e-12, c.name());
            checked++;
        }
        assertEquals(7, checked);
    }

    @Test
    void tiesCountOneHalf() {
        // one anomaly tied with one normal, one normal below: pairs (a>n2)=1, (a~n1)=1/2 -> 0.75
        double[] s = {1, 1, 0};
        int[] y = {1, 0, 0};
        RocCurve r = RocCurve.of(s, y);
        assertEquals(0.75, r.auc(), 0.0);
        assertArrayEquals(new double[] {0, 0.5, 1}, r.falsePositiveRate(), 0.0);
        assertArrayEquals(new double[] {0, 1, 1}, r.truePositiveRate(), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, r.thresholds()[0]);
    }

    @Test
    void aucDoesNotDependOnRowOrderWithinTies() {
        double[] s = {2, 2, 2, 1, 1, 0};
        int[] y = {1, 0, 0, 1, 0, 0};
        double[] s2 = {2, 2, 2, 1, 1, 0};
        int[] y2 = {0, 0, 1, 0, 1, 0};
        assertEquals(RocCurve.auc(s, y), RocCurve.auc(s2, y2), 0.0);
    }

    @Test
    void perfectAndInvertedRankings() {
        double[] s = {0.1, 0.2, 0.9, 0.8};
        int[] y = {0, 0, 1, 1};
        assertEquals(1.0, RocCurve.auc(s, y), 0.0);
        assertEquals(0.0, RocCurve.auc(new double[] {0.9, 0.8, 0.1, 0.2}, y), 0.0);
        assertTrue(RocCurve.of(s, y).falsePositiveRate().length == 5);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> RocCurve.auc(new double[] {1, 2}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RocCurve.auc(new double[] {1, Double.NaN}, new int[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> RocCurve.auc(new double[] {1, 2}, new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> RocCurve.auc(new double[] {1, 2}, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> RocCurve.auc(new double[] {1, 2}, new int[] {0, 2}));
        assertThrows(IllegalArgumentException.class, () -> RocCurve.auc(new double[0], new int[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocCurve.auc(new double[] {1, 2, 3}, new int[] {1, 1, 1}));
        assertTrue(e.getMessage().contains("both"), e.getMessage());
    }
}
