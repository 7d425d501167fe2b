package io.latentad.engine.autodiff;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.tensor.Tensor;

/**
 * Elementwise functions: exp, log, sqrt, pow (constant exponent), abs, clamp. Backward rules reuse
 * the saved output where the derivative is a function of it ({@code exp}, {@code sqrt}).
 */
public final class MathOps {
    private MathOps() {
    }

    /** {@code e^x}; d/dx = out. */
    public static Var exp(Var x) {
        Tensor xv = x.value(), out = StepArena.uninit(xv.shape());
        Kernels.active().exp(xv.size(), xv.data(), xv.offset(), out.data(), 0);
        float[] o = out.data();
        return Var.result("exp", out, v -> {
            float[] g = v.grad.data(), d = grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int i = 0; i < o.length; i++) d[dOff + i] += g[go + i] * o[i];
        }, x);
    }

    /** Natural log; d/dx = 1 / x. */
    public static Var log(Var x) {
        Tensor xv = x.value(), out = StepArena.uninit(xv.shape());
        Kernels.active().log(xv.size(), xv.data(), xv.offset(), out.data(), 0);
        float[] xs = xv.data();
        int xo = xv.offset();
        return Var.result("log", out, v -> {
            float[] g = v.grad.data(), d = grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int i = 0; i < out.size(); i++) d[dOff + i] += g[go + i] / xs[xo + i];
        }, x);
    }

    /** Square root; d/dx = 1 / (2 out). */
    public static Var sqrt(Var x) {
        Tensor xv = x.value(), out = StepArena.uninit(xv.shape());
        float[] xs = xv.data(), o = out.data();
        int xo = xv.offset();
        for (int i = 0; i < o.length; i++) o[i] = (float) Math.sqrt(xs[xo + i]);
        return Var.result("sqrt", out, v -> {
            float[] g = v.grad.data(), d = grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int i = 0; i < o.length; i++) d[dOff + i] += g[go + i] * 0.5f / o[i];
        }, x);
    }

    /** {@code x^p} for a constant exponent; d/dx = p x^(p-1). Squares are computed exactly. */
    public static Var pow(Var x, float p) {
        Tensor xv = x.value(), out = StepArena.uninit(xv.shape());
        float[] xs = xv.data(), o = out.data();
        int xo = xv.offset();
        if (p == 2f) {
            for (int i = 0; i < o.length; i++) o[i] = xs[xo + i] * xs[xo + i];
        } else {
            for (int i = 0; i < o.length; i++) o[i] = (float) Math.pow(xs[xo + i], p);
        }
        return Var.result("pow", out, v -> {
            float[] g = v.grad.data(), d = grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            if (p == 2f) {
                for (int i = 0; i < o.length; i++) d[dOff + i] += g[go + i] * 2f * xs[xo + i];
            } else {
                for (int i = 0; i < o.length; i++) {
                    d[dOff + i] += g[go + i] * (float) (p * Math.pow(xs[xo + i], p - 1));
                }
            }
        }, x);
    }

    /** {@code |x|}; d/dx = sign(x), taken as 0 at 0 (PyTorch's convention). */
    public static Var abs(Var x) {
        Tensor xv = x.value(), out = StepArena.uninit(xv.shape());
        float[] xs = xv.data(), o = out.data();
        int xo = xv.offset();
        for (int i = 0; i < o.length; i++) o[i] = Math.abs(xs[xo + i]);
        return Var.result("abs", out, v -> {
            float[] g = v.grad.data(), d = grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int i = 0; i < o.length; i++) d[dOff + i] += g[go + i] * Math.signum(xs[xo + i]);
        }, x);
    }

    /**
     * {@code min(max(x, lo), hi)}; the gradient passes where {@code lo <= x <= hi} (boundaries
     * included, as PyTorch does) and is 0 outside.
     */
    public static Var clamp(Var x, float lo, float hi) {
        if (!(lo <= hi)) throw new IllegalArgumentException("clamp: lo = " + lo + " > hi = " + hi);
        Tensor xv = x.value(), out = StepArena.uninit(xv.shape());
        float[] xs = xv.data(), o = out.data();
        int xo = xv.offset();
        for (int i = 0; i < o.length; i++) o[i] = Math.min(Math.max(xs[xo + i], lo), hi);
        return Var.result("clamp", out, v -> {
            float[] g = v.grad.data(), d = grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int i = 0; i < o.length; i++) {
                float xi = xs[xo + i];
                if (xi >= lo && xi <= hi) d[dOff + i] += g[go + i];
            }
        }, x);
    }

    /** The gradient array of {@code x}, allocated on first use. */
    static float[] grad(Var x) {
        return x.gradBuffer().data();
    }
}
