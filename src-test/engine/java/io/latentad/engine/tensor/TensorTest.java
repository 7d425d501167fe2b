package io.latentad.engine.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TensorTest {
    @Test
    void reshapeIsAViewAndInfersMinusOne() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor r = t.reshape(3, -1);
        assertArrayEquals(new int[] {3, 2}, r.shape());
        r.set(9f, 2, 1);
        assertEquals(9f, t.get(1, 2));
    }

    @Test
    void transposeOfMatrixAndBatch() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.transpose().toArray());
        Tensor b = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
        assertArrayEquals(new float[] {1, 3, 2, 4, 5, 7, 6, 8}, b.transpose().toArray());
    }

    @Test
    void sliceRowsSharesStorage() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Tensor s = t.sliceRows(1, 3);
        assertArrayEquals(new float[] {3, 4, 5, 6}, s.toArray());
        s.set(0f, 0, 0);
        assertEquals(0f, t.get(1, 0));
        assertArrayEquals(new float[] {5, 6}, t.row(2).toArray());
        assertArrayEquals(new float[] {5, 6, 1, 2}, t.gatherRows(new int[] {2, 0}).toArray());
    }

    @Test
    void seededFactoriesRepeat() {
        assertArrayEquals(Tensor.normal(7, 0, 1, 5, 3).toArray(), Tensor.normal(7, 0, 1, 5, 3).toArray());
        assertArrayEquals(Tensor.uniform(7, -1, 1, 9).toArray(), Tensor.uniform(7, -1, 1, 9).toArray());
        float[] u = Tensor.uniform(3, 2, 5, 1000).toArray();
        for (float v : u) assertTrue(v >= 2 && v < 5);
    }

    @Test
    void normalFactoryHasTheRequestedMoments() {
        float[] v = Tensor.normal(11, 3f, 2f, 20000).toArray();
        double s = 0, ss = 0;
        for (float x : v) { s += x; ss += x * x; }
        double mean = s / v.length, var = ss / v.length - mean * mean;
        assertEquals(3.0, mean, 0.05);
        assertEquals(4.0, var, 0.15);
    }

    @Test
    void badShapesNameBothShapes() {
        Tensor t = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.reshape(4, 2));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> t.sliceRows(1, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.matrix(new float[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).transpose());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).copyFrom(Tensor.zeros(3, 2)));
        assertTrue(c.getMessage().contains("[2, 3]") && c.getMessage().contains("[3, 2]"), c.getMessage());
    }

    @Test
    void emptyAndScalarTensors() {
        assertEquals(0, Tensor.zeros(0, 4).size());
        assertEquals(4, Tensor.zeros(0, 4).cols());
        assertEquals(1, Tensor.scalar(2f).size());
        assertEquals(2f, Tensor.scalar(2f).get());
    }
}
