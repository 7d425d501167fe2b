package io.latentad.metrics.balance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AnomalyBalanceTest {
    @Test
    void handComputedShares() {
        // classes 7 (6 rows), 9 (2 rows); flagged: two of class 9, one of class 7
        int[] cls = {7, 7, 7, 7, 7, 7, 9, 9};
        int[] flags = {1, 0, 0, 0, 0, 0, 1, 1};
        AnomalyBalance b = AnomalyBalance.of(cls, flags);
        assertArrayEquals(new int[] {7, 9}, b.classes());
        assertArrayEquals(new double[] {0.75, 0.25}, b.classShare(), 0.0);
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3}, b.flaggedShare(), 1e-15);
        assertEquals(3, b.flagged());
        double d = 0.75 - 1.0 / 3;
        assertEquals(Math.sqrt((d * d + d * d) / 2), b.rmse(), 1e-15);
    }

    @Test
    void flaggingInProportionToTheClassesIsPerfectlyBalanced() {
        int[] cls = {0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2};
        int[] flags = {1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0};
        assertEquals(0.0, AnomalyBalance.of(cls, flags).rmse(), 1e-15);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> AnomalyBalance.of(new int[] {1, 2}, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> AnomalyBalance.of(new int[] {1, 2}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> AnomalyBalance.of(new int[] {1, 2}, new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> AnomalyBalance.of(null, new int[] {1}));
    }
}
