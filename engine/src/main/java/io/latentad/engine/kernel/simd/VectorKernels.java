package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.KernelSet;
import io.latentad.engine.kernel.ScalarKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The JDK Vector API kernels ({@code FloatVector.SPECIES_PREFERRED}: 8 float lanes on AVX2), the
 * twins of {@link io.latentad.engine.kernel.ScalarKernels} with the same names and contracts.
 * Loops have a vector main part and a scalar tail; the tails of the transcendental kernels run
 * the scalar form of the same approximation, so a value's result does not depend on its position.
 *
 * <p>Families live in package-private classes named for what they hold:
 * {@link VectorMath} (exp, log, tanh, sigmoid, softplus approximations and their measured ulp
 * errors), {@link VectorReductions} (sums, maxima, softmax, column sums for {@code gemv}) and
 * {@link VectorDistances} ({@code sqDist}, {@code firstAtMost}), {@link VectorDoubles} (double lanes:
 * {@code sqDistToColumns}, {@code expToFloat}). GEMM is {@link PackedGemm}.
 *
 * <p>Differences from the scalar twin, all within rounding: {@code axpy} and the dot products
 * use fused multiply-add; sums accumulate in float lanes flushed into a double every
 * {@link VectorReductions#FLUSH} elements instead of element by element in double; exp, log,
 * tanh, sigmoid and softplus are float polynomial approximations of 1-2 ulps instead of double
 * {@code Math} calls rounded to float. NaN propagation and the special values (±0, ±Inf,
 * denormals) follow the scalar twin exactly.
 */
public final class VectorKernels implements KernelSet {
    public static final VectorKernels INSTANCE = new VectorKernels();
    private static final VectorSpecies<Float> F = VectorMath.F;
    private static final int L = F.length();

    private VectorKernels() {
    }

    @Override
    public String name() {
        return "simd (" + F.vectorBitSize() + "-bit, " + F.length() + " float lanes)";
    }

    private static FloatVector load(float[] a, int i) {
        return FloatVector.fromArray(F, a, i);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                     int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        PackedGemm.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void gemmBias(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float[] bias, int biasOff, float[] c, int cOff, int ldc) {
        PackedGemm.INSTANCE.gemmBias(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, bias, biasOff, c, cOff, ldc);
    }

    @Override
    public float[] packWeights(int k, int n, float[] b, int bOff, int ldb) {
        return PackedGemm.INSTANCE.packWeights(k, n, b, bOff, ldb);
    }

    @Override
    public void gemmBiasPrepacked(int m, int n, int k, float[] a, int aOff, int lda, float[] packedB,
                                  float[] bias, int biasOff, float[] c, int cOff, int ldc) {
        PackedGemm.INSTANCE.gemmBiasPrepacked(m, n, k, a, aOff, lda, packedB, bias, biasOff, c, cOff, ldc);
    }

    // ---- BLAS level 1 / 2 ---------------------------------------------------------------------

    @Override
    public float dot(int n, float[] x, int xo, float[] y, int yo) {
        return (float) VectorReductions.dot(n, x, xo, y, yo);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xo, float[] y, int yo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) load(x, xo + i).fma(FloatVector.broadcast(F, alpha), load(y, yo + i)).intoArray(y, yo + i);
        for (; i < n; i++) y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xo, float[] out, int oo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) load(x, xo + i).mul(alpha).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = alpha * x[xo + i];
    }

    /** Row dot products for {@code A x}; weighted column sums (rows read contiguously) for {@code A^T x}. */
    @Override
    public void gemv(boolean trans, int m, int n, float alpha, float[] a, int ao, int lda,
                     float[] x, int xo, float beta, float[] y, int yo) {
        if (trans) {
            VectorReductions.columnSums(m, n, a, ao, lda, x, xo, alpha, beta, y, yo);
            return;
        }
        for (int i = 0; i < m; i++) {
            double s = VectorReductions.dot(n, a, ao + i * lda, x, xo);
            y[yo + i] = VectorReductions.combine(alpha, s, beta, y[yo + i]);
        }
    }

    // ---- elementwise binary -------------------------------------------------------------------

    @Override
    public void add(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) load(a, ao + i).add(load(b, bo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    @Override
    public void sub(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) load(a, ao + i).sub(load(b, bo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
    }

    @Override
    public void mul(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) load(a, ao + i).mul(load(b, bo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
    }

    @Override
    public void div(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) load(a, ao + i).div(load(b, bo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i];
    }

    // ---- elementwise unary --------------------------------------------------------------------

    @Override
    public void exp(int n, float[] x, int xo, float[] out, int oo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) VectorMath.exp(load(x, xo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = VectorMath.exp(x[xo + i]);
    }

    @Override
    public void log(int n, float[] x, int xo, float[] out, int oo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) VectorMath.log(load(x, xo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = VectorMath.log(x[xo + i]);
    }

    @Override
    public void tanh(int n, float[] x, int xo, float[] out, int oo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) VectorMath.tanh(load(x, xo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = VectorMath.tanh(x[xo + i]);
    }

    @Override
    public void sigmoid(int n, float[] x, int xo, float[] out, int oo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) VectorMath.sigmoid(load(x, xo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = VectorMath.sigmoid(x[xo + i]);
    }

    @Override
    public void relu(int n, float[] x, int xo, float[] out, int oo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) load(x, xo + i).max(0f).intoArray(out, oo + i); // max keeps NaN
        for (; i < n; i++) out[oo + i] = Math.max(x[xo + i], 0f);
    }

    @Override
    public void softplus(int n, float[] x, int xo, float[] out, int oo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) VectorMath.softplus(load(x, xo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = VectorMath.softplus(x[xo + i]);
    }

    // ---- reductions ---------------------------------------------------------------------------

    @Override
    public float sum(int n, float[] x, int xo) {
        return (float) VectorReductions.sum(n, x, xo);
    }

    @Override
    public float max(int n, float[] x, int xo) {
        return VectorReductions.max(n, x, xo);
    }

    @Override
    public int argmax(int n, float[] x, int xo) {
        return VectorReductions.argmax(n, x, xo);
    }

    @Override
    public void rowSum(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < rows; i++) out[oo + i] = (float) VectorReductions.sum(cols, x, xo + i * cols);
    }

    @Override
    public void planeSums(int planes, int p, float[] x, int xo, double[] out, int oo) {
        if (Lanes.F.vectorBitSize() < 256) { // the four-double vector below would not be compiled: the twin's loop
            ScalarKernels.INSTANCE.planeSums(planes, p, x, xo, out, oo);
            return;
        }
        VectorReductions.planeSums(planes, p, x, xo, out, oo);
    }

    @Override
    public void colSum(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        VectorReductions.columnSums(rows, cols, x, xo, cols, null, 0, 1f, 0f, out, oo);
    }

    @Override
    public void rowMax(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < rows; i++) out[oo + i] = VectorReductions.max(cols, x, xo + i * cols);
    }

    @Override
    public void colMax(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        VectorReductions.colMax(rows, cols, x, xo, out, oo);
    }

    @Override
    public void softmaxRows(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < rows; i++) VectorReductions.softmaxRow(cols, x, xo + i * cols, out, oo + i * cols);
    }

    @Override
    public void logSoftmaxRows(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < rows; i++) VectorReductions.logSoftmaxRow(cols, x, xo + i * cols, out, oo + i * cols);
    }

    // ---- distances ----------------------------------------------------------------------------

    @Override
    public void reluBackward(int n, float[] out, int oo, float[] g, int go, float[] d, int dOff, boolean overwrite) {
        VectorReluBackward.apply(n, out, oo, g, go, d, dOff, overwrite);
    }

    @Override
    public double bceWithLogits(int n, float[] x, int xo, float[] t, int to, float[] d, int dOff) {
        return VectorBceWithLogits.forward(n, x, xo, t, to, d, dOff);
    }

    @Override
    public void adamUpdate(int from, int to, float[] w, int wo, float[] g, int go, float[] m, float[] v, float[] vh,
                           float b1, float b2, float stepSize, float bc2Sqrt, float eps, float decay, float l2) {
        VectorAdam.update(from, to, w, wo, g, go, m, v, vh, b1, b2, stepSize, bc2Sqrt, eps, decay, l2);
    }

    @Override
    public void sqDist(int m, int n, int d, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        VectorDistances.sqDist(m, n, d, a, ao, b, bo, out, oo);
    }

    @Override
    public void sqDistToColumns(int d, double[] a, int ao, double[] xt, int ldx, int from, int to, double[] out, int oo) {
        VectorDoubles.sqDistToColumns(d, a, ao, xt, ldx, from, to, out, oo);
    }

    @Override
    public void expToFloat(int n, double[] x, int xo, float[] out, int oo) {
        VectorDoubles.expToFloat(n, x, xo, out, oo);
    }

    @Override
    public boolean allFinite(int n, float[] x, int xo) {
        // |v| <= MAX_VALUE is false exactly for NaN and the infinities; one mask test per 8 vectors
        FloatVector max = FloatVector.broadcast(F, Float.MAX_VALUE);
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) {
            if (!load(x, xo + i).abs().compare(VectorOperators.LE, max).allTrue()) return false;
        }
        for (; i < n; i++) {
            if (!Float.isFinite(x[xo + i])) return false;
        }
        return true;
    }

    @Override
    public void transpose(int rows, int cols, float[] a, int ao, int lda, float[] t, int to, int ldt) {
        VectorDistances.transpose(rows, cols, a, ao, lda, t, to, ldt);
    }

    @Override
    public int firstAtMost(int from, int to, float a, float[] b, int bo, float[] e, int eo, float bound) {
        return VectorDistances.firstAtMost(from, to, a, b, bo, e, eo, bound);
    }

    // ==== LSTM (issue 12) ========================================================================

    @Override
    public void lstmCellForward(int rows, int hidden, float[] gates, int go, float[] cPrev, int cpo,
                                float[] c, int co, float[] tanhC, int tco, float[] h, int ho) {
        VectorLstmCell.cellForward(rows, hidden, gates, go, cPrev, cpo, c, co, tanhC, tco, h, ho);
    }

    @Override
    public void lstmCellBackward(int rows, int hidden, float[] gates, int go, float[] cPrev, int cpo,
                                 float[] tanhC, int tco, float[] dh, int dho, float[] dc, int dco) {
        VectorLstmCell.cellBackward(rows, hidden, gates, go, cPrev, cpo, tanhC, tco, dh, dho, dc, dco);
    }

    @Override
    public int lstmPackedSize(int k, int n) {
        return VectorLstm.packedSize(k, n);
    }

    @Override
    public void lstmPack(boolean trans, int k, int n, float[] w, int wo, int ldw, float[] packed, int po) {
        VectorLstm.pack(trans, k, n, w, wo, ldw, packed, po);
    }

    @Override
    public void lstmGemm(int rows, int k, int n, float[] a, int ao, int lda, float[] packed, int po,
                         float[] c, int co, int ldc) {
        VectorLstm.gemm(rows, k, n, a, ao, lda, packed, po, c, co, ldc);
    }

    // ==== Convolution (issue 15) =================================================================
    // The forward is VectorConv's implicit GEMM; im2col (the backward and the transposed convolution)
    // gathers through offset tables on a padded copy (VectorConv), the same moves as the scalar twin, so
    // the same bits. col2im (a table-driven scatter-add was tried: no faster, bench/notes/conv.md) and
    // pooling (compares) run the scalar twin's loops here too.

    private static final io.latentad.engine.kernel.ScalarKernels SCALAR = io.latentad.engine.kernel.ScalarKernels.INSTANCE;

    @Override
    public void im2col(int channels, int height, int width, int kh, int kw, int stride, int pad, int oh, int ow,
                       float[] x, int xo, float[] cols, int co, int ldc) {
        VectorConv.im2col(channels, height, width, kh, kw, stride, pad, oh, ow, x, xo, cols, co, ldc);
    }

    @Override
    public void convForward(int images, int channels, int height, int width, int outChannels, int kh, int kw, int stride,
                            int pad, int oh, int ow, float[] x, int xo, float[] w, int wo, float[] bias, int bo,
                            float[] out, int oo, float[] padded, int po) {
        VectorConv.forward(images, channels, height, width, outChannels, kh, kw, stride, pad, oh, ow, x, xo, w, wo, bias, bo,
                out, oo, padded, po);
    }

    @Override
    public void convBackwardInput(int images, int channels, int height, int width, int outChannels, int kh, int kw,
                                  int stride, int pad, int oh, int ow, float[] dy, int dyo, float[] w, int wo, float[] dx,
                                  int dxo, boolean add) {
        ConvInputGradient.backwardInput(images, channels, height, width, outChannels, kh, kw, stride, pad, oh, ow, dy, dyo, w, wo,
                dx, dxo, add);
    }

    @Override
    public void convBackwardWeight(int images, int channels, int height, int width, int outChannels, int kh, int kw,
                                   int stride, int pad, int oh, int ow, float[] x, int xo, float[] dy, int dyo, int chunk,
                                   float[] dw, int dwo) {
        ConvWeightGradient.backwardWeight(images, channels, height, width, outChannels, kh, kw, stride, pad, oh, ow, x, xo, false,
                dy, dyo, chunk, dw, dwo);
    }

    @Override
    public void convBackwardWeightPadded(int images, int channels, int height, int width, int outChannels, int kh, int kw,
                                         int stride, int pad, int oh, int ow, float[] xp, int xpo, float[] dy, int dyo,
                                         int chunk, float[] dw, int dwo) {
        ConvWeightGradient.backwardWeight(images, channels, height, width, outChannels, kh, kw, stride, pad, oh, ow, xp, xpo, true,
                dy, dyo, chunk, dw, dwo);
    }

    @Override
    public void col2im(int channels, int height, int width, int kh, int kw, int stride, int pad, int oh, int ow,
                       float[] cols, int co, int ldc, float[] x, int xo) {
        SCALAR.col2im(channels, height, width, kh, kw, stride, pad, oh, ow, cols, co, ldc, x, xo);
    }

    @Override
    public void maxPool(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
                        float[] x, int xo, float[] out, int oo, int[] argmax) {
        SCALAR.maxPool(planes, height, width, k, stride, pad, oh, ow, x, xo, out, oo, argmax);
    }

    @Override
    public void avgPool(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
                        float[] x, int xo, float[] out, int oo) {
        SCALAR.avgPool(planes, height, width, k, stride, pad, oh, ow, x, xo, out, oo);
    }

    @Override
    public void avgPoolBackward(int planes, int height, int width, int k, int stride, int pad, int oh, int ow,
                                float[] g, int go, float[] dx, int dxo) {
        SCALAR.avgPoolBackward(planes, height, width, k, stride, pad, oh, ow, g, go, dx, dxo);
    }
}
