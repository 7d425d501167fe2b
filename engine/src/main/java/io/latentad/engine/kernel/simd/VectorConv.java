package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.kernel.Tuning;
import jdk.incubator.vector.FloatVector;

import java.util.Arrays;

import static io.latentad.engine.kernel.simd.ConvTiles.F;
import static io.latentad.engine.kernel.simd.ConvTiles.L;
import static io.latentad.engine.kernel.simd.ConvTiles.MR;
import static io.latentad.engine.kernel.simd.ConvTiles.NR;
import static io.latentad.engine.kernel.simd.ConvTiles.TM;
import static io.latentad.engine.kernel.simd.ConvTiles.TR;

/**
 * The convolution forward pass as an implicit GEMM: no patch matrix. The product is the one im2col
 * would build ({@code out[o, q] = bias[o] + sum_k W[o, k] patch[k, q]}, {@code k = (c, i, j)}, {@code q}
 * an output pixel), computed by register tiles ({@link ConvTiles}) of {@link ConvTiles#TM} output pixels by
 * {@link ConvTiles#TR} output channels (4 x 24, twelve accumulators; the last at most 16 channels by
 * {@link ConvTiles#MR} x {@link ConvTiles#NR} tiles as
 * {@link GemmMicroKernel}'s) whose "A" values are broadcast straight from a zero-padded copy of the images:
 * pixel {@code q}'s patch entry {@code k} sits at {@code base[q] + kofs[k]} of that copy, so a step of the
 * 4 x 24 tile is four scalar loads, three vector loads of the packed weights ({@code W^T}, 24 channels a
 * panel) and twelve FMAs (the 6 x 16 tile needs six scalar loads, each with its bounds check, for its
 * twelve; 4 x 24 measured 2-3% faster on the whole layer-2 forward, bench/notes/conv.md session 7). At stride 1 or
 * 2 (from six output columns) every panel is 16 channels wide and the tiles are {@link ConvTiles#tileRow2}: six pixels
 * of one output row, whose loads sit at constant offsets from one table read, so C2 merges their bounds checks into
 * two a step (the disassembly showed one check per broadcast in the per-pixel tiles); the pixels left at the rows'
 * ends ({@code ow mod 6}) go six at a time through {@link ConvTiles#tile} (session 11). The accumulators start at the bias (fused) and are stored whole into a channels-last scratch of the chunk
 * ({@code [q][channels]}), which one pass of 8 x 8 register transposes ({@link Transpose8}; 8-pixel
 * gathers for the channels past the last block of 8) turns into the NCHW planes (no scalar scatter, no
 * {@code [OC, B P]} matrix).
 *
 * <p>Per element: one FMA chain over {@code k} in order from the bias, the padding included (as
 * {@code fma(0, w, s)}), which is exactly what the scalar twin
 * ({@link io.latentad.engine.kernel.ScalarKernels#convForward}) computes: the two give the same bits.
 * Images are split over {@link Parallel} threads; an element's value does not depend on the split.
 *
 * <p>Loop order: chunks of images whose padded copy is at most {@link Tuning#CONV_CHUNK_FLOATS} floats
 * (L2) / channel panel ({@code K x 24} weights, L1 for K up to ~300) / tiles of four (six) pixels, which may
 * straddle two images of the chunk (no ragged tile per image). Cost: {@code B OH OW OC K} FMAs; memory:
 * per thread one padded chunk, its pixel table and its channels-last outputs, per call the packed weights
 * (about {@code OC K} floats).
 *
 * <p>The convolution's kernels are split by pass: this file the forward (and the small-K form, and im2col),
 * {@link ConvInputGradient} the input gradient, {@link ConvWeightGradient} the weight gradient; the register tiles
 * they share are in {@link ConvTiles}, the per-thread scratch and the padded copy in {@link ConvScratch}.
 */
final class VectorConv {
    private VectorConv() {
    }

    /** The {@code KernelSet#convForward} contract (see there). */
    static void forward(int images, int channels, int height, int width, int outChannels, int kh, int kw, int stride, int pad,
                        int oh, int ow, float[] x, int xo, float[] w, int wo, float[] bias, int bo, float[] out, int oo,
                        float[] padded, int po) {
        if (images <= 0 || outChannels <= 0 || oh <= 0 || ow <= 0) return;
        int k = channels * kh * kw;
        int ph = height + 2 * pad, pw = width + 2 * pad, plane = ph * pw, padImg = channels * plane;
        // panels of 24 channels (4 x 24 tiles), the rest (at most 16) in one panel of 6 x 16 tiles
        boolean row = (stride == 1 || stride == 2) && ow >= MR; // the same-row tiles (ConvTiles.tileRow1 / tileRow2)
        int tri = row ? 0 : (outChannels + TR - 1 - NR) / TR, rest = Math.max(0, outChannels - tri * TR);
        int nrp = row ? (outChannels + NR - 1) / NR : rest > 0 ? 1 : 0, ocp = tri * TR + nrp * NR;
        // shared, read-only during the parallel part: packed W^T, padded bias, patch offsets
        ConvScratch own = ConvScratch.get();
        if (own.bias.length < ocp + MR) own.bias = new float[ocp + MR];
        if (own.kofs.length < k) own.kofs = new int[k];
        float[] bp = own.bias;
        int[] kofs = own.kofs;
        Arrays.fill(bp, 0, ocp + MR, 0f);
        if (bias != null) System.arraycopy(bias, bo, bp, 0, outChannels);
        for (int c = 0, t = 0; c < channels; c++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) kofs[t++] = c * plane + i * pw + j;
            }
        }
        if (k < Tuning.CONV_IMPLICIT_MIN_K) {
            wide(images, channels, height, width, outChannels, k, stride, pad, oh, ow, x, xo, w, wo, bp, kofs, out, oo);
            if (padded != null) { // the small-K form pads image by image in its scratch: the copy asked for, apart
                Parallel.forRange(images, 1, (b0, b1) -> ConvScratch.pad(b1 - b0, channels, height, width, pad, x,
                        xo + b0 * channels * height * width, padded, po + b0 * padImg));
            }
            return;
        }
        if (own.weights.length < ocp * k) own.weights = new float[ocp * k];
        float[] wq = own.weights, bq = bp;
        for (int pn = 0; pn < tri; pn++) packPanel(outChannels, k, w, wo, wq, pn * TR * k, pn * TR, TR);
        for (int pn = 0; pn < nrp; pn++) packPanel(outChannels, k, w, wo, wq, (tri * TR + pn * NR) * k, tri * TR + pn * NR, NR);
        int chunk = Math.max(1, Math.min(images, Tuning.CONV_CHUNK_FLOATS / Math.max(1, padImg)));
        Parallel.forRange(images, 1, (b0, b1) -> {
            ConvScratch buf = ConvScratch.get();
            for (int c0 = b0; c0 < b1; c0 += chunk) {
                int nb = Math.min(chunk, b1 - c0);
                // the padded chunk in this thread's scratch, or in place in the caller's copy of the batch
                float[] xp = padded != null ? padded : buf.padded(nb * padImg);
                int at = padded != null ? po + c0 * padImg : 0;
                ConvScratch.pad(nb, channels, height, width, pad, x, xo + c0 * channels * height * width, xp, at);
                chunk(nb, c0, k, outChannels, tri, nrp, row, ocp, oh, ow, stride, pw, padImg, xp, at, kofs, wq, bq, out, oo, buf);
            }
        });
    }

    /**
     * The small-K form (a first layer: {@code K = C kh kw} below {@link Tuning#CONV_IMPLICIT_MIN_K}), lanes
     * over output pixels: per image, the {@code K x P} patches are gathered from the padded copy into an
     * L1-sized matrix whose rows are padded with zeros to a multiple of 16, then a {@code 6 x 16} tile of
     * (channels x pixels) runs over K with the six weights broadcast (blocks of four channels, {@code 4 x 16},
     * where they make the blocks cover OC exactly: 32 = 4 x 6 + 2 x 4, no computed-and-dropped rows; 290 -> 265 us
     * on layer 1, session 7), and its rows go to the NCHW output with vector stores (the pixels of a channel are
     * contiguous there). The same FMA chain per output as the implicit form and the scalar twin. At stride 2 (256-bit
     * vectors) the patch rows are copied from the padded image split by column parity ({@link ConvScratch#splitColumns}),
     * not gathered, and with K = 9 the whole tiles of six channels are {@link ConvTile9#tile} (the steps written out):
     * 257-264 -> 229-238 us on layer 1 (session 12).
     */
    private static void wide(int images, int channels, int height, int width, int oc, int k, int stride, int pad, int oh,
                             int ow, float[] x, int xo, float[] w, int wo, float[] bp, int[] kofs, float[] out, int oo) {
        int p = oh * ow, pp = (p + NR - 1) / NR * NR;
        int ph = height + 2 * pad, pw = width + 2 * pad, padImg = channels * ph * pw, img = channels * height * width;
        // channel blocks of six, then up to two of four when that covers OC exactly (32 = 4 x 6 + 2 x 4: no
        // wasted rows); else the last block of six is cut (its missing channels repeat the last: computed, not stored)
        int fours = 0;
        while (fours < 2 && (oc - 4 * fours < 0 || (oc - 4 * fours) % MR != 0)) fours++;
        if ((oc - 4 * fours) % MR != 0 || oc - 4 * fours < 0) fours = 0;
        int sixes = (oc - 4 * fours + MR - 1) / MR, blocks = sixes + fours;
        // W in row panels: block starting at channel o0 of r rows at wr[o0 k + t r + row]
        ConvScratch own = ConvScratch.get();
        if (own.rows.length < (oc + MR) * k) own.rows = new float[(oc + MR) * k];
        float[] wr = own.rows;
        for (int bl = 0; bl < blocks; bl++) {
            int o0 = bl < sixes ? bl * MR : sixes * MR + (bl - sixes) * 4, rr = bl < sixes ? MR : 4;
            for (int r = 0; r < rr; r++) {
                int o = Math.min(o0 + r, oc - 1);
                for (int t = 0, d = o0 * k + r; t < k; t++, d += rr) wr[d] = w[wo + o * k + t];
            }
        }
        // stride 2 (256-bit vectors): the patch rows copied from the padded image split by column parity, not gathered
        int nv8 = (ow + 7) / 8, wm = (pw + 15) / 16 * 8;
        boolean split = stride == 2 && Transpose8.COMPILED && p - ow + 8 * nv8 <= pp;
        int[] toff = split ? ConvScratch.parityTaps(channels, ph, kofs, k, pw, wm) : null;
        int splitLen = channels * ph * 2 * wm;
        Parallel.forRange(images, 1, (b0, b1) -> {
            ConvScratch buf = ConvScratch.get();
            float[] xp = buf.padded(padImg + 16); // the split reads up to 15 floats past the last row
            if (buf.cols.length < k * pp) buf.cols = new float[k * pp];
            float[] cols = buf.cols, acc = buf.tile;
            if (split && buf.split.length < splitLen + 2 * wm + 8 * nv8) buf.split = new float[splitLen + 2 * wm + 8 * nv8];
            float[] sp = buf.split;
            int[] base = buf.inBase(pp);
            for (int oy = 0, q = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++, q++) base[q] = oy * stride * pw + ox * stride;
            }
            for (int t = 0; t < k; t++) Arrays.fill(cols, t * pp + p, (t + 1) * pp, 0f);
            for (int b = b0; b < b1; b++) {
                ConvScratch.pad(1, channels, height, width, pad, x, xo + b * img, xp);
                if (split) {
                    ConvScratch.splitColumns(xp, channels * ph, pw, wm, sp);
                    ConvScratch.parityRows(sp, toff, k, oh, ow, nv8, 4 * wm, cols, pp);
                } else {
                    int pv = p / L * L;
                    for (int t = 0; t < k; t++) { // vector gathers (vgatherdps), then the tail
                        int o = kofs[t], row = t * pp, q = 0;
                        for (; q < pv; q += L) FloatVector.fromArray(F, xp, o, base, q).intoArray(cols, row + q);
                        for (; q < p; q++) cols[row + q] = xp[o + base[q]];
                    }
                }
                int ob = oo + b * oc * p;
                for (int bl = 0; bl < blocks; bl++) {
                    boolean six = bl < sixes;
                    int o0 = six ? bl * MR : sixes * MR + (bl - sixes) * 4, rows = six ? Math.min(MR, oc - o0) : 4;
                    for (int q0 = 0; q0 < pp; q0 += NR) {
                        int valid = Math.min(NR, p - q0), dst = ob + o0 * p + q0;
                        boolean whole = valid == NR && rows == (six ? MR : 4);
                        // a whole tile goes straight from the registers to the output; a cut one through acc
                        if (six && whole && k == 9) ConvTile9.tile(pp, cols, q0, wr, o0 * k, bp, o0, o0 + rows - 1, out, dst, p);
                        else if (six) ConvTiles.wideTile(k, pp, cols, q0, wr, o0 * k, bp, o0, o0 + rows - 1, acc, whole ? out : null, dst, p);
                        else ConvTiles.wideTile4(k, pp, cols, q0, wr, o0 * k, bp, o0, acc, whole ? out : null, dst, p);
                        if (whole) continue;
                        for (int r = 0; r < rows; r++) {
                            for (int l = 0, d = dst + r * p, a = r * NR; l < valid; l++) out[d + l] = acc[a + l];
                        }
                    }
                }
            }
        });
    }

    /**
     * im2col of one image ({@code KernelSet#im2col}): the image padded once, then each patch row
     * gathered through two offset tables (tap and pixel) with vector gathers, no bounds tests. Pure
     * data movement: the bits of the scalar twin.
     */
    static void im2col(int channels, int height, int width, int kh, int kw, int stride, int pad, int oh, int ow,
                       float[] x, int xo, float[] cols, int co, int ldc) {
        int p = oh * ow, k = channels * kh * kw, pw = width + 2 * pad;
        ConvScratch buf = ConvScratch.get();
        float[] xp = buf.padded(channels * (height + 2 * pad) * pw);
        ConvScratch.pad(1, channels, height, width, pad, x, xo, xp);
        int[] kofs = buf.taps(channels, height, width, kh, kw, pad), base = buf.pixels(oh, ow, stride, pw);
        int pv = p / L * L;
        for (int t = 0; t < k; t++) {
            int o = kofs[t], row = co + t * ldc, q = 0;
            for (; q < pv; q += L) FloatVector.fromArray(F, xp, o, base, q).intoArray(cols, row + q);
            for (; q < p; q++) cols[row + q] = xp[o + base[q]];
        }
    }

    /**
     * Every output of {@code nb} images (the first is image {@code first} of the batch) from their padded copy.
     * The tiles store their rows whole into a channels-last scratch {@code [q][channels padded to 16]} of the
     * chunk; one pass then turns it into the NCHW planes by 8 x 8 register transposes (1,885-1,930 -> 1,825-1,834 us
     * on layer 2 against 8-pixel gathers, session 9), gathers for the channels past the last block of 8.
     */
    private static void chunk(int nb, int first, int k, int oc, int tri, int nrp, boolean row, int ocp, int oh, int ow, int stride, int pw,
                              int padImg, float[] xp, int at, int[] kofs, float[] wp, float[] bp, float[] out, int oo,
                              ConvScratch buf) {
        int p = oh * ow, n = nb * p;
        int[] inBase = buf.inBase(n);
        for (int b = 0, q = 0; b < nb; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++, q++) inBase[q] = at + b * padImg + oy * stride * pw + ox * stride;
            }
        }
        if (buf.cols.length < (n + MR) * ocp) buf.cols = new float[(n + MR) * ocp];
        float[] cl = buf.cols;
        for (int panel = 0; panel < tri; panel++) {
            int wi = panel * k * TR, bi = panel * TR;
            for (int q0 = 0; q0 < n; q0 += TM) {
                int last = Math.min(q0 + TM, n) - 1;
                int a0 = inBase[q0], a1 = inBase[Math.min(q0 + 1, last)], a2 = inBase[Math.min(q0 + 2, last)], a3 = inBase[last];
                ConvTiles.tileTri(k, xp, a0, a1, a2, a3, kofs, wp, wi, bp, bi, cl, q0 * ocp + bi, ocp);
            }
        }
        if (row) {
            rowTiles(nb, k, nrp, ocp, oh, ow, stride, pw, padImg, xp, at, kofs, wp, bp, cl, buf);
        } else if (nrp > 0) {
            int wi = tri * k * TR, bi = tri * TR;
            for (int q0 = 0; q0 < n; q0 += MR) {
                int last = Math.min(q0 + MR, n) - 1;
                // a short last tile repeats its last pixel: the same loads, its rows land past the chunk's
                int a0 = inBase[q0], a1 = inBase[Math.min(q0 + 1, last)], a2 = inBase[Math.min(q0 + 2, last)];
                int a3 = inBase[Math.min(q0 + 3, last)], a4 = inBase[Math.min(q0 + 4, last)], a5 = inBase[last];
                ConvTiles.tile(k, xp, a0, a1, a2, a3, a4, a5, kofs, wp, wi, bp, bi, cl, q0 * ocp + bi, ocp);
            }
        }
        int[] rows = buf.gatherRows(ocp);
        int pv = p / L * L;
        // blocks of 8 channels x 8 pixels by register transposes (session 9), the rest by gathers
        int o8 = Transpose8.COMPILED ? oc / 8 * 8 : 0, p8 = p / 8 * 8;
        for (int b = 0; b < nb; b++) {
            for (int o = 0; o < o8; o += 8) {
                int src = b * p * ocp + o, dst = oo + ((first + b) * oc + o) * p, q = 0;
                for (; q < p8; q += 8) Transpose8.block(cl, src + q * ocp, ocp, out, dst + q, p, false);
                for (; q < p; q++) {
                    for (int j = 0; j < 8; j++) out[dst + j * p + q] = cl[src + q * ocp + j];
                }
            }
            for (int o = o8; o < oc; o++) {
                int src = b * p * ocp + o, dst = oo + ((first + b) * oc + o) * p, q = 0;
                for (; q < pv; q += L) FloatVector.fromArray(F, cl, src + q * ocp, rows, 0).intoArray(out, dst + q);
                for (; q < p; q++) out[dst + q] = cl[src + q * ocp];
            }
        }
    }

    /**
     * Stride 1 or 2: the tiles of {@link #chunk} as {@link ConvTiles#tileRow1} / {@link ConvTiles#tileRow2} over six
     * pixels of one output row each, the pixels left at the rows' ends ({@code ow mod 6} a row) six at a time by
     * table-driven {@link ConvTiles#tile}s whose rows are copied into the channels-last scratch. Same chains, same bits.
     */
    private static void rowTiles(int nb, int k, int nrp, int ocp, int oh, int ow, int stride, int pw, int padImg, float[] xp, int at,
                                 int[] kofs, float[] wp, float[] bp, float[] cl, ConvScratch buf) {
        int full = ow / MR * MR, left = 0;
        int[] inBase = buf.inBase, lq = buf.outBase;
        for (int r = 0, n = nb * oh; r < n; r++) { // the leftover pixels: their chunk index q and padded-copy base
            for (int ox = full; ox < ow; ox++, left++) {
                lq[left] = r * ow + ox;
                inBase[left] = inBase[r * ow + ox];
            }
        }
        float[] acc = buf.tile;
        for (int pn = 0; pn < nrp; pn++) {
            int wi = pn * k * NR, bi = pn * NR;
            for (int b = 0; b < nb; b++) {
                for (int oy = 0; oy < oh; oy++) {
                    int q = (b * oh + oy) * ow, base = at + b * padImg + oy * stride * pw;
                    for (int ox = 0; ox < full; ox += MR) {
                        if (stride == 2) ConvTiles.tileRow2(k, 0, xp, base + 2 * ox, kofs, wp, wi, bp, bi, cl, (q + ox) * ocp + bi, ocp);
                        else ConvTiles.tileRow1(k, 0, xp, base + ox, kofs, wp, wi, bp, bi, cl, (q + ox) * ocp + bi, ocp, false);
                    }
                }
            }
            for (int j0 = 0; j0 < left; j0 += MR) {
                int last = Math.min(j0 + MR, left) - 1, rows = last - j0 + 1;
                int a0 = inBase[j0], a1 = inBase[Math.min(j0 + 1, last)], a2 = inBase[Math.min(j0 + 2, last)];
                int a3 = inBase[Math.min(j0 + 3, last)], a4 = inBase[Math.min(j0 + 4, last)], a5 = inBase[last];
                ConvTiles.tile(k, xp, a0, a1, a2, a3, a4, a5, kofs, wp, wi, bp, bi, acc, 0, NR);
                for (int r = 0; r < rows; r++) {
                    int d = lq[j0 + r] * ocp + bi;
                    FloatVector.fromArray(F, acc, r * NR).intoArray(cl, d);
                    FloatVector.fromArray(F, acc, r * NR + L).intoArray(cl, d + L);
                }
            }
        }
    }

    /** {@code wp[dst + t * nr + lane]} = {@code W[o0 + lane, t]}, zero past the last channel. */
    private static void packPanel(int oc, int k, float[] w, int wo, float[] wp, int dst, int o0, int nr) {
        for (int lane = 0; lane < nr; lane++) {
            int o = o0 + lane;
            for (int t = 0, d = dst + lane; t < k; t++, d += nr) wp[d] = o < oc ? w[wo + o * k + t] : 0f;
        }
    }
}
