package io.latentad.engine.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker threads of latentad, sized by {@code -Dlatentad.threads} (default: the number of
 * cores): the calling thread plus {@code threads - 1} helpers.
 *
 * <p>Work is split into a fixed number of chunks that depends only on the problem size and the
 * thread count, and each chunk always computes the same outputs in the same order, so results
 * are bit-identical for a given thread count (and, for kernels that never split a reduction,
 * for every thread count). Which thread runs which chunk does not matter: chunks are claimed from
 * a shared counter, by the caller too, so a helper that is slow to wake never holds the caller up
 * (the caller simply runs that chunk itself).
 *
 * <p>Helpers spin for a while ({@code -Dlatentad.spinMicros}, default {@value #DEFAULT_SPIN_MICROS}
 * microseconds) after each region before they park, as OpenMP runtimes and OpenBLAS do. A training
 * step is a chain of GEMMs of a millisecond or so with serial work in between; with a
 * {@link java.util.concurrent.ForkJoinPool} (the first version) its workers parked in every gap and
 * took so long to wake on this VM that two threads trained no faster than one (bench/notes/parallel.md).
 *
 * <p>One region runs at a time: a call made while the helpers are busy (a nested call from inside a
 * body, or another application thread) runs its chunks one after another on its own thread, with the
 * same boundaries, so its results are the same.
 */
public final class Parallel {
    /** A body that processes the half-open index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    static final long DEFAULT_SPIN_MICROS = 2000;

    private static volatile int threads;
    private static volatile Team team;

    static {
        setThreads(defaultThreads());
    }

    private Parallel() {
    }

    static int defaultThreads() {
        return KernelSettings.threads();
    }

    static long spinNanos() {
        return KernelSettings.spinNanos();
    }

    /** The thread count kernels split work over. */
    public static int threads() {
        return threads;
    }

    /**
     * Replaces the helpers with {@code t - 1} new ones. For benchmarks and tests that compare thread
     * counts; ordinary code sets {@code -Dlatentad.threads} instead.
     */
    public static synchronized void setThreads(int t) {
        if (t < 1) throw new IllegalArgumentException("threads = " + t + ": expected >= 1");
        Team old = team;
        team = t > 1 ? new Team(t - 1, spinNanos()) : null;
        threads = t;
        if (old != null) old.shutdown();
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} contiguous chunks
     * whose boundaries are multiples of {@code grain} (except the last). Runs inline when one
     * thread is configured or there is a single chunk. The first exception a chunk throws is
     * rethrown to the caller once every chunk has finished.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) return;
        int g = Math.max(1, grain);
        int units = (n + g - 1) / g;
        int chunks = Math.min(threads, units);
        Team tm = team;
        if (chunks <= 1 || tm == null) {
            body.run(0, n);
            return;
        }
        int[] bounds = new int[chunks + 1];
        for (int c = 0; c <= chunks; c++) {
            bounds[c] = Math.min(n, (int) ((long) units * c / chunks) * g);
        }
        bounds[chunks] = n;
        if (!tm.run(body, bounds)) {
            // helpers busy (nested or concurrent call): same chunks, one after another
            for (int c = 0; c < chunks; c++) body.run(bounds[c], bounds[c + 1]);
        }
    }

    /** One parallel region: its body, chunks and bookkeeping (immutable apart from the counters). */
    private static final class Region {
        final RangeBody body;
        final int[] bounds;
        final int chunks;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Region(RangeBody body, int[] bounds) {
            this.body = body;
            this.bounds = bounds;
            this.chunks = bounds.length - 1;
            this.caller = Thread.currentThread();
        }

        /** Claims and runs chunks until none is left. */
        void work() {
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                try {
                    body.run(bounds[c], bounds[c + 1]);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    if (done.incrementAndGet() == chunks) LockSupport.unpark(caller);
                }
            }
        }
    }

    /** The helper threads and the region they work on. */
    private static final class Team {
        private final Thread[] helpers;
        private final long spinNanos;
        private final AtomicBoolean busy = new AtomicBoolean();
        private volatile boolean stopped;
        /** The latest region; helpers wait for it to change. */
        private volatile Region current;

        Team(int count, long spinNanos) {
            this.spinNanos = spinNanos;
            helpers = new Thread[count];
            for (int i = 0; i < count; i++) {
                Thread t = new Thread(this::helperLoop, "latentad-worker-" + (i + 1));
                t.setDaemon(true);
                helpers[i] = t;
                t.start();
            }
        }

        /** Runs one region with the helpers; false if they are busy with another. */
        boolean run(RangeBody body, int[] bounds) {
            if (!busy.compareAndSet(false, true)) return false;
            try {
                Region r = new Region(body, bounds);
                current = r;
                for (Thread h : helpers) LockSupport.unpark(h);
                r.work();
                // wait for the chunks helpers claimed
                long spinUntil = System.nanoTime() + spinNanos;
                while (r.done.get() < r.chunks) {
                    if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                    else LockSupport.parkNanos(this, 50_000);
                }
                Throwable f = r.failure.get();
                if (f instanceof RuntimeException e) throw e;
                if (f instanceof Error e) throw e;
                if (f != null) throw new IllegalStateException(f);
                return true;
            } finally {
                busy.set(false);
            }
        }

        private void helperLoop() {
            Region seen = current;
            while (!stopped) {
                long spinUntil = System.nanoTime() + spinNanos;
                Region r;
                while ((r = current) == seen && !stopped) {
                    if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                    else LockSupport.park(this);
                }
                if (stopped) return;
                seen = r;
                r.work(); // returns at once if the caller already took every chunk
            }
        }

        void shutdown() {
            stopped = true;
            for (Thread h : helpers) LockSupport.unpark(h);
        }
    }
}
