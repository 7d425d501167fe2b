package io.latentad.engine.autodiff;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.PackedWeights;
import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

/**
 * Matrix products through the GEMM providers. Backward uses the transpose flags of GEMM and never
 * materialises a transpose: for {@code Y = X W}, {@code dX += dY W^T} and {@code dW += X^T dY},
 * both accumulated in place ({@code beta = 1}).
 */
public final class MatmulOps {
    private MatmulOps() {
    }

    /** {@code a b} for matrices {@code [m, k]} and {@code [k, n]}. */
    public static Var matmul(Var a, Var b) {
        return linear("matmul", a, b, null);
    }

    /**
     * The dense layer {@code x w + bias}: {@code x} is {@code [batch, in]}, {@code w} is
     * {@code [in, out]}, {@code bias} is {@code [out]} or null. The bias goes through
     * {@link io.latentad.engine.kernel.Gemm#gemmBias}, which the packed GEMM adds as it writes its tiles
     * out (fused: no extra pass over the output).
     */
    public static Var linear(Var x, Var w, Var bias) {
        return linear("linear", x, w, bias);
    }

    /**
     * The dense layer {@code x w + bias} of inference, with {@code w} packed once ({@link Kernels#packWeights}):
     * the same values as {@link #linear(Var, Var, Var)} on {@code w.weight()}, as a constant (no graph: only under
     * {@link NoGrad}, where nothing will ask for gradients). {@code bias} is {@code [out]}.
     */
    public static Var linear(Var x, PackedWeights w, Tensor bias) {
        if (NoGrad.enabled()) throw new IllegalStateException("linear with packed weights is for inference: enter NoGrad");
        Tensor xv = x.value(), wv = w.weight();
        if (xv.rank() != 2 || xv.dim(1) != wv.dim(0)) {
            throw new IllegalArgumentException("linear: cannot multiply shapes " + Shapes.str(xv.shape()) + " and "
                    + Shapes.str(wv.shape()) + " (expected [m, k] and [k, n])");
        }
        int m = xv.dim(0), k = xv.dim(1), n = wv.dim(1);
        if (bias.rank() != 1 || bias.size() != n) {
            throw new IllegalArgumentException("linear: bias has shape " + Shapes.str(bias.shape()) + ", expected [" + n + "]");
        }
        Tensor out = StepArena.uninit(new int[] {m, n});
        Kernels.gemmBiasPacked(m, xv.data(), xv.offset(), k, w, bias.data(), bias.offset(), out.data(), 0, n);
        return Var.constant(out);
    }

    private static Var linear(String op, Var x, Var w, Var bias) {
        Tensor xv = x.value(), wv = w.value();
        if (xv.rank() != 2 || wv.rank() != 2 || xv.dim(1) != wv.dim(0)) {
            throw new IllegalArgumentException(op + ": cannot multiply shapes " + Shapes.str(xv.shape()) + " and "
                    + Shapes.str(wv.shape()) + " (expected [m, k] and [k, n])");
        }
        int m = xv.dim(0), k = xv.dim(1), n = wv.dim(1);
        Tensor out = StepArena.uninit(new int[] {m, n});
        float[] o = out.data();
        if (bias != null) {
            Tensor bv = bias.value();
            if (bv.rank() != 1 || bv.size() != n) {
                throw new IllegalArgumentException(op + ": bias has shape " + Shapes.str(bv.shape()) + ", expected ["
                        + n + "] for input " + Shapes.str(xv.shape()) + " and weight " + Shapes.str(wv.shape()));
            }
            if (m > 0 && n > 0) {
                Kernels.gemmFor(m, n, k).gemmBias(false, false, m, n, k, xv.data(), xv.offset(), k,
                        wv.data(), wv.offset(), n, bv.data(), bv.offset(), o, 0, n);
            }
        } else if (m > 0 && n > 0) {
            if (k == 0) {
                java.util.Arrays.fill(o, 0f);
            } else {
                Kernels.gemmFor(m, n, k).gemm(false, false, m, n, k, 1f, xv.data(), xv.offset(), k,
                        wv.data(), wv.offset(), n, 0f, o, 0, n);
            }
        }
        Var[] parents = bias == null ? new Var[] {x, w} : new Var[] {x, w, bias};
        return Var.result(op, out, v -> {
            Tensor g = v.grad;
            if (m == 0 || n == 0 || k == 0) return;
            if (x.requiresGrad()) { // dX [m, k] += dY [m, n] W^T
                boolean fresh = x.gradFresh(); // first contribution: beta = 0, no zero fill
                Tensor gx = fresh ? x.gradBufferForWrite() : x.gradBuffer();
                Kernels.gemmFor(m, k, n).gemm(false, true, m, k, n, 1f, g.data(), g.offset(), n,
                        wv.data(), wv.offset(), n, fresh ? 0f : 1f, gx.data(), gx.offset(), k);
            }
            if (w.requiresGrad()) { // dW [k, n] += X^T dY
                boolean fresh = w.gradFresh(); // just cleared: beta = 0, no fill and no read of dW
                Tensor gw = fresh ? w.gradBufferForWrite() : w.gradBuffer();
                Kernels.gemmFor(k, n, m).gemm(true, false, k, n, m, 1f, xv.data(), xv.offset(), k,
                        g.data(), g.offset(), n, fresh ? 0f : 1f, gw.data(), gw.offset(), n);
            }
            if (bias != null && bias.requiresGrad()) { // db += column sums of dY
                boolean fresh = bias.gradFresh(); // m > 0 here: the first row overwrites
                Tensor gb = fresh ? bias.gradBufferForWrite() : bias.gradBuffer();
                if (fresh) System.arraycopy(g.data(), g.offset(), gb.data(), gb.offset(), n);
                for (int r = fresh ? 1 : 0; r < m; r++) {
                    Kernels.active().axpy(n, 1f, g.data(), g.offset() + r * n, gb.data(), gb.offset());
                }
            }
        }, parents);
    }
}
