package io.latentad.engine.kernel.simd;

import io.latentad.engine.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The packed GEMM's arithmetic, element by element: each element of C is one FMA chain over each
 * {@code kc} block of the inner dimension in order, written out as the contract says, whichever tile
 * computed it (a full one or one padded at an edge of C) and whichever write-out it took (straight from
 * the accumulators or through the scratch tile and merge). Checked to the bit against that recipe written out in scalar
 * Java, on heights that leave 0-5 rows over six-row panels, widths with and without a column edge, one
 * to three k blocks, all four transpose forms, with and without a fused bias, for the betas and
 * alphas that take each path.
 */
class PackedGemmChainTest {
    @Test
    void everyElementIsTheChainOfItsKBlocksWhateverTileComputedIt() {
        Rng rng = new Rng(23);
        int[] ms = {6, 8, 10, 13, 14, 17, 128, 146};
        int[] ns = {16, 40};
        int[] ks = {3, 300, 1100};
        float[][] ab = {{1f, 0f}, {1f, 1f}, {2f, 0.5f}, {1f, 0f, 1f}}; // {alpha, beta} or {1, 0, bias}
        for (int m : ms) {
            for (int n : ns) {
                for (int k : ks) {
                    for (int form = 0; form < 4; form++) {
                        boolean ta = (form & 1) != 0, tb = (form & 2) != 0;
                        float[] a = gaussian(rng, m * k), b = gaussian(rng, k * n), bias = gaussian(rng, n);
                        int lda = ta ? m : k, ldb = tb ? k : n;
                        for (float[] run : ab) {
                            boolean withBias = run.length == 3;
                            float alpha = run[0], beta = run[1];
                            float[] c0 = gaussian(rng, m * n), got = c0.clone();
                            if (withBias) {
                                PackedGemm.INSTANCE.gemmBias(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, bias, 0, got, 0, n);
                            } else {
                                PackedGemm.INSTANCE.gemm(ta, tb, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, got, 0, n);
                            }
                            float[] want = chains(ta, tb, m, n, k, alpha, beta, a, lda, b, ldb, withBias ? bias : null, c0);
                            assertSameBits(want, got, m + " x " + n + " x " + k + ", form " + form + ", alpha "
                                    + alpha + ", beta " + beta + (withBias ? ", bias" : ""));
                        }
                    }
                }
            }
        }
    }

    /**
     * The two-row tile (one or two rows left over six-row panels, as in a batch of 128) against the chains, on one
     * and on two threads (column ranges for gemm and gemmBias, row ranges for the prepacked weights, so the leftover
     * rows fall in either thread's range), with k in two blocks, edge columns and every write-out path.
     */
    @Test
    void theLeftoverRowsGiveTheChainsBitsOnOneAndTwoThreads() {
        Rng rng = new Rng(29);
        int before = io.latentad.engine.kernel.Parallel.threads();
        try {
            for (int m : new int[] {1, 2, 8, 13, 128, 134}) {
                for (int n : new int[] {40, 48}) {
                    int k = 700;
                    float[] a = gaussian(rng, m * k), b = gaussian(rng, k * n), bias = gaussian(rng, n);
                    float[] packed = PackedGemm.INSTANCE.packWeights(k, n, b, 0, n);
                    float[] c0 = gaussian(rng, m * n);
                    for (int threads = 1; threads <= 2; threads++) {
                        io.latentad.engine.kernel.Parallel.setThreads(threads);
                        for (float[] run : new float[][] {{1f, 0f}, {1f, 1f}, {2f, 0.5f}}) {
                            float[] got = c0.clone();
                            PackedGemm.INSTANCE.gemm(false, false, m, n, k, run[0], a, 0, k, b, 0, n, run[1], got, 0, n);
                            assertSameBits(chains(false, false, m, n, k, run[0], run[1], a, k, b, n, null, c0), got,
                                    m + " x " + n + " x " + k + ", " + threads + " threads, alpha " + run[0] + ", beta " + run[1]);
                        }
                        float[] want = chains(false, false, m, n, k, 1f, 0f, a, k, b, n, bias, c0);
                        float[] got = c0.clone();
                        PackedGemm.INSTANCE.gemmBias(false, false, m, n, k, a, 0, k, b, 0, n, bias, 0, got, 0, n);
                        assertSameBits(want, got, m + " x " + n + " x " + k + ", " + threads + " threads, bias");
                        got = c0.clone();
                        PackedGemm.INSTANCE.gemmBiasPrepacked(m, n, k, a, 0, k, packed, bias, 0, got, 0, n);
                        assertSameBits(want, got, m + " x " + n + " x " + k + ", " + threads + " threads, prepacked bias");
                    }
                }
            }
        } finally {
            io.latentad.engine.kernel.Parallel.setThreads(before);
        }
    }

    /** C after the product by the recipe: each element one FMA chain per k block, then the write-out rule (or + bias). */
    private static float[] chains(boolean ta, boolean tb, int m, int n, int k, float alpha, float beta, float[] a, int lda,
                                  float[] b, int ldb, float[] bias, float[] c0) {
        float[] out = new float[m * n];
        int kBlocks = (k + PackedGemm.KC - 1) / PackedGemm.KC, kc = (k + kBlocks - 1) / kBlocks;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float c = c0[i * n + j];
                for (int p0 = 0; p0 < k; p0 += kc) {
                    float acc = 0f;
                    for (int p = p0; p < Math.min(k, p0 + kc); p++) {
                        float av = ta ? a[p * lda + i] : a[i * lda + p];
                        float bv = tb ? b[j * ldb + p] : b[p * ldb + j];
                        acc = Math.fma(av, bv, acc);
                    }
                    if (p0 == 0 && bias != null) c = acc + bias[j];
                    else c = merged(acc, alpha, p0 == 0 ? beta : 1f, c);
                }
                out[i * n + j] = c;
            }
        }
        return out;
    }

    private static void assertSameBits(float[] want, float[] got, String what) {
        for (int at = 0; at < want.length; at++) {
            if (Float.floatToIntBits(want[at]) != Float.floatToIntBits(got[at])) {
                assertEquals(want[at], got[at], what + ": element " + at);
            }
        }
    }

    /** The write-out rule of the {@code Gemm} contract for one k block. */
    private static float merged(float acc, float alpha, float beta, float c) {
        float t = acc * alpha;
        if (beta == 0f) return t;
        if (beta == 1f) return c + t;
        return Math.fma(c, beta, t);
    }

    private static float[] gaussian(Rng rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) rng.nextGaussian();
        return x;
    }
}
