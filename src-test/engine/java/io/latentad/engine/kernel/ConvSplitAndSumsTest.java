package io.latentad.engine.kernel;

import io.latentad.engine.kernel.simd.VectorKernels;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Session 12's conv kernel paths against their scalar twins, bit for bit: the small-K forward at stride 2 from the image
 * split by column parity, the weight gradient added onto a transposed scratch (an output offset, channels and K not
 * multiples of 8), and the bias gradient's plane sums.
 */
class ConvSplitAndSumsTest {
    @Test
    void smallKStrideTwoFromTheSplitImageGivesTheScalarTwinsBits() {
        // rows of 16, 17 (the copies spill past the row), 9, 8, 7 and 1 output pixels; pads 0-2; kernels 1-5 wide,
        // even and odd input widths, 1-3 channels; huge values around the input show any read outside it
        int[][] cases = { // images, C, H, W, OC, kh, kw, pad
            {2, 1, 31, 31, 32, 3, 3, 1}, {2, 1, 33, 34, 6, 3, 3, 1}, {3, 2, 17, 17, 10, 3, 3, 1}, {2, 1, 16, 16, 4, 3, 3, 1},
            {2, 3, 13, 14, 8, 3, 3, 0}, {2, 1, 9, 2, 5, 1, 1, 0}, {2, 2, 20, 21, 14, 5, 5, 2}, {1, 1, 12, 29, 7, 2, 4, 1},
            {2, 1, 28, 28, 32, 3, 3, 1}};
        Rng rng = new Rng(5);
        for (int[] cs : cases) {
            int images = cs[0], c = cs[1], h = cs[2], w = cs[3], oc = cs[4], kh = cs[5], kw = cs[6], pad = cs[7];
            int oh = (h + 2 * pad - kh) / 2 + 1, ow = (w + 2 * pad - kw) / 2 + 1, xo = 7;
            String name = Arrays.toString(cs);
            float[] x = Tensor.uniform(rng, -1f, 1f, images * c * h * w + 2 * xo).data();
            for (int i = 0; i < xo; i++) {
                x[i] = 1e30f;
                x[x.length - 1 - i] = -1e30f;
            }
            Tensor wt = Tensor.uniform(rng, -1f, 1f, oc, c, kh, kw), bias = Tensor.uniform(rng, -1f, 1f, oc);
            float[] ref = new float[images * oc * oh * ow + 6], vec = new float[ref.length];
            ScalarKernels.INSTANCE.convForward(images, c, h, w, oc, kh, kw, 2, pad, oh, ow, x, xo, wt.data(), 0, bias.data(), 0, ref, 3);
            VectorKernels.INSTANCE.convForward(images, c, h, w, oc, kh, kw, 2, pad, oh, ow, x, xo, wt.data(), 0, bias.data(), 0, vec, 3);
            assertArrayEquals(ref, vec, name);
            for (float v : vec) assertEquals(true, Math.abs(v) < 1e3f, name + ": a value from outside the input leaked in");
        }
    }

    @Test
    void weightGradientAtAnOffsetGivesTheScalarTwinsBits() {
        int[][] cases = { // images, C, H, W, OC, k, stride, pad
            {3, 8, 9, 7, 17, 3, 2, 1}, {2, 9, 6, 6, 70, 3, 1, 1}, {4, 32, 14, 14, 64, 3, 2, 1}};
        Rng rng = new Rng(6);
        for (int[] t : cases) {
            int images = t[0], c = t[1], h = t[2], w = t[3], oc = t[4], k = t[5], stride = t[6], pad = t[7];
            int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1, n = oc * c * k * k, dwo = 5;
            Tensor x = Tensor.uniform(rng, -1f, 1f, images, c, h, w), dy = Tensor.uniform(rng, -1f, 1f, images, oc, oh, ow);
            float[] start = Tensor.uniform(rng, -1f, 1f, n + 2 * dwo).data();
            float[] ref = start.clone(), vec = start.clone();
            ScalarKernels.INSTANCE.convBackwardWeight(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, dy.data(), 0, 2, ref, dwo);
            VectorKernels.INSTANCE.convBackwardWeight(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, dy.data(), 0, 2, vec, dwo);
            assertArrayEquals(ref, vec, Arrays.toString(t));
            for (int i = 0; i < dwo; i++) { // nothing written outside dW
                assertEquals(start[i], vec[i]);
                assertEquals(start[n + dwo + i], vec[n + dwo + i]);
            }
        }
    }

    @Test
    void planeSumsGiveTheSameBitsInBothSetsAndTheirDefinition() {
        Rng rng = new Rng(8);
        for (int p : new int[] {1, 2, 3, 4, 5, 7, 8, 13, 49, 196}) {
            int planes = 37, xo = 3;
            float[] x = Tensor.uniform(rng, -1f, 1f, planes * p + xo).data();
            for (int i = 0; i < x.length; i += 5) x[i] *= 1e6f; // magnitudes far apart: a different order shows
            double[] ref = new double[planes + 2], vec = new double[planes + 2];
            ScalarKernels.INSTANCE.planeSums(planes, p, x, xo, ref, 2);
            VectorKernels.INSTANCE.planeSums(planes, p, x, xo, vec, 2);
            assertArrayEquals(ref, vec, "p " + p);
            for (int i = 0; i < planes; i++) {
                double[] s = new double[4];
                int j = 0, p4 = p / 4 * 4;
                for (; j < p4; j++) s[j % 4] += x[xo + i * p + j];
                for (; j < p; j++) s[0] += x[xo + i * p + j];
                assertEquals((s[0] + s[1]) + (s[2] + s[3]), ref[2 + i], "p " + p + ", plane " + i);
            }
            assertEquals(0.0, vec[0]);
            assertEquals(0.0, vec[1]);
        }
    }
}
