package io.latentad.engine.kernel;

/**
 * General matrix multiply on raw row-major float arrays, the BLAS {@code sgemm} contract:
 *
 * <pre>C = alpha * op(A) * op(B) + beta * C</pre>
 *
 * where {@code op(A)} is {@code m x k} ({@code A} is {@code m x k} with leading dimension
 * {@code lda} when {@code transA} is false, {@code k x m} when true), {@code op(B)} is
 * {@code k x n}, and {@code C} is {@code m x n} with leading dimension {@code ldc}. When
 * {@code beta == 0}, {@code C} is not read (NaN in it does not propagate), as in BLAS.
 *
 * <p>Implementations: {@link ScalarKernels} (the readable reference), the Vector API packed kernel
 * in {@code kernel.simd}, and the jblas and ejml providers in {@code kernel.blas}. Arguments are
 * checked by {@link Kernels}; implementations trust them.
 */
public interface Gemm {
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float alpha, float[] a, int aOff, int lda,
              float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /**
     * The dense layer's product with its bias, {@code C = op(A) op(B) + 1 bias^T}: row {@code i} of
     * {@code C} is {@code bias[biasOff .. biasOff + n)} plus row {@code i} of the product (alpha 1,
     * C not read). The default writes the bias into {@code C} and accumulates the product onto it
     * (beta 1); a provider may instead add the bias as it writes its first partial product out, which
     * gives the same bits (the bias meets the same partial sums in the same order) and saves a pass over
     * {@code C}.
     */
    default void gemmBias(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                          float[] b, int bOff, int ldb, float[] bias, int biasOff, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) System.arraycopy(bias, biasOff, c, cOff + i * ldc, n);
        if (k > 0) gemm(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 1f, c, cOff, ldc);
    }

    /**
     * Row-major {@code k x n} {@code B} packed once for many products {@code A B} (a layer's weights in scoring), in
     * this provider's own layout for {@link #gemmBiasPrepacked}, or null when the provider does not pack (the
     * default): callers then pass {@code B} itself to {@link #gemmBias}.
     */
    default float[] packWeights(int k, int n, float[] b, int bOff, int ldb) {
        return null;
    }

    /**
     * {@link #gemmBias} ({@code A} and {@code B} not transposed) from {@code B} as {@link #packWeights} packed it:
     * the same bits as {@code gemmBias} on {@code B}. Only for providers whose {@code packWeights} gave panels, and
     * only for products that take their packed path ({@code k > 0}, {@code m n k >=} {@link Tuning#GEMM_PACK_MIN_FLOPS}).
     */
    default void gemmBiasPrepacked(int m, int n, int k, float[] a, int aOff, int lda, float[] packedB,
                                   float[] bias, int biasOff, float[] c, int cOff, int ldc) {
        throw new UnsupportedOperationException(name() + " does not pack weights");
    }

    /** Short name used by {@code -Dlatentad.blas} and in benchmark tables. */
    String name();

    /**
     * {@code C = beta * C}, not reading C when beta is 0: the k = 0 case of the contract, where
     * the product adds nothing (and BLAS rejects the zero leading dimension of A).
     */
    static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) c[row + j] = beta == 0f ? 0f : beta * c[row + j];
        }
    }
}
