package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API twins of the fused LSTM cell kernels of {@link io.latentad.engine.kernel.ScalarKernels},
 * forward and backward (the recurrent product is {@link VectorLstm}).
 *
 * <p>The cell forward runs, per row, one loop per transcendental (sigmoid over the i and f blocks,
 * tanh over g, sigmoid over o, then the cell update with its tanh) rather than one loop holding all
 * five: a row is {@code 4 hidden} floats, so it stays in L1 between the loops. The gate functions
 * are written out inside the loops (see the note at {@code EXP_MIN}); their accuracy against the
 * double {@code Math} functions of the scalar twin is that of {@link VectorMath}'s (1-2 ulps), except
 * that tanh near 0.625 and above and sigmoid below -87 differ by at most a few ulps of 1 in absolute
 * terms ({@code VectorLstmTest}).
 */
final class VectorLstmCell {
    private static final VectorSpecies<Float> F = VectorMath.F;
    private static final int L = F.length();

    private VectorLstmCell() {
    }

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
}
