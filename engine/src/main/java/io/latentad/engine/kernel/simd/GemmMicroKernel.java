package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled GEMM micro-kernel: one {@code MR x NR} tile of {@code C} (6 rows by two
 * vectors, 6 x 16 floats with 256-bit vectors) accumulated in 12 vector registers over a packed
 * A panel and a packed B panel ({@link GemmPacking}), then written into {@code C} once.
 *
 * <p>Per step {@code p} it loads two vectors of the B panel row, broadcasts six A values, and issues
 * twelve independent FMAs: 12 accumulators + 2 B vectors + 1 broadcast fit the 16 AVX2 registers,
 * and twelve independent FMA chains cover the FMA latency (4 cycles x 2 pipes) with room to spare.
 * This is the shape BLIS uses for Haswell/Zen sgemm (Van Zee and van de Geijn, "BLIS: A Framework
 * for Rapidly Instantiating BLAS Functionality", ACM TOMS 41(3), 2015, doi:10.1145/2764454).
 * Shapes tried and rejected are in bench/notes/gemm.md.
 *
 * <p>Each accumulator lane is one plain FMA chain over {@code p} in order, so an element's value
 * does not depend on where its tile sits: this is what makes results identical for any thread split.
 */
final class GemmMicroKernel {
    static final VectorSpecies<Float> F = Lanes.F;
    static final int LANES = F.length();
    /** Rows of a tile. */
    static final int MR = 6;
    /** Columns of a tile: two vectors. */
    static final int NR = 2 * LANES;

    private GemmMicroKernel() {
    }

    /** {@link #tile}'s write-outs: {@code C = acc}, {@code C = C + acc}, {@code C = acc + bias}. */
    static final int STORE = 0, ADD = 1, BIAS = 2;

    /**
     * {@code Ap * Bp} over {@code kc} steps ({@code ap}/{@code bp} index the packed panels), written into the
     * {@code MR x NR} block of {@code c} at {@code ci} (rows {@code ldc} apart): stored ({@link #STORE}), added
     * onto it ({@link #ADD}) or stored with {@code bias[bo + j]} added to column {@code j} ({@link #BIAS}).
     * A full tile of C with alpha 1 is written straight from the accumulators; any other tile goes to a
     * scratch tile ({@code c = acc, ci = 0, ldc = NR, STORE}) and then {@link #merge} or its edge forms.
     * Either way the same sums, so the same bits (times alpha 1 is exact).
     */
    static void tile(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc, int mode,
                         float[] bias, int bo) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        final int lanes = LANES;
        // one induction variable over the B panel: C2 keeps this loop free of spills and of B-side bounds
        // checks; two A-side checks per step stay (ai, ai + 5; JDK 17's code, bench/notes/gemm.md session 11).
        // Unrolling by hand made C2 hoist loads and spill accumulators; an index p for both panels kept the checks
        for (int bEnd = bi + kc * NR; bi < bEnd; bi += NR, ai += MR) {
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + lanes);
            FloatVector a = FloatVector.broadcast(F, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        // the accumulators leave through plain stores, here and not in a helper: passing vectors to a
        // helper that C2 declines to inline (NodeCountInliningCutoff) would box them
        int r0 = ci, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        if (mode == ADD) {
            c00 = FloatVector.fromArray(F, c, r0).add(c00);
            c01 = FloatVector.fromArray(F, c, r0 + lanes).add(c01);
            c10 = FloatVector.fromArray(F, c, r1).add(c10);
            c11 = FloatVector.fromArray(F, c, r1 + lanes).add(c11);
            c20 = FloatVector.fromArray(F, c, r2).add(c20);
            c21 = FloatVector.fromArray(F, c, r2 + lanes).add(c21);
            c30 = FloatVector.fromArray(F, c, r3).add(c30);
            c31 = FloatVector.fromArray(F, c, r3 + lanes).add(c31);
            c40 = FloatVector.fromArray(F, c, r4).add(c40);
            c41 = FloatVector.fromArray(F, c, r4 + lanes).add(c41);
            c50 = FloatVector.fromArray(F, c, r5).add(c50);
            c51 = FloatVector.fromArray(F, c, r5 + lanes).add(c51);
        } else if (mode == BIAS) {
            FloatVector v0 = FloatVector.fromArray(F, bias, bo), v1 = FloatVector.fromArray(F, bias, bo + lanes);
            c00 = c00.add(v0);
            c01 = c01.add(v1);
            c10 = c10.add(v0);
            c11 = c11.add(v1);
            c20 = c20.add(v0);
            c21 = c21.add(v1);
            c30 = c30.add(v0);
            c31 = c31.add(v1);
            c40 = c40.add(v0);
            c41 = c41.add(v1);
            c50 = c50.add(v0);
            c51 = c51.add(v1);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + lanes);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + lanes);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + lanes);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + lanes);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + lanes);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + lanes);
    }

    /**
     * {@link #tile} for the first two rows of an A panel only (2 x NR, 4 accumulators): the panel's last rows when
     * the height leaves one or two over six (a batch of 128 = 21 x 6 + 2). Its four FMAs a step take a third of
     * the full tile's time, where running the full tile on a panel padded with zeros cost as much as a full panel.
     * Each lane is the same FMA chain as in {@link #tile}, and the write-outs are the same, so the same bits.
     * {@code ap}/{@code ai} index a panel of the usual layout ({@link #MR} floats a step).
     */
    static void tile2(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc, int mode,
                      float[] bias, int bo) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        final int lanes = LANES;
        for (int bEnd = bi + kc * NR; bi < bEnd; bi += NR, ai += MR) {
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + lanes);
            FloatVector a = FloatVector.broadcast(F, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
        }
        int r0 = ci, r1 = r0 + ldc;
        if (mode == ADD) {
            c00 = FloatVector.fromArray(F, c, r0).add(c00);
            c01 = FloatVector.fromArray(F, c, r0 + lanes).add(c01);
            c10 = FloatVector.fromArray(F, c, r1).add(c10);
            c11 = FloatVector.fromArray(F, c, r1 + lanes).add(c11);
        } else if (mode == BIAS) {
            FloatVector v0 = FloatVector.fromArray(F, bias, bo), v1 = FloatVector.fromArray(F, bias, bo + lanes);
            c00 = c00.add(v0);
            c01 = c01.add(v1);
            c10 = c10.add(v0);
            c11 = c11.add(v1);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + lanes);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + lanes);
    }

    /**
     * {@code C[tile] = alpha * acc + beta * C[tile]} for a full {@code MR x NR} tile: {@code alpha * acc}
     * when beta is 0 (C not read), {@code c + alpha * acc} when beta is 1, else {@code fma(c, beta, alpha * acc)}.
     */
    static void merge(float[] acc, float alpha, float beta, float[] c, int ci, int ldc) {
        FloatVector va = FloatVector.broadcast(F, alpha);
        FloatVector vb = FloatVector.broadcast(F, beta);
        for (int r = 0; r < MR; r++, ci += ldc) {
            for (int j = 0; j < NR; j += LANES) {
                FloatVector t = FloatVector.fromArray(F, acc, r * NR + j).mul(va);
                if (beta == 0f) {
                    t.intoArray(c, ci + j);
                } else if (beta == 1f) {
                    FloatVector.fromArray(F, c, ci + j).add(t).intoArray(c, ci + j);
                } else {
                    FloatVector.fromArray(F, c, ci + j).fma(vb, t).intoArray(c, ci + j);
                }
            }
        }
    }

    /** {@code C = acc + bias} for the top-left {@code mr x nr} part of a tile, one element at a time ({@link #BIAS}'s rounding). */
    static void mergeBiasEdge(float[] acc, int mr, int nr, float[] bias, int bo, float[] c, int ci, int ldc) {
        for (int r = 0; r < mr; r++, ci += ldc) {
            for (int j = 0; j < nr; j++) c[ci + j] = acc[r * NR + j] + bias[bo + j];
        }
    }

    /** {@link #merge} for the top-left {@code mr x nr} part of a tile, one element at a time, same rounding. */
    static void mergeEdge(float[] acc, int mr, int nr, float alpha, float beta, float[] c, int ci, int ldc) {
        for (int r = 0; r < mr; r++, ci += ldc) {
            for (int j = 0; j < nr; j++) {
                float t = acc[r * NR + j] * alpha;
                if (beta == 0f) c[ci + j] = t;
                else if (beta == 1f) c[ci + j] = c[ci + j] + t;
                else c[ci + j] = Math.fma(c[ci + j], beta, t);
            }
        }
    }
}
