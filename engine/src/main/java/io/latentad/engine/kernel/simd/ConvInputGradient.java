package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.kernel.Tuning;
import jdk.incubator.vector.FloatVector;


import static io.latentad.engine.kernel.simd.ConvTiles.F;
import static io.latentad.engine.kernel.simd.ConvTiles.L;
import static io.latentad.engine.kernel.simd.ConvTiles.MR;
import static io.latentad.engine.kernel.simd.ConvTiles.NR;

/** The convolution's input gradient from 16 input channels up (the forward is {@link VectorConv}). */
final class ConvInputGradient {
    private static final FloatVector ZERO = FloatVector.zero(F);
    /** The tiles' start value (their "bias"): the chains start from +0. */
    private static final float[] ZEROS = new float[NR];

    private ConvInputGradient() {
    }

    /**
     * The input gradient ({@code KernelSet#convBackwardInput}) as implicit GEMMs, one per stride phase: the
     * input pixels {@code (y, x)} with {@code (y + pad) mod s = ry} and {@code (x + pad) mod s = rx} receive
     * exactly the taps {@code i = ry + s u}, {@code j = rx + s v}, from output pixel {@code (my - u, mx - v)}
     * ({@code my = (y + pad - ry) / s}): a stride-1 correlation of the output gradient with that sub-kernel.
     * Each phase runs over a zero-bordered NCHW copy of the output gradient ({@code [b][o][py][px]}, only as wide as
     * the taps reach), where the phase's pixels of one input row are adjacent: {@link ConvTiles#tileRow1} tiles (six
     * such pixels by 16 input channels, entry {@code (u, v, o)} at the table offset {@code o plane - u pw - v}, the
     * pixels at constant offsets 0..5: two bounds checks a step, session 11), the pixels left at the rows' ends six at a
     * time by the table-driven {@link ConvTiles#tile}. The weights are packed per phase in the entries' order; the
     * tiles' rows go whole into a channels-last scratch of the chunk (each input pixel belongs to one phase), which one
     * pass adds onto the NCHW {@code dx} by 8 x 8 register transposes ({@link Transpose8}; 8-pixel gathers for channels
     * past the last block of 8 and on narrower vectors; bench/notes/conv.md sessions 7 and 9). No {@code dcols} matrix,
     * no col2im. Per
     * element one FMA chain over {@code (u, v descending, o)} from 0, out-of-range entries included as
     * {@code fma(0, w, s)}, then added to {@code dx}: the scalar twin's order and bits. With {@code add} false the
     * tiles' rows leave as {@code 0 + v} and the last pass stores them: {@code dx} is neither zeroed nor read (its
     * zero fill and the read of 1.6 MB on layer 2's training step, session 10).
     */
    static void backwardInput(int images, int channels, int height, int width, int oc, int kh, int kw, int stride,
                              int pad, int oh, int ow, float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo,
                              boolean add) {
        if (images <= 0 || channels <= 0 || height <= 0 || width <= 0) return;
        int s = stride, panels = (channels + NR - 1) / NR;
        // the padding the taps reach: rows my - u down to min over phases of (first my - (U - 1)), columns alike
        int top = 0, left = 0, rowsEnd = oh, colsEnd = ow;
        for (int r = 0; r < s; r++) {
            int y0 = (r - pad % s + s) % s, x0 = y0, u = r < kh ? (kh - r + s - 1) / s : 0, v = r < kw ? (kw - r + s - 1) / s : 0;
            if (y0 < height && u > 0) {
                top = Math.max(top, u - 1 - (y0 + pad - r) / s);
                rowsEnd = Math.max(rowsEnd, (height - 1 + pad - r) / s + 1);
            }
            if (x0 < width && v > 0) {
                left = Math.max(left, v - 1 - (x0 + pad - r) / s);
                colsEnd = Math.max(colsEnd, (width - 1 + pad - r) / s + 1);
            }
        }
        final int up = top, lf = left, ph = top + rowsEnd, pw = left + colsEnd;
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
        ConvScratch own = ConvScratch.get();
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
        // per phase the offsets of its entries (u, v descending, o) in the padded planes, from the pixel's (o = 0) place
        int plane = ph * pw;
        int[] tab = new int[Math.max(1, oc * kh * kw)], tAt = new int[phases];
        for (int f = 0, t = 0; f < phases; f++) {
            tAt[f] = t;
            for (int u = 0; u < uOf[f]; u++) {
                for (int v = vOf[f] - 1; v >= 0; v--) {
                    for (int o = 0; o < oc; o++) tab[t++] = o * plane - u * pw - v;
                }
            }
        }
        int hw = height * width, img = oc * oh * ow, cpad = panels * NR;
        // a chunk's padded dY copy and its channels-last dx scratch together within CONV_CHUNK_FLOATS
        int chunk = Math.max(1, Math.min(images, Tuning.CONV_CHUNK_FLOATS / Math.max(1, padImg + hw * cpad)));
        Parallel.forRange(images, 1, (b0, b1) -> {
            ConvScratch buf = ConvScratch.get();
            float[] acc = buf.tile;
            for (int c0 = b0; c0 < b1; c0 += chunk) {
                int nb = Math.min(chunk, b1 - c0);
                float[] yq = buf.padded(nb * padImg);
                if (buf.cols.length < nb * hw * cpad) buf.cols = new float[nb * hw * cpad];
                float[] cl = buf.cols;
                padPlanes(nb * oc, oh, ow, ph, pw, up, lf, dy, dyo + c0 * img, yq);
                int[] inBase = buf.inBase(nb * hw), outBase = buf.outBase;
                for (int ry = 0; ry < s; ry++) {
                    for (int rx = 0; rx < s; rx++) {
                        int f = ry * s + rx, kf = uOf[f] * vOf[f] * oc, ka = tAt[f], rest = 0;
                        int y0 = (ry - pad % s + s) % s, x0 = (rx - pad % s + s) % s, mx0 = (x0 + pad - rx) / s;
                        int nx = x0 < width ? (width - x0 + s - 1) / s : 0, full = nx / MR * MR, ld = s * cpad;
                        for (int panel = 0; panel < panels; panel++) {
                            int wi = wAt[f] + panel * kf * NR, chOff = panel * NR;
                            for (int b = 0; b < nb; b++) { // the phase's rows: six adjacent pixels a tile
                                for (int y = y0, my = (y0 + pad - ry) / s; y < height; y += s, my++) {
                                    int in = b * padImg + (my + up) * pw + mx0 + lf, out = ((b * height + y) * width + x0) * cpad + chOff;
                                    for (int j = 0; j < full; j += MR) {
                                        ConvTiles.tileRow1(kf, ka, yq, in + j, tab, wp, wi, ZEROS, 0, cl, out + j * ld, ld, !add);
                                    }
                                    if (panel == 0) {
                                        for (int j = full; j < nx; j++, rest++) { // the rest of the row, six at a time below
                                            inBase[rest] = in + j;
                                            outBase[rest] = out + j * ld;
                                        }
                                    }
                                }
                            }
                            for (int q0 = 0; q0 < rest; q0 += MR) {
                                int rows = Math.min(MR, rest - q0), last = q0 + rows - 1;
                                int a0 = inBase[q0], a1 = inBase[Math.min(q0 + 1, last)], a2 = inBase[Math.min(q0 + 2, last)];
                                int a3 = inBase[Math.min(q0 + 3, last)], a4 = inBase[Math.min(q0 + 4, last)], a5 = inBase[last];
                                ConvTiles.tile(kf, ka, yq, a0, a1, a2, a3, a4, a5, tab, wp, wi, ZEROS, 0, acc, 0, NR);
                                for (int r = 0; r < rows; r++) { // whole rows into the channels-last scratch
                                    int d = outBase[q0 + r] + chOff;
                                    FloatVector v0 = FloatVector.fromArray(F, acc, r * NR), v1 = FloatVector.fromArray(F, acc, r * NR + L);
                                    if (!add) { // 0 + v: what adding onto zeros stores (a -0 becomes +0)
                                        v0 = ZERO.add(v0);
                                        v1 = ZERO.add(v1);
                                    }
                                    v0.intoArray(cl, d);
                                    v1.intoArray(cl, d + L);
                                }
                            }
                        }
                    }
                }
                // every pixel of the chunk belongs to one phase: the scratch is complete; add it onto the NCHW dx
                int[] rowsIdx = buf.gatherRows(cpad);
                int hv = hw / L * L;
                // blocks of 8 channels x 8 pixels by register transposes (session 9), the rest by gathers
                int c8 = Transpose8.COMPILED ? channels / 8 * 8 : 0, h8 = hw / 8 * 8;
                for (int b = 0; b < nb; b++) {
                    for (int c = 0; c < c8; c += 8) {
                        int src = b * hw * cpad + c, d = dxo + ((c0 + b) * channels + c) * hw, q = 0;
                        for (; q < h8; q += 8) Transpose8.block(cl, src + q * cpad, cpad, dx, d + q, hw, add);
                        for (; q < hw; q++) {
                            for (int j = 0; j < 8; j++) dx[d + j * hw + q] = (add ? dx[d + j * hw + q] : 0f) + cl[src + q * cpad + j];
                        }
                    }
                    for (int c = c8; c < channels; c++) {
                        int src = b * hw * cpad + c, d = dxo + ((c0 + b) * channels + c) * hw, q = 0;
                        for (; q < hv; q += L) {
                            FloatVector g = FloatVector.fromArray(F, cl, src + q * cpad, rowsIdx, 0);
                            (add ? FloatVector.fromArray(F, dx, d + q).add(g) : g).intoArray(dx, d + q);
                        }
                        for (; q < hw; q++) dx[d + q] = (add ? dx[d + q] : 0f) + cl[src + q * cpad];
                    }
                }
            }
        });
    }

    /**
     * {@code dY} of {@code planes} planes ({@code oh x ow}) as zero-bordered planes {@code [ph][pw]} with the data at
     * row {@code up}, column {@code lf}. The rows go in address order by whole vectors (a vector past a row's end lands
     * in the border or in a later row, both written after it), then the borders are zeroed.
     */
    private static void padPlanes(int planes, int oh, int ow, int ph, int pw, int up, int lf, float[] dy, int dyo, float[] yq) {
        int plane = ph * pw;
        for (int pl = 0, src = dyo; pl < planes; pl++) {
            for (int y = 0, d = pl * plane + up * pw + lf; y < oh; y++, src += ow, d += pw) {
                int x = 0;
                for (; x + L <= ow; x += L) FloatVector.fromArray(F, dy, src + x).intoArray(yq, d + x);
                if (x < ow && src + x + L <= dy.length && d + x + L <= yq.length) {
                    FloatVector.fromArray(F, dy, src + x).intoArray(yq, d + x);
                } else {
                    for (; x < ow; x++) yq[d + x] = dy[src + x];
                }
            }
        }
        for (int pl = 0; pl < planes; pl++) {
            int base = pl * plane;
            for (int i = base, e = base + up * pw; i < e; i++) yq[i] = 0f;
            for (int y = up, r = base + up * pw; y < up + oh; y++, r += pw) {
                for (int i = r; i < r + lf; i++) yq[i] = 0f;
                for (int i = r + lf + ow; i < r + pw; i++) yq[i] = 0f;
            }
            for (int i = base + (up + oh) * pw, e = base + plane; i < e; i++) yq[i] = 0f;
        }
    }
}
