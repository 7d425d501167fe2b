package io.latentad.engine.autodiff;

import io.latentad.engine.kernel.KernelSet;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.tensor.Tensor;

import java.util.Arrays;

/**
 * One direction of one LSTM layer pass, forward and back through time: the cell is written once
 * here and shared by the forward and the reverse direction ("so the math is in one place", as
 * DL4J's {@code LSTMHelpers} puts it).
 *
 * <p>Layout: time-major and sorted, as PyTorch's packed sequences. Row {@code t * batch + k} of every
 * buffer belongs to step {@code t} of the {@code k}-th longest sequence ({@link LstmPlan}), so the
 * sequences still running at step {@code t} are the prefix {@code [0, active[t])} of the step's rows
 * and each step's products run on that prefix only. The reverse direction reads its input reversed
 * per sequence ({@code x[len - 1 - t]}), so it is the same forward recursion started at each
 * sequence's own last step.
 *
 * <p>Saved for backward (all from the {@link StepArena}, allocated once per pass, never per step):
 * the gathered input {@code xs [T B, I]}, the gate activations {@code gates [T B, 4H]} (overwritten
 * in place by their gradients in backward), {@code cs} and {@code hs} {@code [(T + 1) B, H]} (block 0
 * holds the initial state) and {@code tanh(c)} {@code [T B, H]}. Rows past a sequence's end are zero
 * in {@code xs}, {@code hs} and (after backward) in the gate gradients, so the weight gradients are
 * GEMMs over all {@code T B} rows after the time loop (one over {@code [Hprev X]} when {@code I > 1});
 * the input gradient {@code dx_t = dgates_t W_ih} is computed inside the loop, step by step, and so
 * (with one thread) are the bias gradient's column sums, block by block (see {@link #epilogue}).
 */
final class LstmPass {
    final LstmPlan plan;
    final boolean reverse;
    final int in, hidden;
    final float[] wIh, wHh;
    final int wIhOff, wHhOff;
    Tensor xs, gates, cs, hs, tanhC;
    private Tensor packed, packedIh, bias, proj;
    /** Every sequence's input is the same at each of its steps (the VRAE decoder's repeated code). */
    private boolean constantInput;
    // backward scratch and results
    Tensor dh, dc, dh0, dWhhT, dWih, db, dxs;
    private Tensor packedDx, hx;
    /** Per block of {@link #EPILOGUE_ROWS} gate-gradient rows: the bias and (one feature) {@code dW_ih} parts. */
    private Tensor dbParts, dwParts;
    private boolean epilogueDone;

    LstmPass(LstmPlan plan, boolean reverse, int in, int hidden, Tensor wIh, Tensor wHh) {
        this.plan = plan;
        this.reverse = reverse;
        this.in = in;
        this.hidden = hidden;
        this.wIh = wIh.data();
        this.wIhOff = wIh.offset();
        this.wHh = wHh.data();
        this.wHhOff = wHh.offset();
    }

    /** The input time index of internal step {@code t} of sorted sequence {@code k}. */
    int source(int k, int t) {
        return reverse ? plan.len[k] - 1 - t : t;
    }

    // ---- forward ------------------------------------------------------------------------------

    /**
     * Takes the forward buffers from the {@link StepArena} (on the calling thread: the arena is the
     * thread's), so that {@link #prepare} and {@link #forward} can run on any thread.
     */
    void allocate() {
        int b = plan.batch, t = plan.steps, h4 = 4 * hidden;
        xs = StepArena.uninit(new int[] {t * b, in});
        gates = StepArena.uninit(new int[] {t * b, h4});
        cs = StepArena.uninit(new int[] {(t + 1) * b, hidden});
        hs = StepArena.uninit(new int[] {(t + 1) * b, hidden});
        tanhC = StepArena.uninit(new int[] {t * b, hidden});
        packed = StepArena.uninit(new int[] {Kernels.active().lstmPackedSize(hidden, h4)});
        packedIh = in == 1 ? null : StepArena.uninit(new int[] {Kernels.active().lstmPackedSize(in, h4)});
        bias = StepArena.uninit(new int[] {h4});
        proj = in == 1 ? null : StepArena.uninit(new int[] {b, h4});
    }

    /**
     * Gathers the input, adds the two biases, packs {@code W_hh^T} (and {@code W_ih^T} when {@code I > 1})
     * and prepares the initial state ({@code h0}, {@code c0}: {@code [B, H]} in the caller's batch
     * order, or null for zeros). The input projection itself is computed step by step in
     * {@link #forward}, just before the step's recurrent product, so the product adds into gate rows
     * that are in cache: computed here for all {@code T B} rows at once (9 MiB at T = 140, B = 32,
     * H = 128), each step's rows had left the cache by the time the product read them, and the
     * forward product ran 1.45x slower than the backward one of the same size (JFR, VRAE training).
     * Each element is the same sum as the one GEMM gave (the product over the inputs from zero, then
     * added to the bias), so the bits are unchanged. When every sequence's input is the same at each of
     * its steps (the VRAE decoder's code, repeated), the projection of step 0 is kept and copied into
     * the later steps' rows: the same values, without the product per step.
     */
    void prepare(Tensor x, Tensor bIh, Tensor bHh, float[] h0, int h0Off, float[] c0, int c0Off) {
        int b = plan.batch, t = plan.steps, h4 = 4 * hidden;
        float[] xd = x.data(), xsd = xs.data();
        int xo = x.offset(), rowLen = plan.steps * in;
        for (int s = 0; s < t; s++) {
            for (int k = 0; k < b; k++) {
                int dst = (s * b + k) * in;
                if (s < plan.len[k]) System.arraycopy(xd, xo + plan.perm[k] * rowLen + source(k, s) * in, xsd, dst, in);
                else Arrays.fill(xsd, dst, dst + in, 0f);
            }
        }
        constantInput = in > 1 && constantInput(xsd);
        float[] bs = bias.data();
        for (int j = 0; j < h4; j++) bs[j] = bIh.at(j) + bHh.at(j); // both biases, once
        initial(h0, h0Off, hs.data());
        initial(c0, c0Off, cs.data());
        KernelSet ks = Kernels.active();
        ks.lstmPack(true, hidden, h4, wHh, wHhOff, hidden, packed.data(), 0); // op(W) = W_hh^T
        if (in > 1) ks.lstmPack(true, in, h4, wIh, wIhOff, in, packedIh.data(), 0); // op(W) = W_ih^T
    }

    /**
     * The gate pre-activations' input part for rows {@code [row, row + n)}: the biases plus
     * {@code x W_ih^T}. With one feature (a univariate series) {@code W_ih} is a {@code [4H]} column and
     * the product an axpy per row.
     */
    private void project(KernelSet ks, int row, int n) {
        int h4 = 4 * hidden;
        float[] g = gates.data(), xsd = xs.data(), bs = bias.data();
        for (int r = row; r < row + n; r++) System.arraycopy(bs, 0, g, r * h4, h4);
        if (in == 1) {
            for (int r = row; r < row + n; r++) ks.axpy(h4, xsd[r], wIh, wIhOff, g, r * h4);
        } else {
            ks.lstmGemm(n, in, h4, xsd, row * in, in, packedIh.data(), 0, g, row * h4, h4);
        }
    }

    /** Whether each sequence's gathered input rows all hold the bits of its first step's. */
    private boolean constantInput(float[] xsd) {
        int b = plan.batch;
        for (int k = 0; k < b; k++) {
            for (int s = 1; s < plan.len[k]; s++) {
                if (!Arrays.equals(xsd, (s * b + k) * in, (s * b + k + 1) * in, xsd, k * in, (k + 1) * in)) return false;
            }
        }
        return true;
    }

    private void initial(float[] src, int off, float[] dst) {
        for (int k = 0; k < plan.batch; k++) {
            if (src == null) Arrays.fill(dst, k * hidden, (k + 1) * hidden, 0f);
            else System.arraycopy(src, off + plan.perm[k] * hidden, dst, k * hidden, hidden);
        }
    }

    /** The time loop over sorted rows {@code [r0, r1)}: independent of every other row. */
    void forward(int r0, int r1) {
        KernelSet ks = Kernels.active();
        int b = plan.batch, h = hidden, h4 = 4 * h;
        float[] g = gates.data(), c = cs.data(), hd = hs.data(), tc = tanhC.data(), p = packed.data();
        float[] pr = proj == null ? null : proj.data();
        for (int t = 0; t < plan.steps; t++) {
            int n = Math.min(r1, plan.active[t]);
            int row = t * b + r0;
            if (n > r0) {
                if (!constantInput) {
                    project(ks, row, n - r0);
                } else if (t == 0) { // every row runs at step 0; later steps reuse its projection (same bits)
                    project(ks, row, n - r0);
                    System.arraycopy(g, row * h4, pr, r0 * h4, (n - r0) * h4);
                } else {
                    System.arraycopy(pr, r0 * h4, g, row * h4, (n - r0) * h4);
                }
                ks.lstmGemm(n - r0, h, h4, hd, row * h, h, p, 0, g, row * h4, h4); // gates += h_{t-1} W_hh^T
                ks.lstmCellForward(n - r0, h, g, row * h4, c, row * h, c, (row + b) * h, tc, row * h,
                        hd, (row + b) * h);
            }
            int z0 = Math.max(n, r0);
            if (z0 < r1) Arrays.fill(hd, ((t + 1) * b + z0) * h, ((t + 1) * b + r1) * h, 0f); // ended: zero output
        }
    }

    // ---- backward -----------------------------------------------------------------------------

    /** Takes the backward buffers from the {@link StepArena} (on the calling thread), as {@link #allocate}. */
    void allocateBackward(boolean needH0, boolean needX) {
        int b = plan.batch, t = plan.steps, h = hidden, h4 = 4 * h;
        dh = StepArena.uninit(new int[] {t * b, h});
        dc = StepArena.uninit(new int[] {b, h});
        dh0 = needH0 ? StepArena.uninit(new int[] {b, h}) : null;
        packed = StepArena.uninit(new int[] {Kernels.active().lstmPackedSize(4 * h, h)});
        // with I > 1, dW_ih^T is computed with dW_hh^T in one GEMM: rows H .. H + I of the product
        dWhhT = StepArena.uninit(new int[] {in == 1 ? h : h + in, h4});
        hx = in == 1 ? null : StepArena.uninit(new int[] {t * b, h + in});
        dWih = StepArena.uninit(new int[] {in == 1 ? h4 : in * h4});
        db = StepArena.uninit(new int[] {h4});
        dxs = needX ? StepArena.uninit(new int[] {t * b, in}) : null;
        packedDx = needX && in > 1 ? StepArena.uninit(new int[] {Kernels.active().lstmPackedSize(h4, in)}) : null;
        dbParts = StepArena.uninit(new int[] {blocks() * h4});
        dwParts = in == 1 ? StepArena.uninit(new int[] {blocks() * h4}) : null;
        epilogueDone = false;
    }

    /**
     * The gradients of this direction's weights, merged over all steps (padding rows of the gate
     * gradients are zero), into its own scratch: {@code W_hh^T} and {@code W_ih} (transposed when
     * {@code I > 1}), the bias, and the input rows {@code dgates W_ih}. Each GEMM is computed as its
     * transpose where that lets it pack the wide gate gradients with contiguous copies.
     */
    void weightGradients() {
        int rows = plan.steps * plan.batch, h4 = 4 * hidden;
        float[] g = gates.data();
        KernelSet ks = Kernels.active();
        if (in == 1) { // dW_hh^T [H, 4H] = Hprev^T dgates (Hprev: blocks 0 .. T-1 of hs)
            Kernels.gemmFor(hidden, h4, rows).gemm(true, false, hidden, h4, rows, 1f, hs.data(), 0, hidden, g, 0, h4,
                    0f, dWhhT.data(), 0, h4);
        } else {
            // [dW_hh^T; dW_ih^T] [H + I, 4H] = [Hprev X]^T dgates: one GEMM, so the gate gradients (9 MiB at
            // T = 140, B = 32, H = 128) are packed once, not once per product. Each element is the sum the two
            // GEMMs gave (the depth blocks depend on the T B rows only), so the bits are unchanged.
            int w = hidden + in;
            float[] cat = hx.data(), hd = hs.data(), xd = xs.data();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(hd, r * hidden, cat, r * w, hidden);
                System.arraycopy(xd, r * in, cat, r * w + hidden, in);
            }
            Kernels.gemmFor(w, h4, rows).gemm(true, false, w, h4, rows, 1f, cat, 0, w, g, 0, h4, 0f, dWhhT.data(), 0, h4);
            System.arraycopy(dWhhT.data(), hidden * h4, dWih.data(), 0, in * h4);
        }
        if (!epilogueDone) for (int q = 0; q < blocks(); q++) epilogue(ks, q);
        // the blocks' partial sums added in block order, whether they were taken in the time loop or here
        int nq = blocks();
        double[] dbSum = new double[h4], dwSum = in == 1 ? new double[h4] : null;
        float[] dbp = dbParts.data(), dwp = dwParts == null ? null : dwParts.data();
        for (int q = 0; q < nq; q++) {
            for (int j = 0; j < h4; j++) dbSum[j] += dbp[q * h4 + j];
            if (in == 1) for (int j = 0; j < h4; j++) dwSum[j] += dwp[q * h4 + j];
        }
        for (int j = 0; j < h4; j++) db.data()[j] = (float) dbSum[j];
        if (in == 1) for (int j = 0; j < h4; j++) dWih.data()[j] = (float) dwSum[j];
    }

    private int blocks() {
        return (plan.steps * plan.batch + EPILOGUE_ROWS - 1) / EPILOGUE_ROWS;
    }

    /**
     * Block {@code q} of {@link #EPILOGUE_ROWS} rows of the gate gradients: its column sums (the bias
     * gradient's part) and, for one feature, its part of {@code dW_ih = dgates^T x} and its rows of
     * {@code dx = dgates w}. Called from the time loop as soon as the block's rows are final (the block
     * is then in L2, where after the loop it came from memory), or after the loop when the rows were
     * split over threads; the same kernel calls on the same rows either way, so the same bits.
     */
    private void epilogue(KernelSet ks, int q) {
        int rows = plan.steps * plan.batch, h4 = 4 * hidden;
        int r0 = q * EPILOGUE_ROWS, n = Math.min(EPILOGUE_ROWS, rows - r0);
        float[] g = gates.data();
        ks.colSum(n, h4, g, r0 * h4, dbParts.data(), q * h4);
        if (in == 1) {
            ks.gemv(true, n, h4, 1f, g, r0 * h4, h4, xs.data(), r0, 0f, dwParts.data(), q * h4);
            if (dxs != null) ks.gemv(false, n, h4, 1f, g, r0 * h4, h4, wIh, wIhOff, 0f, dxs.data(), r0);
        }
    }

    /** Rows of gate gradients per block of the backward epilogue: 128 rows of 4H = 512 floats is 256 KiB. */
    private static final int EPILOGUE_ROWS = 128;

    /**
     * Gathers the output gradient {@code dy} ({@code [B, T, D H]}, this direction's columns from
     * {@code col}) and the gradients of the last state ({@code [B, H]} in caller order, or null),
     * and packs {@code W_hh} for the recurrent product of backward.
     */
    void prepareBackward(Tensor dy, int col, int width, float[] dhn, int dhnOff, float[] dcn, int dcnOff) {
        int b = plan.batch, t = plan.steps, h = hidden;
        float[] d = dh.data();
        if (dy != null) {
            float[] y = dy.data();
            int yo = dy.offset();
            for (int k = 0; k < b; k++) {
                int base = yo + plan.perm[k] * t * width + col;
                for (int s = 0; s < plan.len[k]; s++) System.arraycopy(y, base + source(k, s) * width, d, (s * b + k) * h, h);
            }
        } else {
            Arrays.fill(d, 0f);
        }
        if (dhn != null) { // the last state is the output of each sequence's own last step
            for (int k = 0; k < b; k++) {
                int dst = ((plan.len[k] - 1) * b + k) * h, src = dhnOff + plan.perm[k] * h;
                for (int j = 0; j < h; j++) d[dst + j] += dhn[src + j];
            }
        }
        initial(dcn, dcnOff, dc.data());
        if (dh0 != null) Arrays.fill(dh0.data(), 0f);
        Kernels.active().lstmPack(false, 4 * h, h, wHh, wHhOff, h, packed.data(), 0); // op(W) = W_hh
        if (packedDx != null) Kernels.active().lstmPack(false, 4 * h, in, wIh, wIhOff, in, packedDx.data(), 0); // op(W) = W_ih
    }

    /** Back through time over sorted rows {@code [r0, r1)}; leaves the pre-activation gradients in {@code gates}. */
    void backward(int r0, int r1) {
        KernelSet ks = Kernels.active();
        int b = plan.batch, h = hidden, h4 = 4 * h;
        float[] g = gates.data(), c = cs.data(), tc = tanhC.data(), d = dh.data(), dcd = dc.data(), p = packed.data();
        float[] xd = dxs == null ? null : dxs.data(), pdx = packedDx == null ? null : packedDx.data();
        // with every row here (one thread), each block of the epilogue runs as soon as its rows are final
        boolean fused = r0 == 0 && r1 == b;
        int next = blocks() - 1;
        for (int t = plan.steps - 1; t >= 0; t--) {
            int n = Math.min(r1, plan.active[t]);
            int row = t * b + r0;
            if (n > r0) {
                ks.lstmCellBackward(n - r0, h, g, row * h4, c, row * h, tc, row * h, d, row * h, dcd, r0 * h);
                if (packedDx != null) { // dx_t = dgates_t W_ih while the step's gate gradients are in cache
                    Arrays.fill(xd, row * in, (row + n - r0) * in, 0f);
                    ks.lstmGemm(n - r0, h4, in, g, row * h4, h4, pdx, 0, xd, row * in, in);
                }
                if (t > 0) {
                    ks.lstmGemm(n - r0, h4, h, g, row * h4, h4, p, 0, d, (row - b) * h, h); // dh_{t-1} += dgates W_hh
                } else if (dh0 != null) {
                    ks.lstmGemm(n - r0, h4, h, g, row * h4, h4, p, 0, dh0.data(), r0 * h, h);
                }
            }
            int z0 = Math.max(n, r0);
            if (z0 < r1) {
                Arrays.fill(g, (t * b + z0) * h4, (t * b + r1) * h4, 0f); // no gradient past the end
                if (packedDx != null) Arrays.fill(xd, (t * b + z0) * in, (t * b + r1) * in, 0f);
            }
            for (; fused && next >= 0 && next * EPILOGUE_ROWS >= t * b; next--) epilogue(ks, next);
        }
        epilogueDone = fused;
    }
}
