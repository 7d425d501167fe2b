package io.latentad.bench.nn;

import io.latentad.engine.kernel.KernelSet;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The three convolution kernels of {@link ConvTiming}'s layers called alone through {@link Kernels#active()}
 * (no autodiff, no arena): {@code convForward}, {@code convBackwardInput} (added onto {@code dx}, and written: {@code backwardInputW}), {@code convBackwardWeight} on the MNIST
 * conv AE's layers (3 x 3, stride 2, padding 1; 1 -> 32 on 28 x 28, 32 -> 64 on 14 x 14), the calling thread's
 * CPU time, minimum and median of {@code REPS} calls after a warm-up, with GFLOPS ({@code 2 B P OC K / t}).
 * {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.latentad.bench.nn.ConvKernelTiming [BATCH] [REPS]}
 */
public final class ConvKernelTiming {
    private ConvKernelTiming() {
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 64, reps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Parallel.setThreads(1);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        KernelSet ks = Kernels.active();
        for (int[] l : new int[][] {{1, 32, 28}, {32, 64, 14}}) {
            int c = l[0], oc = l[1], h = l[2], k = 3, s = 2, pad = 1, oh = (h + 2 * pad - k) / s + 1, p = oh * oh;
            Rng rng = new Rng(7);
            float[] x = Tensor.normal(rng.split(), 0f, 1f, batch * c * h * h).data();
            float[] w = Tensor.normal(rng.split(), 0f, 0.1f, oc * c * k * k).data();
            float[] bias = Tensor.normal(rng.split(), 0f, 0.1f, oc).data();
            float[] dy = Tensor.normal(rng.split(), 0f, 1f, batch * oc * p).data();
            float[] out = new float[batch * oc * p], dx = new float[x.length], dw = new float[w.length];
            double gflop = 2.0 * batch * p * oc * c * k * k / 1e9;
            Runnable[] jobs = {
                () -> ks.convForward(batch, c, h, h, oc, k, k, s, pad, oh, oh, x, 0, w, 0, bias, 0, out, 0),
                () -> ks.convBackwardInput(batch, c, h, h, oc, k, k, s, pad, oh, oh, dy, 0, w, 0, dx, 0, true),
                () -> ks.convBackwardInput(batch, c, h, h, oc, k, k, s, pad, oh, oh, dy, 0, w, 0, dx, 0, false),
                () -> ks.convBackwardWeight(batch, c, h, h, oc, k, k, s, pad, oh, oh, x, 0, dy, 0, 8, dw, 0)};
            String[] names = {"forward", "backwardInput", "backwardInputW", "backwardWeight"};
            for (int j = 0; j < jobs.length; j++) {
                for (int i = 0; i < reps; i++) jobs[j].run();
                double[] cpu = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    jobs[j].run();
                    cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e3;
                }
                Arrays.sort(cpu);
                System.out.printf(Locale.ROOT, "%d-%d-%d %-15s CPU min %7.1f us, median %7.1f us, %5.1f GFLOPS (min)%n",
                        c, oc, h, names[j], cpu[0], cpu[reps / 2], gflop / (cpu[0] * 1e-6));
            }
        }
    }
}
