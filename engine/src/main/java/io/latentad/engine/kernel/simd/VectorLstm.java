package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * The Vector API twins of the LSTM kernels of {@link io.latentad.engine.kernel.ScalarKernels}: the
 * fused cell forward and backward, and the recurrent product {@code C += A op(W)} on weights packed
 * once per layer pass.
 *
 * <p>The cell forward runs, per row, one loop per transcendental (sigmoid over the i and f blocks,
 * tanh over g, sigmoid over o, then the cell update with its tanh) rather than one loop holding all
 * five: a row is {@code 4 hidden} floats, so it stays in L1 between the loops. The gate functions
 * are written out inside the loops (see the note at {@code EXP_MIN}); their accuracy against the
 * double {@code Math} functions of the scalar twin is that of {@link VectorMath}'s (1-2 ulps), except
 * that tanh near 0.625 and above and sigmoid below -87 differ by at most a few ulps of 1 in absolute
 * terms ({@code VectorLstmTest}).
 *
 * <p>The recurrent product packs {@code op(W)} into {@link GemmMicroKernel#NR}-wide column panels
 * ({@link GemmPacking}'s B layout) and runs the GEMM micro-kernel's register tile with the
 * accumulation into C folded in ({@link #tileAccumulate}); only the small {@code rows x k} block of A
 * is packed per call (a C at most one vector wide reads A in place, {@link #narrow}). Every element of C is one FMA chain over {@code p} in order, then one add to its
 * value, whatever the tile it falls in (edge tiles run on a scratch copy), so a row's result does not
 * depend on how the rows are split.
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

    // ---- the fused cell -----------------------------------------------------------------------

    // Gate arithmetic. sigmoid(x) and tanh(x) both come from e = exp(-a) with a = |x| or 2|x| >= 0,
    // so the exponential only ever sees arguments in [-87, 0]: no overflow, no denormal results,
    // and 2^n is one exponent field (Cephes expf's reduction and polynomial, as VectorMath.exp).
    // The math is written out inside each loop, with no call that takes or returns a vector: C2
    // inlines a kernel into its caller as far as its node budget goes, and a vector argument of a
    // call it leaves out-of-line is boxed (with VectorMath.tanh inlined here but its exp cut off by
    // NodeCountInliningCutoff, tanh ran 4x slower than sigmoid). Loops that take arrays are safe to
    // leave out-of-line.
    private static final float EXP_MIN = -87f;
    private static final float MAGIC = 12582912f; // 1.5 * 2^23
    private static final int MAGIC_BITS = 0x4B400000;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    private static final float E0 = 1.9875691500E-4f, E1 = 1.3981999507E-3f, E2 = 8.3334519073E-3f,
            E3 = 4.1665795894E-2f, E4 = 1.6666665459E-1f, E5 = 5.0000001201E-1f;
    private static final float T0 = -5.70498872745E-3f, T1 = 2.06390887954E-2f, T2 = -5.37397155531E-2f,
            T3 = 1.33314422036E-1f, T4 = -3.33332819422E-1f;
    private static final float TANH_POLY_MAX = 0.625f;
    // Selection: the gate functions choose between two results by a sign bit spread over the lane
    // (ASHR 31) and AND / OR on the bits, not by a compare mask and blend: the same values (the
    // chosen operand's bits), and in VRAE training the stores after a blend were sometimes compiled
    // to the Vector API's Java fallback (JFR showed FloatVector.stOp under sigmoid and the cell update)

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

    /** exp(z) for z in [-87, 0] (NaN stays NaN): the scalar form of the vector code below. */
    private static float expNonPositive(float z) {
        float t = Math.fma(z, LOG2E, MAGIC);
        float nf = t - MAGIC;
        int n = Float.floatToRawIntBits(t) - MAGIC_BITS;
        float x = Math.fma(nf, -LN2_HI, z);
        x = Math.fma(nf, -LN2_LO, x);
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(x, E0, E1), x, E2), x, E3), x, E4), x, E5);
        p = Math.fma(p, x * x, x) + 1f;
        return p * Float.intBitsToFloat((n + 127) << 23);
    }

    private static float sigmoid(float v) {
        float e = expNonPositive(Math.max(-Math.abs(v), EXP_MIN));
        float r = 1f / (e + 1f);
        return v < 0f ? e * r : r;
    }

    private static float tanh(float v) {
        float a = Math.abs(v), t;
        if (a < TANH_POLY_MAX) {
            float z = v * v;
            float p = Math.fma(Math.fma(Math.fma(Math.fma(z, T0, T1), z, T2), z, T3), z, T4);
            t = Math.fma(p * z, a, a);
        } else {
            float e = expNonPositive(Math.max(-(a + a), EXP_MIN));
            t = (1f - e) / (1f + e);
        }
        return Float.intBitsToFloat(Float.floatToRawIntBits(t) | (Float.floatToRawIntBits(v) & 0x80000000));
    }

    /** In place: x = sigmoid(x) = 1 / (1 + e) for x >= 0, e / (1 + e) below, e = exp(-|x|). */
    private static void sigmoid(int n, float[] x, int xo) {
        // the constants broadcast here, not read from the static final vectors: the same values, and the
        // loop ran 8% faster alone (a static final vector is an object whose payload C2 loads in the loop)
        final FloatVector one = FloatVector.broadcast(F, 1f), expMin = FloatVector.broadcast(F, EXP_MIN);
        final FloatVector magic = FloatVector.broadcast(F, MAGIC), log2e = FloatVector.broadcast(F, LOG2E);
        final FloatVector ln2Hi = FloatVector.broadcast(F, -LN2_HI), ln2Lo = FloatVector.broadcast(F, -LN2_LO);
        final FloatVector e0 = FloatVector.broadcast(F, E0), e1 = FloatVector.broadcast(F, E1), e2 = FloatVector.broadcast(F, E2);
        final FloatVector e3 = FloatVector.broadcast(F, E3), e4 = FloatVector.broadcast(F, E4), e5 = FloatVector.broadcast(F, E5);
        final IntVector magicBits = IntVector.broadcast(VectorMath.I, MAGIC_BITS - 127);
        final IntVector oneBits = IntVector.broadcast(VectorMath.I, Float.floatToRawIntBits(1f));
        int j = 0, bound = F.loopBound(n);
        for (; j < bound; j += L) {
            FloatVector v = FloatVector.fromArray(F, x, xo + j);
            FloatVector z = v.abs().neg().max(expMin);
            FloatVector t = z.fma(log2e, magic);
            FloatVector nf = t.sub(magic);
            FloatVector scale = t.reinterpretAsInts().sub(magicBits).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            FloatVector y = nf.fma(ln2Hi, z);
            y = nf.fma(ln2Lo, y);
            FloatVector p = y.fma(e0, e1).fma(y, e2).fma(y, e3).fma(y, e4).fma(y, e5);
            FloatVector e = p.fma(y.mul(y), y).add(one).mul(scale);
            FloatVector r = one.div(e.add(one));
            // e r below 0, else 1 r = r: the factor chosen by the sign bit (see the note at "Selection")
            IntVector below = v.reinterpretAsInts().lanewise(VectorOperators.ASHR, 31);
            FloatVector factor = e.reinterpretAsInts().and(below).or(oneBits.and(below.not())).reinterpretAsFloats();
            factor.mul(r).intoArray(x, xo + j);
        }
        for (; j < n; j++) x[xo + j] = sigmoid(x[xo + j]);
    }

    /** In place: x = tanh(x): a polynomial below |x| = 0.625, else (1 - e) / (1 + e), e = exp(-2|x|). */
    private static void tanh(int n, float[] x, int xo) {
        // the constants broadcast here (see sigmoid)
        final FloatVector one = FloatVector.broadcast(F, 1f), expMin = FloatVector.broadcast(F, EXP_MIN);
        final FloatVector magic = FloatVector.broadcast(F, MAGIC), log2e = FloatVector.broadcast(F, LOG2E);
        final FloatVector ln2Hi = FloatVector.broadcast(F, -LN2_HI), ln2Lo = FloatVector.broadcast(F, -LN2_LO);
        final FloatVector e0 = FloatVector.broadcast(F, E0), e1 = FloatVector.broadcast(F, E1), e2 = FloatVector.broadcast(F, E2);
        final FloatVector e3 = FloatVector.broadcast(F, E3), e4 = FloatVector.broadcast(F, E4), e5 = FloatVector.broadcast(F, E5);
        final FloatVector t0 = FloatVector.broadcast(F, T0), t1 = FloatVector.broadcast(F, T1), t2 = FloatVector.broadcast(F, T2);
        final FloatVector t3 = FloatVector.broadcast(F, T3), t4 = FloatVector.broadcast(F, T4);
        final FloatVector polyMax = FloatVector.broadcast(F, TANH_POLY_MAX);
        final IntVector magicBits = IntVector.broadcast(VectorMath.I, MAGIC_BITS - 127);
        final IntVector sign = IntVector.broadcast(VectorMath.I, 0x80000000);
        int j = 0, bound = F.loopBound(n);
        for (; j < bound; j += L) {
            FloatVector v = FloatVector.fromArray(F, x, xo + j);
            FloatVector a = v.abs();
            FloatVector z = a.add(a).neg().max(expMin);
            FloatVector t = z.fma(log2e, magic);
            FloatVector nf = t.sub(magic);
            FloatVector scale = t.reinterpretAsInts().sub(magicBits).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            FloatVector y = nf.fma(ln2Hi, z);
            y = nf.fma(ln2Lo, y);
            FloatVector p = y.fma(e0, e1).fma(y, e2).fma(y, e3).fma(y, e4).fma(y, e5);
            FloatVector e = p.fma(y.mul(y), y).add(one).mul(scale);
            FloatVector big = one.sub(e).div(one.add(e));
            FloatVector sq = v.mul(v);
            FloatVector q = sq.fma(t0, t1).fma(sq, t2).fma(sq, t3).fma(sq, t4);
            FloatVector small = q.mul(sq).fma(a, a);
            // small below |x| = 0.625, else big: a - 0.625 is negative exactly when a < 0.625
            IntVector poly = a.sub(polyMax).reinterpretAsInts().lanewise(VectorOperators.ASHR, 31);
            IntVector r = small.reinterpretAsInts().and(poly).or(big.reinterpretAsInts().and(poly.not()));
            r.or(v.reinterpretAsInts().and(sign)).reinterpretAsFloats().intoArray(x, xo + j);
        }
        for (; j < n; j++) x[xo + j] = tanh(x[xo + j]);
    }

    /**
     * c = f cPrev + i g (rounded as the scalar twin: product, product, sum), tanhC, h = o tanhC, as three
     * short loops: c (also copied into tanhC), {@link #tanh(int, float[], int)} in place on tanhC, then h.
     * One loop holding all three (the tanh written out inside it) gave C2 a method large enough that
     * its stores were sometimes left to the Vector API's Java fallback (JFR: {@code FloatVector.stOp}
     * under this method, and the cell at 18-20% of VRAE training); the split gives the same bits.
     */
    private static void update(int hd, float[] gates, int g, float[] cPrev, int cp, float[] c, int co,
                               float[] tanhC, int tco, float[] h, int ho) {
        int j = 0, bound = F.loopBound(hd);
        for (; j < bound; j += L) {
            FloatVector i = FloatVector.fromArray(F, gates, g + j);
            FloatVector f = FloatVector.fromArray(F, gates, g + hd + j);
            FloatVector gg = FloatVector.fromArray(F, gates, g + 2 * hd + j);
            FloatVector cj = f.mul(FloatVector.fromArray(F, cPrev, cp + j)).add(i.mul(gg));
            cj.intoArray(c, co + j);
            cj.intoArray(tanhC, tco + j);
        }
        for (; j < hd; j++) {
            float cj = gates[g + hd + j] * cPrev[cp + j] + gates[g + j] * gates[g + 2 * hd + j];
            c[co + j] = cj;
            tanhC[tco + j] = cj;
        }
        tanh(hd, tanhC, tco);
        for (j = 0; j < bound; j += L) {
            FloatVector.fromArray(F, gates, g + 3 * hd + j).mul(FloatVector.fromArray(F, tanhC, tco + j)).intoArray(h, ho + j);
        }
        for (; j < hd; j++) h[ho + j] = gates[g + 3 * hd + j] * tanhC[tco + j];
    }

    static void cellBackward(int rows, int hd, float[] gates, int go, float[] cPrev, int cpo,
                             float[] tanhC, int tco, float[] dh, int dho, float[] dc, int dco) {
        final FloatVector one = FloatVector.broadcast(F, 1f); // broadcast here (see sigmoid)
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
                FloatVector dcj = FloatVector.fromArray(F, dc, dco + s + j).add(dhj.mul(o).mul(one.sub(t.mul(t))));
                dcj.mul(gg).mul(i).mul(one.sub(i)).intoArray(gates, g + j);
                dcj.mul(FloatVector.fromArray(F, cPrev, cpo + s + j)).mul(f).mul(one.sub(f)).intoArray(gates, g + hd + j);
                dcj.mul(i).mul(one.sub(gg.mul(gg))).intoArray(gates, g + 2 * hd + j);
                dhj.mul(t).mul(o).mul(one.sub(o)).intoArray(gates, g + 3 * hd + j);
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
        if (n <= L) {
            narrow(rows, k, n, a, ao, lda, packed, po, c, co, ldc);
            return;
        }
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
                } else if (nr == NR) {
                    // the last, short row panel (32 rows = 5 x 6 + 2): three rows at a time rather
                    // than a full six-row tile of which most is padding
                    for (int r = 0; r < mr; r += 3) {
                        int m3 = Math.min(3, mr - r);
                        if (m3 == 3) {
                            tileAccumulate3(k, ap, q * k * MR + r, packed, bi, c, ci + r * ldc, ldc);
                        } else {
                            for (int i = 0; i < m3; i++) System.arraycopy(c, ci + (r + i) * ldc, edge, i * NR, NR);
                            tileAccumulate3(k, ap, q * k * MR + r, packed, bi, edge, 0, NR);
                            for (int i = 0; i < m3; i++) System.arraycopy(edge, i * NR, c, ci + (r + i) * ldc, NR);
                        }
                    }
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
