package io.latentad.engine.kernel;

/**
 * The raw kernels: loops over float arrays with explicit offsets, no allocation, no checks.
 * Two implementations with the same method names: {@link ScalarKernels} (plain Java, the
 * reference) and {@code kernel.simd.VectorKernels} (the JDK Vector API). {@link Kernels} picks one
 * at start-up and is the checked, tensor-level entry point.
 *
 * <p>Conventions: {@code n} is an element count; {@code x, xo} an input array and its offset;
 * {@code out, oo} an output array and offset, which may alias an input exactly (in-place) but must
 * not partially overlap it. Matrices are row-major {@code rows x cols}, contiguous. NaN inputs
 * propagate to the outputs they touch (max, relu and argmax included).
 */
public interface KernelSet extends Gemm {

    // ---- BLAS level 1 / 2 ---------------------------------------------------------------------

    /** Sum of {@code x[i] * y[i]}. */
    float dot(int n, float[] x, int xo, float[] y, int yo);

    /** {@code y += alpha * x}. */
    void axpy(int n, float alpha, float[] x, int xo, float[] y, int yo);

    /** {@code out = alpha * x}. */
    void scale(int n, float alpha, float[] x, int xo, float[] out, int oo);

    /**
     * {@code y = alpha * op(A) x + beta * y}, {@code A} row-major {@code m x n} with leading
     * dimension {@code lda}; {@code op(A) = A^T} when {@code trans}. When {@code beta == 0},
     * {@code y} is not read.
     */
    void gemv(boolean trans, int m, int n, float alpha, float[] a, int ao, int lda,
              float[] x, int xo, float beta, float[] y, int yo);

    // ---- elementwise binary (same length) -----------------------------------------------------

    void add(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo);

    void sub(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo);

    void mul(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo);

    void div(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo);

    // ---- elementwise unary --------------------------------------------------------------------

    void exp(int n, float[] x, int xo, float[] out, int oo);

    void log(int n, float[] x, int xo, float[] out, int oo);

    void tanh(int n, float[] x, int xo, float[] out, int oo);

    /** {@code 1 / (1 + exp(-x))}, computed without overflow for large |x|. */
    void sigmoid(int n, float[] x, int xo, float[] out, int oo);

    /** {@code max(x, 0)}; NaN stays NaN. */
    void relu(int n, float[] x, int xo, float[] out, int oo);

    /** {@code log(1 + exp(x))}, computed as {@code max(x, 0) + log1p(exp(-|x|))}. */
    void softplus(int n, float[] x, int xo, float[] out, int oo);

    // ---- reductions ---------------------------------------------------------------------------

    float sum(int n, float[] x, int xo);

    /** Maximum; {@code -Infinity} for n = 0; NaN if any element is NaN. */
    float max(int n, float[] x, int xo);

    /** Index of the first maximum; the first NaN wins if there is one; -1 for n = 0. */
    int argmax(int n, float[] x, int xo);

    /** {@code out[i] = sum_j x[i, j]}. */
    void rowSum(int rows, int cols, float[] x, int xo, float[] out, int oo);

    /** {@code out[j] = sum_i x[i, j]}. */
    void colSum(int rows, int cols, float[] x, int xo, float[] out, int oo);

    /**
     * {@code out[oo + i] = (s0 + s1) + (s2 + s3)} over row {@code i} of {@code planes} rows of {@code p} floats at
     * {@code x[xo + i p]}: four double partial sums, element {@code j < p - p mod 4} into {@code s_(j mod 4)}, the
     * last {@code p mod 4} into {@code s0} in order. Both kernel sets give the same bits (the convolution's bias
     * gradient, one row per {@code [image, channel]} plane).
     */
    void planeSums(int planes, int p, float[] x, int xo, double[] out, int oo);

    /** {@code out[i] = max_j x[i, j]}. */
    void rowMax(int rows, int cols, float[] x, int xo, float[] out, int oo);

    /** {@code out[j] = max_i x[i, j]}. */
    void colMax(int rows, int cols, float[] x, int xo, float[] out, int oo);

    /** Row-wise softmax, max-shifted for stability. */
    void softmaxRows(int rows, int cols, float[] x, int xo, float[] out, int oo);

    /** Row-wise log-softmax: {@code x - max - log(sum(exp(x - max)))}. */
    void logSoftmaxRows(int rows, int cols, float[] x, int xo, float[] out, int oo);

    // ---- fused training kernels ----------------------------------------------------------------

    /**
     * The ReLU backward pass from the saved output: {@code d[i] (+)= out[i] > 0 ? g[i] : 0} over
     * {@code n} elements, accumulating, or overwriting {@code d} when {@code overwrite} (a fresh
     * gradient buffer, saving its zero fill). The gradient passes where {@code out > 0}, not at 0
     * nor NaN, as PyTorch.
     */
    void reluBackward(int n, float[] out, int oo, float[] g, int go, float[] d, int dOff, boolean overwrite);

    /**
     * Binary cross-entropy from logits, forward and gradient in one pass: returns
     * {@code sum_i max(x_i, 0) - x_i t_i + log1p(exp(-|x_i|))} and, when {@code d != null}, writes
     * {@code d[dOff + i] = sigmoid(x_i) - t_i}.
     */
    double bceWithLogits(int n, float[] x, int xo, float[] t, int to, float[] d, int dOff);

    /**
     * The Adam (AMSGrad when {@code vh != v}) update of elements {@code [from, to)} of one
     * parameter: {@code wi = w decay; gi = g + l2 wi; m = b1 m + (1 - b1) gi;
     * v = b2 v + (1 - b2) gi gi; vh = max(vh, v)}; {@code w = wi - step m / (sqrt(vh) / bc2Sqrt + eps)}.
     * {@code m, v, vh} start at index 0. Both implementations do the same float operations in the
     * same order, so the result is bit-identical and a parameter may be split over threads freely.
     */
    void adamUpdate(int from, int to, float[] w, int wo, float[] g, int go, float[] m, float[] v, float[] vh,
                    float b1, float b2, float stepSize, float bc2Sqrt, float eps, float decay, float l2);

    // ---- distances ----------------------------------------------------------------------------

    /**
     * Squared Euclidean distances between the rows of {@code A} ({@code m x d}) and of {@code B}
     * ({@code n x d}): {@code out[i, j] = ||a_i - b_j||^2}, {@code out} is {@code m x n}.
     */
    void sqDist(int m, int n, int d, float[] a, int ao, float[] b, int bo, float[] out, int oo);

    /**
     * Squared distances in double from one point to points stored by columns:
     * {@code out[oo + k - from] = sum_c (a[ao + c] - xt[c * ldx + k])^2} for {@code k} in {@code [from, to)},
     * each term rounded, then added for {@code c = 0, 1, ...} in order (no fused multiply-add), so twins
     * agree bit for bit with the plain row-by-row loop.
     */
    void sqDistToColumns(int d, double[] a, int ao, double[] xt, int ldx, int from, int to, double[] out, int oo);

    /**
     * {@code out[oo + i] = (float) exp(x[xo + i])} for double arguments (callers that compute the
     * argument in double and keep float results, as the one-class SVM's kernel rows). The scalar twin is
     * {@code (float) Math.exp}; the vector one computes exp in double lanes and agrees with it except,
     * rarely, by one float ulp (see {@code VectorDoubles}).
     */
    void expToFloat(int n, double[] x, int xo, float[] out, int oo);

    /**
     * A candidate filter for neighbour searches: the first {@code i} in {@code [from, to)} with
     * {@code (a + b[bo + i]) - 2 e[eo + i] <= bound}, evaluated in float in that order, or {@code to}
     * if there is none. A NaN never passes. Twins give the same index (the expression is the same
     * IEEE operations in both).
     */
    int firstAtMost(int from, int to, float a, float[] b, int bo, float[] e, int eo, float bound);

    /**
     * Whether every one of {@code x[xo .. xo + n)} is finite (neither NaN nor infinite): the check of
     * inputs converted to float before they reach a network. Twins give the same answer.
     */
    boolean allFinite(int n, float[] x, int xo);

    /**
     * {@code t[to + c ldt + r] = a[ao + r lda + c]} for {@code r < rows, c < cols}: a block copied out
     * transposed (a copy: twins give the same bits).
     */
    void transpose(int rows, int cols, float[] a, int ao, int lda, float[] t, int to, int ldt);

    // ==== LSTM (issue 12) ========================================================================
    // The fused cell of engine.autodiff.LstmOps and the recurrent product with prepacked weights.
    // Gate order i, f, g, o (PyTorch's): a gates row is [i | f | g | o], each `hidden` wide.

    /**
     * The fused LSTM cell forward on {@code rows} rows. {@code gates} holds the pre-activations
     * ({@code rows x 4 hidden}, contiguous) and is overwritten with the activations
     * {@code i = sigmoid, f = sigmoid, g = tanh, o = sigmoid}; then
     * {@code c = f * cPrev + i * g}, {@code tanhC = tanh(c)}, {@code h = o * tanhC}
     * ({@code rows x hidden} each, contiguous). {@code c} may not alias {@code cPrev}.
     */
    void lstmCellForward(int rows, int hidden, float[] gates, int go, float[] cPrev, int cpo,
                         float[] c, int co, float[] tanhC, int tco, float[] h, int ho);

    /**
     * The fused LSTM cell backward on {@code rows} rows, from the saved activations of
     * {@link #lstmCellForward}: reads {@code dh} (the gradient of h) and {@code dc} (the gradient of c
     * arriving from the next step), overwrites {@code gates} with the gradients of the four
     * pre-activations and {@code dc} with the gradient of {@code cPrev}:
     * <pre>
     * dc' = dc + dh * o * (1 - tanhC^2)
     * d(i, f, g, o) pre-activations = (dc' g i (1 - i), dc' cPrev f (1 - f), dc' i (1 - g^2), dh tanhC o (1 - o))
     * dcPrev = dc' * f
     * </pre>
     */
    void lstmCellBackward(int rows, int hidden, float[] gates, int go, float[] cPrev, int cpo,
                          float[] tanhC, int tco, float[] dh, int dho, float[] dc, int dco);

    /** Floats {@link #lstmPack} writes for an {@code op(W)} of {@code k x n}. */
    int lstmPackedSize(int k, int n);

    /**
     * Packs {@code op(W)} ({@code k x n}; {@code W} row-major with leading dimension {@code ldw},
     * {@code op(W) = W^T} when {@code trans}) for {@link #lstmGemm}, once per layer pass.
     */
    void lstmPack(boolean trans, int k, int n, float[] w, int wo, int ldw, float[] packed, int po);

    /**
     * {@code C += A op(W)} for {@code rows} rows: {@code A} is {@code rows x k} (leading dimension
     * {@code lda}), {@code C} is {@code rows x n} (leading dimension {@code ldc}), {@code op(W)} as
     * packed by {@link #lstmPack}. Each row of C is computed by the same operations whatever
     * {@code rows} is and wherever the row sits, so splitting the rows over threads changes no bit.
     */
    void lstmGemm(int rows, int k, int n, float[] a, int ao, int lda, float[] packed, int po,
                  float[] c, int co, int ldc);

    // ==== Convolution (issue 15) =================================================================
    // Images are NCHW, one image a contiguous [channels, height, width] block. The convolution ops of
    // engine.autodiff.ConvOps lower to these moves and the GEMM: no arithmetic here but the pooling.

    /**
     * im2col: the patches of one {@code channels x height x width} image as the columns of a matrix.
     * Row {@code (c * kh + i) * kw + j}, column {@code oy * ow + ox} of {@code cols} (leading dimension
     * {@code ldc}, first column at {@code co}) is {@code x[c, oy * stride - pad + i, ox * stride - pad + j]},
     * 0 outside the image (zero padding); {@code oh x ow} is the output grid.
     */
    void im2col(int channels, int height, int width, int kh, int kw, int stride, int pad, int oh, int ow,
                float[] x, int xo, float[] cols, int co, int ldc);

    /**
     * The convolution forward pass of {@code images} NCHW images {@code x [images, C, H, W]} with weights
     * {@code w [OC, C, kh, kw]} and {@code bias [OC]} (null: none) into {@code out [images, OC, oh, ow]}:
     * {@code out[b, o, y, x] = bias[o] + sum_{c, i, j} w[o, c, i, j] x[b, c, y stride - pad + i, x stride - pad + j]},
     * zero padding. Each output is one fused multiply-add chain over {@code (c, i, j)} in order, starting
     * from the bias (0 without one), padded taps included as {@code fma(0, w, s)}: both sets give the same bits.
     */
    default void convForward(int images, int channels, int height, int width, int outChannels, int kh, int kw, int stride,
                             int pad, int oh, int ow, float[] x, int xo, float[] w, int wo, float[] bias, int bo, float[] out,
                             int oo) {
        convForward(images, channels, height, width, outChannels, kh, kw, stride, pad, oh, ow, x, xo, w, wo, bias, bo, out, oo,
                null, 0);
    }

    /**
     * {@link #convForward} that also leaves the zero-padded copy of the input, {@code [images, C, H + 2 pad, W + 2 pad]},
     * in {@code padded} from {@code po} (null: not wanted), for {@link #convBackwardWeightPadded} to read in place of
     * {@code x}: the forward makes that copy anyway (the Vector API kernels), so the weight gradient need not make it
     * again. Same outputs, same bits as without it.
     */
    void convForward(int images, int channels, int height, int width, int outChannels, int kh, int kw, int stride, int pad,
                     int oh, int ow, float[] x, int xo, float[] w, int wo, float[] bias, int bo, float[] out, int oo,
                     float[] padded, int po);

    /**
     * The input gradient of {@link #convForward}, added onto {@code dx [images, C, H, W]} from the output
     * gradient {@code dy [images, OC, oh, ow]}: {@code dx[b, c, y, x] += sum w[o, c, i, j] dy[b, o, oy, ox]} over
     * the taps with {@code y + pad - i = oy stride}, {@code x + pad - j = ox stride}. Per element: with
     * {@code ry = (y + pad) mod stride}, {@code my = (y + pad - ry) / stride} (and the same along x), one
     * fused multiply-add chain from 0 over {@code i = ry, ry + stride, ...}, then {@code j} from the largest
     * {@code j < kw} with {@code j mod stride = rx} down to {@code rx}, then {@code o} (the order of a channels-last
     * run of the output gradient), reading {@code dy[b, o, my - (i - ry) / stride, mx - (j - rx) / stride]} or 0
     * outside the output, then added to {@code dx}: both sets give the same bits. With {@code add} false {@code dx}
     * is written, not read: {@code dx = 0 + sum}, the bits adding onto zeros gives (a first contribution to a
     * gradient: no zero fill, no read of {@code dx}).
     */
    void convBackwardInput(int images, int channels, int height, int width, int outChannels, int kh, int kw, int stride,
                           int pad, int oh, int ow, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, boolean add);

    /**
     * The weight gradient of {@link #convForward}, added onto {@code dw [OC, C, kh, kw]}:
     * {@code dw[o, c, i, j] += sum x[b, c, oy stride - pad + i, ox stride - pad + j] dy[b, o, oy, ox]} (0 outside
     * the image). The images are taken in chunks of {@code chunk}: each chunk's sum is one fused multiply-add
     * chain from 0 over its images, then pixels, in order, added to {@code dw}: both sets give the same bits.
     */
    void convBackwardWeight(int images, int channels, int height, int width, int outChannels, int kh, int kw, int stride,
                            int pad, int oh, int ow, float[] x, int xo, float[] dy, int dyo, int chunk, float[] dw, int dwo);

    /**
     * {@link #convBackwardWeight} reading the input from its zero-padded copy {@code xp [images, C, H + 2 pad,
     * W + 2 pad]} (from {@code xpo}, as {@link #convForward}'s {@code padded} leaves it) instead of {@code x}: the
     * same values, so the same bits.
     */
    void convBackwardWeightPadded(int images, int channels, int height, int width, int outChannels, int kh, int kw,
                                  int stride, int pad, int oh, int ow, float[] xp, int xpo, float[] dy, int dyo, int chunk,
                                  float[] dw, int dwo);

    /** col2im: the adjoint of {@link #im2col}, adding every column entry back onto its pixel of {@code x}. */
    void col2im(int channels, int height, int width, int kh, int kw, int stride, int pad, int oh, int ow,
                float[] cols, int co, int ldc, float[] x, int xo);

    /**
     * Max pooling of {@code planes} contiguous {@code height x width} planes with a {@code k x k}
     * window, padded by {@code pad} with -Infinity: {@code out} gets {@code planes x oh x ow} maxima and
     * {@code argmax} the flat index (relative to {@code xo}) of each; the first maximum wins, NaN wins.
     */
    void maxPool(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
                 float[] x, int xo, float[] out, int oo, int[] argmax);

    /** Average pooling, zero padding counted in the {@code k * k} divisor (PyTorch's {@code count_include_pad}). */
    void avgPool(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
                 float[] x, int xo, float[] out, int oo);

    /** The adjoint of {@link #avgPool}: adds {@code g / (k * k)} to every pixel of each window. */
    void avgPoolBackward(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
                         float[] g, int go, float[] dx, int dxo);
}
