package io.latentad.engine.kernel;

import io.latentad.engine.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The checked facade: known values, row broadcasting, shape errors, null and empty inputs, NaN. */
class KernelsTest {

    private static IllegalArgumentException bad(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e);
    }

    @Test
    void theVectorKernelsAreActiveUnderTheTestJvm() {
        // surefire runs with --add-modules jdk.incubator.vector, so these tests exercise the SIMD set
        assertTrue(Kernels.simd(), Kernels.active().name());
    }

    @Test
    void elementwiseKnownValues() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {6, 5, 4, 3, 2, 1}, 2, 3);
        assertArrayEquals(new float[] {7, 7, 7, 7, 7, 7}, Kernels.add(a, b).toArray());
        assertArrayEquals(new float[] {-5, -3, -1, 1, 3, 5}, Kernels.sub(a, b).toArray());
        assertArrayEquals(new float[] {6, 10, 12, 12, 10, 6}, Kernels.mul(a, b).toArray());
        assertArrayEquals(new float[] {1f / 6, 0.4f, 0.75f, 4f / 3, 2.5f, 6}, Kernels.div(a, b).toArray(), 1e-7f);
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, Kernels.scale(2f, a).toArray());
        assertEquals(1 * 6 + 2 * 5 + 3 * 4 + 4 * 3 + 5 * 2 + 6, Kernels.dot(a, b));
        Tensor y = Tensor.of(new float[] {1, 1, 1, 1, 1, 1}, 2, 3);
        assertArrayEquals(new float[] {3, 5, 7, 9, 11, 13}, Kernels.axpy(2f, a, y).toArray());
    }

    @Test
    void unaryKnownValues() {
        Tensor x = Tensor.vector(0f, 1f, -1f, (float) Math.log(2));
        assertArrayEquals(new float[] {1f, (float) Math.E, (float) (1 / Math.E), 2f}, Kernels.exp(x).toArray(), 1e-6f);
        assertArrayEquals(new float[] {0f, 1f, 0f, (float) Math.log(2)}, Kernels.relu(x).toArray());
        assertArrayEquals(new float[] {0.5f, 0.7310586f, 0.26894143f, 2f / 3}, Kernels.sigmoid(x).toArray(), 1e-7f);
        assertArrayEquals(new float[] {0f, 0.7615942f, -0.7615942f, 0.6f}, Kernels.tanh(x).toArray(), 1e-7f);
        // softplus(ln 2) = ln(1 + 2) = ln 3
        assertArrayEquals(new float[] {(float) Math.log(2), 1.3132616f, 0.31326169f, (float) Math.log(3)},
                Kernels.softplus(x).toArray(), 1e-6f);
        assertArrayEquals(new float[] {0f, 1f, 2f}, Kernels.log(Tensor.vector(1f, (float) Math.E, (float) (Math.E * Math.E))).toArray(), 1e-6f);
    }

    @Test
    void binaryOpsBroadcastARowVectorOverEveryRow() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor row = Tensor.vector(10, 20, 30);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, Kernels.add(a, row).toArray());
        assertArrayEquals(new float[] {-9, -18, -27, -6, -15, -24}, Kernels.sub(a, row.reshape(1, 3)).toArray());
        assertArrayEquals(new float[] {10, 40, 90, 40, 100, 180}, Kernels.mul(a, row).toArray());
        Tensor out = Tensor.zeros(2, 3);
        assertSame(out, Kernels.div(a, row, out));
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f, 0.4f, 0.25f, 0.2f}, out.toArray(), 1e-7f);
    }

    @Test
    void binaryOpsWorkInPlace() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 11);
        Tensor b = Tensor.full(1f, 11);
        Kernels.add(a, b, a);
        assertArrayEquals(new float[] {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, a.toArray());
    }

    @Test
    void badShapesNameBothShapes() {
        Tensor a = Tensor.zeros(2, 3), b = Tensor.zeros(3, 2);
        IllegalArgumentException e = bad(() -> Kernels.add(a, b));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 2]"), e.getMessage());
        e = bad(() -> Kernels.mul(a, Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
        e = bad(() -> Kernels.dot(Tensor.zeros(3), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[4]"), e.getMessage());
        e = bad(() -> Kernels.axpy(1f, Tensor.zeros(3), Tensor.zeros(2, 2)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2, 2]"), e.getMessage());
        e = bad(() -> Kernels.matmul(a, a));
        assertTrue(e.getMessage().startsWith("gemm") && e.getMessage().contains("[2, 3]"), e.getMessage());
        e = bad(() -> Kernels.sqDist(Tensor.zeros(4, 2), Tensor.zeros(5, 3)));
        assertTrue(e.getMessage().contains("[4, 2]") && e.getMessage().contains("[5, 3]"), e.getMessage());
        e = bad(() -> Kernels.gemv(1f, a, false, Tensor.zeros(2), 0f, Tensor.zeros(2)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("x [2]"), e.getMessage());
        e = bad(() -> Kernels.add(a, b, Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("[3, 2]"), e.getMessage());
        e = bad(() -> Kernels.add(a, a, Tensor.zeros(6)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[6]"), e.getMessage());
        bad(() -> Kernels.rowSum(Tensor.zeros(6)));
        bad(() -> Kernels.softmaxRows(Tensor.zeros(2, 2, 2)));
    }

    @Test
    void nullInputsAreRejectedWithTheOperationName() {
        Tensor a = Tensor.zeros(2);
        assertTrue(bad(() -> Kernels.add(null, a)).getMessage().startsWith("add"));
        assertTrue(bad(() -> Kernels.add(a, null)).getMessage().startsWith("add"));
        assertTrue(bad(() -> Kernels.exp(null)).getMessage().startsWith("exp"));
        assertTrue(bad(() -> Kernels.sum(null)).getMessage().startsWith("sum"));
        assertTrue(bad(() -> Kernels.max(null)).getMessage().startsWith("max"));
        assertTrue(bad(() -> Kernels.dot(a, null)).getMessage().startsWith("dot"));
        assertTrue(bad(() -> Kernels.sqDist(null, a)).getMessage().startsWith("sqDist"));
        assertTrue(bad(() -> Kernels.rowMax(null)).getMessage().startsWith("rowMax"));
    }

    @Test
    void emptyInputs() {
        Tensor e = Tensor.zeros(0);
        assertEquals(0f, Kernels.sum(e));
        assertEquals(Float.NEGATIVE_INFINITY, Kernels.max(e));
        assertEquals(-1, Kernels.argmax(e));
        assertEquals(0, Kernels.exp(e).size());
        assertEquals(0f, Kernels.dot(e, e));
        assertThrows(IllegalArgumentException.class, () -> Kernels.mean(e));
        Tensor noCols = Tensor.zeros(3, 0);
        assertArrayEquals(new float[] {0, 0, 0}, Kernels.rowSum(noCols).toArray());
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
                Kernels.rowMax(noCols).toArray());
        assertThrows(IllegalArgumentException.class, () -> Kernels.rowMean(noCols));
        Tensor noRows = Tensor.zeros(0, 4);
        assertArrayEquals(new float[] {0, 0, 0, 0}, Kernels.colSum(noRows).toArray());
        assertThrows(IllegalArgumentException.class, () -> Kernels.colMean(noRows));
        assertArrayEquals(new int[] {0, 5}, Kernels.sqDist(noRows, Tensor.zeros(5, 4)).shape());
        assertArrayEquals(new int[] {0, 0}, Kernels.matmul(Tensor.zeros(0, 3), Tensor.zeros(3, 0)).shape());
    }

    @Test
    void sigmoidOnRawArraysInChunksOfEightGivesTheWholeTensorsBits() {
        // 7 rows of 13: chunks of 8 rows' worth of floats from the first element, in place, the last one short
        Random rnd = new Random(4);
        float[] v = new float[7 * 13];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rnd.nextGaussian() * 6);
        float[] whole = Kernels.sigmoid(Tensor.of(v.clone(), 7, 13)).toArray();
        float[] pad = new float[v.length + 3];
        System.arraycopy(v, 0, pad, 3, v.length);
        for (int o = 0; o < v.length; o += 2 * 8) Kernels.sigmoid(Math.min(16, v.length - o), pad, 3 + o, pad, 3 + o);
        assertArrayEquals(whole, Arrays.copyOfRange(pad, 3, pad.length));
        float[] out = new float[4];
        assertThrows(IllegalArgumentException.class, () -> Kernels.sigmoid(5, v, 0, out, 0));
        assertThrows(IllegalArgumentException.class, () -> Kernels.sigmoid(4, v, v.length - 3, out, 0));
    }

    @Test
    void nanPropagatesThroughMaxReluArgmaxAndSums() {
        Tensor x = Tensor.vector(1f, 5f, Float.NaN, 9f, 2f, 3f, 4f, 6f, 7f, Float.NaN, 0f);
        assertTrue(Float.isNaN(Kernels.max(x)));
        assertEquals(2, Kernels.argmax(x));
        assertTrue(Float.isNaN(Kernels.sum(x)));
        float[] r = Kernels.relu(x).toArray();
        assertTrue(Float.isNaN(r[2]) && Float.isNaN(r[9]));
        assertTrue(Float.isNaN(Kernels.exp(x).toArray()[2]));
        assertTrue(Float.isNaN(Kernels.sigmoid(x).toArray()[9]));
        Tensor m = Tensor.of(new float[] {1, Float.NaN, 3, 4}, 2, 2);
        assertTrue(Float.isNaN(Kernels.rowMax(m).toArray()[0]));
        assertEquals(4f, Kernels.rowMax(m).toArray()[1]);
        assertTrue(Float.isNaN(Kernels.colMax(m).toArray()[1]));
        assertArrayEquals(new int[] {1, 1}, Kernels.rowArgmax(m));
    }

    @Test
    void reductionsKnownValues() {
        Tensor m = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(21f, Kernels.sum(m));
        assertEquals(3.5f, Kernels.mean(m));
        assertEquals(6f, Kernels.max(m));
        assertEquals(5, Kernels.argmax(m));
        assertArrayEquals(new float[] {6, 15}, Kernels.rowSum(m).toArray());
        assertArrayEquals(new float[] {5, 7, 9}, Kernels.colSum(m).toArray());
        assertArrayEquals(new float[] {2, 5}, Kernels.rowMean(m).toArray());
        assertArrayEquals(new float[] {2.5f, 3.5f, 4.5f}, Kernels.colMean(m).toArray());
        assertArrayEquals(new float[] {3, 6}, Kernels.rowMax(m).toArray());
        assertArrayEquals(new float[] {4, 5, 6}, Kernels.colMax(m).toArray());
        assertArrayEquals(new int[] {2, 2}, Kernels.rowArgmax(m));
    }

    @Test
    void softmaxKnownValuesAndStabilityForHugeLogits() {
        // softmax(0, ln 2) = (1/3, 2/3); a shift by 1000 must not overflow
        Tensor x = Tensor.of(new float[] {0f, (float) Math.log(2), 1000f, 1000f + (float) Math.log(2)}, 2, 2);
        assertArrayEquals(new float[] {1f / 3, 2f / 3, 1f / 3, 2f / 3}, Kernels.softmaxRows(x).toArray(), 1e-4f);
        float[] ls = Kernels.logSoftmaxRows(x).toArray();
        assertEquals(Math.log(1.0 / 3), ls[0], 1e-6);
        assertEquals(Math.log(2.0 / 3), ls[1], 1e-6);
        assertEquals(Math.log(1.0 / 3), ls[2], 1e-4);
        Tensor wide = Tensor.normal(3L, 0f, 5f, 4, 37);
        float[] rs = Kernels.rowSum(Kernels.softmaxRows(wide)).toArray();
        for (float s : rs) assertEquals(1f, s, 1e-6f);
    }

    @Test
    void gemvAndMatmulKnownValues() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor y = Kernels.gemv(1f, a, false, Tensor.vector(1, 0, -1), 0f, Tensor.zeros(2));
        assertArrayEquals(new float[] {-2, -2}, y.toArray());
        Tensor yt = Kernels.gemv(2f, a, true, Tensor.vector(1, 1), 1f, Tensor.vector(1, 1, 1));
        assertArrayEquals(new float[] {11, 15, 19}, yt.toArray());
        Tensor c = Kernels.matmul(a, false, a, true); // a a^T
        assertArrayEquals(new float[] {14, 32, 32, 77}, c.toArray());
    }

    @Test
    void sqDistKnownValues() {
        Tensor a = Tensor.of(new float[] {0, 0, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new float[] {0, 0, 1, 1, 3, 4}, 3, 2);
        assertArrayEquals(new float[] {0, 2, 25, 25, 13, 0}, Kernels.sqDist(a, b).toArray());
    }
}
