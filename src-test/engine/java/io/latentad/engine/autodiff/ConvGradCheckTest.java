package io.latentad.engine.autodiff;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ConvOps} against central differences of independent double implementations written from
 * the definitions (direct sums over the window, not im2col) with {@link GradCheck}: convolution and
 * transposed convolution with strides 1-3, padding, odd and non-square images, with and without bias;
 * max and average pooling. Forward to 1e-5, gradients to 1e-4 (|a - b| / max(1, |b|)), as
 * {@code GradCheckTest}. Plus a hand-computed value and one {@code assertThrows} per validation path.
 */
class ConvGradCheckTest {
    /** {@code op}: the output padding of both axes, or -1 for 1 on the height and 0 on the width. */
    private record Conv(String name, int b, int c, int oc, int h, int w, int k, int s, int p, int op, boolean bias,
                        boolean transposed) {
        int opH() {
            return op < 0 ? 1 : op;
        }

        int opW() {
            return op < 0 ? 0 : op;
        }
    }

    @TestFactory
    List<DynamicTest> convolutionsPassGradCheck() {
        List<Conv> specs = List.of(
                new Conv("conv 3x3 stride 1 pad 1", 2, 2, 3, 4, 5, 3, 1, 1, 0, true, false),
                new Conv("conv 3x3 stride 2 pad 1, odd image", 2, 2, 2, 5, 7, 3, 2, 1, 0, true, false),
                new Conv("conv 2x2 stride 3, no bias", 1, 3, 2, 7, 5, 2, 3, 0, 0, false, false),
                new Conv("conv 1x1, one pixel", 3, 2, 3, 1, 1, 1, 1, 0, 0, true, false),
                new Conv("transposed 3x3 stride 2 pad 1 out pad 1", 2, 3, 2, 3, 4, 3, 2, 1, 1, true, true),
                new Conv("transposed 3x3 stride 1 pad 0, no bias", 1, 2, 2, 3, 3, 3, 1, 0, 0, false, true),
                new Conv("transposed 4x4 stride 3 pad 2 out pad 2", 2, 2, 1, 2, 3, 4, 3, 2, 2, true, true),
                new Conv("transposed 3x3 stride 2 pad 1, out pad 1 x 0 (even height, odd width)", 2, 2, 3, 3, 4, 3, 2, 1, -1, true, true));
        List<DynamicTest> tests = new ArrayList<>();
        Rng rng = new Rng(15);
        for (Conv s : specs) {
            List<Tensor> in = new ArrayList<>();
            in.add(Tensor.uniform(rng, -1.5f, 1.5f, s.b(), s.c(), s.h(), s.w()));
            in.add(Tensor.uniform(rng, -1f, 1f, s.transposed() ? new int[] {s.c(), s.oc(), s.k(), s.k()}
                    : new int[] {s.oc(), s.c(), s.k(), s.k()}));
            if (s.bias()) in.add(Tensor.uniform(rng, -1f, 1f, s.oc()));
            Tensor[] inputs = in.toArray(Tensor[]::new);
            tests.add(DynamicTest.dynamicTest(s.name(), () -> {
                GradCheck.Result r = GradCheck.check(inputs, v -> {
                    Var bias = s.bias() ? v[2] : null;
                    return s.transposed() ? ConvOps.convTranspose2d(v[0], v[1], bias, s.s(), s.p(), s.opH(), s.opW())
                            : ConvOps.conv2d(v[0], v[1], bias, s.s(), s.p());
                }, d -> s.transposed() ? refTransposed(s, d) : refConv(s, d), 3);
                assertTrue(r.forwardError() <= 1e-5, s.name() + ": forward error " + r.forwardError());
                assertTrue(r.gradientError() <= 1e-4, s.name() + ": gradient error " + r.gradientError() + " at " + r.worst());
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> poolingPassesGradCheck() {
        int[][] specs = {{1, 2, 4, 4, 2, 2, 0}, {0, 2, 4, 4, 2, 2, 0}, {1, 1, 5, 7, 3, 2, 1}, {0, 1, 5, 7, 3, 2, 1},
                {1, 2, 3, 4, 2, 1, 0}};
        List<DynamicTest> tests = new ArrayList<>();
        Rng rng = new Rng(16);
        for (int[] s : specs) {
            boolean max = s[0] == 1;
            int b = 2, c = s[1], h = s[2], w = s[3], k = s[4], st = s[5], p = s[6];
            // distinct values spaced well above the finite-difference step, so no window has a near tie
            Tensor x = Tensor.zeros(b, c, h, w);
            int[] perm = rng.permutation(x.size());
            for (int i = 0; i < x.size(); i++) x.setAt(i, (perm[i] - x.size() / 2f) * 0.01f);
            String name = (max ? "max" : "avg") + " pool " + k + "x" + k + " stride " + st + " pad " + p + " on " + h + " x " + w;
            tests.add(DynamicTest.dynamicTest(name, () -> {
                GradCheck.Result r = GradCheck.check(new Tensor[] {x},
                        v -> max ? ConvOps.maxPool2d(v[0], k, st, p) : ConvOps.avgPool2d(v[0], k, st, p),
                        d -> refPool(max, b, c, h, w, k, st, p, d[0]), 4);
                assertTrue(r.forwardError() <= 1e-5, name + ": forward error " + r.forwardError());
                assertTrue(r.gradientError() <= 1e-4, name + ": gradient error " + r.gradientError() + " at " + r.worst());
            }));
        }
        return tests;
    }

    /**
     * Batches whose patch matrices exceed {@link io.latentad.engine.kernel.Tuning#CONV_CHUNK_FLOATS} go through
     * im2col one chunk of images at a time: forward and every gradient still match a double reference written
     * from the definitions (dx, dW, db by direct sums) on 3 images of 8 x 24 x 24 (one image per chunk).
     */
    @Test
    void chunkedBatchesMatchTheDefinition() {
        int b = 3, c = 8, oc = 8, h = 24, w = 24, k = 3;
        assertTrue(c * k * k * h * w > io.latentad.engine.kernel.Tuning.CONV_CHUNK_FLOATS / 2, "the case must be chunked");
        Rng rng = new Rng(21);
        for (boolean transposed : new boolean[] {false, true}) {
            Conv s = new Conv("chunked", b, c, oc, h, w, k, 1, 1, 0, true, transposed);
            Tensor xt = Tensor.uniform(rng, -1f, 1f, b, c, h, w);
            Tensor wt = Tensor.uniform(rng, -0.3f, 0.3f, transposed ? new int[] {c, oc, k, k} : new int[] {oc, c, k, k});
            Tensor bt = Tensor.uniform(rng, -1f, 1f, oc);
            Var x = Var.param(xt.copy()), wv = Var.param(wt.copy()), bv = Var.param(bt.copy());
            Var y = transposed ? ConvOps.convTranspose2d(x, wv, bv, 1, 1, 0) : ConvOps.conv2d(x, wv, bv, 1, 1);
            Tensor g = Tensor.uniform(rng, -1f, 1f, y.shape());
            y.backward(g);
            double[][] d = {doubles(xt), doubles(wt), doubles(bt)};
            double[] ref = transposed ? refTransposed(s, d) : refConv(s, d);
            double[] dx = new double[d[0].length], dw = new double[d[1].length], db = new double[oc];
            // sums of |term| per element: float accumulation over up to 1,728 terms is held to 1e-6 of it
            double[] ax = new double[dx.length], aw = new double[dw.length], ab = new double[oc];
            // the gradients by the chain rule through the definition: every product term x * w feeds one output
            int oh = h, ow = w;
            for (int bi = 0; bi < b; bi++)
                for (int o = 0; o < oc; o++)
                    for (int yy = 0; yy < oh; yy++)
                        for (int xx = 0; xx < ow; xx++) {
                            double go = g.at(((bi * oc + o) * oh + yy) * ow + xx);
                            db[o] += go;
                            ab[o] += Math.abs(go);
                            for (int ci = 0; ci < c; ci++)
                                for (int i = 0; i < k; i++)
                                    for (int j = 0; j < k; j++) {
                                        // conv: y[o, yy, xx] reads x[ci, yy + i - 1, xx + j - 1] with w[o, ci, i, j];
                                        // transposed (stride 1, pad 1): y[o, yy, xx] reads x[ci, yy - i + 1, xx - j + 1] with w[ci, o, i, j]
                                        int iy = transposed ? yy - i + 1 : yy + i - 1, ix = transposed ? xx - j + 1 : xx + j - 1;
                                        if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                        int xi = ((bi * c + ci) * h + iy) * w + ix;
                                        int wi = transposed ? ((ci * oc + o) * k + i) * k + j : ((o * c + ci) * k + i) * k + j;
                                        dx[xi] += go * d[1][wi];
                                        dw[wi] += go * d[0][xi];
                                        ax[xi] += Math.abs(go * d[1][wi]);
                                        aw[wi] += Math.abs(go * d[0][xi]);
                                    }
                        }
            String what = transposed ? "transposed" : "conv";
            assertClose(what + " forward", ref, null, y.value());
            assertClose(what + " dx", dx, ax, x.grad());
            assertClose(what + " dW", dw, aw, wv.grad());
            assertClose(what + " db", db, ab, bv.grad());
        }
    }

    private static double[] doubles(Tensor t) {
        double[] d = new double[t.size()];
        for (int i = 0; i < d.length; i++) d[i] = t.at(i);
        return d;
    }

    /** Within 1e-5 relative (forward), or within 1e-6 of the sum of |terms| {@code scale} (gradients). */
    private static void assertClose(String what, double[] expected, double[] scale, Tensor actual) {
        assertEquals(expected.length, actual.size(), what + " size");
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(actual.at(i) - expected[i]);
            boolean ok = scale == null ? diff <= 1e-5 * Math.max(1, Math.abs(expected[i])) : diff <= 1e-6 * Math.max(1, scale[i]);
            assertTrue(ok, what + ": element " + i + " is " + actual.at(i) + ", expected " + expected[i]);
        }
    }

    @Test
    void handComputedConvolution() {
        // x = [[1, 2], [3, 4]], kernel [[1, 0], [0, -1]], bias 0.5, pad 0: 1 * 1 - 4 + 0.5 = -2.5
        Var x = Var.constant(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        Var w = Var.constant(Tensor.of(new float[] {1, 0, 0, -1}, 1, 1, 2, 2));
        Var y = ConvOps.conv2d(x, w, Var.constant(Tensor.vector(0.5f)), 1, 0);
        assertArrayEquals(new int[] {1, 1, 1, 1}, y.shape());
        assertEquals(-2.5f, y.value().at(0));
        // pad 1 gives 3 x 3: the corner (0, 0) sees only x[0, 0] under the kernel's -1: -1 + 0.5
        Var z = ConvOps.conv2d(x, w, null, 1, 1);
        assertArrayEquals(new int[] {1, 1, 3, 3}, z.shape());
        assertEquals(-1f, z.value().at(0));
        // the transposed convolution of a single 1 is the kernel itself
        Var t = ConvOps.convTranspose2d(Var.constant(Tensor.of(new float[] {1}, 1, 1, 1, 1)), w, null, 1, 0, 0);
        assertArrayEquals(new float[] {1, 0, 0, -1}, t.value().toArray());
    }

    @Test
    void badGeometryIsRefusedWithTheValue() {
        Var x = Var.constant(Tensor.zeros(1, 1, 4, 4));
        Var w = Var.constant(Tensor.zeros(1, 1, 3, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvOps.conv2d(x, w, null, 0, 1));
        assertTrue(e.getMessage().contains("stride = 0"), e.getMessage());
        Var big = Var.constant(Tensor.zeros(1, 1, 7, 7));
        e = assertThrows(IllegalArgumentException.class, () -> ConvOps.conv2d(x, big, null, 1, 1));
        assertTrue(e.getMessage().contains("kernel height 7 is larger than the padded input height 4 + 2 * 1 = 6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvOps.conv2d(x, w, null, 1, -1));
        e = assertThrows(IllegalArgumentException.class, () -> ConvOps.conv2d(x, Var.constant(Tensor.zeros(1, 2, 3, 3)), null, 1, 1));
        assertTrue(e.getMessage().contains("2 input channels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvOps.conv2d(Var.constant(Tensor.zeros(1, 16)), w, null, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ConvOps.conv2d(x, w, Var.constant(Tensor.zeros(2)), 1, 1));
        e = assertThrows(IllegalArgumentException.class, () -> ConvOps.convTranspose2d(x, w, null, 2, 1, 2));
        assertTrue(e.getMessage().contains("output padding = 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvOps.convTranspose2d(x, w, null, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ConvOps.maxPool2d(x, 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ConvOps.maxPool2d(x, 2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> ConvOps.avgPool2d(x, 5, 1, 0));
    }

    // ---- double references, straight from the definitions --------------------------------------

    private static double[] refConv(Conv s, double[][] d) {
        int oh = (s.h() + 2 * s.p() - s.k()) / s.s() + 1, ow = (s.w() + 2 * s.p() - s.k()) / s.s() + 1;
        double[] out = new double[s.b() * s.oc() * oh * ow];
        for (int b = 0; b < s.b(); b++)
            for (int o = 0; o < s.oc(); o++)
                for (int y = 0; y < oh; y++)
                    for (int x = 0; x < ow; x++) {
                        double v = s.bias() ? d[2][o] : 0;
                        for (int c = 0; c < s.c(); c++)
                            for (int i = 0; i < s.k(); i++)
                                for (int j = 0; j < s.k(); j++) {
                                    int iy = y * s.s() - s.p() + i, ix = x * s.s() - s.p() + j;
                                    if (iy < 0 || iy >= s.h() || ix < 0 || ix >= s.w()) continue;
                                    v += d[0][((b * s.c() + c) * s.h() + iy) * s.w() + ix]
                                            * d[1][((o * s.c() + c) * s.k() + i) * s.k() + j];
                                }
                        out[((b * s.oc() + o) * oh + y) * ow + x] = v;
                    }
        return out;
    }

    /** Each input pixel scatters its kernel-weighted copy into the output (the definition of the transpose). */
    private static double[] refTransposed(Conv s, double[][] d) {
        int oh = (s.h() - 1) * s.s() - 2 * s.p() + s.k() + s.opH(), ow = (s.w() - 1) * s.s() - 2 * s.p() + s.k() + s.opW();
        double[] out = new double[s.b() * s.oc() * oh * ow];
        for (int b = 0; b < s.b(); b++)
            for (int o = 0; o < s.oc(); o++) {
                for (int q = 0; q < oh * ow; q++) out[(b * s.oc() + o) * oh * ow + q] = s.bias() ? d[2][o] : 0;
                for (int c = 0; c < s.c(); c++)
                    for (int y = 0; y < s.h(); y++)
                        for (int x = 0; x < s.w(); x++)
                            for (int i = 0; i < s.k(); i++)
                                for (int j = 0; j < s.k(); j++) {
                                    int oy = y * s.s() - s.p() + i, ox = x * s.s() - s.p() + j;
                                    if (oy < 0 || oy >= oh || ox < 0 || ox >= ow) continue;
                                    out[((b * s.oc() + o) * oh + oy) * ow + ox] += d[0][((b * s.c() + c) * s.h() + y) * s.w() + x]
                                            * d[1][((c * s.oc() + o) * s.k() + i) * s.k() + j];
                                }
            }
        return out;
    }

    private static double[] refPool(boolean max, int b, int c, int h, int w, int k, int s, int p, double[] x) {
        int oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1;
        double[] out = new double[b * c * oh * ow];
        for (int plane = 0; plane < b * c; plane++)
            for (int y = 0; y < oh; y++)
                for (int xx = 0; xx < ow; xx++) {
                    double v = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int i = 0; i < k; i++)
                        for (int j = 0; j < k; j++) {
                            int iy = y * s - p + i, ix = xx * s - p + j;
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                            double e = x[(plane * h + iy) * w + ix];
                            v = max ? Math.max(v, e) : v + e;
                        }
                    out[(plane * oh + y) * ow + xx] = max ? v : v / (k * k);
                }
        return out;
    }
}
