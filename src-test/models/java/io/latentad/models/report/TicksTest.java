package io.latentad.models.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TicksTest {
    @Test
    void niceTicksAreOneTwoOrFiveTimesAPowerOfTen() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, Ticks.of(0, 1, 6), 1e-12);
        assertArrayEquals(new double[] {-10, -5, 0, 5, 10}, Ticks.of(-12, 13, 6), 1e-12);
        assertEquals(0.05, Ticks.step(0, 0.27, 6), 1e-15);
        assertEquals("0.40", Ticks.label(0.4, 0.05));
        assertEquals("-5", Ticks.label(-5, 5));
        assertEquals("0", Ticks.label(0, 5));
    }

    @Test
    void aDegenerateRangeIsWidened() {
        double[] t = Ticks.of(3, 3, 5);
        assertEquals(true, t.length >= 2 && t[0] <= 3 && t[t.length - 1] >= 3);
    }
}
