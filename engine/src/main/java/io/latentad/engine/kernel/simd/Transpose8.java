package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * 8 x 8 float transposes in registers, for the copies between layouts: the GEMM's A and transposed-B panels
 * ({@link GemmPacking}), the convolution's channels-first / channels-last copies ({@link VectorConv},
 * {@link ConvInputGradient}, {@link ConvWeightGradient}), the LSTM's packed panels ({@link VectorLstm}) and the
 * neighbour search's transposed rows ({@link VectorDistances}). One class, so the transposes warm up
 * once for all of them. Each method is small and self-contained (loads, exchanges, stores): inlined into a large
 * loop, C2 compiled the same code well in some JVMs and boxed its vectors in others (0.33 against 4.8 ns an element,
 * bench/notes/gemm.md, session 9).
 */
final class Transpose8 {
    private Transpose8() {
    }

    /** 256-bit vectors whatever the kernels' width. */
    private static final VectorSpecies<Float> T8 = FloatVector.SPECIES_256;
    /**
     * Whether the callers should use these transposes: the kernels run 256-bit vectors or wider. Below that T8
     * may run in the Vector API's Java fallback, and the callers keep their element loops or gathers.
     */
    static final boolean COMPILED = Lanes.F.vectorBitSize() >= 256;
    private static final VectorShuffle<Float> UP1 = shift(1), DOWN1 = shift(-1), UP2 = shift(2), DOWN2 = shift(-2),
            UP4 = shift(4);
    private static final VectorMask<Float> ODD1 = lanesWith(1), ODD2 = lanesWith(2), ODD4 = lanesWith(4);

    /** Lane i takes lane {@code i - by} (mod 8). */
    private static VectorShuffle<Float> shift(int by) {
        int[] from = new int[8];
        for (int i = 0; i < 8; i++) from[i] = (i - by + 8) & 7;
        return VectorShuffle.fromArray(T8, from, 0);
    }

    /** The lanes whose index has the given bit set. */
    private static VectorMask<Float> lanesWith(int bit) {
        boolean[] set = new boolean[8];
        for (int i = 0; i < 8; i++) set[i] = (i & bit) != 0;
        return VectorMask.fromArray(T8, set, 0);
    }

    /**
     * The transpose of the 8 x 8 block at {@code a[s + r * lda + q]} written to ({@code add}: added onto)
     * {@code dst[o + q * stride + r]}: three rounds of exchanges between pairs of rows (lanes 1, 2, then 4 apart),
     * each a lane permutation and a blend, 0.31-0.42 ns an element on JDK 17 in
     * {@code GemmPacking}'s B^T panels (0.62 the element loop, 0.93 gathers). Pure data movement (and {@code dst + v} when adding): the bits of an
     * element loop. Its own small method, so that no vector crosses a call.
     */
    static void block(float[] a, int s, int lda, float[] dst, int o, int stride, boolean add) {
        FloatVector r0 = FloatVector.fromArray(T8, a, s), r1 = FloatVector.fromArray(T8, a, s + lda);
        FloatVector r2 = FloatVector.fromArray(T8, a, s + 2 * lda), r3 = FloatVector.fromArray(T8, a, s + 3 * lda);
        FloatVector r4 = FloatVector.fromArray(T8, a, s + 4 * lda), r5 = FloatVector.fromArray(T8, a, s + 5 * lda);
        FloatVector r6 = FloatVector.fromArray(T8, a, s + 6 * lda), r7 = FloatVector.fromArray(T8, a, s + 7 * lda);
        FloatVector a0 = r0.blend(r1.rearrange(UP1), ODD1), a1 = r0.rearrange(DOWN1).blend(r1, ODD1);
        FloatVector a2 = r2.blend(r3.rearrange(UP1), ODD1), a3 = r2.rearrange(DOWN1).blend(r3, ODD1);
        FloatVector a4 = r4.blend(r5.rearrange(UP1), ODD1), a5 = r4.rearrange(DOWN1).blend(r5, ODD1);
        FloatVector a6 = r6.blend(r7.rearrange(UP1), ODD1), a7 = r6.rearrange(DOWN1).blend(r7, ODD1);
        FloatVector c0 = a0.blend(a2.rearrange(UP2), ODD2), c2 = a0.rearrange(DOWN2).blend(a2, ODD2);
        FloatVector c1 = a1.blend(a3.rearrange(UP2), ODD2), c3 = a1.rearrange(DOWN2).blend(a3, ODD2);
        FloatVector c4 = a4.blend(a6.rearrange(UP2), ODD2), c6 = a4.rearrange(DOWN2).blend(a6, ODD2);
        FloatVector c5 = a5.blend(a7.rearrange(UP2), ODD2), c7 = a5.rearrange(DOWN2).blend(a7, ODD2);
        FloatVector t0 = c0.blend(c4.rearrange(UP4), ODD4), t1 = c1.blend(c5.rearrange(UP4), ODD4);
        FloatVector t2 = c2.blend(c6.rearrange(UP4), ODD4), t3 = c3.blend(c7.rearrange(UP4), ODD4);
        FloatVector t4 = c0.rearrange(UP4).blend(c4, ODD4), t5 = c1.rearrange(UP4).blend(c5, ODD4);
        FloatVector t6 = c2.rearrange(UP4).blend(c6, ODD4), t7 = c3.rearrange(UP4).blend(c7, ODD4);
        if (add) {
            FloatVector.fromArray(T8, dst, o).add(t0).intoArray(dst, o);
            FloatVector.fromArray(T8, dst, o + stride).add(t1).intoArray(dst, o + stride);
            FloatVector.fromArray(T8, dst, o + 2 * stride).add(t2).intoArray(dst, o + 2 * stride);
            FloatVector.fromArray(T8, dst, o + 3 * stride).add(t3).intoArray(dst, o + 3 * stride);
            FloatVector.fromArray(T8, dst, o + 4 * stride).add(t4).intoArray(dst, o + 4 * stride);
            FloatVector.fromArray(T8, dst, o + 5 * stride).add(t5).intoArray(dst, o + 5 * stride);
            FloatVector.fromArray(T8, dst, o + 6 * stride).add(t6).intoArray(dst, o + 6 * stride);
            FloatVector.fromArray(T8, dst, o + 7 * stride).add(t7).intoArray(dst, o + 7 * stride);
            return;
        }
        t0.intoArray(dst, o);
        t1.intoArray(dst, o + stride);
        t2.intoArray(dst, o + 2 * stride);
        t3.intoArray(dst, o + 3 * stride);
        t4.intoArray(dst, o + 4 * stride);
        t5.intoArray(dst, o + 5 * stride);
        t6.intoArray(dst, o + 6 * stride);
        t7.intoArray(dst, o + 7 * stride);
    }
}
