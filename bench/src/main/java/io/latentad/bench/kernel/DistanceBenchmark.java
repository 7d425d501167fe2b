package io.latentad.bench.kernel;

import io.latentad.engine.kernel.KernelSet;
import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.kernel.ScalarKernels;
import io.latentad.engine.kernel.simd.VectorKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The squared-distance matrix of m query rows against n reference rows in d dimensions (the kNN
 * and k-means assignment step), Vector API beside scalar twin, at 1 and 2 threads. Results:
 * bench/notes/simd.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dlatentad.quiet=true"})
public class DistanceBenchmark {
    @Param({"simd", "scalar"})
    public String impl;

    /** m = n rows on each side. */
    @Param({"100", "1000"})
    public int rows;

    @Param({"2", "8", "33"})
    public int d;

    @Param({"1", "2"})
    public int threads;

    KernelSet k;
    float[] a, b, out;

    @Setup(Level.Trial)
    public void setup() {
        k = impl.equals("simd") ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
        Parallel.setThreads(threads);
        SplittableRandom r = new SplittableRandom(44);
        a = new float[rows * d];
        b = new float[(rows + 7) * d]; // n = rows + 7: not a multiple of the lane count
        out = new float[rows * (rows + 7)];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
    }

    @Benchmark
    public float[] sqDist() {
        k.sqDist(rows, rows + 7, d, a, 0, b, 0, out, 0);
        return out;
    }
}
