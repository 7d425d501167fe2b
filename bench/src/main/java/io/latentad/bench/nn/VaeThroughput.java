package io.latentad.bench.nn;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

import io.latentad.models.data.IdxReader;

import java.nio.file.Path;

/**
 * Training throughput (samples/s) of the dense CL-VAE 784-512-256-2 on Fashion-MNIST, the same
 * job as {@code ../shared/peers/torch_vae.py} (run it in the same sitting and compare).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.latentad.bench.nn.VaeThroughput [epochs=1] [maxBatches=all] [threads=cores] [dir]
 * </pre>
 *
 * Reads {@code /usr/share/datasets/fashion-mnist} (Debian's dataset-fashion-mnist) unless a
 * directory is given. One warm-up step, then epochs of shuffled batches of 128 (the last partial
 * batch dropped, as the peer does). Afterwards it times the GEMM calls of one step alone, with
 * the same shapes and transpose flags, to report what fraction of the step is GEMM.
 */
public final class VaeThroughput {
    static final int B = 128;
    /** Batches reported apart as the JIT warm-up phase. */
    static final int WARM = 50;

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int maxBatches = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        if (args.length > 2) Parallel.setThreads(Integer.parseInt(args[2]));
        Path dir = Path.of(args.length > 3 ? args[3] : "/usr/share/datasets/fashion-mnist");
        double[][] pixels = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz"));
        int[] y = IdxReader.readLabels(dir.resolve("train-labels-idx1-ubyte.gz"));
        float[][] x = new float[pixels.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new float[pixels[i].length];
            for (int j = 0; j < x[i].length; j++) x[i][j] = (float) pixels[i][j];
        }
        DenseVae vae = new DenseVae(784, 2, 10, 0);
        Rng rng = new Rng(1);
        float[] batch = new float[B * 784];
        int[] labels = new int[B];
        Tensor xb = Tensor.wrap(batch, B, 784);
        fill(x, y, rng.permutation(x.length), 0, batch, labels);
        vae.step(xb, labels); // warm-up, as the peer does
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int n = 0, batches = 0;
        long tWarm = 0;
        float loss = 0;
        outer:
        for (int ep = 0; ep < epochs; ep++) {
            int[] perm = rng.permutation(x.length);
            for (int i = 0; i + B <= x.length; i += B) {
                if (batches++ >= maxBatches) break outer;
                fill(x, y, perm, i, batch, labels);
                loss = vae.step(xb, labels);
                n += B;
                if (batches == WARM) tWarm = System.nanoTime();
            }
        }
        double dt = (System.nanoTime() - t0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        double gemm = gemmSecondsPerStep(3);
        System.out.printf("latentad kernels=%s threads=%d: %.0f samples/s over %d samples (%.1f s), last loss %.2f%n",
                Kernels.active().name(), Parallel.threads(), n / dt, n, dt, loss);
        System.out.printf("step %.1f ms, of which GEMM (timed alone, same shapes) %.1f ms = %.0f%%%n",
                1e3 * dt / (n / B), 1e3 * gemm, 100 * gemm / (dt / (n / B)));
        // the main thread's CPU time leaves out the time other processes held the core; with one
        // thread all the work runs on it, with more the pool threads' share is not counted
        if (tWarm != 0 && batches > WARM + 1) {
            double first = (tWarm - t0) / 1e9, rest = (t0 + dt * 1e9 - tWarm) / 1e9;
            System.out.printf("first %d batches %.1f ms/step (JIT warm-up), later %.1f ms/step = %.0f samples/s%n",
                    WARM, 1e3 * first / WARM, 1e3 * rest / (n / B - WARM), (n - WARM * B) / rest);
        }
        System.out.printf("main-thread CPU time %.1f s: %.0f samples per CPU-second%n", cpu, n / cpu);
    }

    private static void fill(float[][] x, int[] y, int[] perm, int from, float[] batch, int[] labels) {
        for (int r = 0; r < B; r++) {
            System.arraycopy(x[perm[from + r]], 0, batch, r * 784, 784);
            labels[r] = y[perm[from + r]];
        }
    }

    /** Seconds per training step spent in GEMM: each layer's forward, dX (not for the input) and dW. */
    static double gemmSecondsPerStep(int reps) {
        int[][] layers = {{784, 512}, {512, 256}, {256, 2}, {256, 2}, {2, 256}, {256, 512}, {512, 784}};
        float[] a = new float[B * 784], w = new float[784 * 784], c = new float[784 * 784];
        long best = Long.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            long t = System.nanoTime();
            for (int li = 0; li < layers.length; li++) {
                int in = layers[li][0], out = layers[li][1];
                Kernels.gemmFor(B, out, in).gemm(false, false, B, out, in, 1f, a, 0, in, w, 0, out, 1f, c, 0, out);
                if (li != 0) Kernels.gemmFor(B, in, out).gemm(false, true, B, in, out, 1f, a, 0, out, w, 0, out, 1f, c, 0, in);
                Kernels.gemmFor(in, out, B).gemm(true, false, in, out, B, 1f, a, 0, in, w, 0, out, 1f, c, 0, out);
            }
            best = Math.min(best, System.nanoTime() - t);
        }
        return best / 1e9;
    }
}
