package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM for products too small to repay packing (below {@code Tuning.GEMM_PACK_MIN_FLOPS}): no
 * blocking, no copies, one pass over {@code C}. Same contract as {@link PackedGemm}.
 *
 * <ul>
 * <li>{@code op(B) = B}: each row of {@code C} is built a vector at a time as
 *     {@code sum_p op(A)(i, p) * B[p, j..j+lanes)}, an FMA chain over contiguous rows of {@code B};</li>
 * <li>{@code op(B) = B^T}: each element is a dot product of {@code op(A)} row {@code i} and row
 *     {@code j} of {@code B}, vectorized when {@code op(A) = A} (both rows contiguous).</li>
 * </ul>
 */
final class GemmSmall {
    private static final VectorSpecies<Float> F = Lanes.F;
    private static final int L = F.length();

    private GemmSmall() {
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                     int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        // op(A)(i, p) = a[aOff + i * ais + p * aps]
        int ais = transA ? 1 : lda, aps = transA ? lda : 1;
        if (!transB) {
            rowsTimesB(m, n, k, alpha, a, aOff, ais, aps, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            dotsWithBt(transA, m, n, k, alpha, a, aOff, ais, aps, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    private static void rowsTimesB(int m, int n, int k, float alpha, float[] a, int aOff, int ais, int aps,
                                   float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int nv = n - n % L;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * ais, ci = cOff + i * ldc;
            for (int j = 0; j < nv; j += L) {
                FloatVector acc = FloatVector.zero(F);
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.fromArray(F, b, bOff + p * ldb + j)
                            .fma(FloatVector.broadcast(F, a[ai + p * aps]), acc);
                }
                acc = acc.mul(alpha);
                if (beta == 0f) {
                    acc.intoArray(c, ci + j);
                } else {
                    FloatVector.fromArray(F, c, ci + j).fma(FloatVector.broadcast(F, beta), acc).intoArray(c, ci + j);
                }
            }
            for (int j = nv; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s = Math.fma(a[ai + p * aps], b[bOff + p * ldb + j], s);
                store(c, ci + j, s, alpha, beta);
            }
        }
    }

    private static void dotsWithBt(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff,
                                   int ais, int aps, float[] b, int bOff, int ldb, float beta,
                                   float[] c, int cOff, int ldc) {
        int kv = transA ? 0 : k - k % L;
        float[] lanes = new float[L];
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * ais, ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * ldb;
                float s = 0f;
                if (kv > 0) {
                    FloatVector acc = FloatVector.zero(F);
                    for (int p = 0; p < kv; p += L) {
                        acc = FloatVector.fromArray(F, a, ai + p).fma(FloatVector.fromArray(F, b, bj + p), acc);
                    }
                    s = VectorMath.sumLanes(acc, lanes);
                }
                for (int p = kv; p < k; p++) s = Math.fma(a[ai + p * aps], b[bj + p], s);
                store(c, ci + j, s, alpha, beta);
            }
        }
    }

    private static void store(float[] c, int idx, float s, float alpha, float beta) {
        float t = alpha * s;
        c[idx] = beta == 0f ? t : Math.fma(beta, c[idx], t);
    }
}
