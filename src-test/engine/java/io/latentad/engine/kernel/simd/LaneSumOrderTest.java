package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.KernelSet;
import io.latentad.engine.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The vector reductions give the same bits before and after the JIT compiles them. JDK 25's C2 sums
 * the lanes of {@code reduceLanes(ADD)} in a tree while the interpreter sums them in order, so a dot
 * product changed bits after a few thousand calls and one training run differed from the next;
 * {@link VectorMath#sumLanes} fixes the order. (On JDK 17 both orders agree; the test guards 25.)
 */
class LaneSumOrderTest {
    @Test
    void reductionsKeepTheirBitsThroughCompilation() {
        KernelSet k = VectorKernels.INSTANCE;
        int n = 300;
        float[] x = new float[n], t = new float[n];
        Rng rng = new Rng(1);
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextGaussian() * 3);
            t[i] = (float) rng.nextDouble();
        }
        float[] lanes = new float[VectorMath.F.length()];
        jdk.incubator.vector.FloatVector v = jdk.incubator.vector.FloatVector.fromArray(VectorMath.F, x, 0);
        float ordered = 0f;
        for (int i = 0; i < VectorMath.F.length(); i++) ordered += x[i];
        assertEquals(ordered, VectorMath.sumLanes(v, lanes), 0f, "lane order");
        double bce = k.bceWithLogits(n, x, 0, t, 0, null, 0);
        float dot = k.dot(n, x, 0, t, 0), sum = k.sum(n, x, 0);
        for (int r = 0; r < 60_000; r++) {
            assertEquals(bce, k.bceWithLogits(n, x, 0, t, 0, null, 0), 0.0, "bce, call " + r);
            assertEquals(dot, k.dot(n, x, 0, t, 0), 0f, "dot, call " + r);
            assertEquals(sum, k.sum(n, x, 0), 0f, "sum, call " + r);
        }
    }
}
