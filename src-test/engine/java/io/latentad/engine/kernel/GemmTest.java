package io.latentad.engine.kernel;

import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every GEMM provider against a double-precision triple loop, in all four transpose forms, with
 * the alpha/beta cases backprop uses, on odd shapes that exercise the small path, the packed path,
 * partial tiles, several k blocks and several row blocks.
 */
class GemmTest {
    /** m, n, k. */
    private static final int[][] SHAPES = {
            {1, 1, 1}, {3, 5, 0}, {7, 9, 13}, {33, 17, 65}, {127, 129, 67}, {301, 290, 299},
            {6, 16, 600}, {5, 4200, 3}};
    private static final float[][] ALPHA_BETA = {{1f, 0f}, {1f, 1f}, {1f, 0.7f}, {-0.5f, 0f}, {-0.5f, 1f}, {-0.5f, 0.7f}};

    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }

    private static List<Gemm> providers() {
        List<Gemm> out = new ArrayList<>();
        for (String name : GemmProviders.names()) {
            if (GemmProviders.available(name)) out.add(GemmProviders.byName(name));
        }
        return out;
    }

    /** op(A)(i, p) of a row-major matrix with offset and leading dimension. */
    private static double opA(boolean t, float[] a, int off, int ld, int i, int p) {
        return t ? a[off + p * ld + i] : a[off + i * ld + p];
    }

    /** op(A) op(B) in double ([0]) and the sum of |products| ([1]), m x n row-major. */
    private static double[][] reference(boolean tA, boolean tB, int m, int n, int k, float[] a, int aOff, int lda,
                                        float[] b, int bOff, int ldb) {
        double[] s = new double[m * n], abs = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0, sumAbs = 0;
                for (int p = 0; p < k; p++) {
                    double x = opA(tA, a, aOff, lda, i, p) * opA(!tB, b, bOff, ldb, j, p);
                    sum += x;
                    sumAbs += Math.abs(x);
                }
                s[i * n + j] = sum;
                abs[i * n + j] = sumAbs;
            }
        }
        return new double[][] {s, abs};
    }

    /**
     * Checks C (m x n at cOff, ldc) against alpha * op(A) op(B) + beta * C0 computed in double, with a
     * rounding bound that grows with k: each product sum may be off by about k ulps of sum |a||b|.
     */
    private static void assertGemm(String what, double[][] ref, int m, int n, int k, float alpha, float beta,
                                   float[] c0, float[] c, int cOff, int ldc) {
        double eps = Math.ulp(1f);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double old = beta == 0f ? 0 : c0[cOff + i * ldc + j];
                double want = alpha * ref[0][i * n + j] + beta * old;
                double tol = 2 * (k + 2) * eps * (Math.abs(alpha) * ref[1][i * n + j] + Math.abs(beta * old)) + 1e-30;
                float got = c[cOff + i * ldc + j];
                if (!(Math.abs(got - want) <= tol)) {
                    fail(what + " C[" + i + "," + j + "] = " + got + ", expected " + want + " +- " + tol);
                }
            }
        }
    }

    @Test
    void everyProviderMatchesDoubleReferenceInAllFormsAndAlphaBeta() {
        List<Gemm> gemms = providers();
        assertTrue(gemms.size() >= 3, "expected simd, ejml and scalar at least, got " + gemms.size());
        SplittableRandom rnd = new SplittableRandom(17);
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2];
            for (int form = 0; form < 4; form++) {
                boolean tA = (form & 1) != 0, tB = (form & 2) != 0;
                float[] a = random(rnd, m * k), b = random(rnd, k * n), c0 = random(rnd, m * n);
                int lda = tA ? m : k, ldb = tB ? k : n;
                double[][] ref = reference(tA, tB, m, n, k, a, 0, lda, b, 0, ldb);
                for (float[] ab : ALPHA_BETA) {
                    for (Gemm g : gemms) {
                        if (g.name().equals("scalar") && (long) m * n * k > 3_000_000) continue;
                        float[] c = c0.clone();
                        g.gemm(tA, tB, m, n, k, ab[0], a, 0, lda, b, 0, ldb, ab[1], c, 0, n);
                        String what = g.name() + " " + m + "x" + n + "x" + k + (tA ? " A^T" : "")
                                + (tB ? " B^T" : "") + " alpha=" + ab[0] + " beta=" + ab[1];
                        assertGemm(what, ref, m, n, k, ab[0], ab[1], c0, c, 0, n);
                    }
                }
            }
        }
    }

    @Test
    void subMatrixViewsWithOffsetsAndLeadingDimensionsLeaveTheRestAlone() {
        SplittableRandom rnd = new SplittableRandom(5);
        int m = 37, n = 41, k = 53;
        for (Gemm g : providers()) {
            for (int form = 0; form < 4; form++) {
                boolean tA = (form & 1) != 0, tB = (form & 2) != 0;
                int lda = (tA ? m : k) + 3, ldb = (tB ? k : n) + 5, ldc = n + 7;
                int aOff = 11, bOff = 2, cOff = 9;
                float[] a = random(rnd, aOff + (tA ? k : m) * lda);
                float[] b = random(rnd, bOff + (tB ? n : k) * ldb);
                float[] c0 = random(rnd, cOff + m * ldc + 4);
                float[] c = c0.clone();
                g.gemm(tA, tB, m, n, k, -0.5f, a, aOff, lda, b, bOff, ldb, 0.7f, c, cOff, ldc);
                double[][] ref = reference(tA, tB, m, n, k, a, aOff, lda, b, bOff, ldb);
                assertGemm(g.name() + " view form " + form, ref, m, n, k, -0.5f, 0.7f, c0, c, cOff, ldc);
                for (int idx = 0; idx < c.length; idx++) {
                    int r = (idx - cOff) / ldc, col = (idx - cOff) % ldc;
                    boolean inside = idx >= cOff && r < m && col < n;
                    if (!inside) assertEquals(c0[idx], c[idx], g.name() + ": wrote outside C at " + idx);
                }
            }
        }
    }

    @Test
    void resultsAreBitIdenticalForOneAndTwoThreads() {
        int old = Parallel.threads();
        SplittableRandom rnd = new SplittableRandom(3);
        // wide (split by columns) and tall (split by rows), both over several k blocks and tiles
        int[][] shapes = {{128, 512, 300}, {333, 130, 257}, {300, 301, 299}};
        try {
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                for (int form = 0; form < 4; form++) {
                    boolean tA = (form & 1) != 0, tB = (form & 2) != 0;
                    float[] a = random(rnd, m * k), b = random(rnd, k * n), c0 = random(rnd, m * n);
                    float[] c1 = c0.clone(), c2 = c0.clone();
                    Gemm g = GemmProviders.byName("simd");
                    Parallel.setThreads(1);
                    g.gemm(tA, tB, m, n, k, 1.5f, a, 0, tA ? m : k, b, 0, tB ? k : n, 0.7f, c1, 0, n);
                    Parallel.setThreads(2);
                    g.gemm(tA, tB, m, n, k, 1.5f, a, 0, tA ? m : k, b, 0, tB ? k : n, 0.7f, c2, 0, n);
                    for (int i = 0; i < c1.length; i++) {
                        assertEquals(Float.floatToRawIntBits(c1[i]), Float.floatToRawIntBits(c2[i]),
                                "form " + form + " " + m + "x" + n + "x" + k + " element " + i);
                    }
                }
            }
        } finally {
            Parallel.setThreads(old);
        }
    }

    /**
     * The fused bias write-out gives the bits of the interface's default (bias copied into C, then the
     * product accumulated onto it) for every provider, form and shape (one and several k blocks, edge
     * tiles, sub-matrix views), on one and two threads, and never reads C (NaN there does not leak).
     */
    @Test
    void fusedBiasGivesTheBitsOfBiasThenProduct() {
        int old = Parallel.threads();
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] shapes = {{7, 9, 13}, {33, 17, 65}, {128, 512, 300}, {301, 290, 784}, {333, 130, 257}, {3, 5, 0}};
        try {
            for (Gemm g : providers()) {
                for (int threads = 1; threads <= 2; threads++) {
                    Parallel.setThreads(threads);
                    for (int[] s : shapes) {
                        int m = s[0], n = s[1], k = s[2];
                        for (int form = 0; form < 4; form++) {
                            boolean tA = (form & 1) != 0, tB = (form & 2) != 0;
                            int lda = (tA ? m : k) + 2, ldb = (tB ? k : n) + 1, ldc = n + 3;
                            float[] a = random(rnd, 1 + (tA ? k : m) * lda), b = random(rnd, 2 + (tB ? n : k) * ldb);
                            float[] bias = random(rnd, n + 4);
                            float[] want = new float[1 + m * ldc], got = new float[1 + m * ldc];
                            java.util.Arrays.fill(got, Float.NaN);
                            for (int i = 0; i < m; i++) System.arraycopy(bias, 4, want, 1 + i * ldc, n);
                            if (k > 0) g.gemm(tA, tB, m, n, k, 1f, a, 1, lda, b, 2, ldb, 1f, want, 1, ldc);
                            g.gemmBias(tA, tB, m, n, k, a, 1, lda, b, 2, ldb, bias, 4, got, 1, ldc);
                            for (int i = 0; i < m; i++) {
                                for (int j = 0; j < n; j++) {
                                    int idx = 1 + i * ldc + j;
                                    assertEquals(Float.floatToRawIntBits(want[idx]), Float.floatToRawIntBits(got[idx]),
                                            g.name() + " threads " + threads + " form " + form + " " + m + "x" + n + "x" + k
                                                    + " element (" + i + ", " + j + ")");
                                }
                            }
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(old);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simd", "jblas", "ejml", "scalar"})
    void betaZeroDoesNotReadNanInC(String name) {
        assumeTrue(GemmProviders.available(name), name + " not available here");
        Gemm g = GemmProviders.byName(name);
        SplittableRandom rnd = new SplittableRandom(9);
        for (int[] s : new int[][] {{7, 9, 13}, {127, 129, 67}, {4, 5, 0}}) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(rnd, m * k), b = random(rnd, k * n);
            float[] c = new float[m * n];
            java.util.Arrays.fill(c, Float.NaN);
            float[] c0 = c.clone();
            g.gemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, c, 0, n);
            double[][] ref = reference(false, true, m, n, k, a, 0, k, b, 0, k);
            assertGemm(name + " beta 0 over NaN", ref, m, n, k, 1f, 0f, c0, c, 0, n);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simd", "jblas", "ejml", "scalar"})
    void nanInAPropagatesToItsRowOnly(String name) {
        assumeTrue(GemmProviders.available(name), name + " not available here");
        Gemm g = GemmProviders.byName(name);
        SplittableRandom rnd = new SplittableRandom(10);
        for (int[] s : new int[][] {{7, 9, 13}, {127, 129, 67}}) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(rnd, m * k), b = random(rnd, k * n);
            int row = m / 2;
            a[row * k + k - 1] = Float.NaN;
            float[] c = new float[m * n];
            g.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(i == row, Float.isNaN(c[i * n + j]), name + " C[" + i + "," + j + "]");
                }
            }
        }
    }

    @Test
    void providersAgreeWithEachOther() {
        SplittableRandom rnd = new SplittableRandom(21);
        int m = 128, n = 200, k = 300;
        float[] a = random(rnd, k * m), b = random(rnd, k * n);
        float[] ref = null;
        String refName = null;
        for (Gemm g : providers()) {
            float[] c = new float[m * n];
            g.gemm(true, false, m, n, k, 1f, a, 0, m, b, 0, n, 0f, c, 0, n);
            if (ref == null) {
                ref = c;
                refName = g.name();
                continue;
            }
            for (int i = 0; i < c.length; i++) {
                // sums of 300 products of numbers in [-1, 1]: rounding differences stay far below 1e-3
                assertEquals(ref[i], c[i], 1e-3f, g.name() + " vs " + refName + " at " + i);
            }
        }
    }

    @Test
    void unknownProviderNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmProviders.byName("mkl"));
        assertTrue(e.getMessage().contains("mkl"), e.getMessage());
    }

    @Test
    void facadeRejectsMismatchedInnerDimensionsNamingBothShapes() {
        Tensor a = Tensor.zeros(2, 3), b = Tensor.zeros(4, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.matmul(a, b));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 5]"), e.getMessage());
    }

    @Test
    void facadeMatmulMatchesHandComputedProduct() {
        // [[1, 2], [3, 4]] x [[5, 6], [7, 8]] = [[19, 22], [43, 50]]
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), b = Tensor.of(new float[] {5, 6, 7, 8}, 2, 2);
        assertArrayEquals(new float[] {19, 22, 43, 50}, Kernels.matmul(a, b).toArray());
        // A^T B = [[1, 3], [2, 4]] x B = [[26, 30], [38, 44]]
        assertArrayEquals(new float[] {26, 30, 38, 44}, Kernels.matmul(a, true, b, false).toArray());
    }
}
