package io.latentad.engine.autodiff;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

import java.util.Arrays;

/**
 * Sum and mean, over every element or along one axis. An axis reduction views the input as
 * {@code [outer, n, inner]} and reduces the middle; its backward broadcasts the output gradient
 * back along that axis. Sums accumulate in double.
 */
public final class ReductionOps {
    private ReductionOps() {
    }

    /** The sum of every element, as a rank-0 variable. */
    public static Var sum(Var x) {
        return sumAll("sum", x, 1f);
    }

    /** The mean of every element, as a rank-0 variable. */
    public static Var mean(Var x) {
        int n = x.value().size();
        if (n == 0) throw new IllegalArgumentException("mean: empty tensor " + Shapes.str(x.shape()));
        return sumAll("mean", x, 1f / n);
    }

    /** Sum along {@code axis} (negative counts from the end); keeps it as length 1 if asked. */
    public static Var sum(Var x, int axis, boolean keepDim) {
        return sumAxis("sum", x, axis, keepDim, false);
    }

    /** Mean along {@code axis}. */
    public static Var mean(Var x, int axis, boolean keepDim) {
        return sumAxis("mean", x, axis, keepDim, true);
    }

    private static Var sumAll(String op, Var x, float scale) {
        Tensor xv = x.value();
        Tensor out = StepArena.uninit(new int[0]);
        out.setAt(0, (float) (sumInDouble(xv.data(), xv.offset(), xv.size()) * scale));
        return Var.result(op, out, v -> {
            float g = v.grad.at(0) * scale;
            if (x.gradFresh()) { // first contribution: written as 0 + g (the bits of adding onto zeros), no zero fill
                Tensor gx = x.gradBufferForWrite();
                Arrays.fill(gx.data(), gx.offset(), gx.offset() + gx.size(), 0f + g);
                return;
            }
            Tensor gx = x.gradBuffer();
            float[] gd = gx.data();
            for (int i = gx.offset(), e = gx.offset() + gx.size(); i < e; i++) gd[i] += g;
        }, x);
    }

    /**
     * The sum of {@code n} floats in double, in eight interleaved chains (element {@code i} goes to
     * chain {@code i % 8}), then the chains pairwise and the leftover elements in order. One chain
     * waits on each add's latency (~0.2 ms for the 200,704 outputs of a conv layer's batch); eight
     * keep the adder busy. Plain Java, so every kernel set gives the same bits; the double differs
     * from a front-to-back sum only in its last bits, so the float it is rounded to rarely moves.
     */
    static double sumInDouble(float[] d, int off, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = off, blockEnd = off + (n & ~7), end = off + n;
        for (; i < blockEnd; i += 8) {
            s0 += d[i];
            s1 += d[i + 1];
            s2 += d[i + 2];
            s3 += d[i + 3];
            s4 += d[i + 4];
            s5 += d[i + 5];
            s6 += d[i + 6];
            s7 += d[i + 7];
        }
        double s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; i < end; i++) s += d[i];
        return s;
    }

    private static Var sumAxis(String op, Var x, int axis, boolean keepDim, boolean mean) {
        Tensor xv = x.value();
        int[] s = xv.shape();
        int ax = axis < 0 ? axis + s.length : axis;
        if (ax < 0 || ax >= s.length) {
            throw new IllegalArgumentException(op + ": axis " + axis + " out of range for shape " + Shapes.str(s));
        }
        int n = s[ax];
        if (mean && n == 0) throw new IllegalArgumentException(op + ": axis " + axis + " of " + Shapes.str(s) + " is empty");
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= s[i];
        for (int i = ax + 1; i < s.length; i++) inner *= s[i];
        int[] os = reducedShape(s, ax, keepDim);
        Tensor out = StepArena.zeros(os);
        float scale = mean ? 1f / n : 1f;
        float[] d = xv.data(), o = out.data();
        int xo = xv.offset();
        for (int a = 0; a < outer; a++) {
            if (inner == 1) {
                o[a] = Kernels.active().sum(n, d, xo + a * n) * scale;
            } else {
                // accumulate whole rows of the inner block: contiguous, kernel friendly
                for (int k = 0; k < n; k++) {
                    Kernels.active().axpy(inner, scale, d, xo + (a * n + k) * inner, o, a * inner);
                }
            }
        }
        final int fOuter = outer, fInner = inner;
        return Var.result(op, out, v -> {
            float[] g = v.grad.data(), gd = MathOps.grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int a = 0; a < fOuter; a++) {
                for (int k = 0; k < n; k++) {
                    Kernels.active().axpy(fInner, scale, g, go + a * fInner, gd, dOff + (a * n + k) * fInner);
                }
            }
        }, x);
    }

    static int[] reducedShape(int[] s, int ax, boolean keepDim) {
        int[] os = new int[keepDim ? s.length : s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i == ax) {
                if (keepDim) os[j++] = 1;
            } else {
                os[j++] = s[i];
            }
        }
        return os;
    }
}
