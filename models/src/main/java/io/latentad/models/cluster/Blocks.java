package io.latentad.models.cluster;

import io.latentad.engine.kernel.Parallel;

/**
 * Fixed-size row blocks for parallel reductions whose result does not depend on the thread count:
 * each block's partial result is computed alone (in parallel) and the partials are combined in
 * block order.
 */
public final class Blocks {
    /** Rows per block: large enough to amortise task overhead, small enough to balance 2-8 threads. */
    public static final int ROWS = 2048;

    /** Work on one block of rows, writing its partial into slot {@code block}. */
    @FunctionalInterface
    public interface BlockBody {
        void run(int block, int from, int to);
    }

    private Blocks() {
    }

    /** Number of blocks for {@code n} rows. */
    public static int count(int n) {
        return (n + ROWS - 1) / ROWS;
    }

    /** Runs {@code body} on every block, in parallel. */
    public static void forEach(int n, BlockBody body) {
        int blocks = count(n);
        Parallel.forRange(blocks, 1, (b0, b1) -> {
            for (int b = b0; b < b1; b++) body.run(b, b * ROWS, Math.min(n, (b + 1) * ROWS));
        });
    }

    /** Sum of per-block partials in block order. */
    public static double sum(double[] partials) {
        double s = 0;
        for (double p : partials) s += p;
        return s;
    }
}
