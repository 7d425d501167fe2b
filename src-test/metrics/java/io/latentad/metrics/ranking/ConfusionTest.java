package io.latentad.metrics.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfusionTest {
    private static final double[] S = {0.1, 0.4, 0.35, 0.8, 0.9, 0.2, 0.7, 0.05, 0.6, 0.3};
    private static final int[] Y = {0, 0, 1, 1, 1, 0, 0, 0, 1, 0};

    @Test
    void countsAtAThresholdIncludeEqualScores() {
        Confusion c = Confusion.atThreshold(S, Y, 0.6);
        // flagged: 0.8, 0.9, 0.7, 0.6 -> tp 3 (0.8, 0.9, 0.6), fp 1 (0.7); fn 1 (0.35)
        assertEquals(new Confusion(3, 1, 1, 5), c);
        assertEquals(0.75, c.precision(), 0.0);
        assertEquals(0.75, c.recall(), 0.0);
        assertEquals(0.75, c.f1(), 0.0);
    }

    @Test
    void contaminationUsesTheInterpolatedQuantileStrictly() {
        // q(0.7) of the 10 sorted scores: pos 6.3 between 0.6 and 0.7 -> 0.63 (numpy.percentile(S, 70));
        // flagged > 0.63: 0.7 (normal), 0.8, 0.9 (anomalies)
        assertEquals(0.63, Confusion.quantileThreshold(S, 0.3), 1e-15);
        Confusion c = Confusion.atContamination(S, Y, 0.3);
        assertEquals(new Confusion(2, 1, 2, 5), c);
    }

    @Test
    void zeroDenominatorsGiveZero() {
        Confusion c = Confusion.atThreshold(S, Y, 5.0);
        assertEquals(0.0, c.precision());
        assertEquals(0.0, c.f1());
        Confusion none = Confusion.atThreshold(new double[] {1}, new int[] {0}, 5.0);
        assertEquals(0.0, none.recall());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Confusion.atContamination(S, Y, 0.0));
        assertThrows(IllegalArgumentException.class, () -> Confusion.atContamination(S, Y, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Confusion.atThreshold(S, Y, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Confusion.atThreshold(S, new int[] {1}, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> Confusion.atThreshold(new double[] {Double.NaN}, new int[] {1}, 0.5));
    }
}
