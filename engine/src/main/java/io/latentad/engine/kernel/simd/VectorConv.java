package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.kernel.Tuning;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * The convolution forward pass as an implicit GEMM: no patch matrix. The product is the one im2col
 * would build ({@code out[o, q] = bias[o] + sum_k W[o, k] patch[k, q]}, {@code k = (c, i, j)}, {@code q}
 * an output pixel), computed by register tiles of {@link #TM} output pixels by {@link #TR} output channels
 * (4 x 24, twelve accumulators; the last at most 16 channels by {@link #MR} x {@link #NR} tiles as
 * {@link GemmMicroKernel}'s) whose "A" values are broadcast straight from a zero-padded copy of the images:
 * pixel {@code q}'s patch entry {@code k} sits at {@code base[q] + kofs[k]} of that copy, so a step of the
 * 4 x 24 tile is four scalar loads, three vector loads of the packed weights ({@code W^T}, 24 channels a
 * panel) and twelve FMAs (the 6 x 16 tile needs six scalar loads, each with its bounds check, for its
 * twelve; 4 x 24 measured 2-3% faster on the whole layer-2 forward, bench/notes/conv.md session 7). The
 * accumulators start at the bias (fused) and are stored whole into a channels-last scratch of the chunk
 * ({@code [q][channels]}), which one pass of 8-pixel gathers turns into the NCHW planes (no scalar
 * scatter, no {@code [OC, B P]} matrix).
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
 */
final class VectorConv {
    private static final VectorSpecies<Float> F = GemmMicroKernel.F;
    private static final int L = F.length();
    static final int MR = 6;
    static final int NR = 2 * L;
    /** The forward's other tile: {@link #TM} pixels by {@link #TR} channels (three vectors). */
    static final int TM = 4;
    static final int TR = 3 * L;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private VectorConv() {
    }

    /** Per-thread scratch, grown on demand. */
    private static final class Buffers {
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
    }

    /** The {@code KernelSet#convForward} contract (see there). */
    static void forward(int images, int channels, int height, int width, int outChannels, int kh, int kw, int stride, int pad,
                        int oh, int ow, float[] x, int xo, float[] w, int wo, float[] bias, int bo, float[] out, int oo) {
        if (images <= 0 || outChannels <= 0 || oh <= 0 || ow <= 0) return;
        int k = channels * kh * kw;
        int ph = height + 2 * pad, pw = width + 2 * pad, plane = ph * pw, padImg = channels * plane;
        // panels of 24 channels (4 x 24 tiles), the rest (at most 16) in one panel of 6 x 16 tiles
        int tri = (outChannels + TR - 1 - NR) / TR, rest = Math.max(0, outChannels - tri * TR), ocp = tri * TR + (rest > 0 ? NR : 0);
        // shared, read-only during the parallel part: packed W^T, padded bias, patch offsets
        Buffers own = BUFFERS.get();
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
            return;
        }
        if (own.weights.length < ocp * k) own.weights = new float[ocp * k];
        float[] wq = own.weights, bq = bp;
        for (int pn = 0; pn < tri; pn++) packPanel(outChannels, k, w, wo, wq, pn * TR * k, pn * TR, TR);
        if (rest > 0) packPanel(outChannels, k, w, wo, wq, tri * TR * k, tri * TR, NR);
        int chunk = Math.max(1, Math.min(images, Tuning.CONV_CHUNK_FLOATS / Math.max(1, padImg)));
        Parallel.forRange(images, 1, (b0, b1) -> {
            Buffers buf = BUFFERS.get();
            for (int c0 = b0; c0 < b1; c0 += chunk) {
                int nb = Math.min(chunk, b1 - c0);
                float[] xp = buf.padded(nb * padImg);
                pad(nb, channels, height, width, pad, x, xo + c0 * channels * height * width, xp);
                chunk(nb, c0, k, outChannels, tri, rest, ocp, oh, ow, stride, pw, padImg, xp, kofs, wq, bq, out, oo, buf);
            }
        });
    }

    /**
     * The input gradient ({@code KernelSet#convBackwardInput}) as implicit GEMMs, one per stride phase: the
     * input pixels {@code (y, x)} with {@code (y + pad) mod s = ry} and {@code (x + pad) mod s = rx} receive
     * exactly the taps {@code i = ry + s u}, {@code j = rx + s v}, from output pixel {@code (my - u, mx - v)}
     * ({@code my = (y + pad - ry) / s}): a stride-1 correlation of the output gradient with that sub-kernel.
     * Each phase runs {@link #rowTile} tiles (6 of the phase's input pixels by 16 input channels) over a
     * zero-padded channels-last copy of the output gradient {@code [b][py][px][o]}: for each {@code u} the
     * entries {@code (v descending, o)} are one contiguous run of {@code V x OC} floats. The weights are packed
     * per phase in that order; the tiles' rows go whole into a channels-last scratch of the chunk (each input pixel
     * belongs to one phase), which one pass of 8-pixel gathers adds onto the NCHW {@code dx} (layer 2 alone
     * 2,366-2,920 -> 2,161-2,355 us against the scalar scatter-add, session 7). No {@code dcols} matrix, no col2im. Per
     * element one FMA chain over {@code (u, v descending, o)} from 0, out-of-range entries included as
     * {@code fma(0, w, s)}, then added to {@code dx}: the scalar twin's order and bits.
     */
    static void backwardInput(int images, int channels, int height, int width, int oc, int kh, int kw, int stride,
                              int pad, int oh, int ow, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo) {
        if (images <= 0 || channels <= 0 || height <= 0 || width <= 0) return;
        int s = stride, panels = (channels + NR - 1) / NR;
        int top = (kh + s - 1) / s, left = (kw + s - 1) / s; // at least the largest u (v) of any phase
        int ph = top + Math.max(oh, (height - 1 + pad) / s + 1), pw = left + Math.max(ow, (width - 1 + pad) / s + 1);
        int padImg = ph * pw * oc, phases = s * s;
        // per phase: U and V taps, K' = OC U V, the packed weights wp[phase][panel][(u, V - 1 - v, o)][16]
        int[] uOf = new int[phases], vOf = new int[phases], wAt = new int[phases];
        int wTotal = 0;
        for (int ry = 0; ry < s; ry++) {
            for (int rx = 0; rx < s; rx++) {
                int f = ry * s + rx;
                uOf[f] = ry < kh ? (kh - ry + s - 1) / s : 0;
                vOf[f] = rx < kw ? (kw - rx + s - 1) / s : 0;
                wAt[f] = wTotal;
                wTotal += panels * oc * uOf[f] * vOf[f] * NR;
            }
        }
        Buffers own = BUFFERS.get();
        if (own.weights.length < wTotal) own.weights = new float[wTotal];
        float[] wp = own.weights;
        for (int ry = 0; ry < s; ry++) {
            for (int rx = 0; rx < s; rx++) {
                int f = ry * s + rx, vf = vOf[f], kf = oc * uOf[f] * vf;
                for (int u = 0, t = 0; u < uOf[f]; u++) {
                    for (int v = vf - 1; v >= 0; v--) {
                        for (int o = 0; o < oc; o++, t++) {
                            int src = wo + (o * channels * kh + ry + s * u) * kw + rx + s * v, cstep = kh * kw;
                            for (int panel = 0, c = 0; panel < panels; panel++) {
                                for (int l = 0, d = wAt[f] + (panel * kf + t) * NR; l < NR; l++, c++) {
                                    wp[d + l] = c < channels ? w[src + c * cstep] : 0f;
                                }
                            }
                        }
                    }
                }
            }
        }
        int hw = height * width, img = oc * oh * ow, cpad = panels * NR;
        // a chunk's padded dY copy and its channels-last dx scratch together within CONV_CHUNK_FLOATS
        int chunk = Math.max(1, Math.min(images, Tuning.CONV_CHUNK_FLOATS / Math.max(1, padImg + hw * cpad)));
        Parallel.forRange(images, 1, (b0, b1) -> {
            Buffers buf = BUFFERS.get();
            float[] acc = buf.tile;
            for (int c0 = b0; c0 < b1; c0 += chunk) {
                int nb = Math.min(chunk, b1 - c0);
                float[] yq = buf.padded(nb * padImg);
                if (buf.cols.length < nb * hw * cpad) buf.cols = new float[nb * hw * cpad];
                float[] cl = buf.cols;
                for (int b = 0; b < nb; b++) { // zeros around the interior channelsLast writes
                    int base = b * padImg, rowLen = pw * oc;
                    Arrays.fill(yq, base, base + top * rowLen, 0f);
                    Arrays.fill(yq, base + (top + oh) * rowLen, base + padImg, 0f);
                    for (int y = top; y < top + oh; y++) {
                        Arrays.fill(yq, base + y * rowLen, base + (y * pw + left) * oc, 0f);
                        Arrays.fill(yq, base + (y * pw + left + ow) * oc, base + (y + 1) * rowLen, 0f);
                    }
                }
                channelsLast(nb, oc, oh, ow, ph, pw, top, left, dy, dyo + c0 * img, yq);
                int[] inBase = buf.inBase(nb * hw), outBase = buf.outBase;
                for (int ry = 0; ry < s; ry++) {
                    for (int rx = 0; rx < s; rx++) {
                        int f = ry * s + rx, n = 0, uf = uOf[f], run = vOf[f] * oc, kf = uf * run;
                        for (int b = 0; b < nb; b++) {
                            for (int y = (ry - pad % s + s) % s; y < height; y += s) {
                                int my = (y + pad - ry) / s;
                                for (int x = (rx - pad % s + s) % s; x < width; x += s, n++) {
                                    inBase[n] = b * padImg + ((my + top) * pw + (x + pad - rx) / s + left) * oc;
                                    outBase[n] = ((b * height + y) * width + x) * cpad;
                                }
                            }
                        }
                        for (int panel = 0; panel < panels; panel++) {
                            int wi = wAt[f] + panel * kf * NR, chOff = panel * NR;
                            for (int q0 = 0; q0 < n; q0 += MR) {
                                int rows = Math.min(MR, n - q0), last = q0 + rows - 1;
                                int a0 = inBase[q0], a1 = inBase[Math.min(q0 + 1, last)], a2 = inBase[Math.min(q0 + 2, last)];
                                int a3 = inBase[Math.min(q0 + 3, last)], a4 = inBase[Math.min(q0 + 4, last)], a5 = inBase[last];
                                Arrays.fill(acc, 0f);
                                for (int u = 0; u < uf; u++) { // row u starts at (-u pw - (V - 1)) OC from the pixel
                                    int d = -(u * pw + vOf[f] - 1) * oc;
                                    rowTile(run, yq, a0 + d, a1 + d, a2 + d, a3 + d, a4 + d, a5 + d, wp, wi + u * run * NR, acc);
                                }
                                for (int r = 0; r < rows; r++) { // whole rows into the channels-last scratch
                                    int d = outBase[q0 + r] + chOff;
                                    FloatVector.fromArray(F, acc, r * NR).intoArray(cl, d);
                                    FloatVector.fromArray(F, acc, r * NR + L).intoArray(cl, d + L);
                                }
                            }
                        }
                    }
                }
                // every pixel of the chunk belongs to one phase: the scratch is complete; add it onto the NCHW dx
                // with 8-pixel gathers (in place of a scalar read-modify-write of each element, hw floats apart)
                int[] rowsIdx = buf.gatherRows(cpad);
                int hv = hw / L * L;
                for (int b = 0; b < nb; b++) {
                    for (int c = 0; c < channels; c++) {
                        int src = b * hw * cpad + c, d = dxo + ((c0 + b) * channels + c) * hw, q = 0;
                        for (; q < hv; q += L) {
                            FloatVector.fromArray(F, dx, d + q).add(FloatVector.fromArray(F, cl, src + q * cpad, rowsIdx, 0))
                                    .intoArray(dx, d + q);
                        }
                        for (; q < hw; q++) dx[d + q] += cl[src + q * cpad];
                    }
                }
            }
        });
    }

    /**
     * Channels-last copies of {@code nb} NCHW images ({@code channels x height x width}) into the interior of
     * a {@code [nb, ph, pw, channels]} block (rows from {@code top}, columns from {@code left}; the rest left as
     * it is): pixel by pixel, 8 channels a vector gather, writes in order.
     */
    private static void channelsLast(int nb, int channels, int height, int width, int ph, int pw, int top, int left,
                                     float[] x, int xo, float[] xq) {
        int hw = height * width, cv = channels / L * L, padImg = ph * pw * channels;
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

    /**
     * One row of a {@code 6 x 16} tile over a channels-last copy: pixels whose run starts at {@code p0..p5},
     * channels of the weight panel at {@code wi}; {@code acc} (row-major {@code 6 x 16}, 0 or the previous rows'
     * sums) gets the FMA chains continued over the {@code run} contiguous entries: six scalar loads
     * {@code xq[p_r + e]} a step, no offset table (the table-driven {@link #tile} loads {@code kofs[t]} and
     * checks six table-dependent indices a step; alone on the forward's shapes 72 against 64 GFLOPS, measured).
     * One row per call: with the vectors live across a loop over the rows C2 boxed them (10x slower, measured).
     */
    private static void rowTile(int run, float[] xq, int p0, int p1, int p2, int p3, int p4, int p5, float[] wp, int wi,
                                float[] acc) {
        FloatVector c00 = FloatVector.fromArray(F, acc, 0), c01 = FloatVector.fromArray(F, acc, L);
        FloatVector c10 = FloatVector.fromArray(F, acc, NR), c11 = FloatVector.fromArray(F, acc, NR + L);
        FloatVector c20 = FloatVector.fromArray(F, acc, 2 * NR), c21 = FloatVector.fromArray(F, acc, 2 * NR + L);
        FloatVector c30 = FloatVector.fromArray(F, acc, 3 * NR), c31 = FloatVector.fromArray(F, acc, 3 * NR + L);
        FloatVector c40 = FloatVector.fromArray(F, acc, 4 * NR), c41 = FloatVector.fromArray(F, acc, 4 * NR + L);
        FloatVector c50 = FloatVector.fromArray(F, acc, 5 * NR), c51 = FloatVector.fromArray(F, acc, 5 * NR + L);
        // the weight index is the loop's counter and e rides along (as in GemmMicroKernel): with e as the
        // counter and wj = wi + 16 e the loop ran at half the rate (34 against 72 GFLOPS alone, measured)
        for (int wj = wi, e = 0, end = wi + run * NR; wj < end; wj += NR, e++) {
            FloatVector b0 = FloatVector.fromArray(F, wp, wj);
            FloatVector b1 = FloatVector.fromArray(F, wp, wj + L);
            FloatVector a = FloatVector.broadcast(F, xq[p0 + e]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, xq[p1 + e]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, xq[p2 + e]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, xq[p3 + e]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, xq[p4 + e]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, xq[p5 + e]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(acc, 0);
        c01.intoArray(acc, L);
        c10.intoArray(acc, NR);
        c11.intoArray(acc, NR + L);
        c20.intoArray(acc, 2 * NR);
        c21.intoArray(acc, 2 * NR + L);
        c30.intoArray(acc, 3 * NR);
        c31.intoArray(acc, 3 * NR + L);
        c40.intoArray(acc, 4 * NR);
        c41.intoArray(acc, 4 * NR + L);
        c50.intoArray(acc, 5 * NR);
        c51.intoArray(acc, 5 * NR + L);
    }

    /**
     * The weight gradient ({@code KernelSet#convBackwardWeight}) as an implicit GEMM with the roles turned:
     * {@code dW^T [K, OC] = patches^T dY^T}, a tile of 4 patch entries {@code k} by 24 output channels (the
     * rest, at most 16 channels, 6 by 16) summed over the pixels {@code q} of a chunk of images; per step the four
     * values {@code x_pad[base[q] + kofs[k_r]]} are broadcast (the forward's {@link #tileTri}, offsets and bases
     * swapped) against three vectors of the output gradient transposed to {@code [q][24 channels]} (6 x 16:
     * 53 -> 56 GFLOPS on layer 2, session 7). No patch matrix. Chunks of {@code chunk} images, each
     * chunk's sum one FMA chain from 0 over its (image, pixel) in order, added to {@code dw} chunk by chunk;
     * the tiles of a chunk are split over threads (disjoint outputs): the scalar twin's bits on any thread count.
     */
    static void backwardWeight(int images, int channels, int height, int width, int oc, int kh, int kw, int stride, int pad,
                               int oh, int ow, float[] x, int xo, float[] dy, int dyo, int chunk, float[] dw, int dwo) {
        if (images <= 0 || oc <= 0) return;
        int k = channels * kh * kw, p = oh * ow;
        // panels of 24 output channels (4 patch entries x 24 channels tiles), the rest (at most 16) in one of 16 (6 x 16)
        int tri = (oc + TR - 1 - NR) / TR, rest = Math.max(0, oc - tri * TR), ocp = tri * TR + (rest > 0 ? NR : 0);
        int triUnits = tri * ((k + TM - 1) / TM), units = triUnits + (rest > 0 ? (k + MR - 1) / MR : 0);
        int ph = height + 2 * pad, pw = width + 2 * pad, plane = ph * pw, padImg = channels * plane;
        int nMax = Math.min(chunk, images) * p;
        Buffers own = BUFFERS.get();
        if (own.kofs.length < k) own.kofs = new int[k];
        if (own.bias.length < TR) own.bias = new float[TR];
        if (own.weights.length < ocp * nMax) own.weights = new float[ocp * nMax];
        int[] kofs = own.kofs, inBase = own.inBase(nMax);
        float[] zero = own.bias, dyT = own.weights;
        Arrays.fill(zero, 0, TR, 0f);
        for (int c = 0, t = 0; c < channels; c++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) kofs[t++] = c * plane + i * pw + j;
            }
        }
        for (int b0 = 0; b0 < images; b0 += chunk) {
            int nb = Math.min(chunk, images - b0), n = nb * p;
            float[] xp = own.padded(nb * padImg);
            pad(nb, channels, height, width, pad, x, xo + b0 * channels * height * width, xp);
            for (int b = 0, q = 0; b < nb; b++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++, q++) inBase[q] = b * padImg + oy * stride * pw + ox * stride;
                }
            }
            for (int o0 = 0; o0 < ocp; ) { // dY^T panels [q][24] (then [q][16]), zero past the last channel
                int nr = o0 < tri * TR ? TR : NR, base = o0 * n;
                for (int l = 0; l < nr; l++) {
                    int o = o0 + l;
                    if (o >= oc) {
                        for (int q = 0; q < n; q++) dyT[base + q * nr + l] = 0f;
                        continue;
                    }
                    for (int b = 0, q = 0; b < nb; b++) {
                        for (int src = dyo + ((b0 + b) * oc + o) * p, e = src + p; src < e; src++, q++) dyT[base + q * nr + l] = dy[src];
                    }
                }
                o0 += nr;
            }
            float[] xs = xp;
            Parallel.forRange(units, 1, (u0, u1) -> {
                float[] acc = BUFFERS.get().tile;
                for (int u = u0; u < u1; u++) {
                    int o0, nr, k0, rows;
                    if (u < triUnits) {
                        o0 = u % tri * TR;
                        nr = TR;
                        k0 = u / tri * TM;
                        rows = Math.min(TM, k - k0);
                        int last = k0 + rows - 1;
                        tileTri(n, xs, kofs[k0], kofs[Math.min(k0 + 1, last)], kofs[Math.min(k0 + 2, last)], kofs[last], inBase,
                                dyT, o0 * n, zero, 0, acc, 0, TR);
                    } else {
                        o0 = tri * TR;
                        nr = NR;
                        k0 = (u - triUnits) * MR;
                        rows = Math.min(MR, k - k0);
                        int last = k0 + rows - 1;
                        tile(n, 0, xs, kofs[k0], kofs[Math.min(k0 + 1, last)], kofs[Math.min(k0 + 2, last)], kofs[Math.min(k0 + 3, last)],
                                kofs[Math.min(k0 + 4, last)], kofs[last], inBase, dyT, o0 * n, zero, 0, acc, 0, NR);
                    }
                    int lanes = Math.min(nr, oc - o0);
                    for (int r = 0; r < rows; r++) {
                        for (int l = 0, d = dwo + o0 * k + k0 + r; l < lanes; l++, d += k) dw[d] += acc[r * nr + l];
                    }
                }
            });
        }
    }

    /**
     * The small-K form (a first layer: {@code K = C kh kw} below {@link Tuning#CONV_IMPLICIT_MIN_K}), lanes
     * over output pixels: per image, the {@code K x P} patches are gathered from the padded copy into an
     * L1-sized matrix whose rows are padded with zeros to a multiple of 16, then a {@code 6 x 16} tile of
     * (channels x pixels) runs over K with the six weights broadcast (blocks of four channels, {@code 4 x 16},
     * where they make the blocks cover OC exactly: 32 = 4 x 6 + 2 x 4, no computed-and-dropped rows; 290 -> 265 us
     * on layer 1, session 7), and its rows go to the NCHW output with vector stores (the pixels of a channel are
     * contiguous there). The same FMA chain per output as the implicit form and the scalar twin.
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
        Buffers own = BUFFERS.get();
        if (own.rows.length < (oc + MR) * k) own.rows = new float[(oc + MR) * k];
        float[] wr = own.rows;
        for (int bl = 0; bl < blocks; bl++) {
            int o0 = bl < sixes ? bl * MR : sixes * MR + (bl - sixes) * 4, rr = bl < sixes ? MR : 4;
            for (int r = 0; r < rr; r++) {
                int o = Math.min(o0 + r, oc - 1);
                for (int t = 0, d = o0 * k + r; t < k; t++, d += rr) wr[d] = w[wo + o * k + t];
            }
        }
        Parallel.forRange(images, 1, (b0, b1) -> {
            Buffers buf = BUFFERS.get();
            float[] xp = buf.padded(padImg);
            if (buf.cols.length < k * pp) buf.cols = new float[k * pp];
            float[] cols = buf.cols, acc = buf.tile;
            int[] base = buf.inBase(pp);
            for (int oy = 0, q = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++, q++) base[q] = oy * stride * pw + ox * stride;
            }
            for (int t = 0; t < k; t++) Arrays.fill(cols, t * pp + p, (t + 1) * pp, 0f);
            for (int b = b0; b < b1; b++) {
                pad(1, channels, height, width, pad, x, xo + b * img, xp);
                int pv = p / L * L;
                for (int t = 0; t < k; t++) { // vector gathers (vgatherdps), then the tail
                    int o = kofs[t], row = t * pp, q = 0;
                    for (; q < pv; q += L) FloatVector.fromArray(F, xp, o, base, q).intoArray(cols, row + q);
                    for (; q < p; q++) cols[row + q] = xp[o + base[q]];
                }
                int ob = oo + b * oc * p;
                for (int bl = 0; bl < blocks; bl++) {
                    boolean six = bl < sixes;
                    int o0 = six ? bl * MR : sixes * MR + (bl - sixes) * 4, rows = six ? Math.min(MR, oc - o0) : 4;
                    for (int q0 = 0; q0 < pp; q0 += NR) {
                        int valid = Math.min(NR, p - q0), dst = ob + o0 * p + q0;
                        boolean whole = valid == NR && rows == (six ? MR : 4);
                        // a whole tile goes straight from the registers to the output; a cut one through acc
                        if (six) wideTile(k, pp, cols, q0, wr, o0 * k, bp, o0, o0 + rows - 1, acc, whole ? out : null, dst, p);
                        else wideTile4(k, pp, cols, q0, wr, o0 * k, bp, o0, acc, whole ? out : null, dst, p);
                        if (whole) continue;
                        for (int r = 0; r < rows; r++) {
                            for (int l = 0, d = dst + r * p, a = r * NR; l < valid; l++) out[d + l] = acc[a + l];
                        }
                    }
                }
            }
        });
    }

    /** One {@code 6 x 16} tile of the small-K form: channels {@code o0..} (row panel at {@code wi}) by pixels {@code q0..q0 + 15}. */
    private static void wideTile(int k, int pp, float[] cols, int q0, float[] wr, int wi, float[] bp, int o0, int oLast,
                                 float[] acc, float[] out, int dst, int p) {
        FloatVector c00 = FloatVector.broadcast(F, bp[o0]), c01 = c00;
        FloatVector c10 = FloatVector.broadcast(F, bp[Math.min(o0 + 1, oLast)]), c11 = c10;
        FloatVector c20 = FloatVector.broadcast(F, bp[Math.min(o0 + 2, oLast)]), c21 = c20;
        FloatVector c30 = FloatVector.broadcast(F, bp[Math.min(o0 + 3, oLast)]), c31 = c30;
        FloatVector c40 = FloatVector.broadcast(F, bp[Math.min(o0 + 4, oLast)]), c41 = c40;
        FloatVector c50 = FloatVector.broadcast(F, bp[Math.min(o0 + 5, oLast)]), c51 = c50;
        for (int t = 0, ci = q0; t < k; t++, ci += pp, wi += MR) {
            FloatVector b0 = FloatVector.fromArray(F, cols, ci);
            FloatVector b1 = FloatVector.fromArray(F, cols, ci + L);
            FloatVector a = FloatVector.broadcast(F, wr[wi]);
            c00 = b0.fma(a, c00);
            c01 = b1.fma(a, c01);
            a = FloatVector.broadcast(F, wr[wi + 1]);
            c10 = b0.fma(a, c10);
            c11 = b1.fma(a, c11);
            a = FloatVector.broadcast(F, wr[wi + 2]);
            c20 = b0.fma(a, c20);
            c21 = b1.fma(a, c21);
            a = FloatVector.broadcast(F, wr[wi + 3]);
            c30 = b0.fma(a, c30);
            c31 = b1.fma(a, c31);
            a = FloatVector.broadcast(F, wr[wi + 4]);
            c40 = b0.fma(a, c40);
            c41 = b1.fma(a, c41);
            a = FloatVector.broadcast(F, wr[wi + 5]);
            c50 = b0.fma(a, c50);
            c51 = b1.fma(a, c51);
        }
        if (out != null) {
            c00.intoArray(out, dst);
            c01.intoArray(out, dst + L);
            c10.intoArray(out, dst + p);
            c11.intoArray(out, dst + p + L);
            c20.intoArray(out, dst + 2 * p);
            c21.intoArray(out, dst + 2 * p + L);
            c30.intoArray(out, dst + 3 * p);
            c31.intoArray(out, dst + 3 * p + L);
            c40.intoArray(out, dst + 4 * p);
            c41.intoArray(out, dst + 4 * p + L);
            c50.intoArray(out, dst + 5 * p);
            c51.intoArray(out, dst + 5 * p + L);
            return;
        }
        c00.intoArray(acc, 0);
        c01.intoArray(acc, L);
        c10.intoArray(acc, NR);
        c11.intoArray(acc, NR + L);
        c20.intoArray(acc, 2 * NR);
        c21.intoArray(acc, 2 * NR + L);
        c30.intoArray(acc, 3 * NR);
        c31.intoArray(acc, 3 * NR + L);
        c40.intoArray(acc, 4 * NR);
        c41.intoArray(acc, 4 * NR + L);
        c50.intoArray(acc, 5 * NR);
        c51.intoArray(acc, 5 * NR + L);
    }

    /** {@link #wideTile} for a block of four channels (eight accumulators). */
    private static void wideTile4(int k, int pp, float[] cols, int q0, float[] wr, int wi, float[] bp, int o0,
                                  float[] acc, float[] out, int dst, int p) {
        FloatVector c00 = FloatVector.broadcast(F, bp[o0]), c01 = c00;
        FloatVector c10 = FloatVector.broadcast(F, bp[o0 + 1]), c11 = c10;
        FloatVector c20 = FloatVector.broadcast(F, bp[o0 + 2]), c21 = c20;
        FloatVector c30 = FloatVector.broadcast(F, bp[o0 + 3]), c31 = c30;
        for (int t = 0, ci = q0; t < k; t++, ci += pp, wi += 4) {
            FloatVector b0 = FloatVector.fromArray(F, cols, ci);
            FloatVector b1 = FloatVector.fromArray(F, cols, ci + L);
            FloatVector a = FloatVector.broadcast(F, wr[wi]);
            c00 = b0.fma(a, c00);
            c01 = b1.fma(a, c01);
            a = FloatVector.broadcast(F, wr[wi + 1]);
            c10 = b0.fma(a, c10);
            c11 = b1.fma(a, c11);
            a = FloatVector.broadcast(F, wr[wi + 2]);
            c20 = b0.fma(a, c20);
            c21 = b1.fma(a, c21);
            a = FloatVector.broadcast(F, wr[wi + 3]);
            c30 = b0.fma(a, c30);
            c31 = b1.fma(a, c31);
        }
        if (out != null) {
            c00.intoArray(out, dst);
            c01.intoArray(out, dst + L);
            c10.intoArray(out, dst + p);
            c11.intoArray(out, dst + p + L);
            c20.intoArray(out, dst + 2 * p);
            c21.intoArray(out, dst + 2 * p + L);
            c30.intoArray(out, dst + 3 * p);
            c31.intoArray(out, dst + 3 * p + L);
            return;
        }
        c00.intoArray(acc, 0);
        c01.intoArray(acc, L);
        c10.intoArray(acc, NR);
        c11.intoArray(acc, NR + L);
        c20.intoArray(acc, 2 * NR);
        c21.intoArray(acc, 2 * NR + L);
        c30.intoArray(acc, 3 * NR);
        c31.intoArray(acc, 3 * NR + L);
    }

    /**
     * im2col of one image ({@code KernelSet#im2col}): the image padded once, then each patch row
     * gathered through two offset tables (tap and pixel) with vector gathers, no bounds tests. Pure
     * data movement: the bits of the scalar twin.
     */
    static void im2col(int channels, int height, int width, int kh, int kw, int stride, int pad, int oh, int ow,
                       float[] x, int xo, float[] cols, int co, int ldc) {
        int p = oh * ow, k = channels * kh * kw, pw = width + 2 * pad;
        Buffers buf = BUFFERS.get();
        float[] xp = buf.padded(channels * (height + 2 * pad) * pw);
        pad(1, channels, height, width, pad, x, xo, xp);
        int[] kofs = buf.taps(channels, height, width, kh, kw, pad), base = buf.pixels(oh, ow, stride, pw);
        int pv = p / L * L;
        for (int t = 0; t < k; t++) {
            int o = kofs[t], row = co + t * ldc, q = 0;
            for (; q < pv; q += L) FloatVector.fromArray(F, xp, o, base, q).intoArray(cols, row + q);
            for (; q < p; q++) cols[row + q] = xp[o + base[q]];
        }
    }

    /**
     * Zero-padded copies {@code [nb, C, H + 2 pad, W + 2 pad]} of {@code nb} images (one fill, one
     * {@code System.arraycopy} a row: faster than a copy loop or vector copies of the 14-float rows, measured;
     * the pass is bound by reading the images from memory; zeroing only the border, with the two pad columns
     * between rows written as scalars, was slower too: session 7).
     */
    private static void pad(int nb, int channels, int height, int width, int pad, float[] x, int xo, float[] xp) {
        int pw = width + 2 * pad, ph = height + 2 * pad, planes = nb * channels;
        if (pad > 0) Arrays.fill(xp, 0, planes * ph * pw, 0f);
        for (int p = 0; p < planes; p++) {
            int src = xo + p * height * width, dst = p * ph * pw + pad * pw + pad;
            for (int y = 0; y < height; y++, src += width, dst += pw) System.arraycopy(x, src, xp, dst, width);
        }
    }

    /**
     * Every output of {@code nb} images (the first is image {@code first} of the batch) from their padded copy.
     * The tiles store their rows whole into a channels-last scratch {@code [q][channels padded to 16]} of the
     * chunk; one pass then turns it into the NCHW planes with 8-pixel gathers and vector stores (in place of a
     * scalar scatter of every tile element {@code p} floats apart).
     */
    private static void chunk(int nb, int first, int k, int oc, int tri, int rest, int ocp, int oh, int ow, int stride, int pw,
                              int padImg, float[] xp, int[] kofs, float[] wp, float[] bp, float[] out, int oo, Buffers buf) {
        int p = oh * ow, n = nb * p;
        int[] inBase = buf.inBase(n);
        for (int b = 0, q = 0; b < nb; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++, q++) inBase[q] = b * padImg + oy * stride * pw + ox * stride;
            }
        }
        if (buf.cols.length < (n + MR) * ocp) buf.cols = new float[(n + MR) * ocp];
        float[] cl = buf.cols;
        for (int panel = 0; panel < tri; panel++) {
            int wi = panel * k * TR, bi = panel * TR;
            for (int q0 = 0; q0 < n; q0 += TM) {
                int last = Math.min(q0 + TM, n) - 1;
                int a0 = inBase[q0], a1 = inBase[Math.min(q0 + 1, last)], a2 = inBase[Math.min(q0 + 2, last)], a3 = inBase[last];
                tileTri(k, xp, a0, a1, a2, a3, kofs, wp, wi, bp, bi, cl, q0 * ocp + bi, ocp);
            }
        }
        if (rest > 0) {
            int wi = tri * k * TR, bi = tri * TR;
            for (int q0 = 0; q0 < n; q0 += MR) {
                int last = Math.min(q0 + MR, n) - 1;
                // a short last tile repeats its last pixel: the same loads, its rows land past the chunk's
                int a0 = inBase[q0], a1 = inBase[Math.min(q0 + 1, last)], a2 = inBase[Math.min(q0 + 2, last)];
                int a3 = inBase[Math.min(q0 + 3, last)], a4 = inBase[Math.min(q0 + 4, last)], a5 = inBase[last];
                tile(k, xp, a0, a1, a2, a3, a4, a5, kofs, wp, wi, bp, bi, cl, q0 * ocp + bi, ocp);
            }
        }
        int[] rows = buf.gatherRows(ocp);
        int pv = p / L * L;
        for (int b = 0; b < nb; b++) {
            for (int o = 0; o < oc; o++) {
                int src = b * p * ocp + o, dst = oo + ((first + b) * oc + o) * p, q = 0;
                for (; q < pv; q += L) FloatVector.fromArray(F, cl, src + q * ocp, rows, 0).intoArray(out, dst + q);
                for (; q < p; q++) out[dst + q] = cl[src + q * ocp];
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

    /** One {@code 4 x 24} tile (four pixels, three vectors of channels): 4 broadcasts and 3 loads per 12 FMAs. */
    private static void tileTri(int k, float[] xp, int p0, int p1, int p2, int p3, int[] kofs, float[] wp, int wi,
                                float[] bp, int bi, float[] acc, int ao, int ld) {
        FloatVector c00 = FloatVector.fromArray(F, bp, bi), c01 = FloatVector.fromArray(F, bp, bi + L);
        FloatVector c02 = FloatVector.fromArray(F, bp, bi + 2 * L);
        FloatVector c10 = c00, c11 = c01, c12 = c02, c20 = c00, c21 = c01, c22 = c02, c30 = c00, c31 = c01, c32 = c02;
        for (int t = 0; t < k; t++, wi += TR) {
            int o = kofs[t];
            FloatVector b0 = FloatVector.fromArray(F, wp, wi);
            FloatVector b1 = FloatVector.fromArray(F, wp, wi + L);
            FloatVector b2 = FloatVector.fromArray(F, wp, wi + 2 * L);
            FloatVector a = FloatVector.broadcast(F, xp[p0 + o]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            a = FloatVector.broadcast(F, xp[p1 + o]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            a = FloatVector.broadcast(F, xp[p2 + o]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            a = FloatVector.broadcast(F, xp[p3 + o]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
        }
        c00.intoArray(acc, ao);
        c01.intoArray(acc, ao + L);
        c02.intoArray(acc, ao + 2 * L);
        c10.intoArray(acc, ao + ld);
        c11.intoArray(acc, ao + ld + L);
        c12.intoArray(acc, ao + ld + 2 * L);
        c20.intoArray(acc, ao + 2 * ld);
        c21.intoArray(acc, ao + 2 * ld + L);
        c22.intoArray(acc, ao + 2 * ld + 2 * L);
        c30.intoArray(acc, ao + 3 * ld);
        c31.intoArray(acc, ao + 3 * ld + L);
        c32.intoArray(acc, ao + 3 * ld + 2 * L);
    }

    /**
     * One {@code 6 x 16} tile: pixels with padded-copy bases {@code p0..p5}, channels of the weight panel at
     * {@code wi}; {@code acc} (row-major {@code 6 x 16}) = bias + the K-step FMA chains.
     */
    private static void tile(int k, float[] xp, int p0, int p1, int p2, int p3, int p4, int p5, int[] kofs,
                             float[] wp, int wi, float[] bp, int bi, float[] acc, int ao, int ld) {
        tile(k, 0, xp, p0, p1, p2, p3, p4, p5, kofs, wp, wi, bp, bi, acc, ao, ld);
    }

    /** {@link #tile} with the offsets at {@code kofs[ka..ka + k)}. */
    private static void tile(int k, int ka, float[] xp, int p0, int p1, int p2, int p3, int p4, int p5, int[] kofs,
                             float[] wp, int wi, float[] bp, int bi, float[] acc, int ao, int ld) {
        FloatVector c00 = FloatVector.fromArray(F, bp, bi), c01 = FloatVector.fromArray(F, bp, bi + L);
        FloatVector c10 = c00, c11 = c01, c20 = c00, c21 = c01, c30 = c00, c31 = c01, c40 = c00, c41 = c01, c50 = c00, c51 = c01;
        for (int t = ka, end = ka + k; t < end; t++, wi += NR) {
            int o = kofs[t];
            FloatVector b0 = FloatVector.fromArray(F, wp, wi);
            FloatVector b1 = FloatVector.fromArray(F, wp, wi + L);
            FloatVector a = FloatVector.broadcast(F, xp[p0 + o]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, xp[p1 + o]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, xp[p2 + o]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, xp[p3 + o]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, xp[p4 + o]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, xp[p5 + o]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(acc, ao);
        c01.intoArray(acc, ao + L);
        c10.intoArray(acc, ao + ld);
        c11.intoArray(acc, ao + ld + L);
        c20.intoArray(acc, ao + 2 * ld);
        c21.intoArray(acc, ao + 2 * ld + L);
        c30.intoArray(acc, ao + 3 * ld);
        c31.intoArray(acc, ao + 3 * ld + L);
        c40.intoArray(acc, ao + 4 * ld);
        c41.intoArray(acc, ao + 4 * ld + L);
        c50.intoArray(acc, ao + 5 * ld);
        c51.intoArray(acc, ao + 5 * ld + L);
    }
}
