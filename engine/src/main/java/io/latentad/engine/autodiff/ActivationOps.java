package io.latentad.engine.autodiff;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

/**
 * Activation functions, each fused: the backward rule uses the saved output ({@code tanh},
 * {@code sigmoid}, {@code relu}, {@code softmax}, {@code logSoftmax}) rather than recomputing.
 * Softmax and log-softmax act on the last axis.
 */
public final class ActivationOps {
    private ActivationOps() {
    }

    /** d tanh/dx = 1 - out^2. */
    public static Var tanh(Var x) {
        Tensor xv = x.value(), out = StepArena.uninit(xv.shape());
        Kernels.active().tanh(xv.size(), xv.data(), xv.offset(), out.data(), 0);
        float[] o = out.data();
        return Var.result("tanh", out, v -> {
            float[] g = v.grad.data(), d = MathOps.grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int i = 0; i < o.length; i++) d[dOff + i] += g[go + i] * (1f - o[i] * o[i]);
        }, x);
    }

    /** d sigmoid/dx = out (1 - out). */
    public static Var sigmoid(Var x) {
        Tensor xv = x.value(), out = StepArena.uninit(xv.shape());
        Kernels.active().sigmoid(xv.size(), xv.data(), xv.offset(), out.data(), 0);
        float[] o = out.data();
        return Var.result("sigmoid", out, v -> {
            float[] g = v.grad.data(), d = MathOps.grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int i = 0; i < o.length; i++) d[dOff + i] += g[go + i] * o[i] * (1f - o[i]);
        }, x);
    }

    /** max(x, 0); the gradient passes where out > 0 (0 at x = 0, as PyTorch). */
    public static Var relu(Var x) {
        Tensor xv = x.value(), out = StepArena.uninit(xv.shape());
        Kernels.active().relu(xv.size(), xv.data(), xv.offset(), out.data(), 0);
        float[] o = out.data();
        return Var.result("relu", out, v -> {
            boolean fresh = x.gradFresh(); // first contribution: write it, no zero fill
            Tensor gx = fresh ? x.gradBufferForWrite() : x.gradBuffer();
            float[] g = v.grad.data(), d = gx.data();
            int go = v.grad.offset(), dOff = gx.offset();
            Kernels.active().reluBackward(o.length, o, 0, g, go, d, dOff, fresh);
        }, x);
    }

    /** x for x > 0, {@code slope * x} otherwise. */
    public static Var leakyRelu(Var x, float slope) {
        Tensor xv = x.value(), out = StepArena.uninit(xv.shape());
        float[] xs = xv.data(), o = out.data();
        int xo = xv.offset();
        for (int i = 0; i < o.length; i++) o[i] = xs[xo + i] > 0f ? xs[xo + i] : slope * xs[xo + i];
        return Var.result("leakyRelu", out, v -> {
            float[] g = v.grad.data(), d = MathOps.grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int i = 0; i < o.length; i++) d[dOff + i] += xs[xo + i] > 0f ? g[go + i] : slope * g[go + i];
        }, x);
    }

    /** x for x > 0, {@code alpha (e^x - 1)} otherwise; derivative {@code out + alpha} there. */
    public static Var elu(Var x, float alpha) {
        Tensor xv = x.value(), out = StepArena.uninit(xv.shape());
        float[] xs = xv.data(), o = out.data();
        int xo = xv.offset();
        for (int i = 0; i < o.length; i++) {
            float xi = xs[xo + i];
            o[i] = xi > 0f ? xi : (float) (alpha * Math.expm1(xi)); // expm1: no cancellation near 0
        }
        return Var.result("elu", out, v -> {
            float[] g = v.grad.data(), d = MathOps.grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int i = 0; i < o.length; i++) d[dOff + i] += xs[xo + i] > 0f ? g[go + i] : g[go + i] * (o[i] + alpha);
        }, x);
    }

    /** log(1 + e^x), stable; derivative sigmoid(x). */
    public static Var softplus(Var x) {
        Tensor xv = x.value(), out = StepArena.uninit(xv.shape());
        Kernels.active().softplus(xv.size(), xv.data(), xv.offset(), out.data(), 0);
        float[] xs = xv.data();
        int xo = xv.offset();
        return Var.result("softplus", out, v -> {
            float[] g = v.grad.data(), d = MathOps.grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int i = 0; i < out.size(); i++) d[dOff + i] += g[go + i] * sigmoid(xs[xo + i]);
        }, x);
    }

    /** Softmax over the last axis; d/dx = out * (g - sum(g * out)) per row. */
    public static Var softmax(Var x) {
        Tensor xv = requireAxis("softmax", x), out = StepArena.uninit(xv.shape());
        int cols = xv.dim(-1), rows = xv.size() / Math.max(cols, 1);
        Kernels.active().softmaxRows(rows, cols, xv.data(), xv.offset(), out.data(), 0);
        float[] o = out.data();
        return Var.result("softmax", out, v -> {
            float[] g = v.grad.data(), d = MathOps.grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int r = 0; r < rows; r++) {
                int b = r * cols;
                double s = 0;
                for (int c = 0; c < cols; c++) s += (double) g[go + b + c] * o[b + c];
                for (int c = 0; c < cols; c++) d[dOff + b + c] += o[b + c] * (float) (g[go + b + c] - s);
            }
        }, x);
    }

    /** Log-softmax over the last axis; d/dx = g - softmax * sum(g) per row. */
    public static Var logSoftmax(Var x) {
        Tensor xv = requireAxis("logSoftmax", x), out = StepArena.uninit(xv.shape());
        int cols = xv.dim(-1), rows = xv.size() / Math.max(cols, 1);
        Kernels.active().logSoftmaxRows(rows, cols, xv.data(), xv.offset(), out.data(), 0);
        float[] o = out.data();
        return Var.result("logSoftmax", out, v -> {
            float[] g = v.grad.data(), d = MathOps.grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int r = 0; r < rows; r++) {
                int b = r * cols;
                double s = 0;
                for (int c = 0; c < cols; c++) s += g[go + b + c];
                for (int c = 0; c < cols; c++) d[dOff + b + c] += g[go + b + c] - (float) (Math.exp(o[b + c]) * s);
            }
        }, x);
    }

    static float sigmoid(float v) {
        // split on the sign so exp never overflows
        if (v >= 0) return (float) (1 / (1 + Math.exp(-v)));
        double e = Math.exp(v);
        return (float) (e / (1 + e));
    }

    private static Tensor requireAxis(String op, Var x) {
        Tensor xv = x.value();
        if (xv.rank() == 0) throw new IllegalArgumentException(op + ": needs at least one axis, got shape "
                + Shapes.str(xv.shape()));
        return xv;
    }
}
