package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API reductions: sums, dot products, maxima, argmax, and the row and column forms
 * used by softmax, means and {@code gemv}.
 *
 * <p>Summation: lanes accumulate in float (several independent accumulators, so the adds
 * pipeline), and every {@link #FLUSH} elements ({@link #COL_FLUSH} rows for column sums) the
 * partial sums are added into a double. The float part of the error therefore stays that of a
 * sum of at most 32 (128) terms however long the input, close to the double-accumulated scalar
 * twin. Maxima use {@code FloatVector.max}, which follows {@code Math.max}: NaN wins, +0 beats -0.
 */
final class VectorReductions {
    private static final VectorSpecies<Float> F = VectorMath.F;
    private static final int L = F.length();
    /** Elements summed in float (32 per lane) before the partial sums go to a double. */
    static final int FLUSH = 1024;
    /** Rows a column sum adds in float before going to a double (each lane sees every row). */
    static final int COL_FLUSH = 128;

    private VectorReductions() {
    }

    private static FloatVector load(float[] a, int i) {
        return FloatVector.fromArray(F, a, i);
    }

    // ---- sums ---------------------------------------------------------------------------------

    static double sum(int n, float[] x, int xo) {
        float[] lanes = new float[L];
        int u = 4 * L, i = 0;
        double total = 0;
        int quadEnd = n - n % u;
        while (i < quadEnd) {
            int end = Math.min(quadEnd, i + FLUSH);
            FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
            for (; i < end; i += u) {
                s0 = s0.add(load(x, xo + i));
                s1 = s1.add(load(x, xo + i + L));
                s2 = s2.add(load(x, xo + i + 2 * L));
                s3 = s3.add(load(x, xo + i + 3 * L));
            }
            total += VectorMath.sumLanes(s0.add(s1).add(s2.add(s3)), lanes);
        }
        for (; i + L <= n; i += L) total += VectorMath.sumLanes(load(x, xo + i), lanes);
        for (; i < n; i++) total += x[xo + i];
        return total;
    }

    static double dot(int n, float[] x, int xo, float[] y, int yo) {
        float[] lanes = new float[L];
        int u = 4 * L, i = 0;
        double total = 0;
        int quadEnd = n - n % u;
        while (i < quadEnd) {
            int end = Math.min(quadEnd, i + FLUSH);
            FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
            for (; i < end; i += u) {
                s0 = load(x, xo + i).fma(load(y, yo + i), s0);
                s1 = load(x, xo + i + L).fma(load(y, yo + i + L), s1);
                s2 = load(x, xo + i + 2 * L).fma(load(y, yo + i + 2 * L), s2);
                s3 = load(x, xo + i + 3 * L).fma(load(y, yo + i + 3 * L), s3);
            }
            total += VectorMath.sumLanes(s0.add(s1).add(s2.add(s3)), lanes);
        }
        for (; i + L <= n; i += L) {
            total += VectorMath.sumLanes(load(x, xo + i).mul(load(y, yo + i)), lanes);
        }
        for (; i < n; i++) total += (double) x[xo + i] * y[yo + i];
        return total;
    }

    /**
     * Weighted column sums, the shared core of {@code colSum} and transposed {@code gemv}:
     * {@code s_j = sum_i w_i a[i, j]} ({@code w == null}: all weights 1), then
     * {@code y_j = alpha s_j + beta y_j} in double ({@code y} not read when {@code beta == 0}).
     * Walks strips of 4 vectors (then 1) of columns down all rows, so rows are read contiguously.
     */
    static void columnSums(int rows, int cols, float[] a, int ao, int lda, float[] w, int wo,
                           float alpha, float beta, float[] y, int yo) {
        int j = 0;
        double[] acc = new double[4 * L]; // per-call scratch: the double totals of one strip
        float[] part = new float[4 * L];
        for (; j + 4 * L <= cols; j += 4 * L) {
            java.util.Arrays.fill(acc, 0);
            for (int r0 = 0; r0 < rows; r0 += COL_FLUSH) {
                int r1 = Math.min(rows, r0 + COL_FLUSH);
                FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
                for (int r = r0; r < r1; r++) {
                    int base = ao + r * lda + j;
                    if (w == null) {
                        s0 = s0.add(load(a, base));
                        s1 = s1.add(load(a, base + L));
                        s2 = s2.add(load(a, base + 2 * L));
                        s3 = s3.add(load(a, base + 3 * L));
                    } else {
                        FloatVector wr = FloatVector.broadcast(F, w[wo + r]);
                        s0 = load(a, base).fma(wr, s0);
                        s1 = load(a, base + L).fma(wr, s1);
                        s2 = load(a, base + 2 * L).fma(wr, s2);
                        s3 = load(a, base + 3 * L).fma(wr, s3);
                    }
                }
                s0.intoArray(part, 0);
                s1.intoArray(part, L);
                s2.intoArray(part, 2 * L);
                s3.intoArray(part, 3 * L);
                for (int k = 0; k < 4 * L; k++) acc[k] += part[k];
            }
            for (int k = 0; k < 4 * L; k++) y[yo + j + k] = combine(alpha, acc[k], beta, y[yo + j + k]);
        }
        for (; j + L <= cols; j += L) {
            java.util.Arrays.fill(acc, 0, L, 0);
            for (int r0 = 0; r0 < rows; r0 += COL_FLUSH) {
                int r1 = Math.min(rows, r0 + COL_FLUSH);
                FloatVector s0 = FloatVector.zero(F);
                for (int r = r0; r < r1; r++) {
                    FloatVector v = load(a, ao + r * lda + j);
                    s0 = w == null ? s0.add(v) : v.fma(FloatVector.broadcast(F, w[wo + r]), s0);
                }
                s0.intoArray(part, 0);
                for (int k = 0; k < L; k++) acc[k] += part[k];
            }
            for (int k = 0; k < L; k++) y[yo + j + k] = combine(alpha, acc[k], beta, y[yo + j + k]);
        }
        for (; j < cols; j++) {
            double s = 0;
            for (int r = 0; r < rows; r++) s += (w == null ? 1.0 : (double) w[wo + r]) * a[ao + r * lda + j];
            y[yo + j] = combine(alpha, s, beta, y[yo + j]);
        }
    }

    /** BLAS output rule: with beta == 0 the old value is not read (NaN in it does not leak). */
    static float combine(float alpha, double s, float beta, float old) {
        return beta == 0f ? (float) (alpha * s) : (float) (alpha * s + beta * old);
    }

    // ---- maxima -------------------------------------------------------------------------------

    static float max(int n, float[] x, int xo) {
        int i = 0;
        float m = Float.NEGATIVE_INFINITY;
        if (n >= L) {
            FloatVector m0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY), m1 = m0;
            for (; i + 2 * L <= n; i += 2 * L) {
                m0 = m0.max(load(x, xo + i));
                m1 = m1.max(load(x, xo + i + L));
            }
            for (; i + L <= n; i += L) m0 = m0.max(load(x, xo + i));
            m = m0.max(m1).reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) m = Math.max(m, x[xo + i]);
        return m;
    }

    /**
     * First index of the maximum, or of the first NaN: find the maximum, then the first lane
     * equal to it (a NaN maximum means: the first NaN). -0 and +0 compare equal, as in the
     * scalar twin, which keeps the first of them.
     */
    static int argmax(int n, float[] x, int xo) {
        if (n == 0) return -1;
        float m = max(n, x, xo);
        boolean nan = m != m;
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector v = load(x, xo + i);
            VectorMask<Float> hit = nan ? v.compare(VectorOperators.NE, v) : v.compare(VectorOperators.EQ, m);
            if (hit.anyTrue()) break;
        }
        for (; i < n; i++) {
            float v = x[xo + i];
            if (nan ? v != v : v == m) return i;
        }
        throw new AssertionError("argmax: maximum " + m + " not found");
    }

    /** {@code out[j] = max_i x[i, j]}, strips of columns walked down the rows. */
    static void colMax(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        int j = 0;
        FloatVector ninf = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        for (; j + 4 * L <= cols; j += 4 * L) {
            FloatVector m0 = ninf, m1 = ninf, m2 = ninf, m3 = ninf;
            for (int r = 0; r < rows; r++) {
                int base = xo + r * cols + j;
                m0 = m0.max(load(x, base));
                m1 = m1.max(load(x, base + L));
                m2 = m2.max(load(x, base + 2 * L));
                m3 = m3.max(load(x, base + 3 * L));
            }
            m0.intoArray(out, oo + j);
            m1.intoArray(out, oo + j + L);
            m2.intoArray(out, oo + j + 2 * L);
            m3.intoArray(out, oo + j + 3 * L);
        }
        for (; j + L <= cols; j += L) {
            FloatVector m0 = ninf;
            for (int r = 0; r < rows; r++) m0 = m0.max(load(x, xo + r * cols + j));
            m0.intoArray(out, oo + j);
        }
        for (; j < cols; j++) {
            float m = Float.NEGATIVE_INFINITY;
            for (int r = 0; r < rows; r++) m = Math.max(m, x[xo + r * cols + j]);
            out[oo + j] = m;
        }
    }

    // ---- softmax ------------------------------------------------------------------------------

    /** One row of softmax: e_j = exp(x_j - max) stored, summed, then scaled by 1 / sum. */
    static void softmaxRow(int cols, float[] x, int r, float[] out, int o) {
        float m = max(cols, x, r); // shift by the max so exp never overflows
        FloatVector mv = FloatVector.broadcast(F, m);
        float[] lanes = new float[L];
        double s = 0;
        int j = 0, vecEnd = cols - cols % L;
        while (j < vecEnd) {
            int end = Math.min(vecEnd, j + FLUSH);
            FloatVector acc = FloatVector.zero(F);
            for (; j < end; j += L) {
                FloatVector e = VectorMath.exp(load(x, r + j).sub(mv));
                e.intoArray(out, o + j);
                acc = acc.add(e);
            }
            s += VectorMath.sumLanes(acc, lanes);
        }
        for (; j < cols; j++) {
            float e = VectorMath.exp(x[r + j] - m);
            out[o + j] = e;
            s += e;
        }
        float inv = (float) (1 / s);
        j = 0;
        for (; j < vecEnd; j += L) load(out, o + j).mul(inv).intoArray(out, o + j);
        for (; j < cols; j++) out[o + j] *= inv;
    }

    /** One row of log-softmax: x_j - (max + log(sum exp(x - max))). */
    static void logSoftmaxRow(int cols, float[] x, int r, float[] out, int o) {
        float m = max(cols, x, r);
        FloatVector mv = FloatVector.broadcast(F, m);
        float[] lanes = new float[L];
        double s = 0;
        int j = 0, vecEnd = cols - cols % L;
        while (j < vecEnd) {
            int end = Math.min(vecEnd, j + FLUSH);
            FloatVector acc = FloatVector.zero(F);
            for (; j < end; j += L) acc = acc.add(VectorMath.exp(load(x, r + j).sub(mv)));
            s += VectorMath.sumLanes(acc, lanes);
        }
        for (; j < cols; j++) s += VectorMath.exp(x[r + j] - m);
        float lse = (float) (m + Math.log(s)); // log-sum-exp, max-shifted
        j = 0;
        for (; j < vecEnd; j += L) load(x, r + j).sub(lse).intoArray(out, o + j);
        for (; j < cols; j++) out[o + j] = x[r + j] - lse;
    }

    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;

    /**
     * {@code KernelSet#planeSums}: the four double partial sums as the lanes of one 256-bit double vector (eight floats
     * loaded, the first four widened a step, {@code vcvtps2pd}), so the same adds in the same order as the scalar twin's
     * four chains: its bits. Only 256-bit shapes, as the other kernels here: a 128-bit float vector in the same JVM made
     * C2 box the convolution kernels' vectors (layer 2's forward 1.7 -> 37 ms, session 12). The conv bias gradient of
     * layer 2 (4,096 planes of 49): 74 -> 43 us alone (bench/notes/conv.md, session 12).
     */
    static void planeSums(int planes, int p, float[] x, int xo, double[] out, int oo) {
        int p4 = p / 4 * 4, safe = x.length - 8;
        for (int i = 0, j0 = xo; i < planes; i++, j0 += p) {
            DoubleVector s = DoubleVector.zero(D4);
            int j = j0, e4 = j0 + p4, e = j0 + p;
            for (; j < e4 && j <= safe; j += 4) s = s.add((DoubleVector) FloatVector.fromArray(F8, x, j).convertShape(VectorOperators.F2D, D4, 0));
            double s0 = s.lane(0), s1 = s.lane(1), s2 = s.lane(2), s3 = s.lane(3);
            for (; j < e4; j += 4) { // the last floats of the array: no eight to load
                s0 += x[j];
                s1 += x[j + 1];
                s2 += x[j + 2];
                s3 += x[j + 3];
            }
            for (; j < e; j++) s0 += x[j];
            out[oo + i] = (s0 + s1) + (s2 + s3);
        }
    }
}
