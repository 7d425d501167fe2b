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
     * or infinite when a gradient is.
     *
     * <p>The sum of squares is first taken by the vector kernel ({@link Kernels#sumSquares}: double
     * lanes, within {@code n 2^-53} of the sum). When that sum is clearly below the clipping
     * threshold (by a margin far wider than the error of either sum) nothing is scaled and the
     * estimate is returned; otherwise the norm is summed again front to back in double, and the
     * decision and the factor come from that sum. So what the gradients become depends on the
     * sequential sum alone, the same on every machine and vector width, while a step without
     * clipping (the default of most models) pays one fast pass.
     */
    public static double clipGlobalNorm(Collection<Var> params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("clipGlobalNorm: maxNorm = " + maxNorm + ", expected > 0");
        double fast = 0;
        long n = 0;
        for (Var p : params) {
            if (p.grad() != null) {
                fast += Kernels.sumSquares(p.grad());
                n += p.grad().size();
            }
        }
        double estimate = Math.sqrt(fast);
        // both sums are within n 2^-53 (relative) of the true one; 1e-6 covers that for n < 2^30
        double safe = (maxNorm - 1e-6) * (1 - 1e-6);
        if (!Double.isFinite(estimate) || (n < (1L << 30) && estimate < safe)) return estimate;
        double sq = 0; // a sequential double sum: the clipping factor does not depend on the vector width
        for (Var p : params) {
            if (p.grad() != null) sq += sumSquares(p.grad());
        }
        double norm = Math.sqrt(sq);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            float c = (float) coef;
            for (Var p : params) {
                if (p.grad() != null) Kernels.scale(c, p.grad(), p.grad());
            }
        }
        return norm;
    }

    private static double sumSquares(Tensor t) {
        float[] g = t.data();
        double sq = 0;
        for (int i = t.offset(), e = i + t.size(); i < e; i++) sq += (double) g[i] * g[i];
        return sq;
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
