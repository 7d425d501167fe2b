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
    public void planeSums(int planes, int p, float[] x, int xo, double[] out, int oo) {
        for (int i = 0; i < planes; i++) {
            int j = xo + i * p, e = j + p, e4 = j + p / 4 * 4;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (; j < e4; j += 4) {
                s0 += x[j];
                s1 += x[j + 1];
                s2 += x[j + 2];
                s3 += x[j + 3];
            }
            for (; j < e; j++) s0 += x[j];
            out[oo + i] = (s0 + s1) + (s2 + s3);
        }
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

    @Override
    public void im2col(int channels, int height, int width, int kh, int kw, int stride, int pad, int oh, int ow,
                       float[] x, int xo, float[] cols, int co, int ldc) {
        ScalarConv.im2col(channels, height, width, kh, kw, stride, pad, oh, ow, x, xo, cols, co, ldc);
    }

    @Override
    public void convForward(int images, int channels, int height, int width, int outChannels, int kh, int kw, int stride,
                            int pad, int oh, int ow, float[] x, int xo, float[] w, int wo, float[] bias, int bo,
                            float[] out, int oo, float[] padded, int po) {
        ScalarConv.convForward(images, channels, height, width, outChannels, kh, kw, stride, pad, oh, ow, x,
                xo, w, wo, bias, bo, out, oo, padded, po);
    }

    @Override
    public void convBackwardInput(int images, int channels, int height, int width, int outChannels, int kh, int kw,
                                  int stride, int pad, int oh, int ow, float[] dy, int dyo, float[] w, int wo, float[] dx,
                                  int dxo, boolean add) {
        ScalarConv.convBackwardInput(images, channels, height, width, outChannels, kh, kw, stride, pad, oh, ow,
                dy, dyo, w, wo, dx, dxo, add);
    }

    @Override
    public void convBackwardWeightPadded(int images, int channels, int height, int width, int outChannels, int kh, int kw,
                                         int stride, int pad, int oh, int ow, float[] xp, int xpo, float[] dy, int dyo,
                                         int chunk, float[] dw, int dwo) {
        ScalarConv.convBackwardWeightPadded(images, channels, height, width, outChannels, kh, kw, stride, pad,
                oh, ow, xp, xpo, dy, dyo, chunk, dw, dwo);
    }

    @Override
    public void convBackwardWeight(int images, int channels, int height, int width, int outChannels, int kh, int kw,
                                   int stride, int pad, int oh, int ow, float[] x, int xo, float[] dy, int dyo, int chunk,
                                   float[] dw, int dwo) {
        ScalarConv.convBackwardWeight(images, channels, height, width, outChannels, kh, kw, stride, pad, oh,
                ow, x, xo, dy, dyo, chunk, dw, dwo);
    }

    @Override
    public void col2im(int channels, int height, int width, int kh, int kw, int stride, int pad, int oh, int ow,
                       float[] cols, int co, int ldc, float[] x, int xo) {
        ScalarConv.col2im(channels, height, width, kh, kw, stride, pad, oh, ow, cols, co, ldc, x, xo);
    }

    @Override
    public void maxPool(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
                        float[] x, int xo, float[] out, int oo, int[] argmax) {
        ScalarConv.maxPool(planes, height, width, k, stride, pad, oh, ow, x, xo, out, oo, argmax);
    }

    @Override
    public void avgPool(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
                        float[] x, int xo, float[] out, int oo) {
        ScalarConv.avgPool(planes, height, width, k, stride, pad, oh, ow, x, xo, out, oo);
    }

    @Override
    public void avgPoolBackward(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
                                float[] g, int go, float[] dx, int dxo) {
        ScalarConv.avgPoolBackward(planes, height, width, k, stride, pad, oh, ow, g, go, dx, dxo);
    }
}
