package io.latentad.engine.autodiff;

import io.latentad.engine.kernel.KernelSet;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The LSTM pass computes its input projection step by step, just before each step's recurrent product
 * (session 8; before, one GEMM over all steps at the start). Each gate pre-activation is the same sum
 * either way (the product over the inputs from zero, then added to the biases), so the outputs keep
 * their bits: checked here against the old order, written out with the public kernels (the packed
 * GEMM for all steps, then per step the recurrent product and the cell).
 */
class LstmProjectionBitsTest {
    @Test
    void stepwiseProjectionGivesTheBitsOfOneGemmOverAllSteps() {
        assumeTrue(Kernels.active().name().startsWith("simd"), "the old order's GEMM is the SIMD packed one");
        for (int in : new int[] {1, 5}) {
            int b = 7, t = 4, h = 9, h4 = 4 * h;
            Tensor x = Tensor.uniform(11, -1.5f, 1.5f, b, t, in);
            Tensor wIh = Tensor.uniform(12, -0.7f, 0.7f, h4, in), wHh = Tensor.uniform(13, -0.5f, 0.5f, h4, h);
            Tensor bIh = Tensor.uniform(14, -0.3f, 0.3f, h4), bHh = Tensor.uniform(15, -0.3f, 0.3f, h4);
            Tensor y = LstmOps.lstm(Var.constant(x), null, null, null,
                    new LstmOps.Weights(Var.constant(wIh), Var.constant(wHh), Var.constant(bIh), Var.constant(bHh))).output().value();

            // the old order: time-major gathered input, biases, one GEMM (an axpy per row for one feature)
            KernelSet ks = Kernels.active();
            float[] xs = new float[t * b * in], g = new float[t * b * h4];
            for (int s = 0; s < t; s++) {
                for (int k = 0; k < b; k++) System.arraycopy(x.data(), (k * t + s) * in, xs, (s * b + k) * in, in);
            }
            for (int r = 0; r < t * b; r++) {
                for (int j = 0; j < h4; j++) g[r * h4 + j] = bIh.at(j) + bHh.at(j);
            }
            if (in == 1) {
                for (int r = 0; r < t * b; r++) ks.axpy(h4, xs[r], wIh.data(), 0, g, r * h4);
            } else {
                Kernels.gemmFor(t * b, h4, in).gemm(false, true, t * b, h4, in, 1f, xs, 0, in, wIh.data(), 0, in, 1f, g, 0, h4);
            }
            float[] packed = new float[ks.lstmPackedSize(h, h4)];
            ks.lstmPack(true, h, h4, wHh.data(), 0, h, packed, 0);
            float[] c = new float[(t + 1) * b * h], hs = new float[(t + 1) * b * h], tc = new float[t * b * h];
            for (int s = 0; s < t; s++) {
                int row = s * b;
                ks.lstmGemm(b, h, h4, hs, row * h, h, packed, 0, g, row * h4, h4);
                ks.lstmCellForward(b, h, g, row * h4, c, row * h, c, (row + b) * h, tc, row * h, hs, (row + b) * h);
            }
            for (int k = 0; k < b; k++) {
                for (int s = 0; s < t; s++) {
                    for (int j = 0; j < h; j++) {
                        float expected = hs[((s + 1) * b + k) * h + j], got = y.get(k, s, j);
                        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(got),
                                "I = " + in + ", sequence " + k + ", step " + s + ", unit " + j + ": " + expected + " vs " + got);
                    }
                }
            }
        }
    }
}
