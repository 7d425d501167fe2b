package io.latentad.engine.kernel;

import io.latentad.engine.kernel.simd.VectorKernels;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** im2col / col2im and pooling kernels: a hand-computed case, the adjoint identity, the two kernel sets, bad geometry. */
class ConvKernelsTest {
    @Test
    void im2colOfAHandWorkedImage() {
        // 1 x 3 x 3 image 1..9, 2 x 2 kernel, stride 1, pad 0: 4 patches, each a column
        Tensor img = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3);
        Tensor cols = Kernels.im2col(img, 2, 2, 1, 0);
        assertArrayEquals(new int[] {4, 4}, cols.shape());
        assertArrayEquals(new float[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, cols.toArray());
        // stride 2, pad 1, 3 x 3 kernel: 2 x 2 outputs; the top-left patch is padding except x[0..1, 0..1]
        Tensor c2 = Kernels.im2col(img, 3, 3, 2, 1);
        assertArrayEquals(new int[] {9, 4}, c2.shape());
        float[] first = new float[9];
        for (int r = 0; r < 9; r++) first[r] = c2.get(r, 0);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 4, 5}, first);
    }

    /** {@code <im2col(x), y> = <x, col2im(y)>} for every stride and padding: col2im is im2col's adjoint. */
    @Test
    void col2imIsTheAdjointOfIm2col() {
        Rng rng = new Rng(5);
        for (int stride = 1; stride <= 3; stride++) {
            for (int pad = 0; pad <= 2; pad++) {
                Tensor x = Tensor.uniform(rng, -1f, 1f, 2, 5, 7);
                Tensor cx = Kernels.im2col(x, 3, 3, stride, pad);
                Tensor y = Tensor.uniform(rng, -1f, 1f, cx.shape());
                Tensor back = Kernels.col2im(y, 3, 3, stride, pad, Tensor.zeros(2, 5, 7));
                double lhs = 0, rhs = 0;
                for (int i = 0; i < cx.size(); i++) lhs += (double) cx.at(i) * y.at(i);
                for (int i = 0; i < x.size(); i++) rhs += (double) x.at(i) * back.at(i);
                assertEquals(lhs, rhs, 1e-5 * Math.max(1, Math.abs(lhs)), "stride " + stride + ", pad " + pad);
            }
        }
    }

    @Test
    void bothKernelSetsGiveTheSameBits() {
        Rng rng = new Rng(6);
        for (int n : new int[] {1, 7, 8, 9, 17}) {
            Tensor x = Tensor.uniform(rng, -1f, 1f, 3, n, n + 2);
            int oh = (n + 2 - 3) / 2 + 1, ow = (n + 4 - 3) / 2 + 1;
            float[] a = new float[27 * oh * ow], b = new float[27 * oh * ow];
            ScalarKernels.INSTANCE.im2col(3, n, n + 2, 3, 3, 2, 1, oh, ow, x.data(), 0, a, 0, oh * ow);
            VectorKernels.INSTANCE.im2col(3, n, n + 2, 3, 3, 2, 1, oh, ow, x.data(), 0, b, 0, oh * ow);
            assertArrayEquals(a, b);
            for (int stride = 1; stride <= 3; stride++) { // im2col: other strides, paddings, a column offset and leading dimension
                for (int pad = 0; pad <= 2 && 5 <= n + 2 * pad; pad++) {
                    int h2 = (n + 2 * pad - 5) / stride + 1, w2 = (n + 2 + 2 * pad - 5) / stride + 1, ld = h2 * w2 + 5;
                    float[] ca = new float[75 * ld + 2], cb = new float[75 * ld + 2];
                    ScalarKernels.INSTANCE.im2col(3, n, n + 2, 5, 5, stride, pad, h2, w2, x.data(), 0, ca, 2, ld);
                    VectorKernels.INSTANCE.im2col(3, n, n + 2, 5, 5, stride, pad, h2, w2, x.data(), 0, cb, 2, ld);
                    assertArrayEquals(ca, cb);
                }
            }
            float[] pa = new float[3 * oh * ow], pb = new float[3 * oh * ow];
            int[] ia = new int[pa.length], ib = new int[pb.length];
            ScalarKernels.INSTANCE.maxPool(3, n, n + 2, 3, 2, 1, oh, ow, x.data(), 0, pa, 0, ia);
            VectorKernels.INSTANCE.maxPool(3, n, n + 2, 3, 2, 1, oh, ow, x.data(), 0, pb, 0, ib);
            assertArrayEquals(pa, pb);
            assertArrayEquals(ia, ib);
        }
    }

    /**
     * The implicit-GEMM forward (Vector API) against its scalar twin, bit for bit, and both against the
     * defining sum in double: channel counts around the 16-wide panel, pixel counts that leave short
     * tiles and tiles across two images, strides 1-3, paddings 0-2, kernels 1, 3, 5, with and without bias.
     */
    @Test
    void convForwardMatchesTheScalarTwinAndTheDefinition() {
        Rng rng = new Rng(8);
        int[][] cases = { // images, C, H, W, OC, k, stride, pad
            {3, 1, 28, 28, 32, 3, 2, 1}, {2, 32, 14, 14, 64, 3, 2, 1}, {3, 3, 7, 9, 17, 3, 1, 1}, {1, 2, 5, 5, 1, 1, 1, 0},
            {4, 5, 9, 6, 15, 5, 3, 2}, {2, 4, 6, 6, 33, 3, 2, 0}, {5, 1, 3, 3, 8, 3, 1, 2},
            {2, 1, 9, 9, 10, 3, 2, 1}, {2, 2, 8, 8, 14, 3, 1, 1}}; // K < 64 with OC = 6 + 4, 6 + 2 x 4
        for (int[] t : cases) {
            int images = t[0], c = t[1], h = t[2], w = t[3], oc = t[4], k = t[5], stride = t[6], pad = t[7];
            int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
            Tensor x = Tensor.uniform(rng, -1f, 1f, images, c, h, w), wt = Tensor.uniform(rng, -1f, 1f, oc, c, k, k);
            Tensor bias = Tensor.uniform(rng, -1f, 1f, oc);
            for (boolean withBias : new boolean[] {true, false}) {
                float[] b = withBias ? bias.data() : null;
                int n = images * oc * oh * ow;
                float[] ref = new float[n + 3], vec = new float[n + 3]; // an offset of 3 in both
                ScalarKernels.INSTANCE.convForward(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, wt.data(), 0,
                        b, 0, ref, 3);
                VectorKernels.INSTANCE.convForward(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, wt.data(), 0,
                        b, 0, vec, 3);
                String what = java.util.Arrays.toString(t) + (withBias ? " with bias" : "");
                assertArrayEquals(ref, vec, what);
                for (int i = 0; i < images; i++) {
                    for (int o = 0; o < oc; o++) {
                        for (int oy = 0; oy < oh; oy++) {
                            for (int ox = 0; ox < ow; ox++) {
                                double s = withBias ? bias.at(o) : 0;
                                for (int ch = 0; ch < c; ch++) {
                                    for (int a = 0; a < k; a++) {
                                        for (int e = 0; e < k; e++) {
                                            int iy = oy * stride - pad + a, ix = ox * stride - pad + e;
                                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                            s += (double) wt.at(((o * c + ch) * k + a) * k + e) * x.at(((i * c + ch) * h + iy) * w + ix);
                                        }
                                    }
                                }
                                float got = vec[3 + ((i * oc + o) * oh + oy) * ow + ox];
                                assertEquals(s, got, 1e-5 * Math.max(1, Math.abs(s)) * Math.sqrt(c * k * k), what);
                            }
                        }
                    }
                }
                assertEquals(0f, vec[0]);
            }
        }
    }

    /**
     * The per-phase input gradient (Vector API) against its scalar twin, bit for bit, and both against
     * col2im of {@code W^T dY} (the im2col path) within rounding; strides 1-3 (phases with no tap too:
     * kernel 1, stride 2), paddings 0-2, adding onto a non-zero gradient, chunks of one image and of several.
     */
    /**
     * The input gradient written ({@code add} false, a first contribution): every element of {@code dx} set, none
     * read (the buffer starts as NaN), with the bits adding onto zeros gives, in both sets (8 x 8 transposes and
     * their tails, the gathers past the last block of 8, one and two threads); nothing outside {@code dx} touched.
     */
    @Test
    void convBackwardInputWrittenGivesTheBitsOfAddingOntoZeros() {
        Rng rng = new Rng(11);
        int[][] cases = { // images, C, H, W, OC, k, stride, pad
            {3, 32, 14, 14, 64, 3, 2, 1}, {2, 3, 9, 6, 4, 5, 3, 2}, {3, 24, 10, 10, 13, 3, 2, 1}, {2, 17, 7, 9, 5, 3, 1, 1},
            {2, 2, 6, 7, 3, 1, 2, 0}, {2, 16, 4, 4, 3, 1, 1, 0}};
        int old = Parallel.threads();
        try {
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                for (int[] t : cases) {
                    int images = t[0], c = t[1], h = t[2], w = t[3], oc = t[4], k = t[5], stride = t[6], pad = t[7];
                    int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1, n = images * c * h * w;
                    Tensor dy = Tensor.uniform(rng, -1f, 1f, images, oc, oh, ow), wt = Tensor.uniform(rng, -1f, 1f, oc, c, k, k);
                    if (k == 1 && stride == 1) { // products of -1e-46 round to -0: written as 0 + (-0) = +0, as added
                        java.util.Arrays.fill(dy.data(), -1e-23f);
                        java.util.Arrays.fill(wt.data(), 1e-23f);
                    }
                    for (KernelSet ks : new KernelSet[] {ScalarKernels.INSTANCE, VectorKernels.INSTANCE}) {
                        float[] added = new float[n + 3], written = new float[n + 3];
                        java.util.Arrays.fill(written, Float.NaN);
                        written[0] = written[n + 2] = 7f;
                        added[0] = added[n + 2] = 7f;
                        ks.convBackwardInput(images, c, h, w, oc, k, k, stride, pad, oh, ow, dy.data(), 0, wt.data(), 0, added, 2, true);
                        ks.convBackwardInput(images, c, h, w, oc, k, k, stride, pad, oh, ow, dy.data(), 0, wt.data(), 0, written, 2, false);
                        assertTrue(Float.isNaN(written[1]), "the float before dx is not written");
                        written[1] = 0f;
                        assertArrayEquals(added, written, ks.getClass().getSimpleName() + " " + java.util.Arrays.toString(t) + ", threads " + threads);
                    }
                }
            }
        } finally {
            Parallel.setThreads(old);
        }
    }

    @Test
    void convBackwardInputMatchesTheScalarTwinAndCol2im() {
        Rng rng = new Rng(10);
        int[][] cases = { // images, C, H, W, OC, k, stride, pad
            {3, 32, 14, 14, 64, 3, 2, 1}, {2, 1, 28, 28, 32, 3, 2, 1}, {3, 17, 7, 9, 5, 3, 1, 1}, {2, 3, 9, 6, 4, 5, 3, 2},
            {2, 2, 6, 7, 3, 1, 2, 0}, {4, 20, 8, 8, 6, 4, 2, 1}, {1, 3, 5, 5, 2, 3, 3, 2},
            // one image a chunk (the channels-last copy of dY fills the chunk budget); 13 output channels (a gather
            // of 8 and a scalar tail per pixel) with 24 input channels (a full panel and a part one)
            {2, 16, 28, 28, 64, 3, 1, 1}, {3, 24, 10, 10, 13, 3, 2, 1}};
        for (int[] t : cases) {
            int images = t[0], c = t[1], h = t[2], w = t[3], oc = t[4], k = t[5], stride = t[6], pad = t[7];
            int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1, p = oh * ow;
            Tensor dy = Tensor.uniform(rng, -1f, 1f, images, oc, oh, ow), wt = Tensor.uniform(rng, -1f, 1f, oc, c, k, k);
            float[] start = Tensor.uniform(rng, -1f, 1f, images, c, h, w).data();
            float[] ref = new float[start.length + 2], vec = new float[start.length + 2];
            System.arraycopy(start, 0, ref, 2, start.length);
            System.arraycopy(start, 0, vec, 2, start.length);
            ScalarKernels.INSTANCE.convBackwardInput(images, c, h, w, oc, k, k, stride, pad, oh, ow, dy.data(), 0, wt.data(), 0, ref, 2, true);
            VectorKernels.INSTANCE.convBackwardInput(images, c, h, w, oc, k, k, stride, pad, oh, ow, dy.data(), 0, wt.data(), 0, vec, 2, true);
            String what = java.util.Arrays.toString(t);
            assertArrayEquals(ref, vec, what);
            // the im2col path: dcols = W^T dY per image, col2im onto the starting gradient
            float[] viaCols = start.clone();
            for (int i = 0; i < images; i++) {
                float[] dcols = new float[c * k * k * p];
                for (int r = 0; r < c * k * k; r++) {
                    for (int q = 0; q < p; q++) {
                        double sum = 0;
                        for (int o = 0; o < oc; o++) sum += (double) wt.at(o * c * k * k + r) * dy.at((i * oc + o) * p + q);
                        dcols[r * p + q] = (float) sum;
                    }
                }
                ScalarKernels.INSTANCE.col2im(c, h, w, k, k, stride, pad, oh, ow, dcols, 0, p, viaCols, i * c * h * w);
            }
            for (int i = 0; i < start.length; i++) {
                assertEquals(viaCols[i], vec[i + 2], 1e-5 * Math.sqrt(oc * k * k) * Math.max(1, Math.abs(viaCols[i])), what + " at " + i);
            }
            assertEquals(0f, vec[0]);
            assertEquals(0f, vec[1]);
        }
    }

    /**
     * The implicit weight gradient (Vector API) against its scalar twin, bit for bit, for chunks of 1, 3 and
     * all images, and against the defining sum in double; onto a non-zero gradient, output channels around
     * the 16-wide panel, patch lengths that leave a short tile, and on two threads the bits of one.
     */
    @Test
    void convBackwardWeightMatchesTheScalarTwinAndTheDefinition() {
        Rng rng = new Rng(11);
        int[][] cases = { // images, C, H, W, OC, k, stride, pad
            {5, 32, 14, 14, 64, 3, 2, 1}, {3, 1, 28, 28, 32, 3, 2, 1}, {4, 3, 7, 9, 17, 3, 1, 1}, {2, 5, 9, 6, 15, 5, 3, 2},
            {3, 2, 6, 7, 33, 1, 2, 0}, {2, 4, 5, 5, 48, 3, 2, 1}};
        int old = Parallel.threads();
        try {
            for (int[] t : cases) {
                int images = t[0], c = t[1], h = t[2], w = t[3], oc = t[4], k = t[5], stride = t[6], pad = t[7];
                int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
                Tensor x = Tensor.uniform(rng, -1f, 1f, images, c, h, w), dy = Tensor.uniform(rng, -1f, 1f, images, oc, oh, ow);
                float[] start = Tensor.uniform(rng, -1f, 1f, oc * c * k * k).data();
                for (int chunk : new int[] {1, 3, images}) {
                    float[] ref = start.clone(), vec = start.clone(), vec2 = start.clone();
                    ScalarKernels.INSTANCE.convBackwardWeight(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, dy.data(), 0,
                            chunk, ref, 0);
                    Parallel.setThreads(1);
                    VectorKernels.INSTANCE.convBackwardWeight(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, dy.data(), 0,
                            chunk, vec, 0);
                    Parallel.setThreads(2);
                    VectorKernels.INSTANCE.convBackwardWeight(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, dy.data(), 0,
                            chunk, vec2, 0);
                    String what = java.util.Arrays.toString(t) + " chunk " + chunk;
                    assertArrayEquals(ref, vec, what);
                    assertArrayEquals(vec, vec2, what + " on two threads");
                    for (int o = 0; o < oc; o++) {
                        for (int ch = 0; ch < c; ch++) {
                            for (int a = 0; a < k; a++) {
                                for (int e = 0; e < k; e++) {
                                    int at = ((o * c + ch) * k + a) * k + e;
                                    double sum = start[at];
                                    for (int b = 0; b < images; b++) {
                                        for (int oy = 0; oy < oh; oy++) {
                                            for (int ox = 0; ox < ow; ox++) {
                                                int iy = oy * stride - pad + a, ix = ox * stride - pad + e;
                                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                                sum += (double) x.at(((b * c + ch) * h + iy) * w + ix) * dy.at(((b * oc + o) * oh + oy) * ow + ox);
                                            }
                                        }
                                    }
                                    assertEquals(sum, vec[at], 1e-5 * Math.sqrt(images * oh * ow) * Math.max(1, Math.abs(sum)), what);
                                }
                            }
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(old);
        }
    }

    @Test
    void theForwardsPaddedCopyGivesTheWeightGradientItsBits() {
        // the forward can leave its zero-padded copy of the input for the weight gradient (one padding pass a step
        // instead of two): both kernel sets write the same copy (every value: 0 or the input's), into a larger
        // array from an offset, and the weight gradient read from it gives the bits of the one read from x, on one
        // and on two threads; the implicit form (K >= 64) and the small-K form (its copy made apart); rows of 13 to 16
        // floats (14 to 16 are copied as two whole vectors whose spill into the pad columns is zeroed again)
        int[][] cases = { // images, C, H, W, OC, k, stride, pad
            {5, 32, 14, 14, 64, 3, 2, 1}, {3, 8, 9, 7, 20, 3, 1, 2}, {4, 5, 9, 6, 15, 5, 3, 2}, {3, 1, 28, 28, 32, 3, 2, 1},
            {2, 16, 6, 6, 24, 3, 2, 0}, {2, 4, 16, 15, 24, 3, 1, 1}, {2, 8, 16, 16, 24, 3, 2, 1}, {3, 8, 13, 13, 16, 3, 2, 1}};
        Rng rng = new Rng(12);
        int old = Parallel.threads();
        try {
            for (int[] t : cases) {
                int images = t[0], c = t[1], h = t[2], w = t[3], oc = t[4], k = t[5], stride = t[6], pad = t[7];
                int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1, ph = h + 2 * pad, pw = w + 2 * pad;
                String what = java.util.Arrays.toString(t);
                Tensor x = Tensor.uniform(rng, -1f, 1f, images, c, h, w), wt = Tensor.uniform(rng, -1f, 1f, oc, c, k, k);
                Tensor dy = Tensor.uniform(rng, -1f, 1f, images, oc, oh, ow);
                int po = 3, n = images * c * ph * pw;
                float[] padS = new float[n + 2 * po], padV = new float[padS.length], out = new float[images * oc * oh * ow];
                java.util.Arrays.fill(padS, 7f);
                java.util.Arrays.fill(padV, 7f);
                ScalarKernels.INSTANCE.convForward(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, wt.data(), 0, null, 0,
                        out, 0, padS, po);
                Parallel.setThreads(2);
                VectorKernels.INSTANCE.convForward(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, wt.data(), 0, null, 0,
                        out, 0, padV, po);
                assertArrayEquals(padS, padV, what + ": the two copies");
                for (int i = 0; i < po; i++) {
                    assertEquals(7f, padV[i], what + ": nothing written before the copy");
                    assertEquals(7f, padV[po + n + i], what + ": nothing written after the copy");
                }
                for (int b = 0; b < images; b++) {
                    for (int ch = 0; ch < c; ch++) {
                        for (int py = 0; py < ph; py++) {
                            for (int px = 0; px < pw; px++) {
                                int iy = py - pad, ix = px - pad;
                                float want = iy < 0 || iy >= h || ix < 0 || ix >= w ? 0f : x.at(((b * c + ch) * h + iy) * w + ix);
                                assertEquals(want, padV[po + ((b * c + ch) * ph + py) * pw + px], what);
                            }
                        }
                    }
                }
                for (KernelSet ks : new KernelSet[] {ScalarKernels.INSTANCE, VectorKernels.INSTANCE}) {
                    for (int threads = 1; threads <= 2; threads++) {
                        Parallel.setThreads(threads);
                        float[] fromX = new float[wt.size()], fromPad = new float[wt.size()];
                        ks.convBackwardWeight(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, dy.data(), 0, 2, fromX, 0);
                        ks.convBackwardWeightPadded(images, c, h, w, oc, k, k, stride, pad, oh, ow, padV, po, dy.data(), 0, 2,
                                fromPad, 0);
                        assertArrayEquals(fromX, fromPad, what + " " + ks.getClass().getSimpleName() + ", threads " + threads);
                    }
                }
            }
        } finally {
            Parallel.setThreads(old);
        }
    }

    /** The forward's and the input gradient's images are split over threads: two threads give the bits of one. */
    @Test
    void convForwardTilesOf24And16ChannelsGiveTheScalarTwinsBits() {
        // the implicit form (K >= 64) runs 4 pixels x 24 channels tiles and one 6 x 16 panel for the rest:
        // output channel counts that give every split (24 + 16, 2 x 24 + 16, a zero-padded 24, 16 alone) and
        // pixel counts that leave short last tiles of both kinds
        Rng rng = new Rng(10);
        for (int oc : new int[] {16, 24, 40, 41, 48, 64, 70}) {
            int images = 3, c = 8, h = 9, w = 7, k = 3, stride = 2, pad = 1, oh = 5, ow = 4;
            Tensor x = Tensor.uniform(rng, -1f, 1f, images, c, h, w), wt = Tensor.uniform(rng, -1f, 1f, oc, c, k, k);
            Tensor bias = Tensor.uniform(rng, -1f, 1f, oc);
            float[] ref = new float[images * oc * oh * ow + 2], vec = new float[ref.length];
            ScalarKernels.INSTANCE.convForward(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, wt.data(), 0,
                    bias.data(), 0, ref, 1);
            VectorKernels.INSTANCE.convForward(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, wt.data(), 0,
                    bias.data(), 0, vec, 1);
            assertArrayEquals(ref, vec, "oc " + oc);
            assertEquals(0f, vec[0], "oc " + oc + ": nothing written before the output");
            assertEquals(0f, vec[vec.length - 1], "oc " + oc + ": nothing written after the output");
        }
    }

    @Test
    void convForwardGivesTheScalarTwinsBitsOnEveryGeometry() {
        // the implicit form (K >= 64) on geometries with padding on every side, wider on one side, none (pad 0), no
        // pixel whose window lies inside the image (kernel larger than the image), an even kernel, a non-square
        // kernel, a stride larger than the kernel; then the small-K form (K < 64): strides 1 to 3, pads 0 to 2,
        // output rows of exactly 8 pixels, of 8 plus a few, and of fewer than 8. The input starts at an offset
        // within a larger array whose other values must not leak in.
        int[][] cases = { // images, C, H, W, OC, kh, kw, stride, pad
            {2, 8, 9, 11, 30, 3, 3, 2, 0}, {3, 8, 5, 7, 20, 3, 3, 1, 2}, {3, 16, 4, 4, 24, 5, 5, 2, 2},
            {2, 7, 10, 8, 17, 4, 4, 3, 1}, {2, 32, 14, 14, 64, 3, 3, 2, 1}, {2, 8, 12, 9, 26, 3, 4, 1, 1},
            {3, 16, 11, 11, 40, 2, 2, 4, 1},
            {2, 1, 30, 27, 12, 3, 3, 3, 2}, {2, 2, 20, 19, 8, 4, 4, 2, 0}, {1, 3, 17, 25, 5, 2, 3, 1, 1},
            {2, 1, 28, 28, 32, 5, 5, 2, 2}, {3, 1, 28, 28, 32, 3, 3, 2, 1}, {2, 2, 15, 16, 7, 3, 2, 2, 1},
            {2, 1, 9, 10, 6, 3, 3, 1, 0}, {2, 1, 11, 11, 4, 3, 3, 2, 1}};
        Rng rng = new Rng(11);
        for (int[] cs : cases) {
            int images = cs[0], c = cs[1], h = cs[2], w = cs[3], oc = cs[4], kh = cs[5], kw = cs[6], stride = cs[7], pad = cs[8];
            int oh = (h + 2 * pad - kh) / stride + 1, ow = (w + 2 * pad - kw) / stride + 1, xo = 5;
            String name = java.util.Arrays.toString(cs);
            float[] x = Tensor.uniform(rng, -1f, 1f, images * c * h * w + 2 * xo).data();
            for (int i = 0; i < xo; i++) { // huge values around the input: any read outside it shows
                x[i] = 1e30f;
                x[x.length - 1 - i] = -1e30f;
            }
            Tensor wt = Tensor.uniform(rng, -1f, 1f, oc, c, kh, kw), bias = Tensor.uniform(rng, -1f, 1f, oc);
            float[] ref = new float[images * oc * oh * ow], vec = new float[ref.length];
            ScalarKernels.INSTANCE.convForward(images, c, h, w, oc, kh, kw, stride, pad, oh, ow, x, xo, wt.data(), 0, bias.data(), 0,
                    ref, 0);
            VectorKernels.INSTANCE.convForward(images, c, h, w, oc, kh, kw, stride, pad, oh, ow, x, xo, wt.data(), 0, bias.data(), 0,
                    vec, 0);
            assertArrayEquals(ref, vec, name);
            for (float v : vec) assertEquals(true, Math.abs(v) < 1e3f, name + ": a value from outside the input leaked in");
        }
    }

    @Test
    void convForwardGivesTheSameBitsOnTwoThreads() {
        Rng rng = new Rng(9);
        Tensor x = Tensor.uniform(rng, -1f, 1f, 7, 8, 10, 10), wt = Tensor.uniform(rng, -1f, 1f, 20, 8, 3, 3);
        float[] one = new float[7 * 20 * 25], two = new float[one.length], dx1 = new float[7 * 8 * 100], dx2 = new float[dx1.length];
        int old = Parallel.threads();
        try {
            Parallel.setThreads(1);
            VectorKernels.INSTANCE.convForward(7, 8, 10, 10, 20, 3, 3, 2, 1, 5, 5, x.data(), 0, wt.data(), 0, null, 0, one, 0);
            VectorKernels.INSTANCE.convBackwardInput(7, 8, 10, 10, 20, 3, 3, 2, 1, 5, 5, one, 0, wt.data(), 0, dx1, 0, true);
            Parallel.setThreads(2);
            VectorKernels.INSTANCE.convForward(7, 8, 10, 10, 20, 3, 3, 2, 1, 5, 5, x.data(), 0, wt.data(), 0, null, 0, two, 0);
            VectorKernels.INSTANCE.convBackwardInput(7, 8, 10, 10, 20, 3, 3, 2, 1, 5, 5, two, 0, wt.data(), 0, dx2, 0, true);
        } finally {
            Parallel.setThreads(old);
        }
        assertArrayEquals(one, two);
        assertArrayEquals(dx1, dx2);
    }

    @Test
    void badGeometryIsRefused() {
        Tensor img = Tensor.zeros(1, 4, 4);
        assertThrows(IllegalArgumentException.class, () -> Kernels.im2col(img, 3, 3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Kernels.im2col(img, 7, 7, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Kernels.im2col(Tensor.zeros(16), 3, 3, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Kernels.col2im(Tensor.zeros(9, 15), 3, 3, 1, 1, img));
    }

    @Test
    void sameRowTilesGiveTheScalarTwinsBits() {
        // session 11's same-row tiles: the stride-1 and -2 forward from six output columns (rows of 5-14: one or two
        // tiles a row and 0-1 pixels left; OC 20 and 33: panels of 16 with a zero-padded last one), the input gradient's
        // phase rows of 6-13 pixels (stride 1 with a 5 x 5 kernel, stride 2, stride 3 with a 2 x 2 kernel: phases
        // without taps), added and written, and a written case whose sums are -0 (tiny products) on whole tiles
        Rng rng = new Rng(13);
        int[][] cases = { // images, C, H, W, OC, k, stride, pad
            {2, 8, 12, 11, 20, 3, 2, 1}, {3, 16, 24, 25, 33, 3, 2, 1}, {2, 16, 14, 13, 16, 3, 2, 1},
            {2, 16, 12, 13, 5, 5, 1, 2}, {2, 20, 12, 26, 7, 3, 2, 1}, {2, 16, 18, 18, 6, 2, 3, 0}, {2, 16, 7, 7, 3, 1, 1, 0},
            {2, 8, 9, 14, 20, 3, 1, 1}, {2, 4, 7, 7, 17, 4, 1, 1}};
        for (int[] t : cases) {
            int images = t[0], c = t[1], h = t[2], w = t[3], oc = t[4], k = t[5], stride = t[6], pad = t[7];
            int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1, n = images * c * h * w;
            String what = java.util.Arrays.toString(t);
            Tensor x = Tensor.uniform(rng, -1f, 1f, images, c, h, w), wt = Tensor.uniform(rng, -1f, 1f, oc, c, k, k);
            Tensor bias = Tensor.uniform(rng, -1f, 1f, oc), dy = Tensor.uniform(rng, -1f, 1f, images, oc, oh, ow);
            if (k == 1) { // products of -1e-46 round to -0: written as 0 + (-0) = +0, as added
                java.util.Arrays.fill(dy.data(), -1e-23f);
                java.util.Arrays.fill(wt.data(), 1e-23f);
            }
            float[] ref = new float[images * oc * oh * ow + 2], vec = new float[ref.length];
            ScalarKernels.INSTANCE.convForward(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, wt.data(), 0, bias.data(), 0, ref, 1);
            VectorKernels.INSTANCE.convForward(images, c, h, w, oc, k, k, stride, pad, oh, ow, x.data(), 0, wt.data(), 0, bias.data(), 0, vec, 1);
            assertArrayEquals(ref, vec, what + " forward");
            for (boolean add : new boolean[] {true, false}) {
                float[] dxRef = new float[n + 2], dxVec = new float[n + 2];
                if (add) {
                    for (int i = 1; i <= n; i++) dxRef[i] = dxVec[i] = (float) Math.sin(i);
                } else {
                    java.util.Arrays.fill(dxVec, 1, n + 1, Float.NaN);
                }
                ScalarKernels.INSTANCE.convBackwardInput(images, c, h, w, oc, k, k, stride, pad, oh, ow, dy.data(), 0, wt.data(), 0, dxRef, 1, add);
                VectorKernels.INSTANCE.convBackwardInput(images, c, h, w, oc, k, k, stride, pad, oh, ow, dy.data(), 0, wt.data(), 0, dxVec, 1, add);
                assertArrayEquals(dxRef, dxVec, what + " input gradient, add " + add);
            }
        }
    }
}
