package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Binary cross-entropy from logits, forward and gradient in one pass: per element
 * {@code max(x, 0) - x t + log1p(e^{-|x|})} (summed) and {@code sigmoid(x) - t} (stored), both
 * from the one {@code e = e^{-|x|}} of {@link VectorMath}. The terms are float (exp 1 ulp,
 * log1p 1-2 ulp, as {@link VectorMath#softplus}); the sum is taken in float lanes flushed into a
 * double every {@link VectorReductions#FLUSH} elements. Tails use the scalar form of the same
 * approximations, so an element's term does not depend on its position.
 */
final class VectorBceWithLogits {
    private static final VectorSpecies<Float> F = VectorMath.F;
    private static final int L = F.length();

    private VectorBceWithLogits() {
    }

    /**
     * Returns {@code sum_i max(x_i, 0) - x_i t_i + log1p(exp(-|x_i|))} over {@code n} elements and,
     * when {@code d != null}, writes {@code d[dOff + i] = sigmoid(x_i) - t_i}.
     */
    static double forward(int n, float[] x, int xo, float[] t, int to, float[] d, int dOff) {
        // three short loops per block of FLUSH elements (the block stays in L1) rather than one
        // long body: C2 stopped keeping the vectors in registers for the fused loop (boxing,
        // ~50 ns per element); e = exp(-|x|) goes through d (or a scratch block when d is null)
        float[] e = d;
        int eo = dOff;
        if (e == null) {
            e = new float[Math.min(n, VectorReductions.FLUSH)];
            eo = 0;
        }
        double total = 0;
        for (int b = 0; b < n; b += VectorReductions.FLUSH) {
            int len = Math.min(VectorReductions.FLUSH, n - b);
            int eb = d == null ? eo : eo + b;
            expNegAbs(len, x, xo + b, e, eb);
            total += terms(len, x, xo + b, t, to + b, e, eb);
            if (d != null) sigmoidMinusTarget(len, x, xo + b, t, to + b, d, dOff + b);
        }
        return total;
    }

    /** {@code e = exp(-|x|)}. */
    private static void expNegAbs(int n, float[] x, int xo, float[] e, int eo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) VectorMath.exp(FloatVector.fromArray(F, x, xo + i).abs().neg()).intoArray(e, eo + i);
        for (; i < n; i++) e[eo + i] = VectorMath.exp(-Math.abs(x[xo + i]));
    }

    /** The sum of {@code max(x, 0) - x t + log1p(e)}, float lanes then one double. */
    private static double terms(int n, float[] x, int xo, float[] t, int to, float[] e, int eo) {
        FloatVector zero = FloatVector.zero(F), acc = zero;
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(F, x, xo + i);
            FloatVector lin = xv.max(zero).sub(xv.mul(FloatVector.fromArray(F, t, to + i)));
            acc = acc.add(lin.add(VectorMath.log1pUnit(FloatVector.fromArray(F, e, eo + i))));
        }
        double total = VectorMath.sumLanes(acc);
        for (; i < n; i++) {
            float xi = x[xo + i];
            total += Math.max(xi, 0f) - xi * t[to + i] + VectorMath.log1pUnit(e[eo + i]);
        }
        return total;
    }

    /** {@code d = sigmoid(x) - t} from {@code e = exp(-|x|)} held in {@code d}. */
    private static void sigmoidMinusTarget(int n, float[] x, int xo, float[] t, int to, float[] d, int dOff) {
        FloatVector zero = FloatVector.zero(F), one = FloatVector.broadcast(F, 1f);
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) {
            FloatVector e = FloatVector.fromArray(F, d, dOff + i);
            FloatVector r = one.div(e.add(one));
            VectorMask<Float> neg = FloatVector.fromArray(F, x, xo + i).compare(VectorOperators.LT, zero);
            r.blend(e.mul(r), neg).sub(FloatVector.fromArray(F, t, to + i)).intoArray(d, dOff + i);
        }
        for (; i < n; i++) {
            float e = d[dOff + i], r = 1f / (e + 1f);
            d[dOff + i] = (x[xo + i] >= 0f ? r : e * r) - t[to + i];
        }
    }
}
