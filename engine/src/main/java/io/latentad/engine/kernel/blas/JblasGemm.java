package io.latentad.engine.kernel.blas;

import io.latentad.engine.kernel.Gemm;
import org.jblas.NativeBlas;

/**
 * GEMM through jblas ({@code org.jblas.NativeBlas.sgemm}, the native BLAS bundled with jblas).
 *
 * <p>BLAS is column-major. A row-major {@code m x n} matrix with leading dimension {@code ld} is,
 * read column-major, its {@code n x m} transpose with the same leading dimension. So the row-major
 * product {@code C = op(A) op(B)} is computed as the column-major {@code C^T = op(B)^T op(A)^T}:
 * the operands are swapped, the transpose flags kept, and nothing is copied.
 *
 * <p>The class initializer makes one 1 x 1 call, so a machine where the native library cannot be
 * loaded fails here, once, and {@code GemmProviders.available("jblas")} reports false.
 */
public final class JblasGemm implements Gemm {
    public static final JblasGemm INSTANCE = new JblasGemm();

    static {
        float[] c = {Float.NaN};
        NativeBlas.sgemm('N', 'N', 1, 1, 1, 1f, new float[] {2f}, 0, 1, new float[] {3f}, 0, 1, 0f, c, 0, 1);
        if (c[0] != 6f) throw new IllegalStateException("jblas sgemm self-test gave " + c[0] + ", expected 6");
    }

    private JblasGemm() {
    }

    @Override
    public String name() {
        return "jblas";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                     int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (k == 0) {
            // BLAS rejects a leading dimension of 0 (lda = k for row-major A): do C = beta * C here
            Gemm.scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        NativeBlas.sgemm(transB ? 'T' : 'N', transA ? 'T' : 'N', n, m, k, alpha,
                b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
    }
}
