package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.ScalarKernels;
import io.latentad.engine.random.Rng;
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
}
