package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The ReLU backward pass from the saved output: the upstream gradient passes where
 * {@code out > 0} (not at 0 nor NaN, as PyTorch). Accumulating ({@code d += ...}) or, when the
 * gradient buffer is fresh, overwriting it ({@code d = ...}, saving its zero fill). Bit for bit
 * the scalar loop: lanes where {@code out <= 0} leave {@code d} untouched (masked add) or write 0.
 */
final class VectorReluBackward {
    private static final VectorSpecies<Float> F = VectorMath.F;
    private static final int L = F.length();

    private VectorReluBackward() {
    }

    /** {@code d[i] (+)= out[i] > 0 ? g[i] : 0} over {@code n} elements. */
    static void apply(int n, float[] out, int oo, float[] g, int go, float[] d, int dOff, boolean overwrite) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0, bound = F.loopBound(n);
        if (overwrite) {
            for (; i < bound; i += L) {
                VectorMask<Float> pass = FloatVector.fromArray(F, out, oo + i).compare(VectorOperators.GT, zero);
                zero.blend(FloatVector.fromArray(F, g, go + i), pass).intoArray(d, dOff + i);
            }
            for (; i < n; i++) d[dOff + i] = out[oo + i] > 0f ? g[go + i] : 0f;
        } else {
            for (; i < bound; i += L) {
                VectorMask<Float> pass = FloatVector.fromArray(F, out, oo + i).compare(VectorOperators.GT, zero);
                FloatVector.fromArray(F, d, dOff + i).add(FloatVector.fromArray(F, g, go + i), pass).intoArray(d, dOff + i);
            }
            for (; i < n; i++) {
                if (out[oo + i] > 0f) d[dOff + i] += g[go + i];
            }
        }
    }
}
