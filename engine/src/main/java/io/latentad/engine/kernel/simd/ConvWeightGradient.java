package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.Parallel;
import jdk.incubator.vector.FloatVector;

import java.util.Arrays;

import static io.latentad.engine.kernel.simd.ConvTiles.F;
import static io.latentad.engine.kernel.simd.ConvTiles.L;
import static io.latentad.engine.kernel.simd.ConvTiles.MR;
import static io.latentad.engine.kernel.simd.ConvTiles.NR;
import static io.latentad.engine.kernel.simd.ConvTiles.TM;
import static io.latentad.engine.kernel.simd.ConvTiles.TR;

/** The convolution's weight gradient for patches of K >= 64 entries (the forward is {@link VectorConv}). */
final class ConvWeightGradient {
    private ConvWeightGradient() {
    }

    /**
     * The weight gradient ({@code KernelSet#convBackwardWeight}) as an implicit GEMM with the roles turned:
     * {@code dW^T [K, OC] = patches^T dY^T}, a tile of 4 patch entries {@code k} by 24 output channels (the
     * rest, at most 16 channels, 6 by 16) summed over the pixels {@code q} of a chunk of images; per step the four
     * values {@code x_pad[base[q] + kofs[k_r]]} are broadcast (the forward's {@link ConvTiles#tileTri}, offsets and bases
     * swapped) against three vectors of the output gradient transposed to {@code [q][24 channels]} (6 x 16:
     * 53 -> 56 GFLOPS on layer 2, session 7; the transpose by 8 x 8 register transposes, session 9). No patch matrix. Chunks of {@code chunk} images, each
     * chunk's sum one FMA chain from 0 over its (image, pixel) in order, added to {@code dw} chunk by chunk;
     * the tiles of a chunk are split over threads (disjoint outputs): the scalar twin's bits on any thread count.
     * With {@code padded}, {@code x} from {@code xo} is already the zero-padded copy ({@code [images, C, H + 2 pad,
     * W + 2 pad]}, left by the forward): no copy here.
     */
    static void backwardWeight(int images, int channels, int height, int width, int oc, int kh, int kw, int stride, int pad,
                               int oh, int ow, float[] x, int xo, boolean padded, float[] dy, int dyo, int chunk, float[] dw,
                               int dwo) {
        if (images <= 0 || oc <= 0) return;
        int k = channels * kh * kw, p = oh * ow;
        // panels of 24 output channels (4 patch entries x 24 channels tiles), the rest (at most 16) in one of 16 (6 x 16)
        int tri = (oc + TR - 1 - NR) / TR, rest = Math.max(0, oc - tri * TR), ocp = tri * TR + (rest > 0 ? NR : 0);
        int triUnits = tri * ((k + TM - 1) / TM), units = triUnits + (rest > 0 ? (k + MR - 1) / MR : 0);
        int ph = height + 2 * pad, pw = width + 2 * pad, plane = ph * pw, padImg = channels * plane;
        int nMax = Math.min(chunk, images) * p;
        ConvScratch own = ConvScratch.get();
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
        // dW^T [k][ocp] in this thread's scratch, so each unit's rows are added as whole vectors (the same float adds
        // onto dW as element by element, in the same chunk order), copied back once after the chunks
        if (own.rows.length < k * ocp) own.rows = new float[k * ocp];
        float[] dwT = own.rows;
        transpose(dw, dwo, oc, k, dwT, ocp);
        for (int b0 = 0; b0 < images; b0 += chunk) {
            int nb = Math.min(chunk, images - b0), n = nb * p;
            // the padded copy: the caller's (the forward left it: a pass less) or this chunk's own
            float[] xp = padded ? x : own.padded(nb * padImg);
            int at = padded ? xo + b0 * padImg : 0;
            if (!padded) ConvScratch.pad(nb, channels, height, width, pad, x, xo + b0 * channels * height * width, xp);
            for (int b = 0, q = 0; b < nb; b++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++, q++) inBase[q] = at + b * padImg + oy * stride * pw + ox * stride;
                }
            }
            for (int o0 = 0; o0 < ocp; ) { // dY^T panels [q][24] (then [q][16]), zero past the last channel
                int nr = o0 < tri * TR ? TR : NR, base = o0 * n;
                // blocks of 8 channels x 8 pixels by register transposes (session 9), the rest element by element
                int l8 = Transpose8.COMPILED ? Math.max(0, Math.min(nr, oc - o0)) / 8 * 8 : 0, p8 = p / 8 * 8;
                for (int l = 0; l < l8; l += 8) {
                    for (int b = 0; b < nb; b++) {
                        int src = dyo + ((b0 + b) * oc + o0 + l) * p, dst = base + b * p * nr + l, q = 0;
                        for (; q < p8; q += 8) Transpose8.block(dy, src + q, p, dyT, dst + q * nr, nr, false);
                        for (; q < p; q++) {
                            for (int j = 0; j < 8; j++) dyT[dst + q * nr + j] = dy[src + j * p + q];
                        }
                    }
                }
                for (int l = l8; l < nr; l++) {
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
                float[] acc = ConvScratch.get().tile;
                for (int u = u0; u < u1; u++) {
                    int o0, nr, k0, rows;
                    if (u < triUnits) {
                        o0 = u % tri * TR;
                        nr = TR;
                        k0 = u / tri * TM;
                        rows = Math.min(TM, k - k0);
                        int last = k0 + rows - 1;
                        ConvTiles.tileTri(n, xs, kofs[k0], kofs[Math.min(k0 + 1, last)], kofs[Math.min(k0 + 2, last)], kofs[last], inBase,
                                dyT, o0 * n, zero, 0, acc, 0, TR);
                    } else {
                        o0 = tri * TR;
                        nr = NR;
                        k0 = (u - triUnits) * MR;
                        rows = Math.min(MR, k - k0);
                        int last = k0 + rows - 1;
                        ConvTiles.tile(n, 0, xs, kofs[k0], kofs[Math.min(k0 + 1, last)], kofs[Math.min(k0 + 2, last)], kofs[Math.min(k0 + 3, last)],
                                kofs[Math.min(k0 + 4, last)], kofs[last], inBase, dyT, o0 * n, zero, 0, acc, 0, NR);
                    }
                    for (int r = 0; r < rows; r++) { // the channels past OC land in dW^T's padding columns
                        for (int l = 0, d = (k0 + r) * ocp + o0; l < nr; l += L) {
                            FloatVector.fromArray(F, dwT, d + l).add(FloatVector.fromArray(F, acc, r * nr + l)).intoArray(dwT, d + l);
                        }
                    }
                }
            });
        }
        transposeBack(dwT, ocp, oc, k, dw, dwo);
    }

    /** {@code t[j ldt + i] = a[ao + i k + j]} for {@code i < rows}, {@code j < k} (8 x 8 blocks by register transposes). */
    private static void transpose(float[] a, int ao, int rows, int k, float[] t, int ldt) {
        int r8 = Transpose8.COMPILED ? rows / 8 * 8 : 0, k8 = k / 8 * 8;
        for (int i = 0; i < r8; i += 8) {
            for (int j = 0; j < k8; j += 8) Transpose8.block(a, ao + i * k + j, k, t, j * ldt + i, ldt, false);
            for (int j = k8; j < k; j++) {
                for (int r = i; r < i + 8; r++) t[j * ldt + r] = a[ao + r * k + j];
            }
        }
        for (int i = r8; i < rows; i++) {
            for (int j = 0; j < k; j++) t[j * ldt + i] = a[ao + i * k + j];
        }
    }

    /** {@code a[ao + i k + j] = t[j ldt + i]}: {@link #transpose} undone. */
    private static void transposeBack(float[] t, int ldt, int rows, int k, float[] a, int ao) {
        int r8 = Transpose8.COMPILED ? rows / 8 * 8 : 0, k8 = k / 8 * 8;
        for (int i = 0; i < r8; i += 8) {
            for (int j = 0; j < k8; j += 8) Transpose8.block(t, j * ldt + i, ldt, a, ao + i * k + j, k, false);
            for (int j = k8; j < k; j++) {
                for (int r = i; r < i + 8; r++) a[ao + r * k + j] = t[j * ldt + r];
            }
        }
        for (int i = r8; i < rows; i++) {
            for (int j = 0; j < k; j++) a[ao + i * k + j] = t[j * ldt + i];
        }
    }
}
