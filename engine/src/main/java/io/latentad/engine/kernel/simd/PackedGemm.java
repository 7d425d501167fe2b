package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.Gemm;
import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.kernel.Tuning;

/**
 * Single-precision GEMM with the JDK Vector API, blocked and packed in the manner of Goto and
 * van de Geijn: {@code C = alpha * op(A) op(B) + beta * C} (the {@link Gemm} contract).
 *
 * <p>Loop nest (outermost first), with the cache level each block is sized for:
 * <ol>
 * <li>{@code jc}: {@code nc} columns of {@code C} and {@code op(B)} ({@link #NC});</li>
 * <li>{@code pc}: {@code kc} steps of the inner dimension ({@link #KC}); the {@code kc x nc} block of
 *     {@code op(B)} is packed into column panels (L3, each {@code kc x NR} panel fits L1);</li>
 * <li>{@code ic}: {@code mc} rows ({@link #MC}); the {@code mc x kc} block of {@code op(A)} is packed
 *     into row panels (fits L2);</li>
 * <li>{@code jr}, {@code ir}: the macro-kernel walks {@code NR}-wide B panels and, for each, every
 *     {@code MR}-high A panel, calling the {@link GemmMicroKernel} on one {@code MR x NR} tile.</li>
 * </ol>
 * Transposes are resolved by the packing ({@link GemmPacking}), so one micro-kernel serves all four
 * forms. Tiles cut by the edge of {@code C} run the same micro-kernel on a scratch tile, so every
 * element is computed by the same sequence of FMAs wherever it sits; one or two rows left over six (a batch
 * of 128 rows = 21 x 6 + 2) take the micro-kernel's two-row form, the same chains for a third of the work.
 *
 * <p>Threads: the output is split into contiguous column ranges (or row ranges when {@code C} is
 * taller than wide) on tile boundaries, one per thread of {@link Parallel}; each range is an
 * independent sub-GEMM with its own packing buffers. The inner dimension is never split, and the
 * {@code kc} blocking depends only on {@code k}, so results are bit-identical for every thread count.
 *
 * <p>Reference: K. Goto and R. van de Geijn, "Anatomy of High-Performance Matrix Multiplication",
 * ACM TOMS 34(3), 2008, doi:10.1145/1356052.1356053. Cost: {@code 2mnk} flops; memory: per thread one
 * A block ({@code MC x KC} floats) and one B block ({@code KC x min(n, NC)}), reused across calls.
 * Block sizes and the experiments behind them: bench/notes/gemm.md.
 */
public final class PackedGemm implements Gemm {
    public static final PackedGemm INSTANCE = new PackedGemm();

    static final int MR = GemmMicroKernel.MR;
    static final int NR = GemmMicroKernel.NR;
    /** Rows of a packed A block (a multiple of MR): 144 x 512 floats = 288 KiB, about half of L2. */
    static final int MC = 144;
    /**
     * Depth of a packed block. One 512 x NR B panel is 32 KiB, L1-sized; it streams from L2. A deeper
     * block halves the passes over C (each pass reads and writes every C tile once, with cache misses
     * the micro-kernel cannot hide): 256 -> 512 took 1024^3 from 57 to 69-73 GFLOPS (CPU time).
     */
    static final int KC = 512;
    /** Columns of a packed B block (a multiple of NR). */
    static final int NC = 4096;

    private static final ThreadLocal<GemmBuffers> BUFFERS = ThreadLocal.withInitial(GemmBuffers::new);

    private PackedGemm() {
    }

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                     int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (k == 0) {
            Gemm.scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        if (work < Tuning.GEMM_PACK_MIN_FLOPS) {
            GemmSmall.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        split(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, null, 0, c, cOff, ldc);
    }

    /**
     * The bias fused into the write-out of the first {@code kc} block: each tile leaves as
     * {@code acc + bias} instead of being added to a copy of the bias in {@code C}, the same sums in the
     * same order (so the same bits as {@link Gemm#gemmBias}'s default) without the copy pass and the
     * read of {@code C}.
     */
    @Override
    public void gemmBias(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float[] bias, int biasOff, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (k == 0 || (long) m * n * k < Tuning.GEMM_PACK_MIN_FLOPS) {
            Gemm.super.gemmBias(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, bias, biasOff, c, cOff, ldc);
        } else {
            split(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 0f, bias, biasOff, c, cOff, ldc);
        }
    }

    /** The packed path: {@link #blocked} on one thread, or on one range of C per thread. */
    private static void split(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                              int lda, float[] b, int bOff, int ldb, float beta, float[] bias, int biasOff,
                              float[] c, int cOff, int ldc) {
        if (Parallel.threads() == 1 || (long) m * n * k < Tuning.GEMM_PARALLEL_MIN_FLOPS) {
            blocked(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, bias, biasOff, c, cOff, ldc, null);
        } else if (n >= m) {
            // column ranges: each thread packs only its own part of op(B)
            Parallel.forRange(n, NR, (j0, j1) -> blocked(transA, transB, m, j1 - j0, k, alpha, a, aOff, lda,
                    b, transB ? bOff + j0 * ldb : bOff + j0, ldb, beta, bias, biasOff + j0, c, cOff + j0, ldc, null));
        } else {
            Parallel.forRange(m, MR, (i0, i1) -> blocked(transA, transB, i1 - i0, n, k, alpha,
                    a, transA ? aOff + i0 : aOff + i0 * lda, lda, b, bOff, ldb, beta, bias, biasOff, c, cOff + i0 * ldc, ldc, null));
        }
    }

    /**
     * The largest {@code kc} block of a depth {@code k}, the blocks balanced: k = 784 runs as 4 x 196, not
     * 3 x 256 + 16 (a thin last block wastes merges).
     */
    private static int kcMax(int k) {
        int kBlocks = (k + KC - 1) / KC;
        return (k + kBlocks - 1) / kBlocks;
    }

    /**
     * The sequential blocked algorithm on one (sub-)problem; with a {@code bias} (alpha 1), the first
     * {@code kc} block writes {@code acc + bias} and beta is not used. With {@code packedB} (the panels of
     * {@link #packWeights}; then {@code b} is not read) the blocks of B are read from it instead of packed here.
     */
    static void blocked(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                        int lda, float[] b, int bOff, int ldb, float beta, float[] bias, int biasOff,
                        float[] c, int cOff, int ldc, float[] packedB) {
        GemmBuffers buf = BUFFERS.get();
        int kcMax = kcMax(k);
        int mBlocks = (m + MC - 1) / MC;
        int mcMax = roundUp((m + mBlocks - 1) / mBlocks, MR);
        int ncMax = Math.min(roundUp(n, NR), NC);
        float[] ap = buf.a(mcMax * kcMax + 2); // + 2: room for the packing's last junk lanes
        float[] bp = packedB != null ? packedB : buf.b(ncMax * kcMax);
        float[] acc = buf.tile(MR * NR);
        int bo = 0; // where the current block starts in packedB (0 in bp, packed afresh for each block)
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                float betaNow = pc == 0 ? beta : 1f; // later k blocks accumulate onto C
                float[] biasNow = pc == 0 ? bias : null;
                if (packedB == null) GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, NR, bp);
                for (int ic = 0; ic < m; ic += mcMax) {
                    int mc = Math.min(mcMax, m - ic);
                    GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, MR, ap);
                    macro(mc, nc, kc, alpha, betaNow, biasNow, biasOff + jc, ap, bp, bo, c, cOff + ic * ldc + jc, ldc, acc);
                }
                if (packedB != null) bo += roundUp(nc, NR) * kc;
            }
        }
    }

    /**
     * B packed once for many products with it (a layer's weights in scoring): row-major {@code k x n} {@code b}
     * as {@link #blocked} packs it, every {@code (jc, pc)} block one after the other in loop order. Read by
     * {@link #gemmBiasPrepacked}, which then skips the packing of B; the same panels, so the same bits.
     */
    @Override
    public float[] packWeights(int k, int n, float[] b, int bOff, int ldb) {
        int kcMax = kcMax(k);
        long size = 0;
        for (int jc = 0; jc < n; jc += NC) size += (long) roundUp(Math.min(NC, n - jc), NR) * k;
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("packWeights: " + k + " x " + n + " is too large");
        float[] out = new float[(int) size];
        float[] bp = new float[Math.min(roundUp(n, NR), NC) * kcMax];
        int o = 0;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc), len = roundUp(nc, NR) * kc;
                GemmPacking.packB(false, b, bOff, ldb, pc, kc, jc, nc, NR, bp);
                System.arraycopy(bp, 0, out, o, len);
                o += len;
            }
        }
        return out;
    }

    /**
     * {@link #gemmBias} ({@code A} not transposed) with {@code B} already packed by {@link #packWeights}: the same
     * tiles on the same panels, so the same bits, without packing {@code B} on each call. For products of at least
     * {@link Tuning#GEMM_PACK_MIN_FLOPS} (smaller ones take the unpacked path, which needs {@code B} itself); with
     * threads, each takes a range of rows (every thread reads the whole of packed {@code B}).
     */
    @Override
    public void gemmBiasPrepacked(int m, int n, int k, float[] a, int aOff, int lda, float[] packedB,
                                  float[] bias, int biasOff, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        long work = (long) m * n * k;
        if (k == 0 || work < Tuning.GEMM_PACK_MIN_FLOPS) {
            throw new IllegalArgumentException("gemmBiasPrepacked: " + m + " x " + n + " x " + k + " takes the unpacked path");
        }
        if (Parallel.threads() == 1 || work < Tuning.GEMM_PARALLEL_MIN_FLOPS || m < 2 * MR) {
            blocked(false, false, m, n, k, 1f, a, aOff, lda, null, 0, 0, 0f, bias, biasOff, c, cOff, ldc, packedB);
        } else {
            Parallel.forRange(m, MR, (i0, i1) -> blocked(false, false, i1 - i0, n, k, 1f, a, aOff + i0 * lda, lda,
                    null, 0, 0, 0f, bias, biasOff, c, cOff + i0 * ldc, ldc, packedB));
        }
    }

    /** All tiles of one {@code mc x nc} block of C from packed {@code ap} and {@code bp} (from {@code bpOff}). */
    private static void macro(int mc, int nc, int kc, float alpha, float beta, float[] bias, int biasOff,
                              float[] ap, float[] bp, int bpOff, float[] c, int cBase, int ldc, float[] acc) {
        // full tiles with alpha 1 write C straight from the accumulators (same bits); other alphas and betas
        // go through the scratch tile and merge
        int direct = bias != null ? GemmMicroKernel.BIAS : alpha != 1f ? -1
                : beta == 0f ? GemmMicroKernel.STORE : beta == 1f ? GemmMicroKernel.ADD : -1;
        for (int jr = 0, bi = bpOff; jr < nc; jr += NR, bi += kc * NR) {
            int nr = Math.min(NR, nc - jr);
            for (int ir = 0, ai = 0; ir < mc; ir += MR, ai += kc * MR) {
                int mr = Math.min(MR, mc - ir);
                int ci = cBase + ir * ldc + jr;
                boolean two = mr <= 2; // one or two rows left: the two-row tile (the panel's padded rows not computed)
                if ((mr == MR || mr == 2) && nr == NR && direct >= 0) { // a whole tile of C: written straight
                    if (two) GemmMicroKernel.tile2(kc, ap, ai, bp, bi, c, ci, ldc, direct, bias, biasOff + jr);
                    else GemmMicroKernel.tile(kc, ap, ai, bp, bi, c, ci, ldc, direct, bias, biasOff + jr);
                    continue;
                }
                if (two) GemmMicroKernel.tile2(kc, ap, ai, bp, bi, acc, 0, NR, GemmMicroKernel.STORE, null, 0);
                else GemmMicroKernel.tile(kc, ap, ai, bp, bi, acc, 0, NR, GemmMicroKernel.STORE, null, 0);
                if (bias != null) { // (a full tile with a bias went the direct way)
                    GemmMicroKernel.mergeBiasEdge(acc, mr, nr, bias, biasOff + jr, c, ci, ldc);
                } else if (mr == MR && nr == NR) {
                    GemmMicroKernel.merge(acc, alpha, beta, c, ci, ldc);
                } else {
                    // a tile cut by the edge of C: same products, only the valid part written
                    GemmMicroKernel.mergeEdge(acc, mr, nr, alpha, beta, c, ci, ldc);
                }
            }
        }
    }

    static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }
}
