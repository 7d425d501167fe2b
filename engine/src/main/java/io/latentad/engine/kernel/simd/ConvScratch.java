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
 * {@link ConvWeightGradient}), grown on demand and kept between calls, with the zero-padded NCHW copy of their
 * input ({@link #pad}).
 */
final class ConvScratch {
    private static final ThreadLocal<ConvScratch> BUFFERS = ThreadLocal.withInitial(ConvScratch::new);

    /** This thread's scratch. */
    static ConvScratch get() {
        return BUFFERS.get();
    }

    float[] padded = new float[0], weights = new float[0], bias = new float[0], rows = new float[0], cols = new float[0];
    /** The small-K forward's padded image split by column parity ({@link #splitColumns}). */
    float[] split = new float[0];
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

    private static final VectorSpecies<Float> T8 = FloatVector.SPECIES_256;
    private static final VectorShuffle<Float> EVEN = evenOdd(0), ODD = evenOdd(1);
    private static final VectorMask<Float> HIGH = VectorMask.fromArray(T8, new boolean[] {false, false, false, false, true, true, true,
        true}, 0);

    private static VectorShuffle<Float> evenOdd(int first) {
        return VectorShuffle.fromArray(T8, new int[] {first, first + 2, first + 4, first + 6, first, first + 2, first + 4, first + 6}, 0);
    }

    /**
     * {@code rows} rows of {@code pw} floats of a padded image split by column parity (stride 2; 256-bit vectors):
     * {@code sp[(2 r + par) wm + m] = xp[r pw + 2 m + par]} for {@code 2 m + par < pw}, {@code wm} a multiple of 8 with
     * {@code 2 wm >= pw}; per 16 floats two loads, four lane permutations, two blends. The slots past the row take the
     * floats after it (up to 15 past the last row are read). Pure data movement.
     */
    static void splitColumns(float[] xp, int rows, int pw, int wm, float[] sp) {
        for (int r = 0, src0 = 0, dst = 0; r < rows; r++, src0 += pw, dst += 2 * wm) {
            for (int m = 0, src = src0; m < wm; m += 8, src += 16) {
                FloatVector v0 = FloatVector.fromArray(T8, xp, src), v1 = FloatVector.fromArray(T8, xp, src + 8);
                v0.rearrange(EVEN).blend(v1.rearrange(EVEN), HIGH).intoArray(sp, dst + m);
                v0.rearrange(ODD).blend(v1.rearrange(ODD), HIGH).intoArray(sp, dst + wm + m);
            }
        }
    }

    /**
     * Where patch row {@code t} (padded-copy offset {@code kofs[t] = c plane + i pw + j}) of output row 0 starts in the
     * split image of {@link #splitColumns}: row {@code c ph + i}, parity {@code j mod 2}, slot {@code j / 2}.
     */
    static int[] parityTaps(int channels, int ph, int[] kofs, int k, int pw, int wm) {
        int[] toff = new int[k];
        for (int t = 0; t < k; t++) {
            int c = kofs[t] / (ph * pw), i = kofs[t] % (ph * pw) / pw, j = kofs[t] % pw;
            toff[t] = ((c * ph + i) * 2 + (j & 1)) * wm + (j >> 1);
        }
        return toff;
    }

    /**
     * The small-K form's patch matrix ({@code cols[t pp + oy ow + ox]}, stride 2) from the split image: each output row
     * of each patch row is {@code ow} adjacent floats there, copied as {@code nv} whole vectors of 8 in row order (the
     * floats past a row land on the next row's start, written after it; the last row's on the matrix's padding lanes,
     * whose results are not stored). The values of the gathers they replace: the same bits.
     */
    static void parityRows(float[] sp, int[] toff, int k, int oh, int ow, int nv, int rowStep, float[] cols, int pp) {
        for (int t = 0; t < k; t++) {
            for (int oy = 0, src = toff[t], dst = t * pp; oy < oh; oy++, src += rowStep, dst += ow) {
                for (int v = 0; v < nv; v++) FloatVector.fromArray(T8, sp, src + 8 * v).intoArray(cols, dst + 8 * v);
            }
        }
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
}
