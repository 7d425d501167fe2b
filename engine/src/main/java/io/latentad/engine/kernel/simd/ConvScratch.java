package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

import static io.latentad.engine.kernel.simd.ConvTiles.F;
import static io.latentad.engine.kernel.simd.ConvTiles.L;
import static io.latentad.engine.kernel.simd.ConvTiles.MR;
import static io.latentad.engine.kernel.simd.ConvTiles.NR;

/**
 * The convolution kernels' per-thread scratch ({@link VectorConv}, {@link ConvInputGradient},
 * {@link ConvWeightGradient}), grown on demand and kept between calls, with the two copies they make of their
 * input: the zero-padded NCHW copy ({@link #pad}) and the channels-last copy ({@link #channelsLast}).
 */
final class ConvScratch {
    private static final ThreadLocal<ConvScratch> BUFFERS = ThreadLocal.withInitial(ConvScratch::new);

    /** This thread's scratch. */
    static ConvScratch get() {
        return BUFFERS.get();
    }

    float[] padded = new float[0], weights = new float[0], bias = new float[0], rows = new float[0], cols = new float[0];
    final float[] tile = new float[MR * NR];
    int[] inBase = new int[0], outBase = new int[0], kofs = new int[0];

    float[] padded(int n) {
        if (padded.length < n) padded = new float[n];
        return padded;
    }

    private int tapsKey0 = -1, tapsKey1, tapsKey2, tapsKey3, tapsKey4, pixKey0 = -1, pixKey1, pixKey2, pixKey3;
    private int[] taps = new int[0], pixels = new int[0];

    /** The padded-copy offset of each patch row {@code (c, i, j)}: kept while the geometry is the same. */
    int[] taps(int channels, int height, int width, int kh, int kw, int pad) {
        if (tapsKey0 != channels || tapsKey1 != height || tapsKey2 != width || tapsKey3 != kh * 1024 + kw || tapsKey4 != pad) {
            int pw = width + 2 * pad, plane = (height + 2 * pad) * pw;
            if (taps.length < channels * kh * kw) taps = new int[channels * kh * kw];
            for (int c = 0, t = 0; c < channels; c++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) taps[t++] = c * plane + i * pw + j;
                }
            }
            tapsKey0 = channels;
            tapsKey1 = height;
            tapsKey2 = width;
            tapsKey3 = kh * 1024 + kw;
            tapsKey4 = pad;
        }
        return taps;
    }

    /** The padded-copy offset of each output pixel's window (a multiple of the lanes long, the rest 0). */
    int[] pixels(int oh, int ow, int stride, int pw) {
        if (pixKey0 != oh || pixKey1 != ow || pixKey2 != stride || pixKey3 != pw) {
            int n = (oh * ow + L - 1) / L * L;
            if (pixels.length < n) pixels = new int[n];
            Arrays.fill(pixels, 0);
            for (int oy = 0, q = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++, q++) pixels[q] = oy * stride * pw + ox * stride;
            }
            pixKey0 = oh;
            pixKey1 = ow;
            pixKey2 = stride;
            pixKey3 = pw;
        }
        return pixels;
    }

    private int[] gatherRows = new int[L];
    private int gatherStride = -1;

    /** {@code {0, stride, 2 stride, ...}}: one gather reads a column of a row-major matrix. */
    int[] gatherRows(int stride) {
        if (gatherStride != stride) {
            for (int l = 0; l < L; l++) gatherRows[l] = l * stride;
            gatherStride = stride;
        }
        return gatherRows;
    }

    int[] inBase(int n) {
        if (inBase.length < n) {
            inBase = new int[n];
            outBase = new int[n];
        }
        return inBase;
    }

    /**
     * Zero-padded copies {@code [nb, C, H + 2 pad, W + 2 pad]} of {@code nb} images (one fill, one
     * {@code System.arraycopy} a row: faster than a copy loop or vector copies of the 14-float rows, measured;
     * the pass is bound by reading the images from memory; zeroing only the border, with the two pad columns
     * between rows written as scalars, was slower too: session 7).
     */
    static void pad(int nb, int channels, int height, int width, int pad, float[] x, int xo, float[] xp) {
        pad(nb, channels, height, width, pad, x, xo, xp, 0);
    }

    /** {@link #pad} into {@code xp} from {@code at}. */
    static void pad(int nb, int channels, int height, int width, int pad, float[] x, int xo, float[] xp, int at) {
        int pw = width + 2 * pad, ph = height + 2 * pad, planes = nb * channels;
        if (pad > 0) Arrays.fill(xp, at, at + planes * ph * pw, 0f);
        // rows of 14-16 floats with one pad column each side: two whole vectors a row, whose (at most two) extra
        // floats land in the pad columns between this row and the next and are zeroed again (layer 2's 14-float
        // rows, the batch's 28,672: an arraycopy a row 150 us; this, fill included, below; a loop over the vectors,
        // a blend or a masked store for the spill each lost the gain: bench/notes/conv.md session 8)
        int nv = (width + L - 1) / L, lastSafe = x.length - nv * L, img = height * width;
        boolean vectors = pad == 1 && nv == 2 && nv * L - width <= 2;
        for (int p = 0; p < planes; p++) {
            int src = xo + p * img, dst = at + p * ph * pw + pad * pw + pad;
            if (vectors && src + img - width <= lastSafe) {
                rowsOfTwoVectors(x, src, width, xp, dst, pw, height);
                continue;
            }
            for (int y = 0; y < height; y++, src += width, dst += pw) System.arraycopy(x, src, xp, dst, width);
        }
    }

    /** {@code rows} rows of 9-16 floats, each as two vectors, the (at most two) floats past the row zeroed again. */
    private static void rowsOfTwoVectors(float[] x, int src, int width, float[] xp, int dst, int pw, int rows) {
        for (int y = 0; y < rows; y++, src += width, dst += pw) {
            FloatVector.fromArray(F, x, src).intoArray(xp, dst);
            FloatVector.fromArray(F, x, src + L).intoArray(xp, dst + L);
            xp[dst + width] = 0f;
            xp[dst + width + 1] = 0f;
        }
    }

    /**
     * Channels-last copies of {@code nb} NCHW images ({@code channels x height x width}) into the interior of
     * a {@code [nb, ph, pw, channels]} block (rows from {@code top}, columns from {@code left}; the rest left as
     * it is): blocks of 8 channels x 8 pixels by {@link #transpose8To}; on narrower vectors pixel by pixel, 8 channels
     * a vector gather.
     */
    static void channelsLast(int nb, int channels, int height, int width, int ph, int pw, int top, int left,
                                     float[] x, int xo, float[] xq) {
        int hw = height * width, cv = channels / L * L, padImg = ph * pw * channels;
        if (TRANSPOSE_8 && channels >= 8) { // blocks of 8 channels x 8 pixels by register transposes (session 9)
            int c8 = channels / 8 * 8, h8 = hw / 8 * 8;
            int[] at = new int[hw]; // pixel q's place in the block
            for (int y = 0, q = 0; y < height; y++) {
                for (int xx = 0; xx < width; xx++, q++) at[q] = ((y + top) * pw + left + xx) * channels;
            }
            for (int b = 0; b < nb; b++) {
                int src = xo + b * channels * hw, dst = b * padImg;
                for (int c = 0; c < c8; c += 8) {
                    int q = 0;
                    for (; q < h8; q += 8) transpose8To(x, src + c * hw + q, hw, xq, at, q, dst + c);
                    for (; q < hw; q++) {
                        for (int j = 0; j < 8; j++) xq[dst + at[q] + c + j] = x[src + (c + j) * hw + q];
                    }
                }
                for (int q = 0; q < hw; q++) {
                    for (int c = c8; c < channels; c++) xq[dst + at[q] + c] = x[src + c * hw + q];
                }
            }
            return;
        }
        int[] planes = new int[L]; // one pixel's values in L consecutive channels
        for (int l = 0; l < L; l++) planes[l] = l * hw;
        for (int b = 0; b < nb; b++) {
            int src = xo + b * channels * hw;
            for (int y = 0; y < height; y++) {
                int dst = b * padImg + ((y + top) * pw + left) * channels;
                for (int xx = 0; xx < width; xx++, src++, dst += channels) {
                    int c = 0;
                    for (; c < cv; c += L) FloatVector.fromArray(F, x, src + c * hw, planes, 0).intoArray(xq, dst + c);
                    for (; c < channels; c++) xq[dst + c] = x[src + c * hw];
                }
            }
        }
    }

    /** The 8 x 8 transposes of {@link #transpose8}: 256-bit vectors whatever the kernels' width. */
    private static final VectorSpecies<Float> T8 = FloatVector.SPECIES_256;
    /** Whether {@link #transpose8} runs compiled (the kernels' vectors are 256 bits or wider); else gathers. */
    static final boolean TRANSPOSE_8 = F.vectorBitSize() >= 256;
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
     * each a lane permutation and a blend, as {@code GemmPacking}'s B^T panels (the lead's, session 9: 0.33 ns an
     * element on JDK 17 against a gather's). Pure data movement (and {@code dst + v} when adding): the bits of an
     * element loop. Its own small method, so that no vector crosses a call.
     */
    static void transpose8(float[] a, int s, int lda, float[] dst, int o, int stride, boolean add) {
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

    /** {@link #transpose8} storing row {@code q} of the transpose at {@code dst[o + at[ai + q]]} (rows anywhere). */
    static void transpose8To(float[] a, int s, int lda, float[] dst, int[] at, int ai, int o) {
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
        c0.blend(c4.rearrange(UP4), ODD4).intoArray(dst, o + at[ai]);
        c1.blend(c5.rearrange(UP4), ODD4).intoArray(dst, o + at[ai + 1]);
        c2.blend(c6.rearrange(UP4), ODD4).intoArray(dst, o + at[ai + 2]);
        c3.blend(c7.rearrange(UP4), ODD4).intoArray(dst, o + at[ai + 3]);
        c0.rearrange(UP4).blend(c4, ODD4).intoArray(dst, o + at[ai + 4]);
        c1.rearrange(UP4).blend(c5, ODD4).intoArray(dst, o + at[ai + 5]);
        c2.rearrange(UP4).blend(c6, ODD4).intoArray(dst, o + at[ai + 6]);
        c3.rearrange(UP4).blend(c7, ODD4).intoArray(dst, o + at[ai + 7]);
    }
}
