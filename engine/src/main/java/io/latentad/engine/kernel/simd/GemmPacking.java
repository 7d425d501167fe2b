package io.latentad.engine.kernel.simd;

import java.util.Arrays;

/**
 * Copies blocks of {@code op(A)} and {@code op(B)} into the contiguous panel layouts the GEMM
 * micro-kernel streams through (Goto and van de Geijn's packing). All four transpose combinations
 * are resolved here, so {@link GemmMicroKernel} sees one layout only.
 *
 * <ul>
 * <li>A block ({@code mc x kc} of {@code op(A)}): row panels of {@code mr} rows; inside a panel,
 *     column {@code p} of the block is the {@code mr} consecutive floats at {@code (panel * kc + p) * mr}.
 *     The micro-kernel broadcasts them one at a time.</li>
 * <li>B block ({@code kc x nc} of {@code op(B)}): column panels of {@code nr} columns; inside a panel,
 *     row {@code p} is the {@code nr} consecutive floats at {@code (panel * kc + p) * nr}, read as
 *     {@code nr / lanes} vectors.</li>
 * </ul>
 *
 * A last panel narrower than {@code mr} (or {@code nr}) is padded with zeros, so the micro-kernel
 * always runs on full tiles; the padded outputs are never written back. Both layouts are read
 * strictly sequentially by the micro-kernel, which keeps the hardware prefetchers on them.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /**
     * Packs rows {@code [i0, i0 + mc)} and columns {@code [p0, p0 + kc)} of {@code op(A)}.
     * {@code op(A)(i, p)} is {@code a[aOff + i * lda + p]}, or {@code a[aOff + p * lda + i]} when
     * {@code transA}.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                      int mr, float[] dst) {
        int d = 0;
        for (int ip = 0; ip < mc; ip += mr) {
            int rows = Math.min(mr, mc - ip);
            if (transA) {
                // op(A) rows are contiguous along i: each packed column is one short contiguous copy
                int src = aOff + p0 * lda + i0 + ip;
                for (int p = 0; p < kc; p++, src += lda, d += mr) {
                    System.arraycopy(a, src, dst, d, rows);
                    if (rows < mr) Arrays.fill(dst, d + rows, d + mr, 0f);
                }
            } else {
                // row-major A: read each row of the panel sequentially, write with stride mr
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + ip + r) * lda + p0;
                    for (int p = 0, o = d + r; p < kc; p++, o += mr) dst[o] = a[src + p];
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0, o = d + r; p < kc; p++, o += mr) dst[o] = 0f;
                }
                d += kc * mr;
            }
        }
    }

    /**
     * Packs rows {@code [p0, p0 + kc)} and columns {@code [j0, j0 + nc)} of {@code op(B)}.
     * {@code op(B)(p, j)} is {@code b[bOff + p * ldb + j]}, or {@code b[bOff + j * ldb + p]} when
     * {@code transB}.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      int nr, float[] dst) {
        int d = 0;
        for (int jp = 0; jp < nc; jp += nr) {
            int cols = Math.min(nr, nc - jp);
            if (!transB) {
                // row-major B: each packed row is one contiguous copy of nr floats
                int src = bOff + p0 * ldb + j0 + jp;
                for (int p = 0; p < kc; p++, src += ldb, d += nr) {
                    System.arraycopy(b, src, dst, d, cols);
                    if (cols < nr) Arrays.fill(dst, d + cols, d + nr, 0f);
                }
            } else {
                // B^T: each column j of op(B) is a contiguous row of B; write with stride nr
                for (int c = 0; c < cols; c++) {
                    int src = bOff + (j0 + jp + c) * ldb + p0;
                    for (int p = 0, o = d + c; p < kc; p++, o += nr) dst[o] = b[src + p];
                }
                for (int c = cols; c < nr; c++) {
                    for (int p = 0, o = d + c; p < kc; p++, o += nr) dst[o] = 0f;
                }
                d += kc * nr;
            }
        }
    }
}
