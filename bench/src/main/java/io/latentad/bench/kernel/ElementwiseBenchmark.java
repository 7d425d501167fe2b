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
 * Elementwise kernels, each Vector API kernel beside its scalar twin ({@code impl}) at the same
 * size. Results: bench/notes/simd.md. Outputs go to a separate array, so repeated calls see the
 * same inputs; {@code axpy} accumulates into {@code y} (bounded: alpha is tiny).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dlatentad.quiet=true"})
public class ElementwiseBenchmark {
    @Param({"simd", "scalar"})
    public String impl;

    @Param({"1000", "4096", "10007", "65536"})
    public int n;

    KernelSet k;
    float[] x, pos, y, out;

    @Setup(Level.Trial)
    public void setup() {
        k = impl.equals("simd") ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
        SplittableRandom r = new SplittableRandom(42);
        x = new float[n];
        pos = new float[n];
        y = new float[n];
        out = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 16 - 8);
            pos[i] = (float) (r.nextDouble() * 10 + 0.01);
            y[i] = (float) r.nextDouble();
        }
    }

    @Benchmark
    public float[] add() {
        k.add(n, x, 0, y, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] mul() {
        k.mul(n, x, 0, y, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] div() {
        k.div(n, x, 0, pos, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] axpy() {
        k.axpy(n, 1e-9f, x, 0, y, 0);
        return y;
    }

    @Benchmark
    public float[] scale() {
        k.scale(n, 0.5f, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] relu() {
        k.relu(n, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] exp() {
        k.exp(n, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] log() {
        k.log(n, pos, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] tanh() {
        k.tanh(n, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] sigmoid() {
        k.sigmoid(n, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public float[] softplus() {
        k.softplus(n, x, 0, out, 0);
        return out;
    }
}
