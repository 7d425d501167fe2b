package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The double-lane kernels (the one-class SVM's RBF rows are their user): squared distances in double
 * to points stored by columns ({@code sqDistToColumns}, the scalar loop's bits), and
 * {@code (float) exp(x)} for double arguments ({@code expToFloat}), the twin of
 * {@code (float) Math.exp(x)} for callers that compute their arguments in double and keep the results
 * in float (libsvm's {@code Qfloat}).
 *
 * <p>exp: {@code exp(x) = 2^n exp(r)}, {@code n = round(x log2 e)}, {@code r = x - n ln 2} with ln 2
 * split in two (Cody and Waite) so that {@code r} is exact to a few double ulps, {@code |r| <= ln 2 / 2};
 * {@code exp(r)} by its Taylor polynomial of degree 12 (truncation below {@code 0.35^13 / 13! = 2e-16}),
 * then the exponent added to the bits. The double result is within a few double ulps of {@code e^x},
 * so after rounding to float it equals {@code (float) Math.exp(x)} except when {@code e^x} lies within
 * ~1e-15 (relative) of a point halfway between two floats (a chance of about 1e-8 per value), when
 * the two differ by one float ulp. Lanes outside {@code [-700, 700]} or NaN take {@code Math.exp}
 * (the whole vector), so underflow, overflow and NaN are the scalar twin's exactly.
 */
final class VectorDoubles {
    private static final VectorSpecies<Double> D = Lanes.D;
    private static final VectorSpecies<Float> FH = VectorSpecies.of(float.class,
            jdk.incubator.vector.VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final int L = D.length();
    private static final double LOG2E = 1.4426950408889634;
    // ln 2 = LN2_HI + LN2_LO, LN2_HI with the low 32 bits zero so that n * LN2_HI is exact for |n| < 2^20
    private static final double LN2_HI = Double.longBitsToDouble(Double.doubleToLongBits(Math.log(2)) & 0xFFFFFFFF00000000L);
    private static final double LN2_LO = Math.log(2) - LN2_HI;
    private static final double LIMIT = 700;
    /** 1 / k! for k = 0..12. */
    private static final double[] INV_FACT = new double[13];

    static {
        double f = 1;
        for (int k = 0; k <= 12; k++) {
            if (k > 0) f *= k;
            INV_FACT[k] = 1 / f;
        }
    }

    private VectorDoubles() {
    }

    /** {@link io.latentad.engine.kernel.KernelSet#sqDistToColumns}: double lanes over k, mul then add as the scalar loop. */
    static void sqDistToColumns(int d, double[] a, int ao, double[] xt, int ldx, int from, int to, double[] out, int oo) {
        int k = from;
        for (int end = from + D.loopBound(to - from); k < end; k += L) {
            DoubleVector s = DoubleVector.zero(D);
            for (int c = 0; c < d; c++) {
                DoubleVector e = DoubleVector.broadcast(D, a[ao + c]).sub(DoubleVector.fromArray(D, xt, c * ldx + k));
                s = s.add(e.mul(e));
            }
            s.intoArray(out, oo + k - from);
        }
        for (; k < to; k++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                double e = a[ao + c] - xt[c * ldx + k];
                s += e * e;
            }
            out[oo + k - from] = s;
        }
    }

    static void expToFloat(int n, double[] x, int xo, float[] out, int oo) {
        int i = 0, bound = D.loopBound(n);
        for (; i < bound; i += L) {
            DoubleVector v = DoubleVector.fromArray(D, x, xo + i);
            VectorMask<Double> inRange = v.abs().compare(VectorOperators.LE, LIMIT); // false for NaN
            if (!inRange.allTrue()) {
                for (int j = 0; j < L; j++) out[oo + i + j] = (float) Math.exp(x[xo + i + j]);
                continue;
            }
            DoubleVector e = exp(v);
            ((FloatVector) e.convertShape(VectorOperators.D2F, FH, 0)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = (float) Math.exp(x[xo + i]);
    }

    /** 1.5 * 2^52: adding it rounds a double of magnitude below 2^51 to an integer, held in the low bits. */
    private static final double SHIFTER = 6755399441055744.0;
    private static final long SHIFTER_BITS = Double.doubleToLongBits(SHIFTER);

    /** exp of lanes in [-700, 700]. */
    private static DoubleVector exp(DoubleVector x) {
        DoubleVector shifted = x.mul(LOG2E).add(SHIFTER);
        DoubleVector nf = shifted.sub(SHIFTER);                      // round(x log2 e), exactly
        LongVector n = shifted.reinterpretAsLongs().sub(SHIFTER_BITS); // the same integer, as a long
        DoubleVector r = x.sub(nf.mul(LN2_HI)).sub(nf.mul(LN2_LO));
        DoubleVector p = DoubleVector.broadcast(D, INV_FACT[12]);
        for (int k = 11; k >= 0; k--) p = p.fma(r, DoubleVector.broadcast(D, INV_FACT[k]));
        DoubleVector scale = n.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(scale);
    }
}
