package io.latentad.bench.nn;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.Parallel;

import java.util.Arrays;

/**
 * Milliseconds per forward + backward of one LSTM / Bi-LSTM layer, measured as
 * {@code ../shared/peers/torch_lstm.py} measures PyTorch (median of 20 after 5 warm-ups, plus a
 * longer JIT warm-up first: the peer's code is compiled ahead of time), with the minimum beside the
 * median (the figure least disturbed by other processes on a shared machine). Same arguments as the peer:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.latentad.bench.nn.LstmThroughput THREADS T INPUT HIDDEN BATCH BIDIRECTIONAL(0|1) [WARMUP_SECONDS=3] [REPS=20]
 * </pre>
 */
public final class LstmThroughput {
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]), t = Integer.parseInt(args[1]), in = Integer.parseInt(args[2]);
        int h = Integer.parseInt(args[3]), b = Integer.parseInt(args[4]);
        boolean bi = Integer.parseInt(args[5]) != 0;
        Parallel.setThreads(threads);
        LstmStep step = new LstmStep(t, in, h, b, bi, 0);
        double warm = args.length > 6 ? Double.parseDouble(args[6]) : 3;
        long until = System.nanoTime() + (long) (warm * 1e9); // JIT warm-up
        while (System.nanoTime() < until) step.run();
        for (int i = 0; i < 5; i++) step.run();
        int reps = args.length > 7 ? Integer.parseInt(args[7]) : 20;
        double[] ms = new double[reps], cpu = new double[reps];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < ms.length; i++) {
            long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        double med = median(ms);
        // with one thread, the calling thread's CPU time leaves out the time other processes held the core
        System.out.printf("latentad (%s) lstm threads=%d T=%d I=%d H=%d B=%d bidirectional=%d: %.2f ms per forward+backward, %.0f sequences/s (min %.2f ms; calling thread CPU median %.2f ms)%n",
                Kernels.active().name(), threads, t, in, h, b, bi ? 1 : 0, med, b / med * 1e3, ms[0], median(cpu));
    }
}
