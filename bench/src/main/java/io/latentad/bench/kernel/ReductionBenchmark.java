package io.latentad.bench.kernel;

import io.latentad.engine.kernel.KernelSet;
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
 * Reductions, Vector API beside scalar twin ({@code impl}). Vector kernels take {@code n}
 * elements; the row/column kernels see them as a matrix of {@code n / 64} x 64 (a batch of
 * 64-wide activations), softmax as rows of 10 (class logits) and of 64. Results: bench/notes/simd.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dlatentad.quiet=true"})
public class ReductionBenchmark {
    @Param({"simd", "scalar"})
    public String impl;

    @Param({"1000", "4096", "10007", "65536"})
    public int n;

    KernelSet k;
    float[] x, y, out;

    @Setup(Level.Trial)
    public void setup() {
        k = impl.equals("simd") ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
        SplittableRandom r = new SplittableRandom(43);
        x = new float[n];
        y = new float[n];
        out = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 8 - 4);
            y[i] = (float) (r.nextDouble() * 8 - 4);
        }
    }

    @Benchmark
    public float sum() {
        return k.sum(n, x, 0);
    }

    @Benchmark
    public float dot() {
        return k.dot(n, x, 0, y, 0);
    }

    @Benchmark
    public float max() {
        return k.max(n, x, 0);
    }

    @Benchmark
    public int argmax() {
        return k.argmax(n, x, 0);
    }

    @Benchmark
    public float[] rowSum64() {
        k.rowSum(n / 64, 64, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] colSum64() {
        k.colSum(n / 64, 64, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] colMax64() {
        k.colMax(n / 64, 64, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] softmaxRows64() {
        k.softmaxRows(n / 64, 64, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] softmaxRows10() {
        k.softmaxRows(n / 10, 10, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] logSoftmaxRows64() {
        k.logSoftmaxRows(n / 64, 64, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] gemvTrans() {
        k.gemv(true, n / 64, 64, 1f, x, 0, 64, y, 0, 0f, out, 0);
        return out;
    }
}
