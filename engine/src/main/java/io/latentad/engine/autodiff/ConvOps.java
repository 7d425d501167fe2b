package io.latentad.engine.autodiff;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.KernelSet;
import io.latentad.engine.kernel.Tuning;
import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

/**
 * Two-dimensional convolution, transposed convolution and pooling on NCHW images: a batch is a
 * {@code [B, C, H, W]} tensor, image {@code b} the contiguous block {@code x[b]}, channel-major
 * ({@code x[((b * C + c) * H + y) * W + x]}), as PyTorch. Weights keep PyTorch's layouts:
 * {@code [out, in, kh, kw]} for a convolution, {@code [in, out, kh, kw]} for a transposed one. Dilation
 * is 1. Padding is zeros ({@code -Infinity} for max pooling).
 *
 * <p>The forward pass of {@link #conv2d} with the Vector API kernels is {@link KernelSet#convForward}: an
 * implicit GEMM that broadcasts the patch values straight from a zero-padded copy of the images (no patch
 * matrix), with the bias and the NCHW write-out fused, and for a short patch ({@code C kh kw} below
 * {@link Tuning#CONV_IMPLICIT_MIN_K}, a first layer) a per-image patch matrix in L1 with pixel-wide tiles
 * (bench/notes/conv.md). Without them, and for everything else, im2col + GEMM:
 *
 * <p>How it is computed (im2col + GEMM): the patches of a chunk of images are laid side by side as the
 * columns of one matrix {@code cols [C kh kw, b OH OW]} ({@link KernelSet#im2col}), so that the
 * convolution of the chunk is one product {@code Y2 [OC, b OH OW] = W [OC, C kh kw] cols} through the
 * packed GEMM of {@link Kernels#gemmFor}, then permuted to {@code [b, OC, OH, OW]} with the bias added.
 * Backward is two more products with the transpose flags of GEMM: {@code dW += dY2 cols^T} and
 * {@code dcols = W^T dY2}, scattered back to the image by {@link KernelSet#col2im} (the adjoint of
 * im2col); the patches are recomputed per chunk rather than kept. The transposed convolution is the same
 * three products in the other roles: its forward is the convolution's input gradient
 * ({@code cols = W^T X2}, col2im) and its backward the convolution's forward (im2col of the output
 * gradient). A chunk holds as many images as keep {@code cols} within {@link Tuning#CONV_CHUNK_FLOATS}
 * (in L2): several images per product rather than one, because the packed GEMM pays its packing once
 * per call and the per-image products of a 7 x 7 map are small, but not the whole batch, whose patch
 * matrix would be written to and read back from memory.
 *
 * <p>Output sizes: {@code OH = floor((H + 2 pad - kh) / stride) + 1} for a convolution and pooling;
 * {@code OH = (H - 1) stride - 2 pad + kh + outPad} for a transposed convolution (PyTorch's
 * {@code output_padding}, {@code < stride}, picks among the input sizes a stride-{@code s} convolution
 * maps to the same {@code H}).
 *
 * <p>Cost: {@code 2 B OH OW OC C kh kw} flops forward, twice that backward; memory for one chunk's
 * {@code cols} (at most {@link Tuning#CONV_CHUNK_FLOATS} floats, or one image's) and its products.
 */
public final class ConvOps {
    private ConvOps() {
    }

    /**
     * The output size along one axis of a convolution or pooling window: checks the stride, the
     * padding and that the kernel fits in the padded input.
     */
    public static int outputSize(String op, String axis, int in, int kernel, int stride, int pad) {
        if (stride < 1) throw new IllegalArgumentException(op + ": stride = " + stride + ", expected >= 1");
        if (pad < 0) throw new IllegalArgumentException(op + ": padding = " + pad + ", expected >= 0");
        if (kernel < 1) throw new IllegalArgumentException(op + ": kernel " + axis + " = " + kernel + ", expected >= 1");
        if (kernel > in + 2 * pad) {
            throw new IllegalArgumentException(op + ": kernel " + axis + " " + kernel + " is larger than the padded input "
                    + axis + " " + in + " + 2 * " + pad + " = " + (in + 2 * pad) + ": expected kernel <= " + (in + 2 * pad));
        }
        return (in + 2 * pad - kernel) / stride + 1;
    }

    /** The output size along one axis of a transposed convolution (checks as {@link #outputSize}). */
    public static int transposedOutputSize(String op, String axis, int in, int kernel, int stride, int pad, int outPad) {
        if (stride < 1) throw new IllegalArgumentException(op + ": stride = " + stride + ", expected >= 1");
        if (pad < 0) throw new IllegalArgumentException(op + ": padding = " + pad + ", expected >= 0");
        if (kernel < 1) throw new IllegalArgumentException(op + ": kernel " + axis + " = " + kernel + ", expected >= 1");
        if (outPad < 0 || outPad >= stride) {
            throw new IllegalArgumentException(op + ": output padding = " + outPad + ", expected 0.." + (stride - 1)
                    + " (below the stride " + stride + ")");
        }
        int out = (in - 1) * stride - 2 * pad + kernel + outPad;
        if (out < 1) {
            throw new IllegalArgumentException(op + ": output " + axis + " (" + in + " - 1) * " + stride + " - 2 * " + pad
                    + " + " + kernel + " + " + outPad + " = " + out + ", expected >= 1 (padding too large)");
        }
        return out;
    }

    /**
     * The convolution {@code y[b, o] = bias[o] + sum_c W[o, c] * x[b, c]} (cross-correlation, as
     * PyTorch's {@code nn.Conv2d}): {@code x [B, C, H, W]}, {@code w [OC, C, kh, kw]}, {@code bias [OC]}
     * or null; returns {@code [B, OC, OH, OW]}.
     */
    public static Var conv2d(Var x, Var w, Var bias, int stride, int pad) {
        Tensor xv = x.value(), wv = w.value();
        requireRank4("conv2d", "input", xv);
        requireRank4("conv2d", "weight", wv);
        int b = xv.dim(0), c = xv.dim(1), h = xv.dim(2), wd = xv.dim(3);
        int oc = wv.dim(0), kh = wv.dim(2), kw = wv.dim(3);
        if (wv.dim(1) != c) {
            throw new IllegalArgumentException("conv2d: weight " + Shapes.str(wv.shape()) + " expects " + wv.dim(1)
                    + " input channels, input " + Shapes.str(xv.shape()) + " has " + c);
        }
        requireBias("conv2d", bias, oc);
        int oh = outputSize("conv2d", "height", h, kh, stride, pad), ow = outputSize("conv2d", "width", wd, kw, stride, pad);
        int k = c * kh * kw, p = oh * ow, chunk = chunk(b, k * p), cn = chunk * p, img = c * h * wd;
        KernelSet ks = Kernels.active();
        Tensor out = StepArena.uninit(new int[] {b, oc, oh, ow});
        // with the Vector API: the input gradient (enough input channels to fill its tiles) as per-phase
        // implicit GEMMs over the output gradient (no dcols matrix, no col2im), and the weight gradient (a
        // long patch) as an implicit GEMM over the pixels (no patch matrix); else im2col + GEMM per chunk
        boolean directDx = Kernels.simd() && x.requiresGrad() && c >= Tuning.CONV_DIRECT_DX_MIN_CHANNELS;
        boolean directDw = Kernels.simd() && w.requiresGrad() && k >= Tuning.CONV_IMPLICIT_MIN_K;
        // the weight gradient's implicit GEMM reads the zero-padded input: the forward leaves its copy for it
        // (one padding pass a step instead of two, bench/notes/conv.md session 8)
        Tensor xpad = directDw && NoGrad.enabled() ? StepArena.uninit(new int[] {b * c * (h + 2 * pad) * (wd + 2 * pad)}) : null;
        if (Kernels.simd()) { // the implicit GEMM: no patch matrix, bias and layout fused (ConvTiming, bench/notes/conv.md)
            Tensor bv = bias == null ? null : bias.value();
            ks.convForward(b, c, h, wd, oc, kh, kw, stride, pad, oh, ow, xv.data(), xv.offset(), wv.data(), wv.offset(),
                    bv == null ? null : bv.data(), bv == null ? 0 : bv.offset(), out.data(), out.offset(),
                    xpad == null ? null : xpad.data(), xpad == null ? 0 : xpad.offset());
        } else { // im2col + the GEMM provider (jblas / ejml): faster than the scalar direct loops
            Tensor cols = StepArena.uninit(new int[] {k, cn}), y2 = StepArena.uninit(new int[] {oc, cn});
            for (int b0 = 0; b0 < b; b0 += chunk) {
                int nb = Math.min(chunk, b - b0), n = nb * p;
                for (int i = 0; i < nb; i++) {
                    ks.im2col(c, h, wd, kh, kw, stride, pad, oh, ow, xv.data(), xv.offset() + (b0 + i) * img, cols.data(), i * p, n);
                }
                product(false, false, oc, n, k, wv.data(), wv.offset(), cols.data(), 0, 0f, y2.data(), 0);
                toBatchMajor(y2.data(), nb, oc, p, bias == null ? null : bias.value(), out.data(), out.offset() + b0 * oc * p);
            }
        }
        Var[] parents = bias == null ? new Var[] {x, w} : new Var[] {x, w, bias};
        return Var.result("conv2d", out, v -> {
            if (b == 0) return;
            if (directDx) {
                boolean fresh = x.gradFresh(); // first contribution: written, no zero fill nor read of dx
                Tensor gx = fresh ? x.gradBufferForWrite() : x.gradBuffer();
                ks.convBackwardInput(b, c, h, wd, oc, kh, kw, stride, pad, oh, ow, v.grad.data(), v.grad.offset(), wv.data(),
                        wv.offset(), gx.data(), gx.offset(), !fresh);
            }
            if (directDw) {
                Tensor gw = w.gradBuffer();
                int dwChunk = chunk(b, c * (h + 2 * pad) * (wd + 2 * pad));
                if (xpad != null) {
                    ks.convBackwardWeightPadded(b, c, h, wd, oc, kh, kw, stride, pad, oh, ow, xpad.data(), xpad.offset(),
                            v.grad.data(), v.grad.offset(), dwChunk, gw.data(), gw.offset());
                } else {
                    ks.convBackwardWeight(b, c, h, wd, oc, kh, kw, stride, pad, oh, ow, xv.data(), xv.offset(), v.grad.data(),
                            v.grad.offset(), dwChunk, gw.data(), gw.offset());
                }
            }
            if (bias != null && bias.requiresGrad()) addPlaneSums(v.grad, b, oc, p, bias.gradBuffer());
            if ((!w.requiresGrad() || directDw) && (!x.requiresGrad() || directDx)) return;
            Tensor g2 = StepArena.uninit(new int[] {oc, cn});
            boolean needCols = (w.requiresGrad() && !directDw) || (x.requiresGrad() && !directDx);
            Tensor bc = needCols ? StepArena.uninit(new int[] {k, cn}) : null; // the patches again (recomputed: cheaper than keeping them)
            for (int b0 = 0; b0 < b; b0 += chunk) {
                int nb = Math.min(chunk, b - b0), n = nb * p;
                toChannelMajor(v.grad.data(), v.grad.offset() + b0 * oc * p, nb, oc, p, g2.data());
                if (w.requiresGrad() && !directDw) { // dW [OC, K] += dY2 cols^T
                    for (int i = 0; i < nb; i++) {
                        ks.im2col(c, h, wd, kh, kw, stride, pad, oh, ow, xv.data(), xv.offset() + (b0 + i) * img, bc.data(), i * p, n);
                    }
                    Tensor gw = w.gradBuffer();
                    product(false, true, oc, k, n, g2.data(), 0, bc.data(), 0, 1f, gw.data(), gw.offset());
                }
                if (x.requiresGrad() && !directDx) { // dcols = W^T dY2, then back onto the pixels
                    product(true, false, k, n, oc, wv.data(), wv.offset(), g2.data(), 0, 0f, bc.data(), 0);
                    Tensor gx = x.gradBuffer();
                    for (int i = 0; i < nb; i++) {
                        ks.col2im(c, h, wd, kh, kw, stride, pad, oh, ow, bc.data(), i * p, n, gx.data(), gx.offset() + (b0 + i) * img);
                    }
                }
            }
        }, parents);
    }

    /**
     * Images per im2col chunk: as many as keep one chunk's patch matrix within
     * {@link Tuning#CONV_CHUNK_FLOATS} (at least one), so it is written and read back by the GEMM in cache.
     */
    private static int chunk(int batch, int floatsPerImage) {
        return Math.max(1, Math.min(batch, Tuning.CONV_CHUNK_FLOATS / Math.max(1, floatsPerImage)));
    }

    /**
     * The transposed convolution (PyTorch's {@code nn.ConvTranspose2d}, the adjoint of
     * {@link #conv2d} in its input): {@code x [B, C, H, W]}, {@code w [C, OC, kh, kw]}, {@code bias [OC]}
     * or null; returns {@code [B, OC, OH, OW]} with {@code OH = (H - 1) stride - 2 pad + kh + outPad}.
     */
    public static Var convTranspose2d(Var x, Var w, Var bias, int stride, int pad, int outPad) {
        return convTranspose2d(x, w, bias, stride, pad, outPad, outPad);
    }

    /** As above with the output padding of each axis ({@code outPadH}, {@code outPadW}: an odd and an even side). */
    public static Var convTranspose2d(Var x, Var w, Var bias, int stride, int pad, int outPadH, int outPadW) {
        Tensor xv = x.value(), wv = w.value();
        requireRank4("convTranspose2d", "input", xv);
        requireRank4("convTranspose2d", "weight", wv);
        int b = xv.dim(0), c = xv.dim(1), h = xv.dim(2), wd = xv.dim(3);
        int oc = wv.dim(1), kh = wv.dim(2), kw = wv.dim(3);
        if (wv.dim(0) != c) {
            throw new IllegalArgumentException("convTranspose2d: weight " + Shapes.str(wv.shape()) + " expects " + wv.dim(0)
                    + " input channels, input " + Shapes.str(xv.shape()) + " has " + c);
        }
        requireBias("convTranspose2d", bias, oc);
        int oh = transposedOutputSize("convTranspose2d", "height", h, kh, stride, pad, outPadH);
        int ow = transposedOutputSize("convTranspose2d", "width", wd, kw, stride, pad, outPadW);
        int k = oc * kh * kw, p = h * wd, op = oh * ow, chunk = chunk(b, k * p), cn = chunk * p;
        KernelSet ks = Kernels.active();
        boolean direct = Kernels.simd() && oc >= Tuning.CONV_DIRECT_DX_MIN_CHANNELS;
        // the direct form writes every output (as 0 + v: the bits of adding onto zeros), col2im adds onto zeros
        Tensor out = direct ? StepArena.uninit(new int[] {b, oc, oh, ow}) : StepArena.zeros(new int[] {b, oc, oh, ow});
        float[] o = out.data();
        if (direct) {
            // the input gradient of the convolution whose weight this is: per-phase implicit GEMMs, no col2im
            ks.convBackwardInput(b, oc, oh, ow, c, kh, kw, stride, pad, h, wd, xv.data(), xv.offset(), wv.data(), wv.offset(), o, 0,
                    false);
        } else {
            Tensor x2 = StepArena.uninit(new int[] {c, cn}), cols = StepArena.uninit(new int[] {k, cn});
            for (int b0 = 0; b0 < b; b0 += chunk) {
                int nb = Math.min(chunk, b - b0), n = nb * p;
                toChannelMajor(xv.data(), xv.offset() + b0 * c * p, nb, c, p, x2.data());
                product(true, false, k, n, c, wv.data(), wv.offset(), x2.data(), 0, 0f, cols.data(), 0);
                for (int i = 0; i < nb; i++) ks.col2im(oc, oh, ow, kh, kw, stride, pad, h, wd, cols.data(), i * p, n, o, (b0 + i) * oc * op);
            }
        }
        if (bias != null) {
            Tensor bv = bias.value();
            for (int i = 0; i < b; i++) {
                for (int q = 0; q < oc; q++) {
                    float bq = bv.data()[bv.offset() + q];
                    for (int s = (i * oc + q) * op, e = s + op; s < e; s++) o[s] += bq;
                }
            }
        }
        Var[] parents = bias == null ? new Var[] {x, w} : new Var[] {x, w, bias};
        return Var.result("convTranspose2d", out, v -> {
            if (b == 0) return;
            Tensor g = v.grad;
            if (bias != null && bias.requiresGrad()) addPlaneSums(g, b, oc, op, bias.gradBuffer());
            // with the Vector API: dX is the forward convolution of g with this weight, dW (a long patch) the
            // implicit weight gradient with g as the input; else im2col of g + GEMMs per chunk
            boolean directDx = Kernels.simd() && x.requiresGrad();
            boolean directDw = Kernels.simd() && w.requiresGrad() && k >= Tuning.CONV_IMPLICIT_MIN_K;
            if (directDx) {
                Tensor dx = StepArena.uninit(new int[] {b, c, h, wd}), gx = x.gradBuffer();
                ks.convForward(b, oc, oh, ow, c, kh, kw, stride, pad, h, wd, g.data(), g.offset(), wv.data(), wv.offset(), null, 0,
                        dx.data(), dx.offset());
                float[] d = gx.data(), sx = dx.data();
                for (int i = 0, n = b * c * p; i < n; i++) d[gx.offset() + i] += sx[dx.offset() + i];
            }
            if (directDw) {
                Tensor gw = w.gradBuffer();
                ks.convBackwardWeight(b, oc, oh, ow, c, kh, kw, stride, pad, h, wd, g.data(), g.offset(), xv.data(), xv.offset(),
                        chunk(b, oc * (oh + 2 * pad) * (ow + 2 * pad)), gw.data(), gw.offset());
            }
            if ((!w.requiresGrad() || directDw) && (!x.requiresGrad() || directDx)) return;
            Tensor dcols = StepArena.uninit(new int[] {k, cn}), xc = StepArena.uninit(new int[] {c, cn});
            for (int b0 = 0; b0 < b; b0 += chunk) {
                int nb = Math.min(chunk, b - b0), n = nb * p;
                for (int i = 0; i < nb; i++) {
                    ks.im2col(oc, oh, ow, kh, kw, stride, pad, h, wd, g.data(), g.offset() + (b0 + i) * oc * op, dcols.data(), i * p, n);
                }
                if (w.requiresGrad() && !directDw) { // dW [C, OC kh kw] += X2 dcols^T
                    toChannelMajor(xv.data(), xv.offset() + b0 * c * p, nb, c, p, xc.data());
                    Tensor gw = w.gradBuffer();
                    product(false, true, c, k, n, xc.data(), 0, dcols.data(), 0, 1f, gw.data(), gw.offset());
                }
                if (x.requiresGrad() && !directDx) { // dX2 [C, B H W] = W dcols, back to [B, C, H, W]
                    product(false, false, c, n, k, wv.data(), wv.offset(), dcols.data(), 0, 0f, xc.data(), 0);
                    Tensor gx = x.gradBuffer();
                    float[] d = gx.data(), s = xc.data();
                    for (int i = 0; i < nb; i++) {
                        for (int q = 0; q < c; q++) {
                            int dst = gx.offset() + ((b0 + i) * c + q) * p, src = q * n + i * p;
                            for (int j = 0; j < p; j++) d[dst + j] += s[src + j];
                        }
                    }
                }
            }
        }, parents);
    }

    /** Max pooling with a {@code k x k} window (PyTorch's {@code nn.MaxPool2d(k, stride, pad)}): {@code [B, C, OH, OW]}. */
    public static Var maxPool2d(Var x, int k, int stride, int pad) {
        Tensor xv = x.value();
        requireRank4("maxPool2d", "input", xv);
        requirePoolPadding("maxPool2d", k, pad);
        int b = xv.dim(0), c = xv.dim(1), h = xv.dim(2), wd = xv.dim(3);
        int oh = outputSize("maxPool2d", "height", h, k, stride, pad), ow = outputSize("maxPool2d", "width", wd, k, stride, pad);
        Tensor out = StepArena.uninit(new int[] {b, c, oh, ow});
        int[] argmax = new int[b * c * oh * ow];
        Kernels.active().maxPool(b * c, h, wd, k, stride, pad, oh, ow, xv.data(), xv.offset(), out.data(), 0, argmax);
        return Var.result("maxPool2d", out, v -> {
            Tensor gx = x.gradBuffer();
            float[] d = gx.data(), g = v.grad.data();
            int go = v.grad.offset(), dOff = gx.offset();
            for (int i = 0; i < argmax.length; i++) d[dOff + argmax[i]] += g[go + i];
        }, x);
    }

    /**
     * Average pooling with a {@code k x k} window (PyTorch's {@code nn.AvgPool2d(k, stride, pad)}, zero
     * padding counted in the divisor): {@code [B, C, OH, OW]}.
     */
    public static Var avgPool2d(Var x, int k, int stride, int pad) {
        Tensor xv = x.value();
        requireRank4("avgPool2d", "input", xv);
        requirePoolPadding("avgPool2d", k, pad);
        int b = xv.dim(0), c = xv.dim(1), h = xv.dim(2), wd = xv.dim(3);
        int oh = outputSize("avgPool2d", "height", h, k, stride, pad), ow = outputSize("avgPool2d", "width", wd, k, stride, pad);
        Tensor out = StepArena.uninit(new int[] {b, c, oh, ow});
        Kernels.active().avgPool(b * c, h, wd, k, stride, pad, oh, ow, xv.data(), xv.offset(), out.data(), 0);
        return Var.result("avgPool2d", out, v -> {
            Tensor gx = x.gradBuffer();
            Kernels.active().avgPoolBackward(b * c, h, wd, k, stride, pad, oh, ow, v.grad.data(), v.grad.offset(),
                    gx.data(), gx.offset());
        }, x);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** {@code C = op(A) op(B) + beta C}, row-major, contiguous (leading dimensions from the shapes). */
    private static void product(boolean ta, boolean tb, int m, int n, int k, float[] a, int ao, float[] bm, int bo,
                                float beta, float[] c, int co) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (beta == 0f) java.util.Arrays.fill(c, co, co + m * n, 0f);
            return;
        }
        Kernels.gemmFor(m, n, k).gemm(ta, tb, m, n, k, 1f, a, ao, ta ? m : k, bm, bo, tb ? k : n, beta, c, co, n);
    }

    /** {@code [rows, B * p]} (channel-major) to {@code [B, rows, p]} at {@code dOff}, adding {@code bias[row]} when given. */
    private static void toBatchMajor(float[] src, int b, int rows, int p, Tensor bias, float[] dst, int dOff) {
        int n = b * p;
        for (int i = 0; i < b; i++) {
            for (int r = 0; r < rows; r++) {
                int s = r * n + i * p, d = dOff + (i * rows + r) * p;
                if (bias == null) System.arraycopy(src, s, dst, d, p);
                else {
                    float br = bias.data()[bias.offset() + r];
                    for (int j = 0; j < p; j++) dst[d + j] = src[s + j] + br;
                }
            }
        }
    }

    /** {@code [B, rows, p]} to {@code [rows, B * p]}. */
    private static void toChannelMajor(float[] src, int so, int b, int rows, int p, float[] dst) {
        int n = b * p;
        for (int i = 0; i < b; i++) {
            for (int r = 0; r < rows; r++) System.arraycopy(src, so + (i * rows + r) * p, dst, r * n + i * p, p);
        }
    }

    /**
     * The bias gradient: {@code gb[q] += sum over images and pixels of g [B, channels, p]}, read in place (no
     * channel-major copy). Each plane is summed in double by four interleaved partial sums (one chain ran at the
     * add latency: about 0.4 ms of the 32 -> 64 layer's backward, bench/notes/conv.md), the planes of a
     * channel added in image order, then rounded once. The plane sums are {@link KernelSet#planeSums} (with the
     * Vector API four floats widened to doubles a step: 74 -> 43 us on that layer, the same bits; session 12).
     */
    private static void addPlaneSums(Tensor g, int b, int channels, int p, Tensor gb) {
        double[] planes = new double[b * channels], sum = new double[channels];
        Kernels.active().planeSums(b * channels, p, g.data(), g.offset(), planes, 0);
        for (int i = 0; i < b; i++) {
            for (int q = 0; q < channels; q++) sum[q] += planes[i * channels + q];
        }
        for (int q = 0; q < channels; q++) gb.data()[gb.offset() + q] += (float) sum[q];
    }

    private static void requireRank4(String op, String what, Tensor t) {
        if (t.rank() != 4) {
            throw new IllegalArgumentException(op + ": " + what + " has shape " + Shapes.str(t.shape())
                    + ", expected rank 4 (" + (what.equals("input") ? "[batch, channels, height, width]" : "[out, in, kh, kw]") + ")");
        }
    }

    private static void requireBias(String op, Var bias, int channels) {
        if (bias != null && (bias.value().rank() != 1 || bias.value().size() != channels)) {
            throw new IllegalArgumentException(op + ": bias has shape " + Shapes.str(bias.value().shape()) + ", expected ["
                    + channels + "]");
        }
    }

    private static void requirePoolPadding(String op, int k, int pad) {
        if (k < 1) throw new IllegalArgumentException(op + ": kernel = " + k + ", expected >= 1");
        if (pad > k / 2) {
            throw new IllegalArgumentException(op + ": padding = " + pad + ", expected at most half the kernel (" + k / 2 + ")");
        }
    }
}
