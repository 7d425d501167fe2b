package io.latentad.engine.autodiff;

import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

import java.util.Arrays;

/**
 * NumPy broadcasting of two operands, compiled into a plan that every binary op's forward and
 * backward loop share. Shapes are aligned at the trailing axis; each axis must be equal or 1 in
 * one operand. The output is walked as {@code rows x cols} with {@code cols} the last output
 * axis: an operand is read at {@code rowOffset[r] + c * colStride}, where {@code colStride} is 0
 * when the operand is broadcast along the last axis. Equal shapes collapse to one row so the
 * contiguous kernels run on the whole tensor.
 *
 * <p>The gradient of a broadcast operand is the sum of the output gradient over the axes it was
 * broadcast along: the backward loops get this for free by accumulating at the same offsets.
 */
final class Broadcast {
    final int[] outShape;
    final int rows;
    final int cols;
    final int[] aRow;
    final int[] bRow;
    final int aStride;
    final int bStride;

    private Broadcast(int[] outShape, int rows, int cols, int[] aRow, int[] bRow, int aStride, int bStride) {
        this.outShape = outShape;
        this.rows = rows;
        this.cols = cols;
        this.aRow = aRow;
        this.bRow = bRow;
        this.aStride = aStride;
        this.bStride = bStride;
    }

    /** Whether both operands are read contiguously with the output (same-shape or row layout). */
    boolean contiguous() {
        return aStride == 1 && bStride == 1;
    }

    /** The broadcast shape, or an exception naming the op and both shapes. */
    static int[] shape(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Shapes.str(a) + " and " + Shapes.str(b)
                        + " do not broadcast (axis " + i + " of the result: " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    static Broadcast of(String op, Tensor a, Tensor b) {
        int[] as = a.shape(), bs = b.shape();
        int[] out = shape(op, as, bs);
        if (Arrays.equals(as, bs)) {
            return new Broadcast(out, 1, Shapes.size(out), new int[] {a.offset()}, new int[] {b.offset()}, 1, 1);
        }
        int rank = out.length;
        int cols = rank == 0 ? 1 : out[rank - 1];
        int rows = Shapes.size(Arrays.copyOf(out, Math.max(rank - 1, 0)));
        int[] sa = strides(as, rank), sb = strides(bs, rank);
        int[] aRow = new int[rows], bRow = new int[rows];
        int[] idx = new int[Math.max(rank - 1, 0)];
        int ao = a.offset(), bo = b.offset();
        for (int r = 0; r < rows; r++) {
            aRow[r] = ao;
            bRow[r] = bo;
            // odometer over the leading axes, moving both offsets by their (possibly 0) strides
            for (int ax = rank - 2; ax >= 0; ax--) {
                ao += sa[ax];
                bo += sb[ax];
                if (++idx[ax] < out[ax]) break;
                ao -= sa[ax] * out[ax];
                bo -= sb[ax] * out[ax];
                idx[ax] = 0;
            }
        }
        int aStride = rank == 0 ? 0 : sa[rank - 1], bStride = rank == 0 ? 0 : sb[rank - 1];
        return new Broadcast(out, rows, cols, aRow, bRow, aStride, bStride);
    }

    /** Strides of {@code shape} aligned to {@code rank} axes, 0 on axes of length 1 (broadcast). */
    private static int[] strides(int[] shape, int rank) {
        int[] s = new int[rank];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            int ax = i + rank - shape.length;
            s[ax] = shape[i] == 1 ? 0 : stride;
            stride *= shape[i];
        }
        return s;
    }
}
