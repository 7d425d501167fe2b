package io.latentad.engine.autodiff;

import io.latentad.engine.kernel.KernelSet;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.tensor.Tensor;

/**
 * Add, subtract, multiply and divide with NumPy broadcasting (see {@link Broadcast}), negation and
 * the scalar forms. Each backward rule accumulates into its parents at the same broadcast offsets
 * the forward read, which sums the gradient over broadcast axes.
 */
public final class ArithmeticOps {
    private ArithmeticOps() {
    }

    /** {@code a + b}, broadcast. d/da = 1, d/db = 1. */
    public static Var add(Var a, Var b) {
        Broadcast p = Broadcast.of("add", a.value(), b.value());
        Tensor out = StepArena.uninit(p.outShape);
        float[] x = a.value().data(), y = b.value().data(), o = out.data();
        KernelSet k = Kernels.active();
        for (int r = 0; r < p.rows; r++) {
            int ao = p.aRow[r], bo = p.bRow[r], oo = r * p.cols;
            if (p.contiguous()) {
                k.add(p.cols, x, ao, y, bo, o, oo);
            } else {
                for (int c = 0; c < p.cols; c++) o[oo + c] = x[ao + c * p.aStride] + y[bo + c * p.bStride];
            }
        }
        return Var.result("add", out, v -> {
            accumulate(v.grad, 1f, a, p.aRow, p.aStride, p);
            accumulate(v.grad, 1f, b, p.bRow, p.bStride, p);
        }, a, b);
    }

    /** {@code a - b}, broadcast. d/da = 1, d/db = -1. */
    public static Var sub(Var a, Var b) {
        Broadcast p = Broadcast.of("sub", a.value(), b.value());
        Tensor out = StepArena.uninit(p.outShape);
        float[] x = a.value().data(), y = b.value().data(), o = out.data();
        KernelSet k = Kernels.active();
        for (int r = 0; r < p.rows; r++) {
            int ao = p.aRow[r], bo = p.bRow[r], oo = r * p.cols;
            if (p.contiguous()) {
                k.sub(p.cols, x, ao, y, bo, o, oo);
            } else {
                for (int c = 0; c < p.cols; c++) o[oo + c] = x[ao + c * p.aStride] - y[bo + c * p.bStride];
            }
        }
        return Var.result("sub", out, v -> {
            accumulate(v.grad, 1f, a, p.aRow, p.aStride, p);
            accumulate(v.grad, -1f, b, p.bRow, p.bStride, p);
        }, a, b);
    }

    /** {@code a * b} elementwise, broadcast. d/da = b, d/db = a. */
    public static Var mul(Var a, Var b) {
        Broadcast p = Broadcast.of("mul", a.value(), b.value());
        Tensor out = StepArena.uninit(p.outShape);
        float[] x = a.value().data(), y = b.value().data(), o = out.data();
        KernelSet k = Kernels.active();
        for (int r = 0; r < p.rows; r++) {
            int ao = p.aRow[r], bo = p.bRow[r], oo = r * p.cols;
            if (p.contiguous()) {
                k.mul(p.cols, x, ao, y, bo, o, oo);
            } else {
                for (int c = 0; c < p.cols; c++) o[oo + c] = x[ao + c * p.aStride] * y[bo + c * p.bStride];
            }
        }
        return Var.result("mul", out, v -> {
            float[] g = v.grad.data();
            int go = v.grad.offset();
            if (a.requiresGrad()) {
                Tensor ga = a.gradBuffer();
                float[] d = ga.data();
                int shift = ga.offset() - a.value().offset();
                for (int r = 0; r < p.rows; r++) {
                    int ao = p.aRow[r] + shift, bo = p.bRow[r], oo = go + r * p.cols;
                    for (int c = 0; c < p.cols; c++) d[ao + c * p.aStride] += g[oo + c] * y[bo + c * p.bStride];
                }
            }
            if (b.requiresGrad()) {
                Tensor gb = b.gradBuffer();
                float[] d = gb.data();
                int shift = gb.offset() - b.value().offset();
                for (int r = 0; r < p.rows; r++) {
                    int ao = p.aRow[r], bo = p.bRow[r] + shift, oo = go + r * p.cols;
                    for (int c = 0; c < p.cols; c++) d[bo + c * p.bStride] += g[oo + c] * x[ao + c * p.aStride];
                }
            }
        }, a, b);
    }

    /** {@code a / b} elementwise, broadcast. d/da = 1 / b, d/db = -a / b^2 = -out / b. */
    public static Var div(Var a, Var b) {
        Broadcast p = Broadcast.of("div", a.value(), b.value());
        Tensor out = StepArena.uninit(p.outShape);
        float[] x = a.value().data(), y = b.value().data(), o = out.data();
        KernelSet k = Kernels.active();
        for (int r = 0; r < p.rows; r++) {
            int ao = p.aRow[r], bo = p.bRow[r], oo = r * p.cols;
            if (p.contiguous()) {
                k.div(p.cols, x, ao, y, bo, o, oo);
            } else {
                for (int c = 0; c < p.cols; c++) o[oo + c] = x[ao + c * p.aStride] / y[bo + c * p.bStride];
            }
        }
        return Var.result("div", out, v -> {
            float[] g = v.grad.data();
            int go = v.grad.offset();
            if (a.requiresGrad()) {
                Tensor ga = a.gradBuffer();
                float[] d = ga.data();
                int shift = ga.offset() - a.value().offset();
                for (int r = 0; r < p.rows; r++) {
                    int ao = p.aRow[r] + shift, bo = p.bRow[r], oo = go + r * p.cols;
                    for (int c = 0; c < p.cols; c++) d[ao + c * p.aStride] += g[oo + c] / y[bo + c * p.bStride];
                }
            }
            if (b.requiresGrad()) {
                Tensor gb = b.gradBuffer();
                float[] d = gb.data();
                int shift = gb.offset() - b.value().offset();
                for (int r = 0; r < p.rows; r++) {
                    int bo = p.bRow[r], oo = r * p.cols;
                    for (int c = 0; c < p.cols; c++) {
                        d[bo + shift + c * p.bStride] -= g[go + oo + c] * o[oo + c] / y[bo + c * p.bStride];
                    }
                }
            }
        }, a, b);
    }

    /** {@code -x}. */
    public static Var neg(Var x) {
        return mulScalar(x, -1f);
    }

    /** {@code x * s} for a constant {@code s}. d/dx = s. */
    public static Var mulScalar(Var x, float s) {
        Tensor xv = x.value();
        Tensor out = StepArena.uninit(xv.shape());
        Kernels.active().scale(xv.size(), s, xv.data(), xv.offset(), out.data(), 0);
        return Var.result("mulScalar", out, v -> {
            Tensor gx = x.gradBuffer();
            Kernels.active().axpy(gx.size(), s, v.grad.data(), v.grad.offset(), gx.data(), gx.offset());
        }, x);
    }

    /** {@code x + s} for a constant {@code s}. d/dx = 1. */
    public static Var addScalar(Var x, float s) {
        Tensor xv = x.value();
        Tensor out = StepArena.uninit(xv.shape());
        float[] d = xv.data(), o = out.data();
        for (int i = 0, off = xv.offset(); i < o.length; i++) o[i] = d[off + i] + s;
        return Var.result("addScalar", out, v -> {
            Tensor gx = x.gradBuffer();
            Kernels.active().axpy(gx.size(), 1f, v.grad.data(), v.grad.offset(), gx.data(), gx.offset());
        }, x);
    }

    /** {@code s - x} for a constant {@code s}. */
    public static Var rsubScalar(float s, Var x) {
        return addScalar(neg(x), s);
    }

    /**
     * Adds {@code sign * g} into the gradient of {@code target} at the broadcast offsets
     * {@code row[r] + c * stride} (relative to the target's value): with stride 0 the row is
     * summed, with repeated row offsets the rows are summed.
     */
    static void accumulate(Tensor g, float sign, Var target, int[] row, int stride, Broadcast p) {
        if (!target.requiresGrad()) return;
        Tensor gt = target.gradBuffer();
        float[] d = gt.data(), gd = g.data();
        int shift = gt.offset() - target.value().offset(), go = g.offset();
        KernelSet k = Kernels.active();
        for (int r = 0; r < p.rows; r++) {
            int to = row[r] + shift, oo = go + r * p.cols;
            if (stride == 1) {
                k.axpy(p.cols, sign, gd, oo, d, to);
            } else {
                d[to] += sign * k.sum(p.cols, gd, oo);
            }
        }
    }
}
