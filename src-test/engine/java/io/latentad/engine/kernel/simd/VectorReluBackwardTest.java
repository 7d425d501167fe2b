package io.latentad.engine.kernel.simd;

import io.latentad.engine.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The vector ReLU backward pass against the scalar loop, bit for bit, on the SIMD test sizes. */
class VectorReluBackwardTest {
    private static final int[] SIZES = {0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 1023, 1025};

    @Test
    void matchesTheScalarLoopInBothModes() {
        Rng rng = new Rng(5);
        for (int n : SIZES) {
            int oo = 1, go = 3, dOff = 2;
            float[] out = new float[n + oo], g = new float[n + go], d = new float[n + dOff];
            for (int i = 0; i < n; i++) {
                out[oo + i] = i % 7 == 0 ? 0f : i % 11 == 0 ? Float.NaN : Math.max(0f, (float) rng.nextGaussian());
                g[go + i] = (float) rng.nextGaussian();
                d[dOff + i] = (float) rng.nextGaussian();
            }
            float[] acc = d.clone(), accRef = d.clone(), over = d.clone(), overRef = d.clone();
            for (int i = 0; i < n; i++) {
                if (out[oo + i] > 0f) accRef[dOff + i] += g[go + i];
                overRef[dOff + i] = out[oo + i] > 0f ? g[go + i] : 0f;
            }
            VectorReluBackward.apply(n, out, oo, g, go, acc, dOff, false);
            VectorReluBackward.apply(n, out, oo, g, go, over, dOff, true);
            assertArrayEquals(accRef, acc, 0f, "accumulate, n = " + n);
            assertArrayEquals(overRef, over, 0f, "overwrite, n = " + n);
        }
    }
}
