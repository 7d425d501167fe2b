package io.latentad.bench.nn;

import io.latentad.engine.autodiff.NoGrad;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.StepArena;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.nn.Conv2d;
import io.latentad.engine.nn.Init;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link ConvBenchmark}'s jobs timed the way {@code bench/scripts/torch_conv.py} times PyTorch's: median and
 * minimum of 200 steps after 20 warm-ups (plus a JIT warm-up of 300), so the two can run back to back in
 * one sitting on the shared machine, where the minimum is the figure least disturbed by other processes. The
 * calling thread's CPU time is printed beside the wall time (with one thread the convolution runs on it): it
 * leaves out the time other processes held the core, as {@code time.thread_time()} in the peer script.
 * {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.latentad.bench.nn.ConvTiming [THREADS] [BATCH]}
 */
public final class ConvTiming {
    private ConvTiming() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1, batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Parallel.setThreads(threads);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.println("latentad conv, threads " + threads + ", batch " + batch);
        for (int[] l : new int[][] {{1, 32, 28}, {32, 64, 14}}) {
            Rng rng = new Rng(42);
            Conv2d conv = new Conv2d(l[0], l[1], 3, 2, 1, Init.TORCH_DEFAULT, rng.split());
            Map<String, Var> params = new LinkedHashMap<>();
            conv.collectParameters("", params);
            Var x = Var.param(Tensor.normal(rng.split(), 0f, 1f, batch, l[0], l[2], l[2]), "x");
            StepArena arena = new StepArena();
            Runnable fwd = () -> {
                try (StepArena s = arena.enter(); NoGrad off = NoGrad.enter()) {
                    conv.forward(x);
                }
            };
            Runnable fwdBwd = () -> {
                for (Var v : params.values()) v.zeroGrad();
                x.zeroGrad();
                try (StepArena s = arena.enter()) {
                    ReductionOps.sum(conv.forward(x)).backward();
                }
            };
            for (Object[] job : new Object[][] {{"forward", fwd}, {"forwardBackward", fwdBwd}}) {
                Runnable r = (Runnable) job[1];
                for (int i = 0; i < 320; i++) r.run();
                double[] t = new double[200], cpu = new double[200];
                for (int i = 0; i < t.length; i++) {
                    long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                    r.run();
                    t[i] = (System.nanoTime() - t0) / 1e3;
                    cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e3;
                }
                Arrays.sort(t);
                Arrays.sort(cpu);
                System.out.printf(Locale.ROOT, "%d-%d-%d %s: median %.1f us, min %.1f us; thread CPU time median %.1f us, min %.1f us%n",
                        l[0], l[1], l[2], job[0], (t[99] + t[100]) / 2, t[0], (cpu[99] + cpu[100]) / 2, cpu[0]);
            }
        }
    }
}
