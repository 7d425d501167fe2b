package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.KernelSet;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.ScalarKernels;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Vector API LSTM kernels against their scalar twins on hidden sizes around the lane count,
 * at non-zero offsets, with nothing written outside their rows; the recurrent product computes
 * each row the same whatever the row split.
 */
class VectorLstmTest {
    private static final KernelSet V = VectorKernels.INSTANCE;
    private static final KernelSet S = ScalarKernels.INSTANCE;
    private static final int[] HIDDEN = {1, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65};
    private static final int[] ROWS = {1, 3, 7};
    private static final int OFF = 5;

    private static float[] data(SplittableRandom r, int n, double scale) {
        float[] x = new float[n + 2 * OFF];
        for (int i = 0; i < x.length; i++) x[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        return x;
    }

    /** Forward: same activations, c, tanh(c), h to a few float ulps (the twins' sigmoid and tanh differ by 1-2 ulps). */
    @Test
    void cellForwardMatchesScalarTwin() {
        SplittableRandom r = new SplittableRandom(1);
        for (int h : HIDDEN) {
            for (int rows : ROWS) {
                int n = rows * h;
                float[] gates = data(r, 4 * n, 6), cPrev = data(r, n, 2);
                float[] gv = gates.clone(), gs = gates.clone();
                float[][] v = {new float[n + 2 * OFF], new float[n + 2 * OFF], new float[n + 2 * OFF]};
                float[][] s = {new float[n + 2 * OFF], new float[n + 2 * OFF], new float[n + 2 * OFF]};
                V.lstmCellForward(rows, h, gv, OFF, cPrev, OFF, v[0], OFF, v[1], OFF, v[2], OFF);
                S.lstmCellForward(rows, h, gs, OFF, cPrev, OFF, s[0], OFF, s[1], OFF, s[2], OFF);
                String at = "hidden " + h + ", rows " + rows;
                close(at + " gates", gs, gv, 4 * n, 3e-7);
                for (int k = 0; k < 3; k++) close(at + " output " + k, s[k], v[k], n, 6e-7);
                for (int k = 0; k < 3; k++) untouched(at, v[k], n);
                untouched(at, gv, 4 * n, gates);
            }
        }
    }

    /** Backward: no transcendentals, the same operations in the same order: bit-identical. */
    @Test
    void cellBackwardIsBitIdenticalToScalarTwin() {
        SplittableRandom r = new SplittableRandom(2);
        for (int h : HIDDEN) {
            for (int rows : ROWS) {
                int n = rows * h;
                float[] gates = data(r, 4 * n, 1), cPrev = data(r, n, 2), tc = data(r, n, 1), dh = data(r, n, 1), dc = data(r, n, 1);
                float[] gv = gates.clone(), gs = gates.clone(), dcv = dc.clone(), dcs = dc.clone();
                V.lstmCellBackward(rows, h, gv, OFF, cPrev, OFF, tc, OFF, dh, OFF, dcv, OFF);
                S.lstmCellBackward(rows, h, gs, OFF, cPrev, OFF, tc, OFF, dh, OFF, dcs, OFF);
                assertArrayEquals(gs, gv, "gate gradients, hidden " + h + ", rows " + rows);
                assertArrayEquals(dcs, dcv, "dc, hidden " + h + ", rows " + rows);
                untouched("hidden " + h, gv, 4 * n, gates);
            }
        }
    }

    @Test
    void recurrentProductMatchesScalarTwinInBothForms() {
        SplittableRandom r = new SplittableRandom(3);
        for (int h : HIDDEN) {
            for (boolean trans : new boolean[] {true, false}) {
                // forward: k = H, n = 4H, op(W) = W_hh^T; backward: k = 4H, n = H, op(W) = W_hh
                for (int rows : new int[] {13, 32}) { // 32: the tiles of six and four rows
                    int k = trans ? h : 4 * h, n = trans ? 4 * h : h;
                    float[] w = data(r, 4 * h * h, 1), a = data(r, rows * k, 1), c = data(r, rows * n, 1);
                    float[] pv = new float[V.lstmPackedSize(k, n) + 3], ps = new float[S.lstmPackedSize(k, n) + 3];
                    V.lstmPack(trans, k, n, w, OFF, h, pv, 3);
                    S.lstmPack(trans, k, n, w, OFF, h, ps, 3);
                    float[] cv = c.clone(), cs = c.clone();
                    V.lstmGemm(rows, k, n, a, OFF, k, pv, 3, cv, OFF, n);
                    S.lstmGemm(rows, k, n, a, OFF, k, ps, 3, cs, OFF, n);
                    double tol = 4 * k * 0x1p-24; // |a|, |w| <= 1: sum of k products
                    close("gemm hidden " + h + (trans ? " W^T" : " W"), cs, cv, rows * n, tol);
                    untouched("gemm", cv, rows * n, c);
                }
            }
        }
    }

    @Test
    void narrowProductGivesTheBitsOfTheWideTile() {
        // C at most one vector wide (the input gradient dgates W_ih) runs its own tile: each element must be
        // the same FMA chain as in the wide tiles, so the first columns of a wide product give the reference
        SplittableRandom r = new SplittableRandom(5);
        int k = 37, wide = 40;
        for (int n : new int[] {1, 5, 8}) {
            for (int rows : new int[] {1, 5, 6, 13, 32}) {
                float[] w = data(r, k * wide, 1), a = data(r, rows * k, 1), c = data(r, rows * wide, 1);
                float[] wn = new float[k * n], cn = new float[rows * n];
                for (int p = 0; p < k; p++) System.arraycopy(w, p * wide, wn, p * n, n);
                for (int i = 0; i < rows; i++) System.arraycopy(c, i * wide, cn, i * n, n);
                float[] pw = new float[V.lstmPackedSize(k, wide)], pn = new float[V.lstmPackedSize(k, n)];
                V.lstmPack(false, k, wide, w, 0, wide, pw, 0);
                V.lstmPack(false, k, n, wn, 0, n, pn, 0);
                V.lstmGemm(rows, k, wide, a, 0, k, pw, 0, c, 0, wide);
                V.lstmGemm(rows, k, n, a, 0, k, pn, 0, cn, 0, n);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(Float.floatToIntBits(c[i * wide + j]), Float.floatToIntBits(cn[i * n + j]),
                                "n " + n + ", rows " + rows + ", element " + i + ", " + j);
                    }
                }
            }
        }
    }

    @Test
    void everyRowCountGivesEachRowTheBitsOfThatRowAlone() {
        // the rows are tiled by six, with a remainder of two or four taken as four-row tiles (32 = 4 x 6 + 2 x 4)
        // and one, three or five as three-row tiles; the A panels are packed by 8 x 8 transposes where eight
        // rows can be read, with an element loop for the last k % 8 columns and for the rows near the end. Each
        // row must come out as when computed alone, for C widths that fill the column panels and one that
        // leaves an edge
        SplittableRandom r = new SplittableRandom(6);
        for (int k : new int[] {23, 32}) {
            for (int n : new int[] {64, 40}) {
                float[] w = data(r, k * n, 1), p = new float[V.lstmPackedSize(k, n)];
                V.lstmPack(false, k, n, w, 0, n, p, 0);
                for (int rows = 1; rows <= 33; rows++) {
                    float[] a = data(r, rows * k, 1), c = data(r, rows * n, 1), all = c.clone(), one = c.clone();
                    V.lstmGemm(rows, k, n, a, 0, k, p, 0, all, 0, n);
                    for (int i = 0; i < rows; i++) V.lstmGemm(1, k, n, a, i * k, k, p, 0, one, i * n, n);
                    assertArrayEquals(one, all, "k " + k + ", n " + n + ", rows " + rows);
                }
            }
        }
    }

    @Test
    void aReadInPlaceGivesTheBitsOfThePackedPanels() {
        // session 14: the six- and four-row panels of A are read in place (no packing of the block); every
        // element must be what the packed row panels gave, for every tiling (rows 1-33), C widths that fill
        // the column panels and one that leaves an edge, at offsets and with lda > k, and on the VRAE's shapes
        SplittableRandom r = new SplittableRandom(7);
        int[][] shapes = {{23, 64}, {32, 40}, {37, 16}, {128, 512}, {512, 128}};
        for (int[] shape : shapes) {
            int k = shape[0], n = shape[1], lda = k + 3, ldc = n + 5;
            float[] w = data(r, k * n, 1), p = new float[VectorLstm.packedSize(k, n) + 2];
            VectorLstm.pack(false, k, n, w, OFF, n, p, 2);
            for (int rows = 1; rows <= 33; rows++) {
                if (k >= 128 && rows % 8 != 0 && rows != 1 && rows != 5 && rows != 31) continue; // keep it quick
                float[] a = data(r, rows * lda, 1), c = data(r, rows * ldc, 1);
                float[] packed = c.clone(), inPlace = c.clone();
                VectorLstm.gemm(rows, k, n, a, OFF, lda, p, 2, packed, OFF, ldc, true);
                VectorLstm.gemm(rows, k, n, a, OFF, lda, p, 2, inPlace, OFF, ldc, false);
                for (int i = 0; i < c.length; i++) {
                    assertEquals(Float.floatToRawIntBits(packed[i]), Float.floatToRawIntBits(inPlace[i]),
                            "k " + k + ", n " + n + ", rows " + rows + ", element " + i);
                }
                assertFalse(Arrays.equals(c, inPlace), "the product was computed");
            }
        }
    }

    @Test
    void recurrentProductRowsDoNotDependOnTheSplit() {
        SplittableRandom r = new SplittableRandom(4);
        int h = 19, k = h, n = 4 * h, rows = 17;
        float[] w = data(r, 4 * h * h, 1), a = data(r, rows * k, 1), c = data(r, rows * n, 1);
        float[] p = new float[V.lstmPackedSize(k, n)];
        V.lstmPack(true, k, n, w, OFF, h, p, 0);
        float[] whole = c.clone();
        V.lstmGemm(rows, k, n, a, OFF, k, p, 0, whole, OFF, n);
        for (int split = 1; split < rows; split += 4) {
            float[] parts = c.clone();
            V.lstmGemm(split, k, n, a, OFF, k, p, 0, parts, OFF, n);
            V.lstmGemm(rows - split, k, n, a, OFF + split * k, k, p, 0, parts, OFF + split * n, n);
            assertArrayEquals(whole, parts, "split at " + split);
        }
    }

    @Test
    void facadeChecksShapes() {
        Tensor g = Tensor.zeros(3, 8), s = Tensor.zeros(3, 2);
        Kernels.lstmCellForward(g, s, Tensor.zeros(3, 2), Tensor.zeros(3, 2), Tensor.zeros(3, 2));
        assertEquals(0.5f, g.get(0, 0)); // sigmoid(0)
        assertEquals(0f, g.get(0, 4)); // tanh(0)
        assertThrows(IllegalArgumentException.class, () -> Kernels.lstmCellForward(Tensor.zeros(3, 6), s, s.copy(), s.copy(), s.copy()));
        assertThrows(IllegalArgumentException.class, () -> Kernels.lstmCellForward(g, Tensor.zeros(2, 2), s.copy(), s.copy(), s.copy()));
        assertThrows(IllegalArgumentException.class, () -> Kernels.lstmCellForward(g, s, s, s.copy(), s.copy()));
        assertThrows(IllegalArgumentException.class, () -> Kernels.lstmCellBackward(g, s, s, s, Tensor.zeros(3, 3)));
    }

    /** A hand-computed step: i = f = o = sigmoid(0) = 1/2, g = tanh(atanh(0.5)) = 0.5, cPrev = 1. */
    @Test
    void cellForwardKnownValue() {
        float a = (float) (0.5 * Math.log(3)); // atanh(0.5)
        Tensor g = Tensor.of(new float[] {0f, 0f, a, 0f}, 1, 4), cp = Tensor.of(new float[] {1f}, 1, 1);
        Tensor c = Tensor.zeros(1, 1), tc = Tensor.zeros(1, 1), h = Tensor.zeros(1, 1);
        Kernels.lstmCellForward(g, cp, c, tc, h);
        // c = 0.5 * 1 + 0.5 * 0.5 = 0.75; h = 0.5 tanh(0.75)
        assertEquals(0.75f, c.at(0), 1e-7f);
        assertEquals((float) (0.5 * Math.tanh(0.75)), h.at(0), 1e-7f);
    }

    /**
     * The gate functions of the vector cell against double {@code Math} on a dense sweep of
     * [-100, 100] plus tiny values: sigmoid and tanh within 2 ulps of the correctly rounded value (the
     * measured worst cases; sigmoid below -87 returns exp(-87)-sized values, within 1e-37), and c, h
     * consistent with them.
     */
    @Test
    void gateFunctionsStayWithinTwoUlps() {
        int hd = 1024, n = 0;
        double worstSig = 0, worstTanh = 0;
        for (int block = 0; block < 400; block++) {
            float[] gates = new float[4 * hd], cPrev = new float[hd], c = new float[hd], tc = new float[hd], h = new float[hd];
            float[] x = new float[hd];
            for (int j = 0; j < hd; j++) {
                double u = (block * hd + j) / (400.0 * hd); // [0, 1)
                x[j] = block % 2 == 0 ? (float) (200 * u - 100) : (float) ((2 * u - 1) * Math.pow(10, -8 + 8 * u));
            }
            System.arraycopy(x, 0, gates, 0, hd);        // i: sigmoid
            System.arraycopy(x, 0, gates, 2 * hd, hd);   // g: tanh
            V.lstmCellForward(1, hd, gates, 0, cPrev, 0, c, 0, tc, 0, h, 0);
            for (int j = 0; j < hd; j++, n++) {
                double v = x[j];
                float sig = (float) (1 / (1 + Math.exp(-v))), th = (float) Math.tanh(v);
                if (v > -87) worstSig = Math.max(worstSig, Math.abs(gates[j] - sig) / Math.ulp(sig));
                else assertEquals(sig, gates[j], 1e-37, "sigmoid(" + v + ")");
                worstTanh = Math.max(worstTanh, Math.abs(gates[2 * hd + j] - th) / Math.ulp(th));
                // c = i g with f = sigmoid(0) and cPrev = 0; tanhC = tanh(c)
                assertEquals((float) Math.tanh(c[j]), tc[j], 2 * Math.ulp((float) Math.tanh(c[j])), "tanh(c) at " + v);
            }
        }
        assertTrue(worstSig <= 2, "sigmoid: " + worstSig + " ulps over " + n + " values");
        assertTrue(worstTanh <= 2, "tanh: " + worstTanh + " ulps over " + n + " values");
    }

    /**
     * The gate functions choose their result by a sign bit (sigmoid: the input's; tanh: that of |x| - 0.625),
     * not by a compare mask: at the values where the choice flips, the vector lanes must give exactly the
     * scalar tail's bits (the tail is the scalar form of the same code), and the known values.
     */
    @Test
    void gateSelectsAtTheirBoundariesMatchTheScalarTail() {
        float[] x = {0f, -0f, 0.625f, -0.625f, Math.nextDown(0.625f), -Math.nextDown(0.625f), Math.nextUp(0.625f),
                1e-30f, -1e-30f, 87f, -87f, -90f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -3f};
        int hd = x.length; // 16: every value in the vector loops
        float[] gates = new float[4 * hd];
        System.arraycopy(x, 0, gates, 0, hd);        // i: sigmoid
        System.arraycopy(x, 0, gates, 2 * hd, hd);   // g: tanh
        V.lstmCellForward(1, hd, gates, 0, new float[hd], 0, new float[hd], 0, new float[hd], 0, new float[hd], 0);
        for (int j = 0; j < hd; j++) {
            float[] one = {x[j], 0f, x[j], 0f}; // hidden 1: the scalar tail
            V.lstmCellForward(1, 1, one, 0, new float[1], 0, new float[1], 0, new float[1], 0, new float[1], 0);
            assertEquals(Float.floatToIntBits(one[0]), Float.floatToIntBits(gates[j]), "sigmoid(" + x[j] + "): lane " + gates[j] + ", tail " + one[0]);
            assertEquals(Float.floatToIntBits(one[2]), Float.floatToIntBits(gates[2 * hd + j]), "tanh(" + x[j] + "): lane " + gates[2 * hd + j] + ", tail " + one[2]);
        }
        assertEquals(0.5f, gates[0]);
        assertEquals(0.5f, gates[1]);                                   // sigmoid(-0)
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(gates[2 * hd + 1])); // tanh(-0) = -0
        assertEquals(1f, gates[12]);                                    // sigmoid(+inf)
        assertTrue(gates[13] >= 0f && gates[13] < 1e-37f, "sigmoid(-inf) = " + gates[13]);
        assertEquals(1f, gates[2 * hd + 12]);
        assertEquals(-1f, gates[2 * hd + 13]);
        assertTrue(Float.isNaN(gates[14]) && Float.isNaN(gates[2 * hd + 14]), "NaN stays NaN");
        assertEquals((float) (1 / (1 + Math.exp(3))), gates[15], 2 * Math.ulp(gates[15]));
        assertEquals((float) Math.tanh(-0.625), gates[2 * hd + 3], 2 * Math.ulp(0.555f));
    }

    private static void close(String what, float[] expected, float[] actual, int n, double tol) {
        for (int i = OFF; i < OFF + n; i++) {
            double e = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
            if (!(e <= tol)) fail(what + " at " + (i - OFF) + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }

    private static void untouched(String what, float[] out, int n) {
        for (int i = 0; i < OFF; i++) assertEquals(0f, out[i], what + ": written before the start");
        for (int i = OFF + n; i < out.length; i++) assertEquals(0f, out[i], what + ": written past the end");
    }

    private static void untouched(String what, float[] out, int n, float[] before) {
        assertArrayEquals(Arrays.copyOfRange(before, 0, OFF), Arrays.copyOfRange(out, 0, OFF), what + ": written before the start");
        assertArrayEquals(Arrays.copyOfRange(before, OFF + n, before.length), Arrays.copyOfRange(out, OFF + n, out.length),
                what + ": written past the end");
    }
}
