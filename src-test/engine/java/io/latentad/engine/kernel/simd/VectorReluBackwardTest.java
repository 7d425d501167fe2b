package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.ScalarKernels;
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
            ScalarKernels.INSTANCE.reluBackward(n, out, oo, g, go, accRef, dOff, false);
            ScalarKernels.INSTANCE.reluBackward(n, out, oo, g, go, overRef, dOff, true);
            for (int i = 0; i < n; i++) { // the scalar twin is the definition
                assertEquals(out[oo + i] > 0f ? d[dOff + i] + g[go + i] : d[dOff + i], accRef[dOff + i], 0f);
                assertEquals(out[oo + i] > 0f ? g[go + i] : 0f, overRef[dOff + i], 0f);
            }
            VectorKernels.INSTANCE.reluBackward(n, out, oo, g, go, acc, dOff, false);
            VectorKernels.INSTANCE.reluBackward(n, out, oo, g, go, over, dOff, true);
            assertArrayEquals(accRef, acc, 0f, "accumulate, n = " + n);
            assertArrayEquals(overRef, over, 0f, "overwrite, n = " + n);
        }
    }
}
