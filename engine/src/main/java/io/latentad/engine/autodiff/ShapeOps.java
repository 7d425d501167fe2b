package io.latentad.engine.autodiff;

import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

import java.util.Arrays;

/**
 * Reshape, transpose, slice, concat and row gather. Slices and concatenations act on one axis and
 * view each tensor as {@code [outer, n, inner]} around it, so they are block copies.
 */
public final class ShapeOps {
    private ShapeOps() {
    }

    /** The same elements with a new shape (one axis may be -1); shares storage with {@code x}. */
    public static Var reshape(Var x, int... shape) {
        Tensor out;
        try {
            out = x.value().reshape(shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reshape: " + e.getMessage(), e);
        }
        return Var.result("reshape", out, v -> {
            Tensor gx = x.gradBuffer();
            io.latentad.engine.kernel.Kernels.active().axpy(gx.size(), 1f, v.grad.data(), v.grad.offset(),
                    gx.data(), gx.offset());
        }, x);
    }

    /** The transpose of a matrix (a copy). */
    public static Var transpose(Var x) {
        Tensor xv = x.value();
        if (xv.rank() != 2) throw new IllegalArgumentException("transpose: expected a matrix, got shape "
                + Shapes.str(xv.shape()));
        int r = xv.dim(0), c = xv.dim(1);
        Tensor out = StepArena.uninit(new int[] {c, r});
        transposeInto(xv.data(), xv.offset(), r, c, out.data(), 0, false);
        return Var.result("transpose", out, v -> {
            float[] gd = MathOps.grad(x);
            transposeInto(v.grad.data(), v.grad.offset(), c, r, gd, x.grad.offset(), true);
        }, x);
    }

    private static void transposeInto(float[] src, int so, int r, int c, float[] dst, int dOff, boolean add) {
        final int tile = 32; // blocked so both sides stay in cache
        for (int i0 = 0; i0 < r; i0 += tile) {
            for (int j0 = 0; j0 < c; j0 += tile) {
                for (int i = i0, i1 = Math.min(r, i0 + tile); i < i1; i++) {
                    for (int j = j0, j1 = Math.min(c, j0 + tile); j < j1; j++) {
                        if (add) dst[dOff + j * r + i] += src[so + i * c + j];
                        else dst[dOff + j * r + i] = src[so + i * c + j];
                    }
                }
            }
        }
    }

    /** Elements {@code [from, to)} along {@code axis}. */
    public static Var slice(Var x, int axis, int from, int to) {
        Tensor xv = x.value();
        int[] s = xv.shape();
        int ax = axis(("slice"), s, axis);
        if (from < 0 || to > s[ax] || from > to) {
            throw new IllegalArgumentException("slice: [" + from + ", " + to + ") out of range for axis " + axis
                    + " of shape " + Shapes.str(s));
        }
        int outer = prod(s, 0, ax), n = s[ax], inner = prod(s, ax + 1, s.length), len = (to - from) * inner;
        int[] os = s.clone();
        os[ax] = to - from;
        Tensor out = StepArena.uninit(os);
        for (int a = 0; a < outer; a++) {
            System.arraycopy(xv.data(), xv.offset() + (a * n + from) * inner, out.data(), a * len, len);
        }
        return Var.result("slice", out, v -> {
            float[] g = v.grad.data(), gd = MathOps.grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int a = 0; a < outer; a++) {
                int src = go + a * len, dst = dOff + (a * n + from) * inner;
                for (int i = 0; i < len; i++) gd[dst + i] += g[src + i];
            }
        }, x);
    }

    /** Joins the inputs along {@code axis}; all other axes must agree. */
    public static Var concat(int axis, Var... xs) {
        if (xs.length == 0) throw new IllegalArgumentException("concat: no inputs");
        int[] s0 = xs[0].shape();
        int ax = axis("concat", s0, axis);
        int total = 0;
        for (Var x : xs) {
            int[] s = x.shape();
            boolean ok = s.length == s0.length;
            for (int i = 0; ok && i < s.length; i++) ok = i == ax || s[i] == s0[i];
            if (!ok) throw new IllegalArgumentException("concat: shapes " + Shapes.str(s0) + " and " + Shapes.str(s)
                    + " differ outside axis " + axis);
            total += s[ax];
        }
        int outer = prod(s0, 0, ax), inner = prod(s0, ax + 1, s0.length), outRow = total * inner;
        int[] os = s0.clone();
        os[ax] = total;
        Tensor out = StepArena.uninit(os);
        int[] starts = new int[xs.length];
        for (int i = 0, at = 0; i < xs.length; i++) {
            starts[i] = at;
            Tensor t = xs[i].value();
            int len = t.dim(ax) * inner;
            for (int a = 0; a < outer; a++) {
                System.arraycopy(t.data(), t.offset() + a * len, out.data(), a * outRow + at, len);
            }
            at += len;
        }
        Var[] parents = xs.clone();
        return Var.result("concat", out, v -> {
            float[] g = v.grad.data();
            int go = v.grad.offset();
            for (int i = 0; i < parents.length; i++) {
                if (!parents[i].requiresGrad()) continue;
                float[] gd = MathOps.grad(parents[i]);
                int dOff = parents[i].grad.offset(), len = parents[i].value().dim(ax) * inner;
                for (int a = 0; a < outer; a++) {
                    int src = go + a * outRow + starts[i], dst = dOff + a * len;
                    for (int j = 0; j < len; j++) gd[dst + j] += g[src + j];
                }
            }
        }, parents);
    }

    /**
     * Rows of {@code x} picked by {@code index} (repeats allowed), e.g. the prior mean of each
     * sample's class. Backward scatter-adds each output row into the row it came from.
     */
    public static Var gatherRows(Var x, int[] index) {
        Tensor xv = x.value();
        if (xv.rank() == 0) throw new IllegalArgumentException("gatherRows: scalar has no rows");
        int rows = xv.dim(0), c = xv.cols();
        int[] idx = index.clone();
        for (int i : idx) {
            if (i < 0 || i >= rows) throw new IllegalArgumentException("gatherRows: index " + i
                    + " out of range for shape " + Shapes.str(xv.shape()));
        }
        int[] os = xv.shape();
        os[0] = idx.length;
        Tensor out = StepArena.uninit(os);
        for (int r = 0; r < idx.length; r++) System.arraycopy(xv.data(), xv.offset() + idx[r] * c, out.data(), r * c, c);
        return Var.result("gatherRows", out, v -> {
            float[] g = v.grad.data(), gd = MathOps.grad(x);
            int go = v.grad.offset(), dOff = x.grad.offset();
            for (int r = 0; r < idx.length; r++) {
                int src = go + r * c, dst = dOff + idx[r] * c;
                for (int j = 0; j < c; j++) gd[dst + j] += g[src + j];
            }
        }, x);
    }

    private static int axis(String op, int[] s, int axis) {
        int ax = axis < 0 ? axis + s.length : axis;
        if (ax < 0 || ax >= s.length) {
            throw new IllegalArgumentException(op + ": axis " + axis + " out of range for shape " + Shapes.str(s));
        }
        return ax;
    }

    private static int prod(int[] s, int from, int to) {
        return Shapes.size(Arrays.copyOfRange(s, from, to));
    }
}
