package io.latentad.models.ae;

import io.latentad.engine.autodiff.NoGrad;
import io.latentad.engine.autodiff.StepArena;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.tensor.Tensor;

/**
 * The one batch builder of the family: flat samples (rows of {@code double}, laid out as their
 * {@link io.latentad.models.data.SampleShape} says) to the {@code [batch, width]} float tensor a
 * {@link io.latentad.models.ae.net.Network} reads, for training (a gather of shuffled rows) and for
 * scoring (a contiguous range). Sequences of unequal length (rows of their own steps only) are
 * padded with zeros to the batch's longest, and {@link #steps} gives each row's length for the network.
 */
public final class SampleBatches {
    private SampleBatches() {
    }

    /** Rows {@code rows} of {@code x}, in that order (shorter rows padded with zeros to the longest). */
    public static Tensor gather(double[][] x, int[] rows) {
        int d = 0;
        for (int r : rows) d = Math.max(d, x[r].length);
        Tensor t = Tensor.zeros(rows.length, d);
        float[] a = t.data();
        for (int i = 0; i < rows.length; i++) {
            double[] r = x[rows[i]];
            for (int j = 0; j < r.length; j++) a[i * d + j] = (float) r[j];
        }
        return t;
    }

    /** Rows {@code [from, to)} of {@code x} (shorter rows padded with zeros to the longest). */
    public static Tensor range(double[][] x, int from, int to) {
        int d = 0;
        for (int i = from; i < to; i++) d = Math.max(d, x[i].length);
        Tensor t = Tensor.zeros(to - from, d);
        float[] a = t.data();
        for (int i = from; i < to; i++) {
            double[] r = x[i];
            for (int j = 0; j < r.length; j++) a[(i - from) * d + j] = (float) r[j];
        }
        return t;
    }

    /**
     * {@link #range} into a scratch tensor of the current {@link StepArena} (no allocation, no zero fill) when every
     * row of {@code [from, to)} has the same width, as a scoring batch of samples has; else {@link #range}.
     */
    private static Tensor fullRange(double[][] x, int from, int to) {
        int d = x[from].length;
        for (int i = from + 1; i < to; i++) if (x[i].length != d) return range(x, from, to);
        Tensor t = StepArena.scratch(to - from, d);
        float[] a = t.data();
        for (int i = from, o = 0; i < to; i++, o += d) {
            double[] r = x[i];
            for (int j = 0; j < d; j++) a[o + j] = (float) r[j];
        }
        return t;
    }

    /**
     * {@link #range} for scoring, its values checked right after the conversion: null when a value of rows
     * {@code [from, to)} is not a finite float (NaN, infinite, or beyond float range), so the caller can
     * name the first such value ({@link TrainedAutoencoder#requireRows}) after the batches ran. The check
     * runs on the thread that scores the batch, over its float copy while it is in cache (a vector
     * kernel), instead of a pass over all the rows before scoring.
     */
    static Tensor rangeIfFinite(double[][] x, int from, int to) {
        Tensor t = fullRange(x, from, to);
        // NaN and infinities stay what they are in float; a finite double beyond float range becomes infinite
        return Kernels.allFinite(t) ? t : null;
    }

    /**
     * The steps of each of rows {@code rows} of {@code x}, sequences of {@code channels} values a step, or
     * null when every one is {@code full} values wide (the batch needs no lengths).
     */
    public static int[] steps(double[][] x, int[] rows, int channels, int full) {
        boolean all = true;
        for (int r : rows) all &= x[r].length == full;
        if (all) return null;
        int[] len = new int[rows.length];
        for (int i = 0; i < rows.length; i++) len[i] = x[rows[i]].length / channels;
        return len;
    }

    /** {@link #steps(double[][], int[], int, int)} of rows {@code [from, to)}. */
    public static int[] steps(double[][] x, int from, int to, int channels, int full) {
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) rows[i] = from + i;
        return steps(x, rows, channels, full);
    }

    /**
     * Runs {@code body} on rows {@code [0, n)} in batches of {@code batch}, without a graph, each batch
     * in a fresh scope of one reused {@link StepArena} per thread.
     *
     * <p>With at least two batches per thread, whole batches go to the threads (contiguous runs of
     * batches, one per thread): each batch's layers then run on one thread with no hand-over between
     * them (their kernels, called inside a parallel region, run inline), which is what makes scoring
     * scale over the cores; with fewer batches the batches run in turn and each kernel splits its own
     * work. A batch is computed by the same operations either way (the same rows, no kernel splits a
     * reduction), so results do not depend on the thread count. Bodies must write only their own rows.
     */
    static void inBatches(int batch, int n, BatchBody body) {
        int batches = (n + batch - 1) / batch;
        int threads = Parallel.threads();
        if (threads > 1 && batches >= 2 * threads) {
            Parallel.forRange(batches, 1, (b0, b1) -> runBatches(batch, n, b0, b1, body));
        } else {
            runBatches(batch, n, 0, batches, body);
        }
    }

    private static void runBatches(int batch, int n, int b0, int b1, BatchBody body) {
        StepArena arena = new StepArena();
        try (NoGrad ignored = NoGrad.enter()) {
            for (int b = b0; b < b1; b++) {
                int from = b * batch, to = Math.min(n, from + batch);
                try (StepArena s = arena.enter()) {
                    body.run(from, to);
                }
            }
        }
    }

    /** Work on one evaluation batch, rows {@code [from, to)}. */
    @FunctionalInterface
    interface BatchBody {
        void run(int from, int to);
    }

    /** Copies the rows of a {@code [rows, cols]} tensor into {@code dst} from row {@code from}. */
    static void copyRows(Tensor t, double[][] dst, int from) {
        int rows = t.dim(0), cols = t.dim(1), off = t.offset();
        float[] a = t.data();
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) dst[from + i][j] = a[off + i * cols + j];
    }
}
