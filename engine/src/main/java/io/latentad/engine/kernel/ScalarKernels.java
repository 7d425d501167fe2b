package io.latentad.engine.kernel;

/**
 * The reference kernels: plain loops that read like the formulas. Long sums accumulate in double.
 * The Vector API twins in {@code kernel.simd.VectorKernels} are tested against these.
 * Stateless; use {@link #INSTANCE}.
 */
public final class ScalarKernels implements KernelSet {
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    // ---- GEMM ---------------------------------------------------------------------------------

    /**
     * The textbook triple loop, one dot product per output, accumulated in double. Slow and
     * obviously right: the reference every other provider is tested against.
     */
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += (double) aip * bpj;
                }
                int ci = cOff + i * ldc + j;
                // BLAS semantics: with beta == 0, C is write-only
                c[ci] = beta == 0f ? (float) (alpha * s) : (float) (alpha * s + beta * c[ci]);
            }
        }
    }

    // ---- BLAS level 1 / 2 ---------------------------------------------------------------------

    @Override
    public float dot(int n, float[] x, int xo, float[] y, int yo) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) x[xo + i] * y[yo + i];
        return (float) s;
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xo, float[] y, int yo) {
        for (int i = 0; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < n; i++) out[oo + i] = alpha * x[xo + i];
    }

    @Override
    public void gemv(boolean trans, int m, int n, float alpha, float[] a, int ao, int lda,
                     float[] x, int xo, float beta, float[] y, int yo) {
        int outLen = trans ? n : m;
        int inLen = trans ? m : n;
        for (int i = 0; i < outLen; i++) {
            double s = 0;
            for (int j = 0; j < inLen; j++) {
                float aij = trans ? a[ao + j * lda + i] : a[ao + i * lda + j];
                s += (double) aij * x[xo + j];
            }
            y[yo + i] = beta == 0f ? (float) (alpha * s) : (float) (alpha * s + beta * y[yo + i]);
        }
    }

    // ---- elementwise binary -------------------------------------------------------------------

    @Override
    public void add(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    @Override
    public void sub(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
    }

    @Override
    public void mul(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
    }

    @Override
    public void div(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i];
    }

    // ---- elementwise unary --------------------------------------------------------------------

    @Override
    public void exp(int n, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < n; i++) out[oo + i] = (float) Math.exp(x[xo + i]);
    }

    @Override
    public void log(int n, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < n; i++) out[oo + i] = (float) Math.log(x[xo + i]);
    }

    @Override
    public void tanh(int n, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < n; i++) out[oo + i] = (float) Math.tanh(x[xo + i]);
    }

    @Override
    public void sigmoid(int n, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < n; i++) {
            double v = x[xo + i];
            // split on the sign so exp never overflows
            if (v >= 0) {
                out[oo + i] = (float) (1 / (1 + Math.exp(-v)));
            } else {
                double e = Math.exp(v);
                out[oo + i] = (float) (e / (1 + e));
            }
        }
    }

    @Override
    public void relu(int n, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < n; i++) out[oo + i] = Math.max(x[xo + i], 0f); // Math.max keeps NaN
    }

    @Override
    public void softplus(int n, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < n; i++) {
            double v = x[xo + i];
            // log(1 + e^v) = max(v, 0) + log1p(e^-|v|): no overflow, no cancellation
            out[oo + i] = (float) (Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
        }
    }

    // ---- reductions ---------------------------------------------------------------------------

    @Override
    public float sum(int n, float[] x, int xo) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[xo + i];
        return (float) s;
    }

    @Override
    public float max(int n, float[] x, int xo) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.max(m, x[xo + i]);
        return m;
    }

    @Override
    public int argmax(int n, float[] x, int xo) {
        int best = -1;
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = x[xo + i];
            if (Float.isNaN(v)) return i;
            if (best < 0 || v > m) {
                m = v;
                best = i;
            }
        }
        return best;
    }

    @Override
    public void rowSum(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < rows; i++) out[oo + i] = sum(cols, x, xo + i * cols);
    }

    @Override
    public void colSum(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) s += x[xo + i * cols + j];
            out[oo + j] = (float) s;
        }
    }

    @Override
    public void rowMax(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < rows; i++) out[oo + i] = max(cols, x, xo + i * cols);
    }

    @Override
    public void colMax(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        for (int j = 0; j < cols; j++) {
            float m = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < rows; i++) m = Math.max(m, x[xo + i * cols + j]);
            out[oo + j] = m;
        }
    }

    @Override
    public void softmaxRows(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < rows; i++) {
            int r = xo + i * cols, o = oo + i * cols;
            float m = max(cols, x, r); // shift by the max so exp never overflows
            double s = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[r + j] - m);
                out[o + j] = e;
                s += e;
            }
            float inv = (float) (1 / s);
            for (int j = 0; j < cols; j++) out[o + j] *= inv;
        }
    }

    @Override
    public void logSoftmaxRows(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < rows; i++) {
            int r = xo + i * cols, o = oo + i * cols;
            float m = max(cols, x, r);
            double s = 0;
            for (int j = 0; j < cols; j++) s += Math.exp(x[r + j] - m);
            float lse = (float) (m + Math.log(s)); // log-sum-exp, max-shifted
            for (int j = 0; j < cols; j++) out[o + j] = x[r + j] - lse;
        }
    }

    // ---- distances ----------------------------------------------------------------------------

    @Override
    public void reluBackward(int n, float[] out, int oo, float[] g, int go, float[] d, int dOff, boolean overwrite) {
        if (overwrite) {
            for (int i = 0; i < n; i++) d[dOff + i] = out[oo + i] > 0f ? g[go + i] : 0f;
        } else {
            for (int i = 0; i < n; i++) {
                if (out[oo + i] > 0f) d[dOff + i] += g[go + i];
            }
        }
    }

    @Override
    public double bceWithLogits(int n, float[] x, int xo, float[] t, int to, float[] d, int dOff) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            float xi = x[xo + i];
            s += Math.max(xi, 0f) - xi * t[to + i] + Math.log1p(Math.exp(-Math.abs(xi)));
            if (d != null) d[dOff + i] = sigmoid(xi) - t[to + i];
        }
        return s;
    }

    @Override
    public void adamUpdate(int from, int to, float[] w, int wo, float[] g, int go, float[] m, float[] v, float[] vh,
                           float b1, float b2, float stepSize, float bc2Sqrt, float eps, float decay, float l2) {
        boolean ams = vh != v;
        float c1 = 1f - b1, c2 = 1f - b2;
        for (int i = from; i < to; i++) {
            float wi = w[wo + i] * decay;
            float gi = g[go + i] + l2 * wi;
            m[i] = b1 * m[i] + c1 * gi;
            v[i] = b2 * v[i] + c2 * gi * gi;
            if (ams) vh[i] = Math.max(vh[i], v[i]);
            float denom = (float) Math.sqrt(vh[i]) / bc2Sqrt + eps;
            w[wo + i] = wi - stepSize * m[i] / denom;
        }
    }

    @Override
    public void sqDistToColumns(int d, double[] a, int ao, double[] xt, int ldx, int from, int to, double[] out, int oo) {
        for (int k = from; k < to; k++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                double e = a[ao + c] - xt[c * ldx + k];
                s += e * e;
            }
            out[oo + k - from] = s;
        }
    }

    @Override
    public void expToFloat(int n, double[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < n; i++) out[oo + i] = (float) Math.exp(x[xo + i]);
    }

    @Override
    public boolean allFinite(int n, float[] x, int xo) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[xo + i])) return false;
        }
        return true;
    }

    @Override
    public void transpose(int rows, int cols, float[] a, int ao, int lda, float[] t, int to, int ldt) {
        for (int rb = 0; rb < rows; rb += 16) { // 16 x 16 blocks: the 16 rows written stay in L1
            int re = Math.min(rows, rb + 16);
            for (int cb = 0; cb < cols; cb += 16) {
                int ce = Math.min(cols, cb + 16);
                for (int r = rb; r < re; r++) {
                    for (int c = cb; c < ce; c++) t[to + c * ldt + r] = a[ao + r * lda + c];
                }
            }
        }
    }

    @Override
    public int firstAtMost(int from, int to, float a, float[] b, int bo, float[] e, int eo, float bound) {
        for (int i = from; i < to; i++) {
            if ((a + b[bo + i]) - 2f * e[eo + i] <= bound) return i;
        }
        return to;
    }

    @Override
    public void sqDist(int m, int n, int d, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < d; p++) {
                    double diff = a[ao + i * d + p] - b[bo + j * d + p];
                    s += diff * diff;
                }
                out[oo + i * n + j] = (float) s;
            }
        }
    }

    // ==== LSTM (issue 12) ========================================================================

    private static float sigmoid(float v) {
        // split on the sign so exp never overflows
        if (v >= 0) return (float) (1 / (1 + Math.exp(-v)));
        double e = Math.exp(v);
        return (float) (e / (1 + e));
    }

    @Override
    public void lstmCellForward(int rows, int hidden, float[] gates, int go, float[] cPrev, int cpo,
                                float[] c, int co, float[] tanhC, int tco, float[] h, int ho) {
        for (int r = 0; r < rows; r++) {
            int g = go + r * 4 * hidden, s = r * hidden;
            for (int j = 0; j < hidden; j++) {
                float i = sigmoid(gates[g + j]);
                float f = sigmoid(gates[g + hidden + j]);
                float gg = (float) Math.tanh(gates[g + 2 * hidden + j]);
                float o = sigmoid(gates[g + 3 * hidden + j]);
                gates[g + j] = i;
                gates[g + hidden + j] = f;
                gates[g + 2 * hidden + j] = gg;
                gates[g + 3 * hidden + j] = o;
                float cj = f * cPrev[cpo + s + j] + i * gg; // the cell update
                float t = (float) Math.tanh(cj);
                c[co + s + j] = cj;
                tanhC[tco + s + j] = t;
                h[ho + s + j] = o * t;
            }
        }
    }

    @Override
    public void lstmCellBackward(int rows, int hidden, float[] gates, int go, float[] cPrev, int cpo,
                                 float[] tanhC, int tco, float[] dh, int dho, float[] dc, int dco) {
        for (int r = 0; r < rows; r++) {
            int g = go + r * 4 * hidden, s = r * hidden;
            for (int j = 0; j < hidden; j++) {
                float i = gates[g + j], f = gates[g + hidden + j];
                float gg = gates[g + 2 * hidden + j], o = gates[g + 3 * hidden + j];
                float t = tanhC[tco + s + j], dhj = dh[dho + s + j];
                float dcj = dc[dco + s + j] + dhj * o * (1f - t * t); // through h = o tanh(c)
                gates[g + j] = dcj * gg * i * (1f - i);
                gates[g + hidden + j] = dcj * cPrev[cpo + s + j] * f * (1f - f);
                gates[g + 2 * hidden + j] = dcj * i * (1f - gg * gg);
                gates[g + 3 * hidden + j] = dhj * t * o * (1f - o);
                dc[dco + s + j] = dcj * f;
            }
        }
    }

    /** The scalar layout is {@code op(W)} itself, row-major {@code k x n}. */
    @Override
    public int lstmPackedSize(int k, int n) {
        return k * n;
    }

    @Override
    public void lstmPack(boolean trans, int k, int n, float[] w, int wo, int ldw, float[] packed, int po) {
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) packed[po + p * n + j] = trans ? w[wo + j * ldw + p] : w[wo + p * ldw + j];
        }
    }

    @Override
    public void lstmGemm(int rows, int k, int n, float[] a, int ao, int lda, float[] packed, int po,
                         float[] c, int co, int ldc) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += (double) a[ao + i * lda + p] * packed[po + p * n + j];
                c[co + i * ldc + j] = (float) (c[co + i * ldc + j] + s);
            }
        }
    }

    // ==== Convolution (issue 15) =================================================================

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

    @Override
    public void im2col(int channels, int height, int width, int kh, int kw, int stride, int pad, int oh, int ow,
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
    @Override
    public void convForward(int images, int channels, int height, int width, int outChannels, int kh, int kw, int stride,
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
    @Override
    public void convBackwardInput(int images, int channels, int height, int width, int outChannels, int kh, int kw,
                                  int stride, int pad, int oh, int ow, float[] dy, int dyo, float[] w, int wo, float[] dx,
                                  int dxo) {
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
                        dx[dxo + ((b * channels + c) * height + y) * width + x] += s;
                    }
                }
            }
        }
    }

    /** The padded-input form: the defining sum over the padded copy (its values are x's or 0), chunk by chunk. */
    @Override
    public void convBackwardWeightPadded(int images, int channels, int height, int width, int outChannels, int kh, int kw,
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
    @Override
    public void convBackwardWeight(int images, int channels, int height, int width, int outChannels, int kh, int kw,
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

    @Override
    public void col2im(int channels, int height, int width, int kh, int kw, int stride, int pad, int oh, int ow,
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

    @Override
    public void maxPool(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
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

    @Override
    public void avgPool(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
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

    @Override
    public void avgPoolBackward(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
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
