package io.latentad.engine.kernel;

import io.latentad.engine.autodiff.NoGrad;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Dense;
import io.latentad.engine.nn.Init;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Weights packed once ({@link Kernels#packWeights}) give the bits of {@link Gemm#gemmBias} on the weights themselves. */
class PackedWeightsTest {
    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
        return v;
    }

    private static void assertSameBits(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), what + " element " + i);
        }
    }

    @Test
    void packedProductsGiveTheBitsOfGemmBiasOnEveryShapeAndThreadCount() {
        Random rnd = new Random(11);
        // {m, k, n}: k over two and three k blocks (784, 1100), edge rows (13, 134 = 22 x 6 + 2) and edge columns
        // (37, 130, 200), more columns than one packed block holds (4100 > NC), a product small enough for the
        // unpacked path; small enough for the 512-bit run (the Vector API's Java fallback on AVX2)
        int[][] shapes = {{134, 784, 200}, {13, 1100, 37}, {130, 257, 130}, {7, 20, 4100}, {3, 5, 4}};
        int old = Parallel.threads();
        try {
            for (int[] s : shapes) {
                int m = s[0], k = s[1], n = s[2];
                Tensor w = Tensor.of(random(rnd, k * n), k, n);
                float[] a = random(rnd, 3 + m * k), bias = random(rnd, n + 2);
                PackedWeights p = Kernels.packWeights(w);
                assertEquals(Kernels.gemmFor(m, n, k).name().startsWith("simd"), p.packed(),
                        "the simd provider packs, the others do not");
                float[] want = new float[1 + m * n];
                Kernels.gemmFor(m, n, k).gemmBias(false, false, m, n, k, a, 3, k, w.data(), 0, n, bias, 2, want, 1, n);
                for (int threads = 1; threads <= 2; threads++) {
                    Parallel.setThreads(threads);
                    float[] got = new float[1 + m * n];
                    Kernels.gemmBiasPacked(m, a, 3, k, p, bias, 2, got, 1, n);
                    assertSameBits(want, got, m + "x" + k + "x" + n + ", " + threads + " threads,");
                }
            }
        } finally {
            Parallel.setThreads(old);
        }
    }

    @Test
    void badArgumentsAreRefusedByName() {
        PackedWeights p = Kernels.packWeights(Tensor.zeros(8, 16));
        float[] a = new float[4 * 8], c = new float[4 * 16];
        assertThrows(IllegalArgumentException.class, () -> Kernels.gemmBiasPacked(4, a, 0, 8, p, new float[15], 0, c, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> Kernels.gemmBiasPacked(5, a, 0, 8, p, new float[16], 0, c, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> Kernels.gemmBiasPacked(4, a, 0, 7, p, new float[16], 0, c, 0, 16));
    }

    @Test
    void aFrozenDenseLayerGivesTheLayersBitsAndKeepsItsOwnWeights() {
        Dense d = new Dense(300, 70, Init.XAVIER_UNIFORM, new Rng(5));
        Dense f = d.frozenCopy();
        Var x = Var.constant(Tensor.of(random(new Random(2), 40 * 300), 40, 300));
        try (NoGrad ignored = NoGrad.enter()) {
            assertSameBits(d.forward(x).value().toArray(), f.forward(x).value().toArray(), "frozen layer");
        }
        // with gradients on, the frozen layer records its graph like any layer
        assertTrue(f.forward(Var.param(x.value())).requiresGrad());
        // its weights are a copy: training the original afterwards does not reach it
        d.weight().value().data()[0] += 1f;
        assertFalse(d.weight().value().data()[0] == f.weight().value().data()[0]);
        assertThrows(IllegalStateException.class, () -> io.latentad.engine.autodiff.MatmulOps.linear(x,
                Kernels.packWeights(f.weight().value()), f.bias().value()));
    }
}
