package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

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
    private static final VectorSpecies<Float> F = GemmMicroKernel.F;
    private static final int LANES = F.length();
    /** Rows of op(B) transposed per pass in {@link #packB}: keeps the destination chunk in L1. */
    private static final int T_BLOCK = 64;

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
                // op(A) rows are contiguous along i: each packed column is a short contiguous copy. A full
                // panel copies one vector per column: its lanes past mr land on the next column's slots,
                // which the next copy overwrites (so the copies go in order, and the last column of the
                // array, where a vector would read or write past the end, goes element by element)
                int src = aOff + p0 * lda + i0 + ip, p = 0;
                if (rows == mr && mr <= LANES) {
                    long fitA = (long) (a.length - src - LANES) / lda + 1, fitDst = (long) (dst.length - d - LANES) / mr + 1;
                    int vecEnd = (int) Math.min(kc, Math.min(src + LANES <= a.length ? fitA : 0, d + LANES <= dst.length ? fitDst : 0));
                    for (; p < vecEnd; p++, src += lda, d += mr) FloatVector.fromArray(F, a, src).intoArray(dst, d);
                }
                for (; p < kc; p++, src += lda, d += mr) {
                    for (int r = 0; r < rows; r++) dst[d + r] = a[src + r];
                    for (int r = rows; r < mr; r++) dst[d + r] = 0f;
                }
            } else if (rows == 6 && mr == 6) {
                // row-major A, a full panel: the six rows side by side, so the panel is written front to back
                int s0 = aOff + (i0 + ip) * lda + p0, s1 = s0 + lda, s2 = s1 + lda, s3 = s2 + lda, s4 = s3 + lda, s5 = s4 + lda;
                int p = 0;
                if (Transpose8.COMPILED && s0 + 7L * lda + kc <= a.length) {
                    // 8 x 8 register transposes of the six rows and the two below them (rows of A or of
                    // whatever follows it in the array: their lanes are junk), each column stored as 8 floats
                    // 6 apart in order, so the next store overwrites the junk lanes; the last block's junk
                    // lands past the panel, overwritten by the next panel or the tail below, or in spare
                    // room at the end of dst
                    long room = (long) dst.length - d - 50;
                    int vecEnd = room < 0 ? 0 : (int) Math.min(kc & ~7, room / 48 * 8 + 8);
                    for (; p < vecEnd; p += 8, d += 48) Transpose8.block(a, s0 + p, lda, dst, d, 6, false);
                }
                for (; p < kc; p++, d += 6) {
                    dst[d] = a[s0 + p];
                    dst[d + 1] = a[s1 + p];
                    dst[d + 2] = a[s2 + p];
                    dst[d + 3] = a[s3 + p];
                    dst[d + 4] = a[s4 + p];
                    dst[d + 5] = a[s5 + p];
                }
            } else {
                // row-major A, an edge panel: read each row sequentially, write with stride mr
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
        if (!transB) {
            packRows(b, bOff, ldb, p0, kc, j0, nc, nr, dst);
            return;
        }
        int d = 0;
        for (int jp = 0; jp < nc; jp += nr) {
            int cols = Math.min(nr, nc - jp);
            if (cols == nr && nr % 8 == 0 && Transpose8.COMPILED) {
                packTransposedPanel(b, bOff + (j0 + jp) * ldb + p0, ldb, kc, nr, dst, d);
                d += kc * nr;
                continue;
            }
            // B^T, an edge panel (or no 256-bit vectors): each column j of op(B) is a contiguous row of B;
            // read it sequentially and write with stride nr, T_BLOCK rows of the panel at a time so they stay in L1
            for (int pb = 0; pb < kc; pb += T_BLOCK) {
                int pe = Math.min(kc, pb + T_BLOCK);
                for (int c = 0; c < cols; c++) {
                    int src = bOff + (j0 + jp + c) * ldb + p0;
                    for (int p = pb, o = d + pb * nr + c; p < pe; p++, o += nr) dst[o] = b[src + p];
                }
                for (int c = cols; c < nr; c++) {
                    for (int p = pb, o = d + pb * nr + c; p < pe; p++, o += nr) dst[o] = 0f;
                }
            }
            d += kc * nr;
        }
    }

    /**
     * One full panel of {@code op(B) = B^T}: the {@code nr} rows of B from {@code src} (rows {@code ldb} apart),
     * {@code kc} floats each, become {@code kc} panel rows of {@code nr} floats at {@code d}. Blocks of 8 rows by
     * 8 columns are transposed in registers ({@link Transpose8#block}); the last {@code kc mod 8} columns are copied
     * one by one. 0.62 -> 0.31-0.42 ns per element on Zen 3 (JDK 17; 0.23 on JDK 25): bench/notes/gemm.md.
     */
    private static void packTransposedPanel(float[] b, int src, int ldb, int kc, int nr, float[] dst, int d) {
        int kv = kc & ~7;
        for (int h = 0; h < nr; h += 8) {
            int s = src + h * ldb;
            for (int p = 0; p < kv; p += 8) Transpose8.block(b, s + p, ldb, dst, d + p * nr + h, nr, false);
            for (int c = 0; c < 8; c++) {
                for (int p = kv, i = s + c * ldb + kv, o = d + kv * nr + h + c; p < kc; p++, i++, o += nr) dst[o] = b[i];
            }
        }
    }

    /**
     * {@link #packB} for row-major B: walks each row of the block once, front to back (one stream the
     * prefetcher follows), scattering its {@code nr}-float pieces to the panels with vector copies.
     * Reading panel by panel instead touches 64 bytes per row and jumps: 4x slower on 128 x 784 x 512.
     */
    private static void packRows(float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, int nr, float[] dst) {
        int full = nc / nr * nr, panel = kc * nr;
        for (int p = 0; p < kc; p++) {
            int src = bOff + (p0 + p) * ldb + j0;
            int d = p * nr;
            for (int jp = 0; jp < full; jp += nr, d += panel) {
                for (int v = 0; v < nr; v += LANES) FloatVector.fromArray(F, b, src + jp + v).intoArray(dst, d + v);
            }
            if (full < nc) {
                int cols = nc - full;
                for (int c = 0; c < cols; c++) dst[d + c] = b[src + full + c];
                Arrays.fill(dst, d + cols, d + nr, 0f);
            }
        }
    }
}
