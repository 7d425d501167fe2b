package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * The Vector API twin of the LSTM's recurrent product of {@link io.latentad.engine.kernel.ScalarKernels}:
 * {@code C += A op(W)} on weights packed once per layer pass (the fused cell is {@link VectorLstmCell}).
 *
 * <p>The product packs {@code op(W)} into {@link GemmMicroKernel#NR}-wide column panels
 * ({@link GemmPacking}'s B layout) and runs the GEMM micro-kernel's register tile with the
 * accumulation into C folded in ({@link #tileAccumulate}); only the small {@code rows x k} block of A
 * is packed per call (a C at most one vector wide reads A in place, {@link #narrow}). Every element of C
 * is one FMA chain over {@code p} in order, then one add to its value, whatever the tile it falls in
 * (edge tiles run on a scratch copy), so a row's result does not depend on how the rows are split.
 */
final class VectorLstm {
    private static final VectorSpecies<Float> F = VectorMath.F;
    private static final int L = F.length();
    private static final int MR = GemmMicroKernel.MR;
    private static final int NR = GemmMicroKernel.NR;

    /** One thread's scratch: the packed A block and the accumulator tile. */
    private static final class Scratch {
        float[] a = new float[0];
        final float[] tile = new float[MR * NR];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private VectorLstm() {
    }

    // ---- the recurrent product ----------------------------------------------------------------

    static int packedSize(int k, int n) {
        return (n + NR - 1) / NR * NR * k;
    }

    /** Column panels of NR: panel q, row p holds op(W)[p, q NR .. q NR + NR), zero-padded. */
    static void pack(boolean trans, int k, int n, float[] w, int wo, int ldw, float[] packed, int po) {
        for (int j0 = 0, d = po; j0 < n; j0 += NR) {
            int cols = Math.min(NR, n - j0);
            for (int p = 0; p < k; p++, d += NR) {
                for (int j = 0; j < cols; j++) {
                    packed[d + j] = trans ? w[wo + (j0 + j) * ldw + p] : w[wo + p * ldw + j0 + j];
                }
                for (int j = cols; j < NR; j++) packed[d + j] = 0f;
            }
        }
    }

    static void gemm(int rows, int k, int n, float[] a, int ao, int lda, float[] packed, int po,
                     float[] c, int co, int ldc) {
        gemm(rows, k, n, a, ao, lda, packed, po, c, co, ldc, n > IN_PLACE_MAX_N);
    }

    /**
     * The widest C whose product reads A in place: the packing of A pays once per call, the in-place
     * tile's extra cost once per column panel. Harness (VRAE shapes, 140 steps of 32 rows, H = 128,
     * session 14): the backward product (k = 512, n = 128: 8 panels) 58.7-59.7 -> 54.2-56.6 us a step
     * in place, the forward one (k = 128, n = 512: 32 panels) 51.8-52.9 -> 54.5-56.3, so it stays packed.
     */
    static final int IN_PLACE_MAX_N = 8 * NR;

    /**
     * {@link #gemm}, with the six- and four-row panels of A read in place ({@code packA} false, the
     * default for a C at most {@link #IN_PLACE_MAX_N} wide) or packed first into row panels ({@code packA} true, the layout before session 14, kept
     * for the test that compares the two element for element). In place, the tile broadcasts each
     * row's element from the row itself ({@link #tileRows}, {@link #tileRows4}): the same values in the
     * same FMA chains, so the same bits, without the copy of the block (the backward product's
     * 32 x 512 block a step was 4-5% of VRAE training, mostly a memory stall on the rows the cell had
     * just written). A remainder of one, three or five rows is still packed (three-row tiles).
     */
    static void gemm(int rows, int k, int n, float[] a, int ao, int lda, float[] packed, int po,
                     float[] c, int co, int ldc, boolean packA) {
        if (rows <= 0) return;
        if (n <= L) {
            narrow(rows, k, n, a, ao, lda, packed, po, c, co, ldc);
            return;
        }
        Scratch s = SCRATCH.get();
        // row panels: six rows, except that a remainder of two or four rows is taken as four-row panels
        // (32 = 4 x 6 + 2 x 4): eight accumulators keep the FMA pipes busy, where a padded three-row tile
        // for the last two rows had six for two useful rows
        int six = rows / MR, rem = rows % MR, fours = 0;
        if (rem == 2 && six > 0) {
            six--;
            fours = 2;
            rem = 0;
        } else if (rem == 4) {
            fours = 1;
            rem = 0;
        }
        int size = (six * MR + fours * 4 + (rem > 0 ? MR : 0)) * k + 8; // + 8: room for a transpose's junk lanes
        if (s.a.length < size) s.a = new float[size];
        float[] ap = s.a, edge = s.tile;
        // A row panels of height m (6, 4, or the padded remainder at MR): column p of a panel is the m
        // floats at its start + p m
        int d = 0, r0 = 0;
        if (!packA) r0 = six * MR + fours * 4; // only the remainder is packed
        for (int q = 0; packA && q < six + fours; q++) {
            int m = q < six ? MR : 4, src = ao + r0 * lda, p = 0;
            if (Transpose8.COMPILED && src + 7L * lda + k <= a.length) {
                // 8 x 8 register transposes of the m rows and the 8 - m below them (junk lanes), each column
                // stored as 8 floats m apart in order, so the next store overwrites the junk; the last one's
                // junk lands where the element loop below, the next panel or the spare room takes it
                for (int end = k & ~7; p < end; p += 8) Transpose8.block(a, src + p, lda, ap, d + p * m, m, false);
            }
            for (int r = 0; r < m; r++) {
                for (int pp = p, o = d + p * m + r; pp < k; pp++, o += m) ap[o] = a[src + r * lda + pp];
            }
            d += k * m;
            r0 += m;
        }
        if (rem > 0) {
            for (int r = 0; r < MR; r++) {
                int src = ao + (r0 + r) * lda;
                if (r < rem) {
                    for (int p = 0, o = d + r; p < k; p++, o += MR) ap[o] = a[src + p];
                } else {
                    for (int p = 0, o = d + r; p < k; p++, o += MR) ap[o] = 0f;
                }
            }
        }
        int tail = r0, tailA = d;
        // one B panel (k x NR, L1-sized) against every A panel, then the next
        for (int j0 = 0, bi = po; j0 < n; j0 += NR, bi += k * NR) {
            int nr = Math.min(NR, n - j0);
            if (nr == NR) {
                if (packA) {
                    for (int q = 0; q < six; q++) {
                        tileAccumulate(k, ap, q * k * MR, packed, bi, c, co + q * MR * ldc + j0, ldc);
                    }
                    for (int q = 0; q < fours; q++) {
                        int rq = six * MR + 4 * q;
                        tileAccumulate4(k, ap, six * k * MR + q * k * 4, packed, bi, c, co + rq * ldc + j0, ldc);
                    }
                } else {
                    for (int q = 0; q < six; q++) {
                        tileRows(k, a, ao + q * MR * lda, lda, packed, bi, c, co + q * MR * ldc + j0, ldc);
                    }
                    for (int q = 0; q < fours; q++) {
                        int rq = six * MR + 4 * q;
                        tileRows4(k, a, ao + rq * lda, lda, packed, bi, c, co + rq * ldc + j0, ldc);
                    }
                }
                // a remainder of 1, 3 or 5 rows: three rows at a time, the last part through a scratch copy
                int ci = co + tail * ldc + j0;
                for (int r = 0; r < rem; r += 3) {
                    int m3 = Math.min(3, rem - r);
                    if (m3 == 3) {
                        tileAccumulate3(k, ap, tailA + r, packed, bi, c, ci + r * ldc, ldc);
                    } else {
                        for (int i = 0; i < m3; i++) System.arraycopy(c, ci + (r + i) * ldc, edge, i * NR, NR);
                        tileAccumulate3(k, ap, tailA + r, packed, bi, edge, 0, NR);
                        for (int i = 0; i < m3; i++) System.arraycopy(edge, i * NR, c, ci + (r + i) * ldc, NR);
                    }
                }
            } else {
                // tiles cut by the edge of C: the same FMA chains on a scratch copy of their part
                for (int q = 0, rq = 0, ai = 0; q < six + fours + (rem > 0 ? 1 : 0); q++) {
                    int m = q < six ? MR : q < six + fours ? 4 : rem;
                    int ci = co + rq * ldc + j0;
                    Arrays.fill(edge, 0f);
                    for (int r = 0; r < m; r++) System.arraycopy(c, ci + r * ldc, edge, r * NR, nr);
                    boolean four = q >= six && q < six + fours;
                    if (!packA && q < six + fours) {
                        if (four) tileRows4(k, a, ao + rq * lda, lda, packed, bi, edge, 0, NR);
                        else tileRows(k, a, ao + rq * lda, lda, packed, bi, edge, 0, NR);
                    } else if (four) {
                        tileAccumulate4(k, ap, ai, packed, bi, edge, 0, NR);
                    } else {
                        tileAccumulate(k, ap, ai, packed, bi, edge, 0, NR);
                    }
                    for (int r = 0; r < m; r++) System.arraycopy(edge, r * NR, c, ci + r * ldc, nr);
                    rq += m;
                    if (packA || q >= six + fours) ai += k * (four ? 4 : MR);
                }
            }
        }
    }

    /**
     * {@link #gemm} for a C at most one vector wide (the input gradient {@code dx = dgates W_ih} of the
     * VRAE decoder: I = 5 per direction): A is read in place, not packed (each row is used once), and
     * each row of C is one vector, through the scratch tile (C's rows are narrower than a vector). The
     * same operations per element as the wide tile's: one FMA chain over {@code p} from zero, then one
     * add to C. On the decoder's shape ([32 x 512] x [512 x 5] a step) it replaced the 16-wide tile,
     * whose packing of the A block was most of the cost (bench/notes/ts.md, session 9).
     */
    private static void narrow(int rows, int k, int n, float[] a, int ao, int lda, float[] packed, int po,
                               float[] c, int co, int ldc) {
        float[] edge = SCRATCH.get().tile;
        for (int r0 = 0; r0 < rows; r0 += MR) {
            int mr = Math.min(MR, rows - r0);
            int first = ao + r0 * lda, last = first + (mr - 1) * lda; // rows past the end read the last row again
            for (int r = 0; r < mr; r++) System.arraycopy(c, co + (r0 + r) * ldc, edge, r * L, n);
            tileNarrow(k, a, first, Math.min(first + lda, last), Math.min(first + 2 * lda, last),
                    Math.min(first + 3 * lda, last), Math.min(first + 4 * lda, last), last, packed, po, edge);
            for (int r = 0; r < mr; r++) System.arraycopy(edge, r * L, c, co + (r0 + r) * ldc, n);
        }
    }

    /** Six rows of A (at {@code a0 .. a5}) against the first vector of a packed B panel, added to {@code t}'s six vectors. */
    private static void tileNarrow(int kc, float[] a, int a0, int a1, int a2, int a3, int a4, int a5,
                                   float[] bp, int bi, float[] t) {
        FloatVector c0 = FloatVector.zero(F), c1 = FloatVector.zero(F), c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F), c4 = FloatVector.zero(F), c5 = FloatVector.zero(F);
        for (int bEnd = bi + kc * NR; bi < bEnd; bi += NR, a0++, a1++, a2++, a3++, a4++, a5++) {
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            c0 = FloatVector.broadcast(F, a[a0]).fma(b0, c0);
            c1 = FloatVector.broadcast(F, a[a1]).fma(b0, c1);
            c2 = FloatVector.broadcast(F, a[a2]).fma(b0, c2);
            c3 = FloatVector.broadcast(F, a[a3]).fma(b0, c3);
            c4 = FloatVector.broadcast(F, a[a4]).fma(b0, c4);
            c5 = FloatVector.broadcast(F, a[a5]).fma(b0, c5);
        }
        FloatVector.fromArray(F, t, 0).add(c0).intoArray(t, 0);
        FloatVector.fromArray(F, t, L).add(c1).intoArray(t, L);
        FloatVector.fromArray(F, t, 2 * L).add(c2).intoArray(t, 2 * L);
        FloatVector.fromArray(F, t, 3 * L).add(c3).intoArray(t, 3 * L);
        FloatVector.fromArray(F, t, 4 * L).add(c4).intoArray(t, 4 * L);
        FloatVector.fromArray(F, t, 5 * L).add(c5).intoArray(t, 5 * L);
    }

    /**
     * {@link GemmMicroKernel#tile} with {@code beta = 1} folded in: the twelve accumulators are added
     * to the {@code MR x NR} tile of C in registers, with no scratch tile to merge (the merge was a
     * tenth of the recurrent product at k = 64). Each element is one FMA chain over {@code p} from
     * zero, then one add to its C value, in every tile kind ({@link #tileAccumulate3}, edges).
     * Accumulators start from {@code FloatVector.zero}: starting them from a static final zero
     * vector made C2 box them (20x slower), and loading C first was 7% slower at H = 128.
     */
    private static void tileAccumulate(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc) {
        final int lanes = L;
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c10 = FloatVector.zero(F);
        FloatVector c11 = FloatVector.zero(F), c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F), c40 = FloatVector.zero(F);
        FloatVector c41 = FloatVector.zero(F), c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        for (int bEnd = bi + kc * NR; bi < bEnd; bi += NR, ai += MR) {
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + lanes);
            FloatVector a = FloatVector.broadcast(F, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
        FloatVector.fromArray(F, c, ci).add(c00).intoArray(c, ci);
        FloatVector.fromArray(F, c, ci + lanes).add(c01).intoArray(c, ci + lanes);
        FloatVector.fromArray(F, c, c1).add(c10).intoArray(c, c1);
        FloatVector.fromArray(F, c, c1 + lanes).add(c11).intoArray(c, c1 + lanes);
        FloatVector.fromArray(F, c, c2).add(c20).intoArray(c, c2);
        FloatVector.fromArray(F, c, c2 + lanes).add(c21).intoArray(c, c2 + lanes);
        FloatVector.fromArray(F, c, c3).add(c30).intoArray(c, c3);
        FloatVector.fromArray(F, c, c3 + lanes).add(c31).intoArray(c, c3 + lanes);
        FloatVector.fromArray(F, c, c4).add(c40).intoArray(c, c4);
        FloatVector.fromArray(F, c, c4 + lanes).add(c41).intoArray(c, c4 + lanes);
        FloatVector.fromArray(F, c, c5).add(c50).intoArray(c, c5);
        FloatVector.fromArray(F, c, c5 + lanes).add(c51).intoArray(c, c5 + lanes);
    }

    /**
     * {@link #tileAccumulate} with A read in place: the six rows at {@code a0, a0 + lda, ..} of a
     * row-major A. The same loads of B, the same broadcast values and FMA order, so the same bits.
     */
    private static void tileRows(int kc, float[] a, int a0, int lda, float[] bp, int bi, float[] c, int ci, int ldc) {
        final int lanes = L;
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c10 = FloatVector.zero(F);
        FloatVector c11 = FloatVector.zero(F), c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F), c40 = FloatVector.zero(F);
        FloatVector c41 = FloatVector.zero(F), c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        for (int bEnd = bi + kc * NR; bi < bEnd; bi += NR, a0++, a1++, a2++, a3++, a4++, a5++) {
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + lanes);
            FloatVector v = FloatVector.broadcast(F, a[a0]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(F, a[a1]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(F, a[a2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(F, a[a3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = FloatVector.broadcast(F, a[a4]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = FloatVector.broadcast(F, a[a5]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
        }
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
        FloatVector.fromArray(F, c, ci).add(c00).intoArray(c, ci);
        FloatVector.fromArray(F, c, ci + lanes).add(c01).intoArray(c, ci + lanes);
        FloatVector.fromArray(F, c, c1).add(c10).intoArray(c, c1);
        FloatVector.fromArray(F, c, c1 + lanes).add(c11).intoArray(c, c1 + lanes);
        FloatVector.fromArray(F, c, c2).add(c20).intoArray(c, c2);
        FloatVector.fromArray(F, c, c2 + lanes).add(c21).intoArray(c, c2 + lanes);
        FloatVector.fromArray(F, c, c3).add(c30).intoArray(c, c3);
        FloatVector.fromArray(F, c, c3 + lanes).add(c31).intoArray(c, c3 + lanes);
        FloatVector.fromArray(F, c, c4).add(c40).intoArray(c, c4);
        FloatVector.fromArray(F, c, c4 + lanes).add(c41).intoArray(c, c4 + lanes);
        FloatVector.fromArray(F, c, c5).add(c50).intoArray(c, c5);
        FloatVector.fromArray(F, c, c5 + lanes).add(c51).intoArray(c, c5 + lanes);
    }

    /** {@link #tileAccumulate4} with A read in place (four rows at {@code a0, a0 + lda, ..}), as {@link #tileRows}. */
    private static void tileRows4(int kc, float[] a, int a0, int lda, float[] bp, int bi, float[] c, int ci, int ldc) {
        final int lanes = L;
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c10 = FloatVector.zero(F);
        FloatVector c11 = FloatVector.zero(F), c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        for (int bEnd = bi + kc * NR; bi < bEnd; bi += NR, a0++, a1++, a2++, a3++) {
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + lanes);
            FloatVector v = FloatVector.broadcast(F, a[a0]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(F, a[a1]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(F, a[a2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(F, a[a3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
        }
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector.fromArray(F, c, ci).add(c00).intoArray(c, ci);
        FloatVector.fromArray(F, c, ci + lanes).add(c01).intoArray(c, ci + lanes);
        FloatVector.fromArray(F, c, c1).add(c10).intoArray(c, c1);
        FloatVector.fromArray(F, c, c1 + lanes).add(c11).intoArray(c, c1 + lanes);
        FloatVector.fromArray(F, c, c2).add(c20).intoArray(c, c2);
        FloatVector.fromArray(F, c, c2 + lanes).add(c21).intoArray(c, c2 + lanes);
        FloatVector.fromArray(F, c, c3).add(c30).intoArray(c, c3);
        FloatVector.fromArray(F, c, c3 + lanes).add(c31).intoArray(c, c3 + lanes);
    }

    /**
     * {@link #tileAccumulate} for a four-row panel (packed with stride 4): eight accumulators, the same
     * operations per element.
     */
    private static void tileAccumulate4(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc) {
        final int lanes = L;
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c10 = FloatVector.zero(F);
        FloatVector c11 = FloatVector.zero(F), c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        for (int bEnd = bi + kc * NR; bi < bEnd; bi += NR, ai += 4) {
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + lanes);
            FloatVector a = FloatVector.broadcast(F, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector.fromArray(F, c, ci).add(c00).intoArray(c, ci);
        FloatVector.fromArray(F, c, ci + lanes).add(c01).intoArray(c, ci + lanes);
        FloatVector.fromArray(F, c, c1).add(c10).intoArray(c, c1);
        FloatVector.fromArray(F, c, c1 + lanes).add(c11).intoArray(c, c1 + lanes);
        FloatVector.fromArray(F, c, c2).add(c20).intoArray(c, c2);
        FloatVector.fromArray(F, c, c2 + lanes).add(c21).intoArray(c, c2 + lanes);
        FloatVector.fromArray(F, c, c3).add(c30).intoArray(c, c3);
        FloatVector.fromArray(F, c, c3 + lanes).add(c31).intoArray(c, c3 + lanes);
    }

    /**
     * {@link #tileAccumulate} for three rows of a packed A panel (from {@code ai}): six accumulators,
     * the same operations per element. Fewer rows go through a scratch copy, as edge tiles do. (A
     * version that loaded or skipped rows by condition ran at half speed.)
     */
    private static void tileAccumulate3(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc) {
        final int lanes = L;
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c10 = FloatVector.zero(F);
        FloatVector c11 = FloatVector.zero(F), c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        for (int bEnd = bi + kc * NR; bi < bEnd; bi += NR, ai += MR) {
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + lanes);
            FloatVector a = FloatVector.broadcast(F, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
        }
        int c1 = ci + ldc, c2 = c1 + ldc;
        FloatVector.fromArray(F, c, ci).add(c00).intoArray(c, ci);
        FloatVector.fromArray(F, c, ci + lanes).add(c01).intoArray(c, ci + lanes);
        FloatVector.fromArray(F, c, c1).add(c10).intoArray(c, c1);
        FloatVector.fromArray(F, c, c1 + lanes).add(c11).intoArray(c, c1 + lanes);
        FloatVector.fromArray(F, c, c2).add(c20).intoArray(c, c2);
        FloatVector.fromArray(F, c, c2 + lanes).add(c21).intoArray(c, c2 + lanes);
    }
}
