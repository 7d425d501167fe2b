package io.latentad.metrics.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PrecisionAtNTest {
    @Test
    void topNWithoutTies() {
        double[] s = {0.9, 0.1, 0.8, 0.3, 0.7};
        int[] y = {1, 0, 0, 1, 1};
        assertEquals(1.0, PrecisionAtN.of(s, y, 1), 0.0);
        assertEquals(0.5, PrecisionAtN.of(s, y, 2), 0.0);
        assertEquals(2.0 / 3, PrecisionAtN.of(s, y, 3), 1e-15);
        assertEquals(2.0 / 3, PrecisionAtN.rPrecision(s, y), 1e-15);
    }

    @Test
    void tiesAtTheCutAreSharedInExpectation() {
        // top 2 of {5, 3, 3, 3}: 5 (anomaly) plus one of three tied rows, one of which is an anomaly
        double[] s = {5, 3, 3, 3};
        int[] y = {1, 1, 0, 0};
        assertEquals((1 + 1.0 / 3) / 2, PrecisionAtN.of(s, y, 2), 1e-15);
        assertEquals(0.5, PrecisionAtN.of(new double[] {1, 1, 1, 1}, y, 3), 1e-15);
    }

    @Test
    void rejectsBadN() {
        assertThrows(IllegalArgumentException.class, () -> PrecisionAtN.of(new double[] {1}, new int[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> PrecisionAtN.of(new double[] {1}, new int[] {1}, 2));
        assertThrows(IllegalArgumentException.class, () -> PrecisionAtN.rPrecision(new double[] {1}, new int[] {0}));
    }
}
