package io.latentad.metrics.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentad.engine.random.Rng;
import org.junit.jupiter.api.Test;

class BestF1Test {
    @Test
    void bestThresholdOfASmallRanking() {
        double[] s = {0.9, 0.8, 0.7, 0.6, 0.1};
        int[] y = {1, 0, 1, 1, 0};
        // cuts: 0.9 -> F1 2/(2+0+2)=0.5; 0.8 -> 2/(2+1+2)=0.4; 0.7 -> 4/(4+1+1)=2/3; 0.6 -> 6/(6+1)=6/7
        BestF1 b = BestF1.of(s, y);
        assertEquals(0.6, b.threshold(), 0.0);
        assertEquals(6.0 / 7, b.f1(), 1e-15);
        assertEquals(0.75, b.precision(), 0.0);
        assertEquals(1.0, b.recall(), 0.0);
    }

    @Test
    void bestF1IsAtLeastTheF1OfEveryThreshold() {
        Rng rng = new Rng(3);
        double[] s = new double[300];
        int[] y = new int[300];
        for (int i = 0; i < s.length; i++) {
            y[i] = rng.nextDouble() < 0.15 ? 1 : 0;
            s[i] = Math.round((rng.nextGaussian() + y[i]) * 4) / 4.0;
        }
        BestF1 b = BestF1.of(s, y);
        assertEquals(Confusion.atThreshold(s, y, b.threshold()).f1(), b.f1(), 1e-15);
        for (double t : s) assertTrue(Confusion.atThreshold(s, y, t).f1() <= b.f1() + 1e-15);
    }

    @Test
    void rejectsLabelsWithoutAnomalies() {
        assertThrows(IllegalArgumentException.class, () -> BestF1.of(new double[] {1, 2}, new int[] {0, 0}));
    }
}
