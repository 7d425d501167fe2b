package io.latentad.metrics.emmv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentad.engine.random.Rng;
import org.junit.jupiter.api.Test;

class BoundingBoxTest {
    @Test
    void volumeSkipsConstantFeatures() {
        double[][] x = {{0, 5, 1}, {2, 5, 4}, {1, 5, 2}};
        BoundingBox b = BoundingBox.of(x);
        assertEquals(6.0, b.volume(), 0.0);
        assertArrayEquals(new int[] {0, 2}, b.varyingFeatures());
    }

    @Test
    void samplesLieInTheBoxAndHoldConstants() {
        double[][] x = {{-1, 5, 1}, {2, 5, 4}};
        double[][] u = BoundingBox.of(x).sample(1000, new Rng(1));
        for (double[] r : u) {
            assertTrue(r[0] >= -1 && r[0] <= 2);
            assertEquals(5.0, r[1], 0.0);
            assertTrue(r[2] >= 1 && r[2] <= 4);
        }
    }

    @Test
    void rejectsAPointBoxAndRaggedData() {
        assertThrows(IllegalArgumentException.class, () -> BoundingBox.of(new double[][] {{1, 2}, {1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> BoundingBox.of(new double[][] {{1, 2}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> BoundingBox.of(new double[][] {{1, Double.NaN}, {1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> BoundingBox.of(new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> BoundingBox.of(new double[][] {{0}, {1}}).sample(0, new Rng(1)));
    }
}
