package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Squared Euclidean distance matrix, the kNN / k-means / LOF workhorse:
 * {@code out[i, j] = sum_p (a[i, p] - b[j, p])^2}.
 *
 * <p>Strategy: vectorize across rows of B, not across the dimension d. Latent spaces are small
 * (d = 2..16), too short to fill even one 8-lane vector, and a per-pair horizontal sum would
 * cost more than the arithmetic. So a block of {@code lanes} rows of B is transposed once into a
 * small scratch array ({@code bt[p][lane]}), and then for every row a_i of a tile of A,
 * {@code acc += (bt[p] - a[i, p])^2} over p produces {@code lanes} distances at once, stored
 * contiguously in row i of the output. The transposition is repaid over the tile of A rows; the
 * tile is sized so that it stays in L1/L2 (about 8K floats, at most 256 rows).
 *
 * <p>Accuracy: differences are computed exactly as in the scalar twin (float subtract, never
 * the {@code ||a||^2 + ||b||^2 - 2 a.b} expansion, which cancels catastrophically for near
 * neighbours and can go negative); only the accumulation over p is float with FMA instead of
 * double, a relative error of about {@code d} float ulps at worst. Identical rows give exactly 0.
 *
 * <p>Rows of A are split over {@link Parallel#forRange} when the work {@code m n d} reaches
 * {@link #PARALLEL_MIN_WORK}. Every output is computed by the same operations whatever the
 * split, so results are bit-identical for every thread count.
 */
final class VectorDistances {
    private static final VectorSpecies<Float> F = VectorMath.F;
    private static final int L = F.length();
    /**
     * Multiply-adds {@code m n d} from which rows of A are split over threads. Set by
     * {@code DistanceBenchmark} (threads = 1 vs 2, see bench/notes/simd.md).
     */
    static final long PARALLEL_MIN_WORK = 1L << 20;
    private static final int TILE_FLOATS = 8192;
    private static final int TILE_MAX_ROWS = 256;

    private VectorDistances() {
    }

    /**
     * The transposed copy: 8 x 8 blocks by register transposes ({@link Transpose8#block}, 0.31-0.42 ns an element
     * in the GEMM's packing), the edges by a gather of {@code L} rows down each column (the index map steps by
     * {@code lda}; 0.67 ns an element with a padded {@code lda}) or element by element. Pure data movement.
     */
    static void transpose(int rows, int cols, float[] a, int ao, int lda, float[] t, int to, int ldt) {
        int r8 = 0, c8 = 0;
        if (Transpose8.COMPILED) {
            r8 = rows & ~7;
            c8 = cols & ~7;
            for (int r = 0; r < r8; r += 8) {
                for (int c = 0; c < c8; c += 8) Transpose8.block(a, ao + r * lda + c, lda, t, to + c * ldt + r, ldt, false);
            }
        }
        // what the blocks left: the last rows % 8 rows under the blocked columns, then the columns from c8 on
        gatherColumns(r8, rows, 0, c8, a, ao, lda, t, to, ldt);
        gatherColumns(0, rows, c8, cols, a, ao, lda, t, to, ldt);
    }

    /** Rows {@code [r0, r1)} of columns {@code [c0, c1)} transposed by gathers down each column. */
    private static void gatherColumns(int r0, int r1, int c0, int c1, float[] a, int ao, int lda, float[] t, int to, int ldt) {
        if (r0 >= r1 || c0 >= c1) return; // nothing left by the blocks (the usual case for whole tiles)
        int[] map = new int[L];
        for (int i = 0; i < L; i++) map[i] = i * lda;
        int full = r0 + (r1 - r0) / L * L;
        for (int c = c0; c < c1; c++) {
            int r = r0, src = ao + c, dst = to + c * ldt;
            for (; r < full; r += L) FloatVector.fromArray(F, a, src + r * lda, map, 0).intoArray(t, dst + r);
            for (; r < r1; r++) t[dst + r] = a[src + r * lda];
        }
    }

    /**
     * {@link io.latentad.engine.kernel.KernelSet#firstAtMost}: {@code L} rows per compare, the first
     * passing lane found from the mask; the same float operations as the scalar twin, so the same index.
     */
    static int firstAtMost(int from, int to, float a, float[] b, int bo, float[] e, int eo, float bound) {
        FloatVector va = FloatVector.broadcast(F, a), vbound = FloatVector.broadcast(F, bound);
        int i = from;
        for (int end = from + F.loopBound(to - from); i < end; i += L) {
            FloatVector v = va.add(FloatVector.fromArray(F, b, bo + i))
                    .sub(FloatVector.fromArray(F, e, eo + i).mul(2f));
            var pass = v.compare(VectorOperators.LE, vbound);
            if (pass.anyTrue()) return i + pass.firstTrue();
        }
        for (; i < to; i++) {
            if ((a + b[bo + i]) - 2f * e[eo + i] <= bound) return i;
        }
        return to;
    }

    static void sqDist(int m, int n, int d, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        if (m == 0 || n == 0) return;
        long work = (long) m * n * Math.max(d, 1);
        if (work < PARALLEL_MIN_WORK || Parallel.threads() == 1) {
            rows(0, m, n, d, a, ao, b, bo, out, oo);
        } else {
            Parallel.forRange(m, 16, (from, to) -> rows(from, to, n, d, a, ao, b, bo, out, oo));
        }
    }

    /** Rows {@code [from, to)} of the distance matrix. */
    private static void rows(int from, int to, int n, int d, float[] a, int ao, float[] b, int bo,
                             float[] out, int oo) {
        float[] bt = new float[Math.max(d, 1) * L]; // one block of B, transposed
        int tile = Math.max(1, Math.min(TILE_MAX_ROWS, TILE_FLOATS / Math.max(d, 1)));
        for (int i0 = from; i0 < to; i0 += tile) {
            int i1 = Math.min(to, i0 + tile);
            int j = 0;
            for (; j + L <= n; j += L) {
                for (int l = 0; l < L; l++) {
                    int src = bo + (j + l) * d;
                    for (int p = 0; p < d; p++) bt[p * L + l] = b[src + p];
                }
                for (int i = i0; i < i1; i++) {
                    int ar = ao + i * d;
                    FloatVector acc = FloatVector.zero(F);
                    for (int p = 0; p < d; p++) {
                        FloatVector diff = FloatVector.fromArray(F, bt, p * L).sub(a[ar + p]);
                        acc = diff.fma(diff, acc);
                    }
                    acc.intoArray(out, oo + i * n + j);
                }
            }
            // the last n mod lanes columns: the same operations one pair at a time
            for (; j < n; j++) {
                int br = bo + j * d;
                for (int i = i0; i < i1; i++) {
                    int ar = ao + i * d;
                    float acc = 0f;
                    for (int p = 0; p < d; p++) {
                        float diff = b[br + p] - a[ar + p];
                        acc = Math.fma(diff, diff, acc);
                    }
                    out[oo + i * n + j] = acc;
                }
            }
        }
    }
}
