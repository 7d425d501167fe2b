package io.latentad.engine.tensor;

import io.latentad.engine.random.Rng;

import java.util.Arrays;

/**
 * A dense float32 tensor: row-major, contiguous, shape {@code int[]} of any rank (0 = scalar).
 *
 * <p>The elements live in {@code data()[offset() .. offset() + size())}. Views made by
 * {@link #reshape}, {@link #sliceRows} and {@link #row} share storage with their source; every
 * other method that returns a tensor returns a fresh one. Arithmetic lives in
 * {@link io.latentad.engine.kernel.Kernels}, which checks shapes and dispatches to the kernels.
 */
public final class Tensor {
    private final float[] data;
    private final int offset;
    private final int[] shape;
    private final int size;

    private Tensor(float[] data, int offset, int[] shape) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.size = Shapes.size(shape);
        if (offset < 0 || offset + size > data.length) {
            throw new IllegalArgumentException("shape " + Shapes.str(shape) + " at offset " + offset
                    + " does not fit in " + data.length + " elements");
        }
    }

    // ---- factories ------------------------------------------------------------------------

    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shapes.size(shape)], 0, shape.clone());
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, 0, new int[0]);
    }

    /** Wraps {@code data} (not copied) as a tensor of the given shape. */
    public static Tensor wrap(float[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data is null");
        int n = Shapes.size(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("wrap: " + data.length + " values do not fill shape "
                    + Shapes.str(shape) + " (" + n + " elements)");
        }
        return new Tensor(data, 0, shape.clone());
    }

    /** Copies {@code values} into a new tensor of the given shape. */
    public static Tensor of(float[] values, int... shape) {
        if (values == null) throw new IllegalArgumentException("values is null");
        return wrap(values.clone(), shape);
    }

    /** A rank-1 tensor holding a copy of {@code values}. */
    public static Tensor vector(float... values) {
        return of(values, values.length);
    }

    /** A rank-2 tensor from rows, which must all have the same length. */
    public static Tensor matrix(float[][] rows) {
        if (rows == null) throw new IllegalArgumentException("rows is null");
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] d = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("matrix: row " + i + " has " + rows[i].length
                        + " values, expected " + cols);
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return new Tensor(d, 0, new int[] {rows.length, cols});
    }

    /** A rank-2 tensor from double rows (rounded to float). */
    public static Tensor matrix(double[][] rows) {
        if (rows == null) throw new IllegalArgumentException("rows is null");
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] d = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("matrix: row " + i + " has " + rows[i].length
                        + " values, expected " + cols);
            }
            for (int j = 0; j < cols; j++) d[i * cols + j] = (float) rows[i][j];
        }
        return new Tensor(d, 0, new int[] {rows.length, cols});
    }

    /** Normal deviates N(mean, std^2) from a seeded stream. */
    public static Tensor normal(Rng rng, float mean, float std, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.size; i++) t.data[i] = (float) (mean + std * rng.nextGaussian());
        return t;
    }

    public static Tensor normal(long seed, float mean, float std, int... shape) {
        return normal(new Rng(seed), mean, std, shape);
    }

    /** Uniform deviates in [lo, hi) from a seeded stream. */
    public static Tensor uniform(Rng rng, float lo, float hi, int... shape) {
        if (!(hi >= lo)) throw new IllegalArgumentException("uniform: hi = " + hi + " < lo = " + lo);
        Tensor t = zeros(shape);
        for (int i = 0; i < t.size; i++) t.data[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        return t;
    }

    public static Tensor uniform(long seed, float lo, float hi, int... shape) {
        return uniform(new Rng(seed), lo, hi, shape);
    }

    // ---- shape ----------------------------------------------------------------------------

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        if (axis < 0) axis += shape.length;
        if (axis < 0 || axis >= shape.length) {
            throw new IllegalArgumentException("axis " + axis + " out of range for shape " + Shapes.str(shape));
        }
        return shape[axis];
    }

    public int size() {
        return size;
    }

    /** Length of axis 0 (1 for a scalar). */
    public int rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /** Elements per row: the product of every axis after the first (1 for rank 0 and rank 1). */
    public int cols() {
        if (shape.length == 0) return 1;
        return shape[0] == 0 ? Shapes.size(Arrays.copyOfRange(shape, 1, shape.length)) : size / shape[0];
    }

    public boolean sameShape(Tensor o) {
        return Arrays.equals(shape, o.shape);
    }

    // ---- raw access -------------------------------------------------------------------------

    /** The backing array (shared). Elements are {@code [offset(), offset() + size())}. */
    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public float get(int... index) {
        return data[offset + flat(index)];
    }

    public void set(float value, int... index) {
        data[offset + flat(index)] = value;
    }

    /** Element {@code i} in row-major order. */
    public float at(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("index " + i + " of " + size);
        return data[offset + i];
    }

    public void setAt(int i, float value) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("index " + i + " of " + size);
        data[offset + i] = value;
    }

    private int flat(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has rank "
                    + index.length + ", tensor has shape " + Shapes.str(shape));
        }
        int f = 0;
        for (int a = 0; a < shape.length; a++) {
            if (index[a] < 0 || index[a] >= shape[a]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index)
                        + " out of bounds for shape " + Shapes.str(shape));
            }
            f = f * shape[a] + index[a];
        }
        return f;
    }

    // ---- views and copies -----------------------------------------------------------------

    /** A view with a new shape of the same size; one dimension may be -1 (inferred). */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int a = 0; a < s.length; a++) {
            if (s[a] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape " + Shapes.str(shape)
                        + " -> " + Shapes.str(newShape) + ": at most one -1");
                infer = a;
            } else {
                if (s[a] < 0) throw new IllegalArgumentException("reshape " + Shapes.str(shape)
                        + " -> " + Shapes.str(newShape) + ": negative dimension");
                known *= s[a];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) throw new IllegalArgumentException("reshape "
                    + Shapes.str(shape) + " -> " + Shapes.str(newShape) + ": cannot infer -1");
            s[infer] = (int) (size / known);
        }
        if (Shapes.size(s) != size) {
            throw new IllegalArgumentException("reshape " + Shapes.str(shape) + " -> "
                    + Shapes.str(newShape) + ": sizes " + size + " and " + Shapes.size(s) + " differ");
        }
        return new Tensor(data, offset, s);
    }

    /** A view of rows {@code [from, to)} along axis 0. */
    public Tensor sliceRows(int from, int to) {
        if (rank() == 0) throw new IllegalArgumentException("sliceRows: scalar has no rows");
        if (from < 0 || to > shape[0] || from > to) {
            throw new IllegalArgumentException("sliceRows [" + from + ", " + to + ") out of range for shape "
                    + Shapes.str(shape));
        }
        int[] s = shape.clone();
        s[0] = to - from;
        int rowSize = cols();
        return new Tensor(data, offset + from * rowSize, s);
    }

    /** A view of row {@code i} along axis 0, with that axis dropped. */
    public Tensor row(int i) {
        if (rank() == 0) throw new IllegalArgumentException("row: scalar has no rows");
        if (i < 0 || i >= shape[0]) {
            throw new IllegalArgumentException("row " + i + " out of range for shape " + Shapes.str(shape));
        }
        return new Tensor(data, offset + i * cols(), Arrays.copyOfRange(shape, 1, shape.length));
    }

    /** A copy of the rows listed in {@code index} (in that order; repeats allowed). */
    public Tensor gatherRows(int[] index) {
        if (rank() == 0) throw new IllegalArgumentException("gatherRows: scalar has no rows");
        int[] s = shape.clone();
        s[0] = index.length;
        Tensor out = zeros(s);
        int c = cols();
        for (int r = 0; r < index.length; r++) {
            if (index[r] < 0 || index[r] >= shape[0]) throw new IllegalArgumentException(
                    "gatherRows: index " + index[r] + " out of range for shape " + Shapes.str(shape));
            System.arraycopy(data, offset + index[r] * c, out.data, r * c, c);
        }
        return out;
    }

    /**
     * The transpose: of a matrix for rank 2, of every matrix in the batch (the last two axes)
     * for rank 3. Returns a contiguous copy.
     */
    public Tensor transpose() {
        if (rank() != 2 && rank() != 3) {
            throw new IllegalArgumentException("transpose: expected rank 2 or 3, got shape " + Shapes.str(shape));
        }
        int batch = rank() == 3 ? shape[0] : 1;
        int r = shape[rank() - 2], c = shape[rank() - 1];
        int[] s = shape.clone();
        s[rank() - 2] = c;
        s[rank() - 1] = r;
        Tensor out = zeros(s);
        final int tile = 32; // blocked so both sides stay in cache
        for (int b = 0; b < batch; b++) {
            int src = offset + b * r * c, dst = b * r * c;
            for (int i0 = 0; i0 < r; i0 += tile) {
                for (int j0 = 0; j0 < c; j0 += tile) {
                    int i1 = Math.min(r, i0 + tile), j1 = Math.min(c, j0 + tile);
                    for (int i = i0; i < i1; i++) {
                        for (int j = j0; j < j1; j++) {
                            out.data[dst + j * r + i] = data[src + i * c + j];
                        }
                    }
                }
            }
        }
        return out;
    }

    public Tensor copy() {
        return new Tensor(Arrays.copyOfRange(data, offset, offset + size), 0, shape.clone());
    }

    /** Copies {@code src} (same shape) into this tensor. */
    public Tensor copyFrom(Tensor src) {
        Shapes.requireSame("copyFrom", this, src);
        System.arraycopy(src.data, src.offset, data, offset, size);
        return this;
    }

    public Tensor fill(float value) {
        Arrays.fill(data, offset, offset + size, value);
        return this;
    }

    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + size);
    }

    /** Rows of a rank-2 tensor as a fresh {@code float[rows][cols]}. */
    public float[][] toMatrix() {
        Shapes.requireRank("toMatrix", this, 2);
        float[][] m = new float[shape[0]][shape[1]];
        for (int i = 0; i < shape[0]; i++) System.arraycopy(data, offset + i * shape[1], m[i], 0, shape[1]);
        return m;
    }

    /** Whether every element is finite (no NaN or infinity). */
    public boolean allFinite() {
        for (int i = offset; i < offset + size; i++) {
            if (!Float.isFinite(data[i])) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.str(shape)).append(' ');
        int show = Math.min(size, 16);
        sb.append('[');
        for (int i = 0; i < show; i++) {
            if (i > 0) sb.append(", ");
            sb.append(data[offset + i]);
        }
        if (size > show) sb.append(", ...");
        return sb.append(']').toString();
    }
}
