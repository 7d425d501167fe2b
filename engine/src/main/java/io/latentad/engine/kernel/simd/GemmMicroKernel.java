package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled GEMM micro-kernel: one {@code MR x NR} tile of {@code C} (6 rows by two
 * vectors, 6 x 16 floats with 256-bit vectors) accumulated in 12 vector registers over a packed
 * A panel and a packed B panel ({@link GemmPacking}), then merged into {@code C} once.
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
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int LANES = F.length();
    /** Rows of a tile. */
    static final int MR = 6;
    /** Columns of a tile: two vectors. */
    static final int NR = 2 * LANES;

    private GemmMicroKernel() {
    }

    /**
     * {@code C[tile] = alpha * Ap * Bp + beta * C[tile]} over {@code kc} steps; {@code C} is not
     * read when {@code beta == 0}. {@code ap}/{@code bp} index the packed panels; {@code c, ci, ldc}
     * the tile's top-left element (which may be a scratch tile for edges).
     */
    static void tile(int kc, float[] ap, int ai, float[] bp, int bi,
                     float alpha, float beta, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        final int lanes = LANES;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
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
        merge(c00, c01, alpha, beta, c, ci);
        merge(c10, c11, alpha, beta, c, ci + ldc);
        merge(c20, c21, alpha, beta, c, ci + 2 * ldc);
        merge(c30, c31, alpha, beta, c, ci + 3 * ldc);
        merge(c40, c41, alpha, beta, c, ci + 4 * ldc);
        merge(c50, c51, alpha, beta, c, ci + 5 * ldc);
    }

    /** One tile row: {@code c = alpha * acc} (beta 0), {@code c + alpha * acc} (beta 1), else {@code fma(beta, c, alpha * acc)}. */
    private static void merge(FloatVector v0, FloatVector v1, float alpha, float beta, float[] c, int ci) {
        v0 = v0.mul(alpha);
        v1 = v1.mul(alpha);
        if (beta == 0f) {
            v0.intoArray(c, ci);
            v1.intoArray(c, ci + LANES);
        } else if (beta == 1f) {
            FloatVector.fromArray(F, c, ci).add(v0).intoArray(c, ci);
            FloatVector.fromArray(F, c, ci + LANES).add(v1).intoArray(c, ci + LANES);
        } else {
            FloatVector vb = FloatVector.broadcast(F, beta);
            FloatVector.fromArray(F, c, ci).fma(vb, v0).intoArray(c, ci);
            FloatVector.fromArray(F, c, ci + LANES).fma(vb, v1).intoArray(c, ci + LANES);
        }
    }
}
