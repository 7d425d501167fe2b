package io.latentad.engine.kernel;

/**
 * The reference twins of the convolution and pooling kernels ({@link ScalarKernels} delegates to them; the Vector
 * API's are in {@code kernel.simd.VectorConv} and its neighbours): plain loops over the defining sums, one
 * {@code Math.fma} chain per output where the vector kernel's order is pinned. Layout NCHW throughout.
 */
final class ScalarConv {
    private ScalarConv() {
    }


    /** The first output column {@code ox} whose input column {@code ox * stride - pad + j} is >= 0. */
    private static int firstInside(int pad, int j, int stride) {
        int d = pad - j;
        return d <= 0 ? 0 : (d + stride - 1) / stride;
    }

    /** One past the last output column whose input column is < {@code width} (at most {@code ow}). */
    private static int endInside(int width, int pad, int j, int stride, int ow) {
        int d = width - 1 + pad - j;
        return d < 0 ? 0 : Math.min(ow, d / stride + 1);
    }

    static void im2col(int channels, int height, int width, int kh, int kw, int stride, int pad, int oh, int ow,
                       float[] x, int xo, float[] cols, int co, int ldc) {
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = co + ((c * kh + i) * kw + j) * ldc;
                    // the output columns whose window column j falls inside the image: the rest is padding
                    int lo = Math.min(firstInside(pad, j, stride), ow), hi = Math.max(lo, endInside(width, pad, j, stride, ow));
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride - pad + i, dst = row + oy * ow;
                        if (iy < 0 || iy >= height) {
                            java.util.Arrays.fill(cols, dst, dst + ow, 0f);
                            continue;
                        }
                        if (lo > 0) java.util.Arrays.fill(cols, dst, dst + lo, 0f);
                        if (hi < ow) java.util.Arrays.fill(cols, dst + hi, dst + ow, 0f);
                        int src = xo + (c * height + iy) * width + j - pad; // + ox * stride
                        if (stride == 1) {
                            System.arraycopy(x, src + lo, cols, dst + lo, hi - lo);
                        } else {
                            for (int ox = lo; ox < hi; ox++) cols[dst + ox] = x[src + ox * stride];
                        }
                    }
                }
            }
        }
    }

    /**
     * The reference twin of the Vector API's implicit-GEMM convolution: the defining sum, one
     * {@code Math.fma} chain per output in {@code (c, i, j)} order from the bias, padding read as 0; the padded
     * copy, when asked for, written by a plain loop.
     */
    static void convForward(int images, int channels, int height, int width, int outChannels, int kh, int kw, int stride,
                            int pad, int oh, int ow, float[] x, int xo, float[] w, int wo, float[] bias, int bo,
                            float[] out, int oo, float[] padded, int po) {
        int k = channels * kh * kw, img = channels * height * width, p = oh * ow;
        if (padded != null) {
            int ph = height + 2 * pad, pw = width + 2 * pad;
            for (int b = 0, d = po; b < images; b++) {
                for (int c = 0; c < channels; c++) {
                    for (int py = 0; py < ph; py++) {
                        for (int px = 0; px < pw; px++, d++) {
                            int iy = py - pad, ix = px - pad;
                            boolean in = iy >= 0 && iy < height && ix >= 0 && ix < width;
                            padded[d] = in ? x[xo + b * img + (c * height + iy) * width + ix] : 0f;
                        }
                    }
                }
            }
        }
        for (int b = 0; b < images; b++) {
            for (int o = 0; o < outChannels; o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        float s = bias == null ? 0f : bias[bo + o];
                        for (int c = 0; c < channels; c++) {
                            for (int i = 0; i < kh; i++) {
                                int iy = oy * stride - pad + i;
                                for (int j = 0; j < kw; j++) {
                                    int ix = ox * stride - pad + j;
                                    boolean in = iy >= 0 && iy < height && ix >= 0 && ix < width;
                                    float v = in ? x[xo + b * img + (c * height + iy) * width + ix] : 0f;
                                    s = Math.fma(v, w[wo + o * k + (c * kh + i) * kw + j], s);
                                }
                            }
                        }
                        out[oo + (b * outChannels + o) * p + oy * ow + ox] = s;
                    }
                }
            }
        }
    }

    /** The reference twin of the Vector API's per-phase implicit GEMMs for the input gradient: the defining sum. */
    static void convBackwardInput(int images, int channels, int height, int width, int outChannels, int kh, int kw,
                                  int stride, int pad, int oh, int ow, float[] dy, int dyo, float[] w, int wo, float[] dx,
                                  int dxo, boolean add) {
        for (int b = 0; b < images; b++) {
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < height; y++) {
                    int ry = (y + pad) % stride, my = (y + pad - ry) / stride;
                    for (int x = 0; x < width; x++) {
                        int rx = (x + pad) % stride, mx = (x + pad - rx) / stride;
                        float s = 0f;
                        int jLast = rx < kw ? rx + (kw - 1 - rx) / stride * stride : -1; // the largest j = rx mod stride
                        for (int i = ry; i < kh; i += stride) {
                            int oy = my - (i - ry) / stride;
                            for (int j = jLast; j >= rx; j -= stride) {
                                int ox = mx - (j - rx) / stride;
                                boolean in = oy >= 0 && oy < oh && ox >= 0 && ox < ow;
                                for (int o = 0; o < outChannels; o++) {
                                    float g = in ? dy[dyo + ((b * outChannels + o) * oh + oy) * ow + ox] : 0f;
                                    s = Math.fma(g, w[wo + ((o * channels + c) * kh + i) * kw + j], s);
                                }
                            }
                        }
                        int d = dxo + ((b * channels + c) * height + y) * width + x;
                        dx[d] = (add ? dx[d] : 0f) + s;
                    }
                }
            }
        }
    }

    /** The padded-input form: the defining sum over the padded copy (its values are x's or 0), chunk by chunk. */
    static void convBackwardWeightPadded(int images, int channels, int height, int width, int outChannels, int kh, int kw,
                                         int stride, int pad, int oh, int ow, float[] xp, int xpo, float[] dy, int dyo,
                                         int chunk, float[] dw, int dwo) {
        int ph = height + 2 * pad, pw = width + 2 * pad;
        for (int b0 = 0; b0 < images; b0 += chunk) {
            int b1 = Math.min(images, b0 + chunk);
            for (int o = 0; o < outChannels; o++) {
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            float s = 0f;
                            for (int b = b0; b < b1; b++) {
                                for (int oy = 0; oy < oh; oy++) {
                                    int row = xpo + ((b * channels + c) * ph + oy * stride + i) * pw + j;
                                    for (int ox = 0; ox < ow; ox++) {
                                        s = Math.fma(xp[row + ox * stride], dy[dyo + ((b * outChannels + o) * oh + oy) * ow + ox], s);
                                    }
                                }
                            }
                            dw[dwo + ((o * channels + c) * kh + i) * kw + j] += s;
                        }
                    }
                }
            }
        }
    }

    /** The reference twin of the Vector API's implicit weight gradient: the defining sum, chunk by chunk. */
    static void convBackwardWeight(int images, int channels, int height, int width, int outChannels, int kh, int kw,
                                   int stride, int pad, int oh, int ow, float[] x, int xo, float[] dy, int dyo, int chunk,
                                   float[] dw, int dwo) {
        int img = channels * height * width;
        for (int b0 = 0; b0 < images; b0 += chunk) {
            int b1 = Math.min(images, b0 + chunk);
            for (int o = 0; o < outChannels; o++) {
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            float s = 0f;
                            for (int b = b0; b < b1; b++) {
                                for (int oy = 0; oy < oh; oy++) {
                                    int iy = oy * stride - pad + i;
                                    for (int ox = 0; ox < ow; ox++) {
                                        int ix = ox * stride - pad + j;
                                        boolean in = iy >= 0 && iy < height && ix >= 0 && ix < width;
                                        float v = in ? x[xo + b * img + (c * height + iy) * width + ix] : 0f;
                                        s = Math.fma(v, dy[dyo + ((b * outChannels + o) * oh + oy) * ow + ox], s);
                                    }
                                }
                            }
                            dw[dwo + ((o * channels + c) * kh + i) * kw + j] += s;
                        }
                    }
                }
            }
        }
    }

    static void col2im(int channels, int height, int width, int kh, int kw, int stride, int pad, int oh, int ow,
                       float[] cols, int co, int ldc, float[] x, int xo) {
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = co + ((c * kh + i) * kw + j) * ldc;
                    int lo = Math.min(firstInside(pad, j, stride), ow), hi = Math.max(lo, endInside(width, pad, j, stride, ow));
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride - pad + i;
                        if (iy < 0 || iy >= height) continue;
                        int src = row + oy * ow, dst = xo + (c * height + iy) * width + j - pad;
                        for (int ox = lo; ox < hi; ox++) x[dst + ox * stride] += cols[src + ox];
                    }
                }
            }
        }
    }

    static void maxPool(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
                        float[] x, int xo, float[] out, int oo, int[] argmax) {
        for (int p = 0; p < planes; p++) {
            int plane = p * height * width;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int i = 0; i < k; i++) {
                        int iy = oy * stride - pad + i;
                        if (iy < 0 || iy >= height) continue;
                        for (int j = 0; j < k; j++) {
                            int ix = ox * stride - pad + j;
                            if (ix < 0 || ix >= width) continue;
                            int idx = plane + iy * width + ix;
                            float v = x[xo + idx];
                            if (at < 0 || v > best || (Float.isNaN(v) && !Float.isNaN(best))) {
                                best = v;
                                at = idx;
                            }
                        }
                    }
                    int o = (p * oh + oy) * ow + ox;
                    out[oo + o] = best;
                    argmax[o] = at;
                }
            }
        }
    }

    static void avgPool(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
                        float[] x, int xo, float[] out, int oo) {
        float inv = 1f / (k * k);
        for (int p = 0; p < planes; p++) {
            int plane = xo + p * height * width;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    float s = 0f;
                    for (int i = 0; i < k; i++) {
                        int iy = oy * stride - pad + i;
                        if (iy < 0 || iy >= height) continue;
                        for (int j = 0; j < k; j++) {
                            int ix = ox * stride - pad + j;
                            if (ix >= 0 && ix < width) s += x[plane + iy * width + ix];
                        }
                    }
                    out[oo + (p * oh + oy) * ow + ox] = s * inv;
                }
            }
        }
    }

    static void avgPoolBackward(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
                                float[] g, int go, float[] dx, int dxo) {
        float inv = 1f / (k * k);
        for (int p = 0; p < planes; p++) {
            int plane = dxo + p * height * width;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    float gi = g[go + (p * oh + oy) * ow + ox] * inv;
                    for (int i = 0; i < k; i++) {
                        int iy = oy * stride - pad + i;
                        if (iy < 0 || iy >= height) continue;
                        for (int j = 0; j < k; j++) {
                            int ix = ox * stride - pad + j;
                            if (ix >= 0 && ix < width) dx[plane + iy * width + ix] += gi;
                        }
                    }
                }
            }
        }
    }
}
