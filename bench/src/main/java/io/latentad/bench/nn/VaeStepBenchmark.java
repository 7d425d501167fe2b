package io.latentad.bench.nn;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
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

import java.util.concurrent.TimeUnit;

/**
 * One training step (forward, backward, Adam update) of the dense VAE 784-512-256-2 on a batch of
 * 128 synthetic images in [0, 1]. Run with {@code -prof gc} to see the allocation per step
 * ({@code gc.alloc.rate.norm}): the StepArena keeps it independent of the model size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class VaeStepBenchmark {
    @Param({"128"})
    public int batch;

    DenseVae vae;
    Tensor x;
    int[] labels;

    @Setup(Level.Trial)
    public void setup() {
        vae = new DenseVae(784, 2, 10, 42);
        x = Tensor.uniform(new Rng(7), 0f, 1f, batch, 784);
        labels = new int[batch];
        Rng rng = new Rng(8);
        for (int i = 0; i < batch; i++) labels[i] = rng.nextInt(10);
    }

    @Benchmark
    public float trainStep() {
        return vae.step(x, labels);
    }
}
