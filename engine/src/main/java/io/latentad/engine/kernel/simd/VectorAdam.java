package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.ScalarKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Adam parameter update in one vectorised pass over a slice of one parameter, the twin of
 * the scalar loop in {@code optim.Adam}: decay, moment updates, (AMSGrad maximum) and the step.
 * Every lane does the same IEEE float operations in the same order as the scalar loop (no fused
 * multiply-add; {@code sqrt} and division are correctly rounded in both), so the result is bit
 * for bit that of the scalar loop, and the caller may split a parameter over threads freely.
 */
final class VectorAdam {
    private static final VectorSpecies<Float> F = VectorMath.F;
    private static final int L = F.length();

    private VectorAdam() {
    }

    /**
     * Elements {@code [from, to)}: {@code wi = w decay; gi = g + l2 wi; m = b1 m + (1 - b1) gi;
     * v = b2 v + (1 - b2) gi gi; vh = max(vh, v)} (when {@code vh != v});
     * {@code w = wi - step m / (sqrt(vh) / bc2Sqrt + eps)}. {@code m, v, vh} start at index 0.
     */
    static void update(int from, int to, float[] w, int wo, float[] g, int go, float[] m, float[] v,
                              float[] vh, float b1, float b2, float stepSize, float bc2Sqrt, float eps,
                              float decay, float l2) {
        boolean ams = vh != v;
        float c1 = 1f - b1, c2 = 1f - b2;
        FloatVector vb1 = FloatVector.broadcast(F, b1), vb2 = FloatVector.broadcast(F, b2);
        FloatVector vc1 = FloatVector.broadcast(F, c1), vc2 = FloatVector.broadcast(F, c2);
        FloatVector vStep = FloatVector.broadcast(F, stepSize), vBc = FloatVector.broadcast(F, bc2Sqrt);
        FloatVector vEps = FloatVector.broadcast(F, eps), vDecay = FloatVector.broadcast(F, decay);
        FloatVector vL2 = FloatVector.broadcast(F, l2);
        int i = from, bound = from + F.loopBound(to - from);
        for (; i < bound; i += L) {
            FloatVector wi = FloatVector.fromArray(F, w, wo + i).mul(vDecay);
            FloatVector gi = FloatVector.fromArray(F, g, go + i).add(vL2.mul(wi));
            FloatVector mi = vb1.mul(FloatVector.fromArray(F, m, i)).add(vc1.mul(gi));
            FloatVector vi = vb2.mul(FloatVector.fromArray(F, v, i)).add(vc2.mul(gi).mul(gi));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            if (ams) {
                vi = FloatVector.fromArray(F, vh, i).max(vi);
                vi.intoArray(vh, i);
            }
            FloatVector denom = vi.sqrt().div(vBc).add(vEps);
            wi.sub(vStep.mul(mi).div(denom)).intoArray(w, wo + i);
        }
        ScalarKernels.INSTANCE.adamUpdate(i, to, w, wo, g, go, m, v, vh, b1, b2, stepSize, bc2Sqrt, eps, decay, l2); // the tail
    }
}
