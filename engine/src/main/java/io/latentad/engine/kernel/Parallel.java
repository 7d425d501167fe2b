package io.latentad.engine.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The one shared {@link ForkJoinPool} of latentad, sized by {@code -Dlatentad.threads}
 * (default: the number of cores).
 *
 * <p>Work is split into a fixed number of chunks that depends only on the problem size and the
 * thread count, and each chunk always computes the same outputs in the same order, so results
 * are bit-identical for a given thread count (and, for kernels that never split a reduction,
 * for every thread count).
 */
public final class Parallel {
    /** A body that processes the half-open index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static volatile ForkJoinPool pool;
    private static volatile int threads;

    static {
        setThreads(defaultThreads());
    }

    private Parallel() {
    }

    static int defaultThreads() {
        String p = System.getProperty("latentad.threads");
        if (p == null || p.isBlank()) return Runtime.getRuntime().availableProcessors();
        try {
            int t = Integer.parseInt(p.trim());
            if (t < 1) throw new NumberFormatException();
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "-Dlatentad.threads=" + p + ": expected a whole number >= 1");
        }
    }

    /** The thread count kernels split work over. */
    public static int threads() {
        return threads;
    }

    /**
     * Replaces the shared pool with one of {@code t} threads. For benchmarks and tests that
     * compare thread counts; ordinary code sets {@code -Dlatentad.threads} instead.
     */
    public static synchronized void setThreads(int t) {
        if (t < 1) throw new IllegalArgumentException("threads = " + t + ": expected >= 1");
        ForkJoinPool old = pool;
        pool = t > 1 ? new ForkJoinPool(t) : null;
        threads = t;
        if (old != null) old.shutdown();
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} contiguous chunks
     * whose boundaries are multiples of {@code grain} (except the last). Runs inline when one
     * thread is configured or there is a single chunk.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) return;
        int g = Math.max(1, grain);
        int units = (n + g - 1) / g;
        int chunks = Math.min(threads, units);
        ForkJoinPool p = pool;
        if (chunks <= 1 || p == null) {
            body.run(0, n);
            return;
        }
        int[] bounds = new int[chunks + 1];
        for (int c = 0; c <= chunks; c++) {
            bounds[c] = Math.min(n, (int) ((long) units * c / chunks) * g);
        }
        bounds[chunks] = n;
        RecursiveAction[] tasks = new RecursiveAction[chunks];
        for (int c = 0; c < chunks; c++) {
            final int from = bounds[c], to = bounds[c + 1];
            tasks[c] = new RecursiveAction() {
                @Override
                protected void compute() {
                    body.run(from, to);
                }
            };
        }
        if (java.util.concurrent.ForkJoinTask.getPool() == p) {
            // already inside our pool: fork-join directly
            RecursiveAction.invokeAll(tasks);
        } else {
            p.invoke(new RecursiveAction() {
                @Override
                protected void compute() {
                    invokeAll(tasks);
                }
            });
        }
    }

}
