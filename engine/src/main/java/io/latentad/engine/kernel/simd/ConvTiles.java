package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of the convolution kernels (forward {@link VectorConv}, {@link ConvInputGradient},
 * {@link ConvWeightGradient}): each keeps its accumulators in vector registers over a K loop of broadcasts and
 * vector loads of packed weights, and leaves them whole in a row-major block or an output. {@link #tile}
 * ({@link #MR} x {@link #NR}, offsets through a table), {@link #tileTri} ({@link #TM} x {@link #TR}, the same
 * table), {@link #tileRow2} / {@link #tileRow1} (6 x 16 over six pixels of one row at constant offsets: the table
 * once a step, two bounds checks in place of six), and the small-K form's
 * {@link #wideTile} / {@link #wideTile4} (channels x 16 pixels, the weights broadcast). Every one is one FMA
 * chain per element in K order from its start value: the bits of the scalar twins.
 */
final class ConvTiles {
    static final VectorSpecies<Float> F = GemmMicroKernel.F;
    static final int L = F.length();
    static final int MR = 6;
    static final int NR = 2 * L;
    /** The forward's other tile: {@link #TM} pixels by {@link #TR} channels (three vectors). */
    static final int TM = 4;
    static final int TR = 3 * L;

    private ConvTiles() {
    }

    /** One {@code 4 x 24} tile (four pixels, three vectors of channels): 4 broadcasts and 3 loads per 12 FMAs. */
    static void tileTri(int k, float[] xp, int p0, int p1, int p2, int p3, int[] kofs, float[] wp, int wi,
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
    static void tile(int k, float[] xp, int p0, int p1, int p2, int p3, int p4, int p5, int[] kofs,
                             float[] wp, int wi, float[] bp, int bi, float[] acc, int ao, int ld) {
        tile(k, 0, xp, p0, p1, p2, p3, p4, p5, kofs, wp, wi, bp, bi, acc, ao, ld);
    }

    /** {@link #tile} with the offsets at {@code kofs[ka..ka + k)}. */
    static void tile(int k, int ka, float[] xp, int p0, int p1, int p2, int p3, int p4, int p5, int[] kofs,
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

    /**
     * One {@code 6 x 16} tile of six pixels of one output row at stride 2: pixel {@code r}'s patch entry {@code t} at
     * {@code xp[p0 + kofs[ka + t] + 2 r]}. The constant offsets let C2 merge the six bounds checks of a step into two, as
     * on {@link GemmMicroKernel}'s packed A panel (with per-pixel bases, {@link #tile}, each broadcast carries its own
     * check: four integer instructions and a branch); 12 accumulators, two weight vectors and two broadcasts fit the 16
     * registers (a 4 x 24 tile with merged checks spilled an accumulator every step, read in the disassembly).
     */
    static void tileRow2(int k, int ka, float[] xp, int p0, int[] kofs, float[] wp, int wi, float[] bp, int bi, float[] acc, int ao, int ld) {
        FloatVector c00 = FloatVector.fromArray(F, bp, bi), c01 = FloatVector.fromArray(F, bp, bi + L);
        FloatVector c10 = c00, c11 = c01, c20 = c00, c21 = c01, c30 = c00, c31 = c01, c40 = c00, c41 = c01, c50 = c00, c51 = c01;
        for (int wEnd = wi + k * NR, t = ka; wi < wEnd; wi += NR, t++) {
            int o = p0 + kofs[t];
            FloatVector b0 = FloatVector.fromArray(F, wp, wi);
            FloatVector b1 = FloatVector.fromArray(F, wp, wi + L);
            FloatVector a = FloatVector.broadcast(F, xp[o]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, xp[o + 2]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, xp[o + 4]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, xp[o + 6]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, xp[o + 8]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, xp[o + 10]);
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

    /**
     * {@link #tileRow2} for six adjacent pixels (stride 1: the forward, and the input gradient's phases over a padded
     * NCHW copy of {@code dY}): pixel {@code r}'s entry {@code t} at {@code xp[p0 + kofs[ka + t] + r]}. With {@code plus0}
     * the rows leave as {@code 0 + v} (what adding onto zeros stores: a {@code -0} becomes {@code +0}).
     */
    static void tileRow1(int k, int ka, float[] xp, int p0, int[] kofs, float[] wp, int wi, float[] bp, int bi, float[] acc, int ao, int ld,
                         boolean plus0) {
        FloatVector c00 = FloatVector.fromArray(F, bp, bi), c01 = FloatVector.fromArray(F, bp, bi + L);
        FloatVector c10 = c00, c11 = c01, c20 = c00, c21 = c01, c30 = c00, c31 = c01, c40 = c00, c41 = c01, c50 = c00, c51 = c01;
        for (int wEnd = wi + k * NR, t = ka; wi < wEnd; wi += NR, t++) {
            int o = p0 + kofs[t];
            FloatVector b0 = FloatVector.fromArray(F, wp, wi);
            FloatVector b1 = FloatVector.fromArray(F, wp, wi + L);
            FloatVector a = FloatVector.broadcast(F, xp[o]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, xp[o + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, xp[o + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, xp[o + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, xp[o + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, xp[o + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        if (plus0) {
            FloatVector z = FloatVector.zero(F);
            c00 = z.add(c00);
            c01 = z.add(c01);
            c10 = z.add(c10);
            c11 = z.add(c11);
            c20 = z.add(c20);
            c21 = z.add(c21);
            c30 = z.add(c30);
            c31 = z.add(c31);
            c40 = z.add(c40);
            c41 = z.add(c41);
            c50 = z.add(c50);
            c51 = z.add(c51);
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

    /** One {@code 6 x 16} tile of the small-K form: channels {@code o0..} (row panel at {@code wi}) by pixels {@code q0..q0 + 15}. */
    static void wideTile(int k, int pp, float[] cols, int q0, float[] wr, int wi, float[] bp, int o0, int oLast,
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
    static void wideTile4(int k, int pp, float[] cols, int q0, float[] wr, int wi, float[] bp, int o0,
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
}
