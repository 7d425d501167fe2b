package io.latentad.models.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ThresholdsTest {
    @Test
    void otsuSplitsTwoGroupsBetweenThem() {
        assertEquals(3, Thresholds.otsuThreshold(new double[] {10, 1, 2, 3, 11, 12}));
        // 1, 2 | 7, 8, 9: w0 w1 (m0 - m1)^2 = 0.4 * 0.6 * 6.5^2 = 10.14 beats 1 | 2, 7, 8, 9 (0.2 * 0.8 * 5.5^2 = 4.84)
        // and 1, 2, 7 | 8, 9 (0.6 * 0.4 * 5.17^2 = 6.41)
        assertEquals(2, Thresholds.otsuThreshold(new double[] {9, 8, 7, 2, 1}));
    }

    @Test
    void otsuMatchesTheBruteForceWithinGroupVariance() {
        java.util.Random r = new java.util.Random(5);
        double[] s = new double[200];
        for (int i = 0; i < s.length; i++) s[i] = i < 150 ? r.nextGaussian() : 4 + 0.5 * r.nextGaussian();
        double t = Thresholds.otsuThreshold(s);
        double bestWithin = Double.POSITIVE_INFINITY, bestT = Double.NaN;
        for (double c : s) {
            double w = within(s, c);
            if (w < bestWithin - 1e-12) {
                bestWithin = w;
                bestT = c;
            }
        }
        assertEquals(bestT, t);
    }

    private static double within(double[] s, double cut) {
        double n0 = 0, n1 = 0, a0 = 0, a1 = 0, q0 = 0, q1 = 0;
        for (double v : s) {
            if (v <= cut) { n0++; a0 += v; q0 += v * v; } else { n1++; a1 += v; q1 += v * v; }
        }
        if (n1 == 0) return Double.POSITIVE_INFINITY;
        return (q0 - a0 * a0 / n0) + (q1 - a1 * a1 / n1);
    }

    @Test
    void otsuRefusesTooFewOrNonFiniteScores() {
        assertThrows(IllegalArgumentException.class, () -> Thresholds.otsuThreshold(new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Thresholds.otsuThreshold(new double[] {1, Double.NaN, 2}));
    }
}
