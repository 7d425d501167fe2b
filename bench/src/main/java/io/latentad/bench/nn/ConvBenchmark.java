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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@link Conv2d} layer of the MNIST convolutional autoencoder ({@code ConvNetwork}'s default:
 * 3 x 3, stride 2, padding 1): {@code 1 -> 32} channels on 28 x 28 and {@code 32 -> 64} on 14 x 14, batch
 * 64, forward alone (no graph) and forward + {@code y.sum().backward()} into the input and the
 * parameters (gradients cleared between steps, buffers from a {@link StepArena}, as in training).
 * {@code bench/scripts/torch_conv.py} times PyTorch's {@code nn.Conv2d} on the same shapes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ConvBenchmark {
    /** {@code in-out-size}. */
    @Param({"1-32-28", "32-64-14"})
    public String layer;

    @Param({"64"})
    public int batch;

    @Param({"1"})
    public int threads;

    private Conv2d conv;
    private Var x;
    private final Map<String, Var> params = new LinkedHashMap<>();
    private final StepArena arena = new StepArena();
    private int oldThreads;

    @Setup(Level.Trial)
    public void setup() {
        oldThreads = Parallel.threads();
        Parallel.setThreads(threads);
        String[] p = layer.split("-");
        int in = Integer.parseInt(p[0]), out = Integer.parseInt(p[1]), size = Integer.parseInt(p[2]);
        Rng rng = new Rng(42);
        conv = new Conv2d(in, out, 3, 2, 1, Init.TORCH_DEFAULT, rng.split());
        conv.collectParameters("", params);
        x = Var.param(Tensor.normal(rng.split(), 0f, 1f, batch, in, size, size), "x");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Parallel.setThreads(oldThreads);
    }

    @Benchmark
    public float forward() {
        try (StepArena step = arena.enter(); NoGrad off = NoGrad.enter()) {
            return conv.forward(x).value().at(0);
        }
    }

    @Benchmark
    public float forwardBackward() {
        for (Var v : params.values()) v.zeroGrad();
        x.zeroGrad();
        try (StepArena step = arena.enter()) {
            Var loss = ReductionOps.sum(conv.forward(x));
            loss.backward();
            return loss.item();
        }
    }
}
