package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorized float approximations of exp, log, log1p, tanh and sigmoid, in the style of Cephes
 * ({@code expf.c}, {@code logf.c}, {@code tanhf.c} by S. L. Moshier): range reduction, a short
 * minimax polynomial, and the power of two built directly in the exponent bits.
 *
 * <p>Why not {@code FloatVector.lanewise(VectorOperators.EXP)}: on JDK 17 and 25 on this AMD
 * EPYC (Zen 1, AVX2) it is not intrinsified and falls back to per-lane {@code Math.exp}, measured
 * at 16 ns/element, no faster than the scalar loop (see {@code bench/notes/simd.md}).
 *
 * <p>Every function has two forms with the same operation order: one on a {@link FloatVector}
 * and one on a {@code float} (the scalar tail of a loop), built only from IEEE operations and
 * fused multiply-adds, so a value gives bit-identical results whichever position it has in an
 * array. Integer conversions use the magic-number trick ({@code x + 1.5 * 2^23}) rather than
 * vector casts, whose NaN/overflow handling differs between JDK versions.
 *
 * <p>Accuracy, measured against the double-precision {@code Math} functions rounded to float
 * (the {@code ScalarKernels} twins), as the largest error in float ulps of the reference value
 * over every float in the stated range stepping through all exponents (see
 * {@code VectorKernelsTest.transcendentalsStayWithinMeasuredUlps}):
 * <ul>
 *   <li>exp: 1 ulp on [-87.3, 88.7]; denormal results (x in [-103.9, -87.3]) are correctly
 *       scaled, not flushed; exp(-Inf) = 0, exp(x > 88.73) = +Inf.</li>
 *   <li>log: 1 ulp on (0, +Inf) including denormal inputs; log(±0) = -Inf, log(x < 0) = NaN,
 *       log(+Inf) = +Inf.</li>
 *   <li>tanh: 1 ulp; tanh(±0) = ±0, tanh(±Inf) = ±1; below |x| = 0.625 a polynomial in x
 *       (no cancellation near 0).</li>
 *   <li>sigmoid: 2 ulp, via {@code exp(-|x|)} so nothing overflows; tiny denormal results for
 *       x below -87 are within a few denormal steps.</li>
 *   <li>softplus: 2 ulp, {@code max(x, 0) + log1p(exp(-|x|))} with a compensated log1p.</li>
 * </ul>
 * NaN in gives NaN out everywhere.
 */
final class VectorMath {
    static final VectorSpecies<Float> F = Lanes.F;

    /**
     * The sum of the lanes of {@code v} in lane order, {@code ((0 + v0) + v1) + ...}, through
     * {@code scratch} (at least {@code F.length()} floats). Use this, never
     * {@code reduceLanes(ADD)}: the Vector API leaves the order of a float reduction open, and JDK 25's
     * C2 sums in a tree while its interpreter sums in lane order, so one call gave different bits
     * before and after compilation (same seed, different model). This order is JDK 17's in both modes.
     */
    static float sumLanes(FloatVector v, float[] scratch) {
        v.intoArray(scratch, 0);
        float s = 0f;
        for (int i = 0, n = v.length(); i < n; i++) s += scratch[i];
        return s;
    }

    /** {@link #sumLanes(FloatVector, float[])} with a scratch array of its own (for once-per-call sums). */
    static float sumLanes(FloatVector v) {
        return sumLanes(v, new float[v.length()]);
    }
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

    // 1.5 * 2^23: adding it rounds a float of magnitude < 2^22 to an integer held in the low bits
    private static final float MAGIC = 12582912f;
    private static final int MAGIC_BITS = 0x4B400000;

    private static final float LOG2E = 1.44269504088896341f;
    // ln 2 split so that n * LN2_HI is exact (Cody and Waite)
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    // beyond these, exp is +Inf or below half the smallest denormal
    private static final float EXP_LO = -104f;
    private static final float EXP_HI = 89f;

    private static final float SQRT_HALF = 0.707106781186547524f;
    private static final float MIN_NORMAL = Float.MIN_NORMAL;
    private static final float TWO_23 = 8388608f;

    private static final float TANH_POLY_MAX = 0.625f;
    private static final int SIGN_BIT = 0x80000000;

    // Vector constants are static final vectors, not broadcasts at the point of use: each
    // broadcast expands to many IR nodes while C2 parses, and tanh or softplus (exp inlined
    // into them) then hit NodeCountInliningCutoff, leave Vector API calls un-inlined and run
    // 10x slower with boxed vectors. The package-private ones are read by VectorBceWithLogits, whose loops
    // have exp and log1pUnit written out in place (change those with these; VectorBceWithLogitsTest checks the bits).
    private static final FloatVector V_ZERO = splat(0f);
    static final FloatVector V_ONE = splat(1f);
    private static final FloatVector V_TWO = splat(2f);
    static final FloatVector V_HALF_NEG = splat(-0.5f);
    static final FloatVector V_MAGIC = splat(MAGIC);
    static final FloatVector V_LOG2E = splat(LOG2E);
    static final FloatVector V_LN2_HI = splat(LN2_HI);
    static final FloatVector V_LN2_LO = splat(LN2_LO);
    static final FloatVector V_LN2_HI_NEG = splat(-LN2_HI);
    static final FloatVector V_LN2_LO_NEG = splat(-LN2_LO);
    static final FloatVector V_EXP_LO = splat(EXP_LO);
    static final FloatVector V_EXP_HI = splat(EXP_HI);
    static final FloatVector V_SQRT_HALF = splat(SQRT_HALF);
    static final FloatVector V_MIN_NORMAL = splat(MIN_NORMAL);
    static final FloatVector V_TWO_23 = splat(TWO_23);
    static final FloatVector V_23 = splat(23f);
    private static final FloatVector V_POS_INF = splat(Float.POSITIVE_INFINITY);
    private static final FloatVector V_NEG_INF = splat(Float.NEGATIVE_INFINITY);
    private static final FloatVector V_NAN = splat(Float.NaN);
    private static final FloatVector V_TANH_POLY_MAX = splat(TANH_POLY_MAX);
    static final IntVector I_MAGIC_BITS = IntVector.broadcast(I, MAGIC_BITS);
    static final IntVector I_127 = IntVector.broadcast(I, 127);
    static final IntVector I_126 = IntVector.broadcast(I, 126);
    static final IntVector I_MANTISSA = IntVector.broadcast(I, 0x007fffff);
    static final IntVector I_HALF_EXP = IntVector.broadcast(I, 0x3f000000);
    private static final IntVector I_SIGN = IntVector.broadcast(I, SIGN_BIT);
    // Cephes expf, logf and tanhf polynomial coefficients
    private static final float[] EXP_P = {1.9875691500E-4f, 1.3981999507E-3f, 8.3334519073E-3f,
        4.1665795894E-2f, 1.6666665459E-1f, 5.0000001201E-1f};
    private static final float[] LOG_P = {7.0376836292E-2f, -1.1514610310E-1f, 1.1676998740E-1f,
        -1.2420140846E-1f, 1.4249322787E-1f, -1.6668057665E-1f, 2.0000714765E-1f, -2.4999993993E-1f,
        3.3333331174E-1f};
    private static final float[] TANH_P = {-5.70498872745E-3f, 2.06390887954E-2f, -5.37397155531E-2f,
        1.33314422036E-1f, -3.33332819422E-1f};
    static final FloatVector E0 = splat(EXP_P[0]), E1 = splat(EXP_P[1]), E2 = splat(EXP_P[2]),
            E3 = splat(EXP_P[3]), E4 = splat(EXP_P[4]), E5 = splat(EXP_P[5]);
    static final FloatVector G0 = splat(LOG_P[0]), G1 = splat(LOG_P[1]), G2 = splat(LOG_P[2]),
            G3 = splat(LOG_P[3]), G4 = splat(LOG_P[4]), G5 = splat(LOG_P[5]), G6 = splat(LOG_P[6]),
            G7 = splat(LOG_P[7]), G8 = splat(LOG_P[8]);
    private static final FloatVector T0 = splat(TANH_P[0]), T1 = splat(TANH_P[1]), T2 = splat(TANH_P[2]),
            T3 = splat(TANH_P[3]), T4 = splat(TANH_P[4]);

    private VectorMath() {
    }

    /** The float c in every lane. */
    static FloatVector splat(float c) {
        return FloatVector.broadcast(F, c);
    }

    // ---- exp ----------------------------------------------------------------------------------

    /** e^x: x = n ln2 + r, |r| <= ln2 / 2; e^r by a degree-6 polynomial; 2^n from exponent bits. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(V_EXP_LO).min(V_EXP_HI);
        FloatVector t = xc.fma(V_LOG2E, V_MAGIC); // round(x log2 e) in the low mantissa bits
        FloatVector nf = t.sub(V_MAGIC);
        IntVector n = t.reinterpretAsInts().sub(I_MAGIC_BITS);
        FloatVector r = nf.fma(V_LN2_HI_NEG, xc);
        r = nf.fma(V_LN2_LO_NEG, r);
        FloatVector p = r.fma(E0, E1).fma(r, E2).fma(r, E3).fma(r, E4).fma(r, E5);
        p = p.fma(r.mul(r), r).add(V_ONE);
        // 2^n as two factors 2^n1 * 2^n2, each a normal float, so results below 2^-126 become
        // correctly rounded denormals instead of garbage exponents
        IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = n.sub(n1);
        FloatVector s1 = n1.add(I_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(I_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector y = p.mul(s1).mul(s2);
        return y.blend(x, x.compare(VectorOperators.NE, x)); // NaN passes through
    }

    static float exp(float x) {
        float xc = Math.min(Math.max(x, EXP_LO), EXP_HI);
        float t = Math.fma(xc, LOG2E, MAGIC);
        float nf = t - MAGIC;
        int n = Float.floatToRawIntBits(t) - MAGIC_BITS;
        float r = Math.fma(nf, -LN2_HI, xc);
        r = Math.fma(nf, -LN2_LO, r);
        float p = Math.fma(r, EXP_P[0], EXP_P[1]);
        for (int k = 2; k < EXP_P.length; k++) p = Math.fma(p, r, EXP_P[k]);
        p = Math.fma(p, r * r, r) + 1f;
        int n1 = n >> 1, n2 = n - n1;
        float y = p * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n2 + 127) << 23);
        return x != x ? x : y;
    }

    // ---- log ----------------------------------------------------------------------------------

    /** Natural log with the IEEE special cases (0 -> -Inf, negative -> NaN, +Inf -> +Inf). */
    static FloatVector log(FloatVector x) {
        FloatVector y = logPositive(x);
        y = y.blend(V_POS_INF, x.compare(VectorOperators.EQ, V_POS_INF));
        y = y.blend(V_NEG_INF, x.compare(VectorOperators.EQ, V_ZERO));
        VectorMask<Float> bad = x.compare(VectorOperators.LT, V_ZERO).or(x.compare(VectorOperators.NE, x));
        return y.blend(V_NAN, bad);
    }

    static float log(float x) {
        if (x != x || x < 0f) return Float.NaN;
        if (x == 0f) return Float.NEGATIVE_INFINITY;
        if (x == Float.POSITIVE_INFINITY) return x;
        return logPositive(x);
    }

    /**
     * log x for finite x > 0 (denormals included): x = m 2^e with m in [sqrt(1/2), sqrt(2)),
     * log(m) = f - f^2/2 + f^3 P(f) with f = m - 1 (Cephes {@code logf}).
     */
    static FloatVector logPositive(FloatVector x) {
        VectorMask<Float> tiny = x.compare(VectorOperators.LT, V_MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(V_TWO_23), tiny); // denormals: scale into the normal range
        IntVector bits = xs.reinterpretAsInts();
        IntVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(I_126); // m in [0.5, 1)
        FloatVector m = bits.and(I_MANTISSA).or(I_HALF_EXP).reinterpretAsFloats();
        FloatVector fe = e.add(I_MAGIC_BITS).reinterpretAsFloats().sub(V_MAGIC); // int -> float
        fe = fe.blend(fe.sub(V_23), tiny);
        VectorMask<Float> low = m.compare(VectorOperators.LT, V_SQRT_HALF);
        fe = fe.blend(fe.sub(V_ONE), low);
        FloatVector f = m.blend(m.add(m), low).sub(V_ONE);
        // log(m) = f - f^2 / 2 + f^3 P(f); log x = log m + e ln 2 with ln 2 split in two
        FloatVector z = f.mul(f);
        FloatVector p = f.fma(G0, G1).fma(f, G2).fma(f, G3).fma(f, G4).fma(f, G5).fma(f, G6)
                .fma(f, G7).fma(f, G8);
        FloatVector y = p.mul(f).mul(z);
        y = fe.fma(V_LN2_LO, y);
        y = z.fma(V_HALF_NEG, y);
        return fe.fma(V_LN2_HI, f.add(y));
    }

    static float logPositive(float x) {
        boolean tiny = x < MIN_NORMAL;
        float xs = tiny ? x * TWO_23 : x;
        int bits = Float.floatToRawIntBits(xs);
        int e = (bits >>> 23) - 126;
        float m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f000000);
        float fe = Float.intBitsToFloat(e + MAGIC_BITS) - MAGIC;
        if (tiny) fe = fe - 23f;
        boolean low = m < SQRT_HALF;
        if (low) fe = fe - 1f;
        float f = (low ? m + m : m) - 1f;
        float z = f * f;
        float p = Math.fma(f, LOG_P[0], LOG_P[1]);
        for (int k = 2; k < LOG_P.length; k++) p = Math.fma(p, f, LOG_P[k]);
        float y = p * f * z;
        y = Math.fma(fe, LN2_LO, y);
        y = Math.fma(z, -0.5f, y);
        return Math.fma(fe, LN2_HI, f + y);
    }

    /**
     * log(1 + u) for u in [0, 1]: w = 1 + u rounds, so add back the rounding error
     * c = u - (w - 1) (exact) to first order, log(w + c) ~ log(w) + c / w. Accurate for tiny u,
     * where w = 1 and the result is u.
     */
    static FloatVector log1pUnit(FloatVector u) {
        FloatVector w = u.add(V_ONE);
        FloatVector c = u.sub(w.sub(V_ONE));
        return logPositive(w).add(c.div(w));
    }

    static float log1pUnit(float u) {
        float w = u + 1f;
        float c = u - (w - 1f);
        return logPositive(w) + c / w;
    }

    // ---- tanh, sigmoid, softplus ----------------------------------------------------------------

    /**
     * tanh x: below |x| = 0.625, x + x^3 P(x^2) (Cephes {@code tanhf}); above,
     * sign(x) (1 - 2 / (e^{2|x|} + 1)), which saturates to ±1 without overflow trouble.
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector z = x.mul(x);
        FloatVector p = z.fma(T0, T1).fma(z, T2).fma(z, T3).fma(z, T4);
        FloatVector small = p.mul(z).fma(ax, ax);
        FloatVector e = exp(ax.add(ax));
        FloatVector big = V_ONE.sub(V_TWO.div(e.add(V_ONE)));
        FloatVector r = big.blend(small, ax.compare(VectorOperators.LT, V_TANH_POLY_MAX));
        // tanh is odd: put the sign bit of x on tanh|x| (keeps tanh(-0) = -0)
        return r.reinterpretAsInts().or(x.reinterpretAsInts().and(I_SIGN)).reinterpretAsFloats();
    }

    static float tanh(float x) {
        float ax = Math.abs(x);
        float r;
        if (ax < TANH_POLY_MAX) {
            float z = x * x;
            float p = Math.fma(z, TANH_P[0], TANH_P[1]);
            for (int k = 2; k < TANH_P.length; k++) p = Math.fma(p, z, TANH_P[k]);
            r = Math.fma(p * z, ax, ax);
        } else {
            r = 1f - 2f / (exp(ax + ax) + 1f);
        }
        return Float.intBitsToFloat(Float.floatToRawIntBits(r) | (Float.floatToRawIntBits(x) & SIGN_BIT));
    }

    /** 1 / (1 + e^-x) from e = e^{-|x|} <= 1: x >= 0 gives 1 / (1 + e), x < 0 gives e / (1 + e). */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector r = V_ONE.div(e.add(V_ONE));
        return r.blend(e.mul(r), x.compare(VectorOperators.LT, V_ZERO)); // NaN: e and r are NaN
    }

    static float sigmoid(float x) {
        float e = exp(-Math.abs(x));
        float r = 1f / (e + 1f);
        return x >= 0f ? r : e * r;
    }

    /** log(1 + e^x) = max(x, 0) + log1p(e^{-|x|}). */
    static FloatVector softplus(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        return x.max(V_ZERO).add(log1pUnit(e));
    }

    static float softplus(float x) {
        float e = exp(-Math.abs(x));
        return Math.max(x, 0f) + log1pUnit(e);
    }
}
