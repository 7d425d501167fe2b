package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * The Vector API twins of the LSTM kernels of {@link io.latentad.engine.kernel.ScalarKernels}: the
 * fused cell forward and backward, and the recurrent product {@code C += A op(W)} on weights packed
 * once per layer pass.
 *
 * <p>The cell forward runs, per row, one loop per transcendental (sigmoid over the i and f blocks,
 * tanh over g, sigmoid over o, then the cell update with its tanh) rather than one loop holding all
 * five: a row is {@code 4 hidden} floats, so it stays in L1 between the loops, and each loop body
 * stays small enough for C2 to inline the Vector API calls of {@link VectorMath} (a body with five
 * inlined exps is the shape that hit {@code NodeCountInliningCutoff} and boxed vectors there).
 *
 * <p>The recurrent product packs {@code op(W)} into {@link GemmMicroKernel#NR}-wide column panels
 * ({@link GemmPacking}'s B layout) and runs the GEMM micro-kernel's register tile with the
 * accumulation into C folded in ({@link #tileAccumulate}); only the small {@code rows x k} block of A
 * is packed per call. Every element of C is one FMA chain over {@code p} in order starting from its
 * value, whatever the tile it falls in (edge tiles run on a scratch copy), so a row's result does not
 * depend on how the rows are split.
 */
final class VectorLstm {
    private static final VectorSpecies<Float> F = VectorMath.F;
    private static final int L = F.length();
    private static final int MR = GemmMicroKernel.MR;
    private static final int NR = GemmMicroKernel.NR;
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);

    /** One thread's scratch: the packed A block and the accumulator tile. */
    private static final class Scratch {
        float[] a = new float[0];
        final float[] tile = new float[MR * NR];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private VectorLstm() {
    }

    // ---- the fused cell -----------------------------------------------------------------------

    static void cellForward(int rows, int hidden, float[] gates, int go, float[] cPrev, int cpo,
                            float[] c, int co, float[] tanhC, int tco, float[] h, int ho) {
        for (int r = 0; r < rows; r++) {
            int g = go + r * 4 * hidden, s = r * hidden;
            sigmoid(2 * hidden, gates, g);              // i and f
            tanh(hidden, gates, g + 2 * hidden);        // g
            sigmoid(hidden, gates, g + 3 * hidden);     // o
            update(hidden, gates, g, cPrev, cpo + s, c, co + s, tanhC, tco + s, h, ho + s);
        }
    }

    private static void sigmoid(int n, float[] x, int xo) {
        int j = 0, bound = F.loopBound(n);
        for (; j < bound; j += L) VectorMath.sigmoid(FloatVector.fromArray(F, x, xo + j)).intoArray(x, xo + j);
        for (; j < n; j++) x[xo + j] = VectorMath.sigmoid(x[xo + j]);
    }

    private static void tanh(int n, float[] x, int xo) {
        int j = 0, bound = F.loopBound(n);
        for (; j < bound; j += L) VectorMath.tanh(FloatVector.fromArray(F, x, xo + j)).intoArray(x, xo + j);
        for (; j < n; j++) x[xo + j] = VectorMath.tanh(x[xo + j]);
    }

    /** c = f cPrev + i g (rounded as the scalar twin: product, product, sum), tanhC, h = o tanhC. */
    private static void update(int hd, float[] gates, int g, float[] cPrev, int cp, float[] c, int co,
                               float[] tanhC, int tco, float[] h, int ho) {
        int j = 0, bound = F.loopBound(hd);
        for (; j < bound; j += L) {
            FloatVector i = FloatVector.fromArray(F, gates, g + j);
            FloatVector f = FloatVector.fromArray(F, gates, g + hd + j);
            FloatVector gg = FloatVector.fromArray(F, gates, g + 2 * hd + j);
            FloatVector o = FloatVector.fromArray(F, gates, g + 3 * hd + j);
            FloatVector cj = f.mul(FloatVector.fromArray(F, cPrev, cp + j)).add(i.mul(gg));
            FloatVector t = VectorMath.tanh(cj);
            cj.intoArray(c, co + j);
            t.intoArray(tanhC, tco + j);
            o.mul(t).intoArray(h, ho + j);
        }
        for (; j < hd; j++) {
            float cj = gates[g + hd + j] * cPrev[cp + j] + gates[g + j] * gates[g + 2 * hd + j];
            float t = VectorMath.tanh(cj);
            c[co + j] = cj;
            tanhC[tco + j] = t;
            h[ho + j] = gates[g + 3 * hd + j] * t;
        }
    }

    static void cellBackward(int rows, int hd, float[] gates, int go, float[] cPrev, int cpo,
                             float[] tanhC, int tco, float[] dh, int dho, float[] dc, int dco) {
        for (int r = 0; r < rows; r++) {
            int g = go + r * 4 * hd, s = r * hd;
            int j = 0, bound = F.loopBound(hd);
            for (; j < bound; j += L) {
                FloatVector i = FloatVector.fromArray(F, gates, g + j);
                FloatVector f = FloatVector.fromArray(F, gates, g + hd + j);
                FloatVector gg = FloatVector.fromArray(F, gates, g + 2 * hd + j);
                FloatVector o = FloatVector.fromArray(F, gates, g + 3 * hd + j);
                FloatVector t = FloatVector.fromArray(F, tanhC, tco + s + j);
                FloatVector dhj = FloatVector.fromArray(F, dh, dho + s + j);
                // same operation order as the scalar twin, so the two agree to the last bit
                FloatVector dcj = FloatVector.fromArray(F, dc, dco + s + j).add(dhj.mul(o).mul(ONE.sub(t.mul(t))));
                dcj.mul(gg).mul(i).mul(ONE.sub(i)).intoArray(gates, g + j);
                dcj.mul(FloatVector.fromArray(F, cPrev, cpo + s + j)).mul(f).mul(ONE.sub(f)).intoArray(gates, g + hd + j);
                dcj.mul(i).mul(ONE.sub(gg.mul(gg))).intoArray(gates, g + 2 * hd + j);
                dhj.mul(t).mul(o).mul(ONE.sub(o)).intoArray(gates, g + 3 * hd + j);
                dcj.mul(f).intoArray(dc, dco + s + j);
            }
            for (; j < hd; j++) {
                float i = gates[g + j], f = gates[g + hd + j];
                float gg = gates[g + 2 * hd + j], o = gates[g + 3 * hd + j];
                float t = tanhC[tco + s + j], dhj = dh[dho + s + j];
                float dcj = dc[dco + s + j] + dhj * o * (1f - t * t);
                gates[g + j] = dcj * gg * i * (1f - i);
                gates[g + hd + j] = dcj * cPrev[cpo + s + j] * f * (1f - f);
                gates[g + 2 * hd + j] = dcj * i * (1f - gg * gg);
                gates[g + 3 * hd + j] = dhj * t * o * (1f - o);
                dc[dco + s + j] = dcj * f;
            }
        }
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
        if (rows <= 0) return;
        Scratch s = SCRATCH.get();
        int panels = (rows + MR - 1) / MR;
        if (s.a.length < panels * MR * k) s.a = new float[panels * MR * k];
        float[] ap = s.a, edge = s.tile;
        // A row panels: column p of panel q is the MR floats at (q k + p) MR, zero-padded
        for (int q = 0, d = 0; q < panels; q++) {
            int r0 = q * MR, mr = Math.min(MR, rows - r0);
            for (int r = 0; r < mr; r++) {
                int src = ao + (r0 + r) * lda;
                for (int p = 0, o = d + r; p < k; p++, o += MR) ap[o] = a[src + p];
            }
            for (int r = mr; r < MR; r++) {
                for (int p = 0, o = d + r; p < k; p++, o += MR) ap[o] = 0f;
            }
            d += k * MR;
        }
        // one B panel (k x NR, L1-sized) against every A panel, then the next
        for (int j0 = 0, bi = po; j0 < n; j0 += NR, bi += k * NR) {
            int nr = Math.min(NR, n - j0);
            for (int q = 0; q < panels; q++) {
                int r0 = q * MR, mr = Math.min(MR, rows - r0);
                int ci = co + r0 * ldc + j0;
                if (mr == MR && nr == NR) {
                    tileAccumulate(k, ap, q * k * MR, packed, bi, c, ci, ldc);
                } else {
                    // a tile cut by the edge of C: the same FMA chains on a scratch copy of its part
                    Arrays.fill(edge, 0f);
                    for (int r = 0; r < mr; r++) System.arraycopy(c, ci + r * ldc, edge, r * NR, nr);
                    tileAccumulate(k, ap, q * k * MR, packed, bi, edge, 0, NR);
                    for (int r = 0; r < mr; r++) System.arraycopy(edge, r * NR, c, ci + r * ldc, nr);
                }
            }
        }
    }

    /**
     * {@link GemmMicroKernel#tile} with {@code beta = 1} folded in: the accumulators start from the
     * {@code MR x NR} tile of C and go back to it, so C is read and written once and no scratch tile
     * is merged (the merge was a tenth of the recurrent product at k = 64). Each element is one FMA
     * chain over {@code p} starting from its C value.
     */
    private static void tileAccumulate(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc) {
        final int lanes = L;
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
        FloatVector c00 = FloatVector.fromArray(F, c, ci), c01 = FloatVector.fromArray(F, c, ci + lanes);
        FloatVector c10 = FloatVector.fromArray(F, c, c1), c11 = FloatVector.fromArray(F, c, c1 + lanes);
        FloatVector c20 = FloatVector.fromArray(F, c, c2), c21 = FloatVector.fromArray(F, c, c2 + lanes);
        FloatVector c30 = FloatVector.fromArray(F, c, c3), c31 = FloatVector.fromArray(F, c, c3 + lanes);
        FloatVector c40 = FloatVector.fromArray(F, c, c4), c41 = FloatVector.fromArray(F, c, c4 + lanes);
        FloatVector c50 = FloatVector.fromArray(F, c, c5), c51 = FloatVector.fromArray(F, c, c5 + lanes);
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
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + lanes);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + lanes);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + lanes);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + lanes);
        c40.intoArray(c, c4);
        c41.intoArray(c, c4 + lanes);
        c50.intoArray(c, c5);
        c51.intoArray(c, c5 + lanes);
    }
}
