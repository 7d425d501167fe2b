package io.latentad.engine.autodiff;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.kernel.Tuning;
import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

import java.util.Arrays;

/**
 * One LSTM layer pass (one or two directions) as a single autodiff node, with PyTorch's
 * parameterisation ({@code nn.LSTM}, gate order i, f, g, o):
 * <pre>
 * (i, f, g, o) = (sigmoid, sigmoid, tanh, sigmoid)(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)
 * c_t = f * c_{t-1} + i * g,   h_t = o * tanh(c_t)
 * </pre>
 *
 * <p><b>Layout.</b> The input is a padded batch {@code x [B, T, I]} (batch first) with a length per
 * sequence ({@code 1 <= len <= T}; null means all {@code T}). The output is every step's hidden state,
 * {@code [B, T, D H]} with the directions side by side (forward then reverse, as PyTorch's
 * {@code bidirectional=True}), zero past each sequence's end (as {@code pad_packed_sequence}); the
 * last state {@code (h_n, c_n)} is {@code [D, B, H]}, the state at each sequence's own last step. The
 * reverse direction starts at each sequence's own last step ({@code pack_padded_sequence}). The
 * optional initial state {@code h0, c0} is {@code [D, B, H]}. Values in the padding are never read.
 *
 * <p><b>Cost.</b> Forward: per direction and step the input projection of the running rows (once for
 * an input repeated at every step), one recurrent product for all four gates and one fused cell
 * kernel ({@link Kernels#lstmCellForward}). Backward: back through time once (fused cell backward, one
 * product per step, and the input gradient when {@code I > 1}), then the weight gradients as GEMMs over
 * all steps at once, as oneDNN does. Buffers come from the {@link StepArena}; nothing is allocated per step.
 *
 * <p><b>Threads.</b> Rows are independent through time, so the time loops split the (sorted) batch
 * and the directions over the {@link Parallel} threads with no synchronisation per step; every row is
 * computed by the same operations whatever the split, so results are bit-identical for any thread
 * count.
 */
public final class LstmOps {
    /** One direction's parameters: {@code wIh [4H, I]}, {@code wHh [4H, H]}, {@code bIh, bHh [4H]}. */
    public record Weights(Var wIh, Var wHh, Var bIh, Var bHh) {
    }

    /** The pass's results: {@code output [B, T, D H]}, {@code lastH} and {@code lastC} {@code [D, B, H]}. */
    public record Result(Var output, Var lastH, Var lastC) {
    }

    private LstmOps() {
    }

    /**
     * Runs the pass. {@code directions} holds the forward weights and, for a bidirectional layer, the
     * reverse ones. {@code lengths}, {@code h0} and {@code c0} may be null.
     *
     * @throws IllegalArgumentException for bad shapes, a length outside {@code [1, T]}, or a NaN or
     *                                  infinite input inside a sequence (naming the sequence and step)
     */
    public static Result lstm(Var x, int[] lengths, Var h0, Var c0, Weights... directions) {
        if (x == null) throw new IllegalArgumentException("lstm: input is null");
        if (directions == null || directions.length < 1 || directions.length > 2) {
            throw new IllegalArgumentException("lstm: expected the weights of 1 or 2 directions, got "
                    + (directions == null ? 0 : directions.length));
        }
        Tensor xv = x.value();
        if (xv.rank() != 3 || xv.size() == 0) {
            throw new IllegalArgumentException("lstm: input has shape " + Shapes.str(xv.shape())
                    + ", expected [batch, steps, features], none of them 0");
        }
        int nb = xv.dim(0), nt = xv.dim(1), ni = xv.dim(2), nd = directions.length;
        int nh = checkWeights(directions, ni);
        int[] len = checkLengths(lengths, nb, nt);
        checkFinite(xv, len);
        checkState("h0", h0, nd, nb, nh);
        checkState("c0", c0, nd, nb, nh);

        LstmPlan plan = new LstmPlan(nb, nt, len);
        LstmPass[] passes = new LstmPass[nd];
        for (int d = 0; d < nd; d++) {
            passes[d] = new LstmPass(plan, d == 1, ni, nh, directions[d].wIh().value(), directions[d].wHh().value());
            passes[d].allocate();
        }
        // the directions' input projections side by side, then the time loops
        Parallel.forRange(nd, 1, (from, to) -> {
            for (int d = from; d < to; d++) {
                Weights w = directions[d];
                passes[d].prepare(xv, w.bIh().value(), w.bHh().value(),
                        h0 == null ? null : h0.value().data(), h0 == null ? 0 : h0.value().offset() + d * nb * nh,
                        c0 == null ? null : c0.value().data(), c0 == null ? 0 : c0.value().offset() + d * nb * nh);
            }
        });
        int chunks = chunks(nb, nd);
        Parallel.forRange(nd * chunks, 1, (from, to) -> {
            for (int task = from; task < to; task++) {
                int d = task / chunks, c = task % chunks;
                passes[d].forward(nb * c / chunks, nb * (c + 1) / chunks);
            }
        });

        // outputs in the caller's order
        int width = nd * nh;
        Tensor out = StepArena.uninit(new int[] {nb, nt, width});
        Tensor hn = StepArena.uninit(new int[] {nd, nb, nh}), cn = StepArena.uninit(new int[] {nd, nb, nh});
        float[] o = out.data();
        for (int d = 0; d < nd; d++) {
            LstmPass p = passes[d];
            float[] hs = p.hs.data(), cs = p.cs.data();
            for (int k = 0; k < nb; k++) {
                int b = plan.perm[k], l = plan.len[k];
                for (int s = 0; s < l; s++) {
                    System.arraycopy(hs, ((s + 1) * nb + k) * nh, o, (b * nt + p.source(k, s)) * width + d * nh, nh);
                }
                System.arraycopy(hs, (l * nb + k) * nh, hn.data(), (d * nb + b) * nh, nh);
                System.arraycopy(cs, (l * nb + k) * nh, cn.data(), (d * nb + b) * nh, nh);
            }
        }
        for (int b = 0; b < nb; b++) Arrays.fill(o, (b * nt + len[b]) * width, (b + 1) * nt * width, 0f);

        LastState last = new LastState();
        Var[] parents = parents(x, h0, c0, directions);
        Var y = Var.result("lstm", out, v -> backward(v.grad, last, x, h0, c0, directions, passes, plan, chunks), parents);
        Var lastH = Var.result("lstmLastH", hn, v -> {
            y.gradBuffer(); // the pass's rule must run even when only the last state is used
            last.dh = v.grad;
        }, y);
        Var lastC = Var.result("lstmLastC", cn, v -> {
            y.gradBuffer();
            last.dc = v.grad;
        }, y);
        return new Result(y, lastH, lastC);
    }

    /** The gradients of the last state, handed to the pass's rule (which runs after theirs). */
    private static final class LastState {
        Tensor dh, dc;
    }

    private static void backward(Tensor dy, LastState last, Var x, Var h0, Var c0, Weights[] dirs,
                                 LstmPass[] passes, LstmPlan plan, int chunks) {
        int nb = plan.batch, nt = plan.steps, nd = dirs.length;
        int nh = passes[0].hidden, ni = passes[0].in, width = nd * nh, h4 = 4 * nh;
        for (LstmPass p : passes) p.allocateBackward(h0 != null && h0.requiresGrad(), x.requiresGrad());
        Tensor dhn = last.dh, dcn = last.dc;
        last.dh = last.dc = null;
        Parallel.forRange(nd, 1, (from, to) -> {
            for (int d = from; d < to; d++) {
                passes[d].prepareBackward(dy, d * nh, width,
                        dhn == null ? null : dhn.data(), dhn == null ? 0 : dhn.offset() + d * nb * nh,
                        dcn == null ? null : dcn.data(), dcn == null ? 0 : dcn.offset() + d * nb * nh);
            }
        });
        Parallel.forRange(nd * chunks, 1, (from, to) -> {
            for (int task = from; task < to; task++) {
                int d = task / chunks, c = task % chunks;
                passes[d].backward(nb * c / chunks, nb * (c + 1) / chunks);
            }
        });
        // the weight gradients of the directions side by side (each GEMM splits over the threads
        // itself when it runs alone), then added into the parameters' gradients on this thread
        Parallel.forRange(nd, 1, (from, to) -> {
            for (int d = from; d < to; d++) passes[d].weightGradients();
        });
        for (int d = 0; d < nd; d++) {
            LstmPass p = passes[d];
            Weights w = dirs[d];
            addTransposed(w.wHh(), h4, nh, p.dWhhT.data());
            addTransposed(w.wIh(), h4, ni, p.dWih.data());
            for (Var bias : new Var[] {w.bIh(), w.bHh()}) {
                if (bias.requiresGrad()) Kernels.axpy(1f, p.db, bias.gradBuffer());
            }
            if (x.requiresGrad()) {
                Tensor gx = x.gradBuffer();
                float[] gd = gx.data(), dd = p.dxs.data();
                for (int k = 0; k < nb; k++) {
                    int base = gx.offset() + plan.perm[k] * nt * ni;
                    for (int s = 0; s < plan.len[k]; s++) {
                        int dst = base + p.source(k, s) * ni, src = (s * nb + k) * ni;
                        for (int j = 0; j < ni; j++) gd[dst + j] += dd[src + j];
                    }
                }
            }
            if (h0 != null && h0.requiresGrad()) scatterState(h0.gradBuffer(), d, p.dh0.data(), plan, nh);
            if (c0 != null && c0.requiresGrad()) scatterState(c0.gradBuffer(), d, p.dc.data(), plan, nh);
        }
    }

    /**
     * {@code dW [m, n] += t^T} for {@code t [n, m]} (a just-cleared gradient is overwritten). With
     * {@code n = 1} the transpose is the same column.
     */
    private static void addTransposed(Var w, int m, int n, float[] t) {
        if (!w.requiresGrad()) return;
        boolean fresh = w.gradFresh(); // first contribution: overwrite, no zero fill
        Tensor gw = fresh ? w.gradBufferForWrite() : w.gradBuffer();
        float[] gd = gw.data();
        int go = gw.offset();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (fresh) gd[go + i * n + j] = t[j * m + i];
                else gd[go + i * n + j] += t[j * m + i];
            }
        }
    }

    private static void scatterState(Tensor grad, int d, float[] sorted, LstmPlan plan, int nh) {
        float[] gd = grad.data();
        for (int k = 0; k < plan.batch; k++) {
            int dst = grad.offset() + (d * plan.batch + plan.perm[k]) * nh;
            for (int j = 0; j < nh; j++) gd[dst + j] += sorted[k * nh + j];
        }
    }

    /** How many row ranges each direction's time loops are split into. */
    private static int chunks(int batch, int directions) {
        int perDirection = Math.max(1, Parallel.threads() / directions);
        return Math.max(1, Math.min(perDirection, batch / Tuning.LSTM_MIN_ROWS_PER_THREAD));
    }

    private static Var[] parents(Var x, Var h0, Var c0, Weights[] dirs) {
        Var[] p = new Var[3 + 4 * dirs.length];
        int n = 0;
        p[n++] = x;
        if (h0 != null) p[n++] = h0;
        if (c0 != null) p[n++] = c0;
        for (Weights w : dirs) {
            p[n++] = w.wIh();
            p[n++] = w.wHh();
            p[n++] = w.bIh();
            p[n++] = w.bHh();
        }
        return Arrays.copyOf(p, n);
    }

    // ---- validation ---------------------------------------------------------------------------

    private static int checkWeights(Weights[] dirs, int in) {
        int h = -1;
        for (int d = 0; d < dirs.length; d++) {
            Weights w = dirs[d];
            String which = d == 0 ? "forward" : "reverse";
            if (w == null || w.wIh() == null || w.wHh() == null || w.bIh() == null || w.bHh() == null) {
                throw new IllegalArgumentException("lstm: the " + which + " weights are incomplete");
            }
            Tensor wi = w.wIh().value(), wh = w.wHh().value();
            if (wh.rank() != 2 || wh.dim(0) % 4 != 0 || wh.dim(0) == 0 || wh.dim(0) != 4 * wh.dim(1)) {
                throw new IllegalArgumentException("lstm: " + which + " W_hh has shape " + Shapes.str(wh.shape())
                        + ", expected [4H, H]");
            }
            int hd = wh.dim(1);
            if (h >= 0 && hd != h) {
                throw new IllegalArgumentException("lstm: hidden sizes differ between directions: " + h + " and " + hd);
            }
            h = hd;
            if (wi.rank() != 2 || wi.dim(0) != 4 * hd || wi.dim(1) != in) {
                throw new IllegalArgumentException("lstm: " + which + " W_ih has shape " + Shapes.str(wi.shape())
                        + ", expected [" + 4 * hd + ", " + in + "] for input features " + in);
            }
            for (Var b : new Var[] {w.bIh(), w.bHh()}) {
                if (b.value().rank() != 1 || b.value().size() != 4 * hd) {
                    throw new IllegalArgumentException("lstm: " + which + " bias has shape "
                            + Shapes.str(b.value().shape()) + ", expected [" + 4 * hd + "]");
                }
            }
        }
        return h;
    }

    private static int[] checkLengths(int[] lengths, int batch, int steps) {
        if (lengths == null) {
            int[] all = new int[batch];
            Arrays.fill(all, steps);
            return all;
        }
        if (lengths.length != batch) {
            throw new IllegalArgumentException("lstm: " + lengths.length + " lengths for a batch of " + batch);
        }
        for (int b = 0; b < batch; b++) {
            if (lengths[b] < 1 || lengths[b] > steps) {
                throw new IllegalArgumentException("lstm: sequence " + b + " has length " + lengths[b]
                        + ", expected 1 to " + steps + " (the padded length)");
            }
        }
        return lengths.clone();
    }

    private static void checkFinite(Tensor x, int[] len) {
        float[] d = x.data();
        int nt = x.dim(1), ni = x.dim(2);
        for (int b = 0; b < len.length; b++) {
            for (int t = 0; t < len[b]; t++) {
                int base = x.offset() + (b * nt + t) * ni;
                for (int j = 0; j < ni; j++) {
                    if (!Float.isFinite(d[base + j])) {
                        throw new IllegalArgumentException("lstm: sequence " + b + ", step " + t + " holds " + d[base + j]
                                + " (feature " + j + "); inputs must be finite");
                    }
                }
            }
        }
    }

    private static void checkState(String name, Var s, int nd, int nb, int nh) {
        if (s == null) return;
        int[] sh = s.value().shape();
        if (!Arrays.equals(sh, new int[] {nd, nb, nh})) {
            throw new IllegalArgumentException("lstm: " + name + " has shape " + Shapes.str(sh) + ", expected ["
                    + nd + ", " + nb + ", " + nh + "] (directions, batch, hidden)");
        }
    }
}
