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
public final class VectorBceWithLogits {
    private static final VectorSpecies<Float> F = VectorMath.F;
    private static final int L = F.length();

    private VectorBceWithLogits() {
    }

    /**
     * Returns {@code sum_i max(x_i, 0) - x_i t_i + log1p(exp(-|x_i|))} over {@code n} elements and,
     * when {@code d != null}, writes {@code d[dOff + i] = sigmoid(x_i) - t_i}.
     */
    public static double forward(int n, float[] x, int xo, float[] t, int to, float[] d, int dOff) {
        FloatVector zero = FloatVector.zero(F), one = FloatVector.broadcast(F, 1f);
        double total = 0;
        int i = 0, bound = F.loopBound(n);
        while (i < bound) {
            int end = Math.min(bound, i + VectorReductions.FLUSH);
            FloatVector acc = zero;
            for (; i < end; i += L) {
                FloatVector xv = FloatVector.fromArray(F, x, xo + i), tv = FloatVector.fromArray(F, t, to + i);
                FloatVector e = VectorMath.exp(xv.abs().neg());
                FloatVector term = xv.max(zero).sub(xv.mul(tv)).add(VectorMath.log1pUnit(e));
                acc = acc.add(term);
                if (d != null) {
                    FloatVector r = one.div(e.add(one));
                    VectorMask<Float> neg = xv.compare(VectorOperators.LT, zero);
                    r.blend(e.mul(r), neg).sub(tv).intoArray(d, dOff + i);
                }
            }
            total += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            float xi = x[xo + i], ti = t[to + i];
            float e = VectorMath.exp(-Math.abs(xi));
            total += Math.max(xi, 0f) - xi * ti + VectorMath.log1pUnit(e);
            if (d != null) {
                float r = 1f / (e + 1f);
                d[dOff + i] = (xi >= 0f ? r : e * r) - ti;
            }
        }
        return total;
    }
}
