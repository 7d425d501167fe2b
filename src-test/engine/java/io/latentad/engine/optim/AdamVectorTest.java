package io.latentad.engine.optim;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.kernel.ScalarKernels;
import io.latentad.engine.kernel.simd.VectorKernels;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The vectorised Adam update (the Kernels facade's adamUpdate) against its scalar twin, and 1 thread against 2. */
class AdamVectorTest {
    private static final int[] SIZES = {0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 1023, 1025};

    private static float[] random(Rng rng, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rng.nextGaussian() * scale);
        return a;
    }

    @Test
    void vectorUpdateIsBitIdenticalToTheScalarLoop() {
        Rng rng = new Rng(7);
        for (int n : SIZES) {
            for (int variant = 0; variant < 3; variant++) { // plain, L2 + AMSGrad, decoupled decay
                int wo = 3, go = 5;
                float[] w = random(rng, n + wo, 1), g = random(rng, n + go, 0.1);
                float[] m = random(rng, n, 0.01), v = new float[n];
                for (int i = 0; i < n; i++) v[i] = (float) Math.abs(rng.nextGaussian() * 1e-4);
                float[] vh = variant == 1 ? v.clone() : v;
                for (int i = 0; i < n && variant == 1; i += 2) vh[i] *= 2; // some maxima come from vh
                float[] w2 = w.clone(), m2 = m.clone(), v2 = v.clone(), vh2 = variant == 1 ? vh.clone() : v2;
                float b1 = 0.9f, b2 = 0.999f, step = 1e-3f / 0.271f, bc = 0.0447f, eps = 1e-8f;
                float decay = variant == 2 ? 0.99f : 1f, l2 = variant == 1 ? 0.01f : 0f;
                ScalarKernels.INSTANCE.adamUpdate(0, n, w, wo, g, go, m, v, vh, b1, b2, step, bc, eps, decay, l2);
                VectorKernels.INSTANCE.adamUpdate(0, n, w2, wo, g, go, m2, v2, vh2, b1, b2, step, bc, eps, decay, l2);
                String at = "n = " + n + ", variant " + variant;
                assertArrayEquals(w, w2, 0f, at);
                assertArrayEquals(m, m2, 0f, at);
                assertArrayEquals(v, v2, 0f, at);
                assertArrayEquals(vh, vh2, 0f, at);
            }
        }
    }

    @Test
    void twoThreadsGiveTheSameParametersAsOne() {
        int n = 5 * Adam.PARALLEL_GRAIN + 13; // split into chunks over the pool
        float[][] result = new float[2][];
        int before = Parallel.threads();
        try {
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                Rng rng = new Rng(11);
                Var p = Var.param(Tensor.wrap(random(rng, n, 1), n));
                Adam adam = new Adam(List.of(p), Adam.Options.of(1e-2).withAmsGrad(true));
                for (int s = 0; s < 3; s++) {
                    p.grad().copyFrom(Tensor.wrap(random(rng, n, 0.1), n));
                    adam.step();
                }
                result[t - 1] = p.value().toArray();
            }
        } finally {
            Parallel.setThreads(before);
        }
        assertArrayEquals(result[0], result[1], 0f);
        assertNotEquals(0f, result[0][0]);
    }
}
