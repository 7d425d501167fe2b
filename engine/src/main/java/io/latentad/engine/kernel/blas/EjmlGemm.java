package io.latentad.engine.kernel.blas;

import io.latentad.engine.kernel.Gemm;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * GEMM through EJML's dense float kernels ({@code CommonOps_FDRM.mult*} and {@code multAdd*}),
 * which pick a row-reordered or small-matrix loop by size.
 *
 * <p>EJML matrices are dense row-major arrays starting at index 0. An operand that already is one
 * (offset 0, leading dimension = column count) is wrapped without copying; a sub-matrix view is
 * copied into a per-thread buffer first (and, for {@code C}, copied back). The {@link Gemm} contract
 * maps to EJML as: {@code beta == 0} is {@code mult(alpha, ...)}, which never reads {@code C};
 * otherwise {@code C} is scaled by {@code beta} (unless 1) and {@code multAdd(alpha, ...)} adds the
 * product.
 */
public final class EjmlGemm implements Gemm {
    public static final EjmlGemm INSTANCE = new EjmlGemm();

    /** One thread's matrix headers and copy buffers, reused across calls. */
    private static final class Views {
        final FMatrixRMaj a = new FMatrixRMaj(0, 0);
        final FMatrixRMaj b = new FMatrixRMaj(0, 0);
        final FMatrixRMaj c = new FMatrixRMaj(0, 0);
        float[] aBuf = new float[0];
        float[] bBuf = new float[0];
        float[] cBuf = new float[0];
    }

    private static final ThreadLocal<Views> VIEWS = ThreadLocal.withInitial(Views::new);

    private EjmlGemm() {
    }

    @Override
    public String name() {
        return "ejml";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                     int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (k == 0) {
            Gemm.scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        Views v = VIEWS.get();
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        boolean aDense = aOff == 0 && lda == aCols;
        boolean bDense = bOff == 0 && ldb == bCols;
        boolean cDense = cOff == 0 && ldc == n;
        if (!aDense) a = v.aBuf = gather(a, aOff, lda, aRows, aCols, v.aBuf);
        if (!bDense) b = v.bBuf = gather(b, bOff, ldb, bRows, bCols, v.bBuf);
        float[] cData = c;
        if (!cDense) {
            cData = v.cBuf = v.cBuf.length >= m * n ? v.cBuf : new float[m * n];
            if (beta != 0f) gather(c, cOff, ldc, m, n, cData);
        }
        FMatrixRMaj ma = header(v.a, aRows, aCols, a);
        FMatrixRMaj mb = header(v.b, bRows, bCols, b);
        FMatrixRMaj mc = header(v.c, m, n, cData);
        if (beta == 0f) {
            if (!transA && !transB) CommonOps_FDRM.mult(alpha, ma, mb, mc);
            else if (transA && !transB) CommonOps_FDRM.multTransA(alpha, ma, mb, mc);
            else if (!transA) CommonOps_FDRM.multTransB(alpha, ma, mb, mc);
            else CommonOps_FDRM.multTransAB(alpha, ma, mb, mc);
        } else {
            if (beta != 1f) CommonOps_FDRM.scale(beta, mc);
            if (!transA && !transB) CommonOps_FDRM.multAdd(alpha, ma, mb, mc);
            else if (transA && !transB) CommonOps_FDRM.multAddTransA(alpha, ma, mb, mc);
            else if (!transA) CommonOps_FDRM.multAddTransB(alpha, ma, mb, mc);
            else CommonOps_FDRM.multAddTransAB(alpha, ma, mb, mc);
        }
        if (!cDense) {
            for (int i = 0; i < m; i++) System.arraycopy(cData, i * n, c, cOff + i * ldc, n);
        }
    }

    /** Points a reusable header at {@code data} as a dense {@code rows x cols} matrix (no copy). */
    private static FMatrixRMaj header(FMatrixRMaj h, int rows, int cols, float[] data) {
        h.data = data;
        h.numRows = rows;
        h.numCols = cols;
        return h;
    }

    /** Copies a {@code rows x cols} view into a dense array (reusing {@code buf} when big enough). */
    private static float[] gather(float[] src, int off, int ld, int rows, int cols, float[] buf) {
        float[] dst = buf.length >= rows * cols ? buf : new float[rows * cols];
        for (int i = 0; i < rows; i++) System.arraycopy(src, off + i * ld, dst, i * cols, cols);
        return dst;
    }
}
