package io.latentad.engine.autodiff;

import io.latentad.engine.kernel.KernelSet;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The LSTM pass computes the input gradient {@code dx_t = dgates_t W_ih} step by step inside the backward
 * time loop (session 9; before, one packed GEMM over all {@code T B} rows after the loop). Each element is
 * the same sum either way (one FMA chain over the {@code 4H} gates from zero while {@code 4H} fits one
 * depth block of the packed GEMM), so the gradient keeps its bits: checked here against the old order,
 * written out with the public kernels (forward, back through time, then the one GEMM), for an input
 * that changes per step and for one repeated at every step (the VRAE decoder's, whose projection is
 * reused across steps).
 */
class LstmInputGradientBitsTest {
    // also the weight gradients: dW_hh^T and dW_ih^T are now one GEMM over [Hprev X] (session 9)
    @Test
    void stepwiseInputGradientGivesTheBitsOfOneGemmOverAllSteps() {
        assumeTrue(Kernels.active().name().startsWith("simd"), "the old order's GEMM is the SIMD packed one");
        for (boolean repeated : new boolean[] {false, true}) {
            int b = 7, t = repeated ? 5 : 80, in = 5, h = 9, h4 = 4 * h; // 80 steps: 560 rows, two depth blocks
            Tensor x = Tensor.uniform(21, -1.5f, 1.5f, b, t, in);
            if (repeated) {
                for (int k = 0; k < b; k++) {
                    for (int s = 1; s < t; s++) System.arraycopy(x.data(), k * t * in, x.data(), (k * t + s) * in, in);
                }
            }
            Tensor wIh = Tensor.uniform(22, -0.7f, 0.7f, h4, in), wHh = Tensor.uniform(23, -0.5f, 0.5f, h4, h);
            Tensor bIh = Tensor.uniform(24, -0.3f, 0.3f, h4), bHh = Tensor.uniform(25, -0.3f, 0.3f, h4);
            Var xv = Var.param(x.copy(), "x"), wIhV = Var.param(wIh.copy(), "wIh"), wHhV = Var.param(wHh.copy(), "wHh");
            Var y = LstmOps.lstm(xv, null, null, null, new LstmOps.Weights(wIhV, wHhV,
                    Var.constant(bIh), Var.constant(bHh))).output();
            ReductionOps.sum(y).backward(); // dy = 1 at every step

            // the old order: forward as LstmProjectionBitsTest writes it, back through time, then one GEMM
            KernelSet ks = Kernels.active();
            float[] xs = new float[t * b * in], g = new float[t * b * h4];
            for (int s = 0; s < t; s++) {
                for (int k = 0; k < b; k++) System.arraycopy(x.data(), (k * t + s) * in, xs, (s * b + k) * in, in);
            }
            for (int r = 0; r < t * b; r++) {
                for (int j = 0; j < h4; j++) g[r * h4 + j] = bIh.at(j) + bHh.at(j);
            }
            Kernels.gemmFor(t * b, h4, in).gemm(false, true, t * b, h4, in, 1f, xs, 0, in, wIh.data(), 0, in, 1f, g, 0, h4);
            float[] packed = new float[ks.lstmPackedSize(h, h4)];
            ks.lstmPack(true, h, h4, wHh.data(), 0, h, packed, 0);
            float[] c = new float[(t + 1) * b * h], hs = new float[(t + 1) * b * h], tc = new float[t * b * h];
            for (int s = 0; s < t; s++) {
                int row = s * b;
                ks.lstmGemm(b, h, h4, hs, row * h, h, packed, 0, g, row * h4, h4);
                ks.lstmCellForward(b, h, g, row * h4, c, row * h, c, (row + b) * h, tc, row * h, hs, (row + b) * h);
            }
            float[] dh = new float[t * b * h], dc = new float[b * h], back = new float[ks.lstmPackedSize(h4, h)];
            java.util.Arrays.fill(dh, 1f);
            ks.lstmPack(false, h4, h, wHh.data(), 0, h, back, 0);
            for (int s = t - 1; s >= 0; s--) {
                int row = s * b;
                ks.lstmCellBackward(b, h, g, row * h4, c, row * h, tc, row * h, dh, row * h, dc, 0);
                if (s > 0) ks.lstmGemm(b, h4, h, g, row * h4, h4, back, 0, dh, (row - b) * h, h);
            }
            float[] dxs = new float[t * b * in];
            Kernels.gemmFor(t * b, in, h4).gemm(false, false, t * b, in, h4, 1f, g, 0, h4, wIh.data(), 0, in, 0f, dxs, 0, in);
            // the weight gradients as two GEMMs (now one, over [Hprev X]: the same sums)
            float[] dWhhT = new float[h * h4], dWihT = new float[in * h4];
            Kernels.gemmFor(h, h4, t * b).gemm(true, false, h, h4, t * b, 1f, hs, 0, h, g, 0, h4, 0f, dWhhT, 0, h4);
            Kernels.gemmFor(in, h4, t * b).gemm(true, false, in, h4, t * b, 1f, xs, 0, in, g, 0, h4, 0f, dWihT, 0, h4);
            for (int i = 0; i < h4; i++) {
                for (int j = 0; j < h; j++) {
                    assertEquals(Float.floatToIntBits(dWhhT[j * h4 + i]), Float.floatToIntBits(wHhV.grad().get(i, j)),
                            "dW_hh " + i + ", " + j);
                }
                for (int j = 0; j < in; j++) {
                    assertEquals(Float.floatToIntBits(dWihT[j * h4 + i]), Float.floatToIntBits(wIhV.grad().get(i, j)),
                            "dW_ih " + i + ", " + j);
                }
            }
            Tensor gx = xv.grad();
            for (int k = 0; k < b; k++) {
                for (int s = 0; s < t; s++) {
                    for (int j = 0; j < in; j++) {
                        float expected = dxs[(s * b + k) * in + j], got = gx.get(k, s, j);
                        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(got), (repeated ? "repeated" : "varying")
                                + " input, sequence " + k + ", step " + s + ", feature " + j + ": " + expected + " vs " + got);
                    }
                }
            }
        }
    }
}
