package io.latentad.engine.optim;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.tensor.Tensor;

import java.util.Collection;

/** Gradient clipping, in place on the parameters' gradients, as PyTorch's {@code clip_grad_*_}. */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scales all gradients by {@code min(1, maxNorm / (norm + 1e-6))}, where {@code norm} is the
     * Euclidean norm of all gradients together. Returns that norm (before clipping), which is NaN
     * or infinite when a gradient is. Whenever clipping happens (or misses by less than 1e-9 of
     * {@code maxNorm}) the norm, the decision and the factor are those of the front-to-back double sum
     * (each tensor's squares in order, the tensors' sums in order); otherwise the returned norm is a
     * reordered sum of the same squares, equal to it within a few double ulps.
     */
    public static double clipGlobalNorm(Collection<Var> params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("clipGlobalNorm: maxNorm = " + maxNorm + ", expected > 0");
        // First the sum in eight interleaved double accumulators: the same products, 8 independent adds
        // instead of one dependent chain (latency-bound: 1.1 ms of a 12 ms CL-VAE step). It differs
        // from the front-to-back sum by a few double ulps, which only matters when it decides whether
        // to clip or with which factor: near the threshold (and whenever clipping happens) the
        // front-to-back sum of before is taken, so clipped gradients keep their bits.
        double fast = 0;
        for (Var p : params) {
            if (p.grad() != null) fast += sumSquares8(p.grad());
        }
        double norm = Math.sqrt(fast);
        if (!(norm + 1e-6 < maxNorm * (1 - 1e-9))) { // clipping possible, or not finite: the exact rule
            double sq = 0;
            for (Var p : params) {
                if (p.grad() != null) sq += sumSquares(p.grad());
            }
            norm = Math.sqrt(sq);
        }
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            float c = (float) coef;
            for (Var p : params) {
                if (p.grad() != null) Kernels.scale(c, p.grad(), p.grad());
            }
        }
        return norm;
    }

    /** The front-to-back sum of squares, in double (each product exact: 24-bit by 24-bit fits 53 bits). */
    private static double sumSquares(Tensor t) {
        float[] g = t.data();
        double sq = 0;
        for (int i = t.offset(), e = i + t.size(); i < e; i++) sq += (double) g[i] * g[i];
        return sq;
    }

    /** The same products as {@link #sumSquares}, summed in eight interleaved chains. */
    private static double sumSquares8(Tensor t) {
        float[] g = t.data();
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = t.offset(), e = i + t.size();
        for (; i + 8 <= e; i += 8) {
            double v0 = g[i], v1 = g[i + 1], v2 = g[i + 2], v3 = g[i + 3];
            double v4 = g[i + 4], v5 = g[i + 5], v6 = g[i + 6], v7 = g[i + 7];
            s0 += v0 * v0;
            s1 += v1 * v1;
            s2 += v2 * v2;
            s3 += v3 * v3;
            s4 += v4 * v4;
            s5 += v5 * v5;
            s6 += v6 * v6;
            s7 += v7 * v7;
        }
        for (; i < e; i++) s0 += (double) g[i] * g[i];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Clamps every gradient element into {@code [-limit, limit]}. */
    public static void clipValue(Collection<Var> params, double limit) {
        if (!(limit > 0)) throw new IllegalArgumentException("clipValue: limit = " + limit + ", expected > 0");
        float l = (float) limit;
        for (Var p : params) {
            if (p.grad() == null) continue;
            float[] g = p.grad().data();
            for (int i = p.grad().offset(), e = i + p.grad().size(); i < e; i++) g[i] = Math.max(-l, Math.min(l, g[i]));
        }
    }
}
