package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.ScalarKernels;
import io.latentad.engine.random.Rng;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The fused BCE-with-logits pass against a double reference, on the SIMD test sizes. */
class VectorBceWithLogitsTest {
    private static final int[] SIZES = {0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 1023, 1025, 3000};

    @Test
    void sumAndGradientMatchTheDoubleReference() {
        Rng rng = new Rng(3);
        for (int n : SIZES) {
            int xo = 2, to = 1, dOff = 4;
            float[] x = new float[n + xo], t = new float[n + to], d = new float[n + dOff];
            for (int i = 0; i < n; i++) {
                x[xo + i] = (float) (rng.nextGaussian() * (i % 5 == 0 ? 40 : 4)); // some saturate
                t[to + i] = (float) rng.nextDouble();
            }
            double ref = 0, absSum = 0;
            for (int i = 0; i < n; i++) {
                double xi = x[xo + i], ti = t[to + i];
                double term = Math.max(xi, 0) - xi * ti + Math.log1p(Math.exp(-Math.abs(xi)));
                ref += term;
                absSum += Math.abs(term);
            }
            double s = VectorBceWithLogits.forward(n, x, xo, t, to, d, dOff);
            // float terms of a few ulps each: error bounded by ~1e-6 of the sum of magnitudes
            assertEquals(ref, s, 1e-6 * absSum + 1e-7, "sum, n = " + n);
            for (int i = 0; i < n; i++) {
                double sig = 1 / (1 + Math.exp(-(double) x[xo + i]));
                assertEquals(sig - t[to + i], d[dOff + i], 3e-7, "gradient at " + i + ", n = " + n);
            }
            assertEquals(s, VectorBceWithLogits.forward(n, x, xo, t, to, null, 0), 0.0, "same sum without d");
            // the scalar twin (ScalarKernels) and the facade's vector kernel
            float[] ds = new float[n + dOff];
            double ss = ScalarKernels.INSTANCE.bceWithLogits(n, x, xo, t, to, ds, dOff);
            assertEquals(ref, ss, 1e-6 * absSum + 1e-7, "scalar twin sum, n = " + n);
            for (int i = 0; i < n; i++) assertEquals(d[dOff + i], ds[dOff + i], 3e-7, "scalar twin gradient at " + i);
            assertEquals(s, VectorKernels.INSTANCE.bceWithLogits(n, x, xo, t, to, null, 0), 0.0, "the facade's vector kernel");
        }
    }

    @Test
    void handValue() {
        // x = 0, t = 1: log 2 and sigmoid(0) - 1 = -0.5; x = 2, t = 0: softplus(2) = 2.126928...
        float[] x = {0f, 2f}, t = {1f, 0f}, d = new float[2];
        assertEquals(Math.log(2) + 2.1269280110429727, VectorBceWithLogits.forward(2, x, 0, t, 0, d, 0), 1e-6);
        assertEquals(-0.5f, d[0], 1e-7f);
        assertEquals(0.8807970779778823, d[1], 1e-7);
    }

    /**
     * The loops write exp and log1p out in place (no call the JIT might decline to inline): they must give
     * VectorMath's bits, element for element and in the lane sums, over ordinary logits, saturating ones,
     * signed zeros, denormals, infinities and NaN, on every size and offset (NaN as NaN: its sign bit is not
     * pinned even between the interpreter and compiled code).
     */
    @Test
    void theWrittenOutLoopsGiveVectorMathsBits() {
        VectorSpecies<Float> f = VectorMath.F;
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-39f, -1e-39f, Float.MIN_NORMAL, 1e-20f, 0.5f, -0.5f,
            1f, -1f, 30f, -30f, 87.5f, -87.5f, 95f, -95f, 103f, -103f, 110f, -110f, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        Rng rng = new Rng(11);
        for (int n : SIZES) {
            int xo = 3, to = 2, eo = 1;
            float[] x = new float[n + xo], t = new float[n + to], e = new float[n + eo], eRef = new float[n + eo];
            for (int i = 0; i < n; i++) {
                x[xo + i] = i % 3 == 0 ? special[i / 3 % special.length] : (float) (rng.nextGaussian() * (i % 5 == 0 ? 40 : 4));
                t[to + i] = (float) rng.nextDouble();
            }
            VectorBceWithLogits.expNegAbs(n, x, xo, e, eo);
            int i = 0;
            for (; i < f.loopBound(n); i += f.length()) {
                VectorMath.exp(FloatVector.fromArray(f, x, xo + i).abs().neg()).intoArray(eRef, eo + i);
            }
            for (; i < n; i++) eRef[eo + i] = VectorMath.exp(-Math.abs(x[xo + i]));
            for (i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(eRef[eo + i]), Float.floatToIntBits(e[eo + i]), "exp(-|x|) at " + i + ", x = " + x[xo + i]);
            }
            // the sum as the loop had it before: lanes of max(x, 0) - x t + VectorMath.log1pUnit(e), then the tail in double
            FloatVector zero = FloatVector.zero(f), acc = zero;
            for (i = 0; i < f.loopBound(n); i += f.length()) {
                FloatVector xv = FloatVector.fromArray(f, x, xo + i);
                FloatVector lin = xv.max(zero).sub(xv.mul(FloatVector.fromArray(f, t, to + i)));
                acc = acc.add(lin.add(VectorMath.log1pUnit(FloatVector.fromArray(f, e, eo + i))));
            }
            double ref = VectorMath.sumLanes(acc);
            for (; i < n; i++) ref += Math.max(x[xo + i], 0f) - x[xo + i] * t[to + i] + VectorMath.log1pUnit(e[eo + i]);
            double got = VectorBceWithLogits.terms(n, x, xo, t, to, e, eo);
            assertEquals(Double.doubleToLongBits(ref), Double.doubleToLongBits(got), "terms, n = " + n + ": " + ref + " vs " + got);
        }
    }

    /** log1p(e) alone, element by element: with x = t = 0 and one nonzero lane the sum is that lane's log1p. */
    @Test
    void theWrittenOutLog1pGivesVectorMathsBitsPerElement() {
        int l = VectorMath.F.length();
        float[] x = new float[l], t = new float[l], e = new float[l];
        Rng rng = new Rng(5);
        for (int k = 0; k < 4000; k++) {
            float u = k < 40 ? Float.MIN_VALUE * k : k % 7 == 0 ? (float) Math.scalb(rng.nextDouble(), -(k % 140)) : (float) rng.nextDouble();
            java.util.Arrays.fill(e, 0f);
            e[k % l] = u;
            double got = VectorBceWithLogits.terms(l, x, 0, t, 0, e, 0);
            assertEquals(Float.floatToIntBits(VectorMath.log1pUnit(u)), Float.floatToIntBits((float) got), "log1p(" + u + ")");
            assertEquals((double) (float) got, got, 0.0);
        }
    }
}
