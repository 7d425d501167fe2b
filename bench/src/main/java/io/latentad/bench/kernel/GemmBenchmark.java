package io.latentad.bench.kernel;

import io.latentad.engine.kernel.Gemm;
import io.latentad.engine.kernel.GemmProviders;
import io.latentad.engine.kernel.Parallel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * SGEMM throughput of the providers ({@code simd}, {@code jblas}, {@code ejml}; {@code scalar} at
 * small n only) on square sizes and on the dense-autoencoder layer shapes in the three forms
 * backprop uses. Time per call; GFLOPS = {@code 2mnk / t} (bench/notes/gemm.md converts).
 *
 * <p>Shapes ({@code m x n x k}, and which operand is transposed):
 * <ul>
 * <li>{@code sqN}: {@code N x N x N}, {@code A B};</li>
 * <li>{@code fwd784}: {@code X W}, X 128 x 784, W 784 x 512: {@code 128 x 512 x 784};</li>
 * <li>{@code wgrad784}: {@code X^T dY}, X 128 x 784, dY 128 x 512: {@code 784 x 512 x 128}, A transposed;</li>
 * <li>{@code igrad784}: {@code dY W^T}, dY 128 x 512, W 784 x 512: {@code 128 x 784 x 512}, B transposed;</li>
 * <li>{@code fwd512}, {@code wgrad512}, {@code igrad512}: the same for the 512 -> 256 layer;</li>
 * <li>{@code fwdout} ({@code 128 x 784 x 512}) and {@code fwd256} ({@code 128 x 512 x 256}): the decoder's
 *     forwards, {@code A B} (main mode only).</li>
 * </ul>
 * Peer: OpenBLAS through NumPy on the same shapes, {@code bench/scripts/sgemm_shapes.py}.
 *
 * <p>{@link #main} is a second, non-JMH mode for a shared machine: it times single-threaded calls by
 * the thread's CPU time, which leaves out the time other processes hold the core, as the peer script
 * also reports; run both back to back ({@code java --add-modules jdk.incubator.vector -cp
 * bench/target/benchmarks.jar io.latentad.bench.kernel.GemmBenchmark simd,jblas,ejml}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dlatentad.quiet=true"})
public class GemmBenchmark {

    /** A GEMM problem: shape, transposes and seeded operands. */
    public static class Problem {
        int m, n, k, lda, ldb;
        boolean transA, transB;
        float[] a, b, c;

        void init(String shape) {
            switch (shape) {
                case "fwd784" -> set(128, 512, 784, false, false);
                case "wgrad784" -> set(784, 512, 128, true, false);
                case "igrad784" -> set(128, 784, 512, false, true);
                case "fwd512" -> set(128, 256, 512, false, false);
                case "fwdout" -> set(128, 784, 512, false, false);
                case "fwd256" -> set(128, 512, 256, false, false);
                case "wgrad512" -> set(512, 256, 128, true, false);
                case "igrad512" -> set(128, 512, 256, false, true);
                default -> {
                    if (!shape.startsWith("sq")) throw new IllegalArgumentException("shape " + shape);
                    int s = Integer.parseInt(shape.substring(2));
                    set(s, s, s, false, false);
                }
            }
            SplittableRandom rnd = new SplittableRandom(42);
            a = random(rnd, m * k);
            b = random(rnd, k * n);
            c = new float[m * n];
        }

        private void set(int m, int n, int k, boolean transA, boolean transB) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.transA = transA;
            this.transB = transB;
            lda = transA ? m : k;
            ldb = transB ? k : n;
        }

        float[] run(Gemm g) {
            g.gemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
            return c;
        }

        private static float[] random(SplittableRandom rnd, int size) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
            return x;
        }
    }

    @Param({"simd", "jblas", "ejml"})
    public String provider;

    @Param({"sq16", "sq64", "sq127", "sq256", "sq512", "sq1024",
            "fwd784", "wgrad784", "igrad784", "fwd512", "wgrad512", "igrad512"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private final Problem problem = new Problem();
    private Gemm gemm;
    private int oldThreads;

    @Setup(Level.Trial)
    public void setUp() {
        problem.init(shape);
        gemm = GemmProviders.byName(provider);
        oldThreads = Parallel.threads();
        Parallel.setThreads(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Parallel.setThreads(oldThreads);
    }

    @Benchmark
    public float[] gemm() {
        return problem.run(gemm);
    }

    /**
     * CPU-time mode: for each provider (comma-separated first argument, default {@code simd,jblas})
     * and shape, one thread, best and median of 15 timed rounds of at least 0.1 s of work each after
     * 5 warm-up rounds, as GFLOPS from the calling thread's CPU time (and the best from wall time).
     */
    public static void main(String[] args) {
        String[] providers = (args.length > 0 ? args[0] : "simd,jblas").split(",");
        String[] shapes = args.length > 1 ? args[1].split(",") : new String[] {"sq64", "sq127", "sq256",
                "sq512", "sq1024", "fwd784", "wgrad784", "igrad784", "fwd512", "wgrad512", "igrad512"};
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Parallel.setThreads(1);
        for (String name : providers) {
            Gemm g = GemmProviders.byName(name);
            for (String shape : shapes) {
                Problem p = new Problem();
                p.init(shape);
                double flops = 2.0 * p.m * p.n * p.k;
                int reps = (int) Math.max(3, 2e8 / flops);
                double[] cpu = new double[15];
                double wall = 0;
                for (int round = -5; round < cpu.length; round++) {
                    long t = System.nanoTime(), c = mx.getCurrentThreadCpuTime();
                    for (int r = 0; r < reps; r++) p.run(g);
                    long dc = mx.getCurrentThreadCpuTime() - c, dt = System.nanoTime() - t;
                    if (round >= 0) {
                        cpu[round] = flops * reps / dc;
                        wall = Math.max(wall, flops * reps / dt);
                    }
                }
                java.util.Arrays.sort(cpu);
                System.out.printf(java.util.Locale.ROOT, "%-6s %-9s %dx%dx%d cpu-time best %.1f median %.1f | wall best %.1f GFLOPS%n",
                        name, shape, p.m, p.n, p.k, cpu[cpu.length - 1], cpu[cpu.length / 2], wall);
            }
        }
    }

    /**
     * The scalar reference, at the small sizes only (it is an order of magnitude slower). A nested
     * class with its own state, so that JMH does not cross its sizes with the outer parameters.
     */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dlatentad.quiet=true"})
    public static class Scalar {
        @Param({"sq16", "sq64", "sq127"})
        public String shape;

        private final Problem problem = new Problem();

        @Setup(Level.Trial)
        public void setUp() {
            problem.init(shape);
        }

        @Benchmark
        public float[] scalar() {
            return problem.run(GemmProviders.byName("scalar"));
        }
    }
}
