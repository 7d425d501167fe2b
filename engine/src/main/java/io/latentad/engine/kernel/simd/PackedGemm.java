package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.Gemm;
import io.latentad.engine.kernel.ScalarKernels;

/** Placeholder: the packed, blocked Vector API GEMM (being written). Delegates to the reference. */
public final class PackedGemm implements Gemm {
    public static final PackedGemm INSTANCE = new PackedGemm();

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                     int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        ScalarKernels.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public String name() {
        return "simd";
    }
}
