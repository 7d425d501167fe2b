package io.latentad.engine.autodiff;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

/**
 * Reconstruction losses, each one fused primitive that returns a rank-0 variable: the sum of the
 * per-element terms is taken in double and scaled by the {@link Reduction}. Prediction and target
 * must have the same shape; gradients flow into both when they require one (as in PyTorch).
 */
public final class LossOps {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private LossOps() {
    }

    /** Squared error {@code (p - t)^2}; d/dp = 2 (p - t). */
    public static Var mse(Var pred, Var target, Reduction red) {
        Tensor p = pred.value(), t = target.value();
        Shapes.requireSame("mse", p, t);
        float scale = red.scale(p.shape());
        float[] pd = p.data(), td = t.data();
        int po = p.offset(), to = t.offset(), n = p.size();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = pd[po + i] - td[to + i];
            s += d * d;
        }
        return Var.result("mse", scalar(s * scale), v -> {
            float g = v.grad.at(0) * scale * 2f;
            for (int i = 0; i < n; i++) {
                float d = g * (pd[po + i] - td[to + i]);
                addGrad(pred, i, d);
                addGrad(target, i, -d);
            }
        }, pred, target);
    }

    /** Absolute error {@code |p - t|}; d/dp = sign(p - t) (0 at 0, as PyTorch). */
    public static Var l1(Var pred, Var target, Reduction red) {
        Tensor p = pred.value(), t = target.value();
        Shapes.requireSame("l1", p, t);
        float scale = red.scale(p.shape());
        float[] pd = p.data(), td = t.data();
        int po = p.offset(), to = t.offset(), n = p.size();
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.abs(pd[po + i] - td[to + i]);
        return Var.result("l1", scalar(s * scale), v -> {
            float g = v.grad.at(0) * scale;
            for (int i = 0; i < n; i++) {
                float d = g * Math.signum(pd[po + i] - td[to + i]);
                addGrad(pred, i, d);
                addGrad(target, i, -d);
            }
        }, pred, target);
    }

    /**
     * Binary cross-entropy of {@code sigmoid(x)} against {@code t}, from logits:
     * {@code max(x, 0) - x t + log1p(exp(-|x|))}, which never overflows nor takes log of 0.
     * d/dx = sigmoid(x) - t; d/dt = -x.
     */
    public static Var bceWithLogits(Var logits, Var target, Reduction red) {
        Tensor x = logits.value(), t = target.value();
        Shapes.requireSame("bceWithLogits", x, t);
        float scale = red.scale(x.shape());
        float[] xd = x.data(), td = t.data();
        int xo = x.offset(), to = t.offset(), n = x.size();
        // fused (the Kernels facade's bceWithLogits): the forward pass also stores sigmoid(x) - t for the backward pass
        boolean needGrad = logits.requiresGrad() && NoGrad.enabled();
        float[] dx = needGrad ? StepArena.uninit(x.shape()).data() : null;
        double s = Kernels.active().bceWithLogits(n, xd, xo, td, to, dx, 0);
        return Var.result("bceWithLogits", scalar(s * scale), v -> {
            float g = v.grad.at(0) * scale;
            if (logits.requiresGrad()) {
                boolean fresh = logits.gradFresh();
                Tensor gx = fresh ? logits.gradBufferForWrite() : logits.gradBuffer();
                if (fresh) Kernels.active().scale(n, g, dx, 0, gx.data(), gx.offset());
                else Kernels.active().axpy(n, g, dx, 0, gx.data(), gx.offset());
            }
            if (target.requiresGrad()) {
                for (int i = 0; i < n; i++) addGrad(target, i, -g * xd[xo + i]);
            }
        }, logits, target);
    }

    /**
     * Gaussian negative log-likelihood of {@code target} under N(input, var), PyTorch's
     * {@code gaussian_nll_loss}: {@code 0.5 (log v + (x - t)^2 / v)} with {@code v = max(var, eps)}
     * (the clamp is not differentiated, as in PyTorch), plus {@code 0.5 log(2 pi)} when
     * {@code full}.
     */
    public static Var gaussianNll(Var input, Var target, Var var, boolean full, float eps, Reduction red) {
        Tensor x = input.value(), t = target.value(), vv = var.value();
        Shapes.requireSame("gaussianNll", x, t);
        Shapes.requireSame("gaussianNll", x, vv);
        if (!(eps > 0)) throw new IllegalArgumentException("gaussianNll: eps = " + eps + ", expected > 0");
        float scale = red.scale(x.shape());
        float[] xd = x.data(), td = t.data(), vd = vv.data();
        int xo = x.offset(), to = t.offset(), vo = vv.offset(), n = x.size();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = Math.max(vd[vo + i], eps), d = xd[xo + i] - td[to + i];
            if (vd[vo + i] < 0) {
                throw new IllegalArgumentException("gaussianNll: var has a negative element " + vd[vo + i] + " at " + i);
            }
            s += 0.5 * (Math.log(v) + d * d / v) + (full ? HALF_LOG_2PI : 0);
        }
        return Var.result("gaussianNll", scalar(s * scale), out -> {
            float g = out.grad.at(0) * scale;
            for (int i = 0; i < n; i++) {
                float v = Math.max(vd[vo + i], eps), d = xd[xo + i] - td[to + i];
                addGrad(input, i, g * d / v);
                addGrad(target, i, -g * d / v);
                addGrad(var, i, g * 0.5f * (1f / v - d * d / (v * v)));
            }
        }, input, target, var);
    }

    static Tensor scalar(double value) {
        Tensor out = StepArena.uninit(new int[0]);
        out.setAt(0, (float) value);
        return out;
    }

    /** Adds {@code d} to element {@code i} of the gradient of {@code x}, if it requires one. */
    static void addGrad(Var x, int i, float d) {
        if (!x.requiresGrad()) return;
        Tensor g = x.gradBuffer();
        g.data()[g.offset() + i] += d;
    }
}
