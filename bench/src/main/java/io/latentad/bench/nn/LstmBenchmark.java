package io.latentad.bench.nn;

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

import java.util.concurrent.TimeUnit;

/**
 * Forward + backward of one LSTM or Bi-LSTM layer at T = 140, input 1 (a univariate series, the
 * Bi-LSTM VRAE's case), the job of {@code ../shared/peers/torch_lstm.py} ({@link LstmStep}): hidden 64
 * and 128, batch 32 and 64, one and two threads. {@link LstmThroughput} times the same step the way
 * the peer does, for side-by-side runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class LstmBenchmark {
    @Param({"64", "128"})
    public int hidden;

    @Param({"32", "64"})
    public int batch;

    @Param({"false", "true"})
    public boolean bidirectional;

    @Param({"1", "2"})
    public int threads;

    @Param({"140"})
    public int steps;

    LstmStep step;
    private int oldThreads;

    @Setup(Level.Trial)
    public void setup() {
        oldThreads = Parallel.threads();
        Parallel.setThreads(threads);
        step = new LstmStep(steps, 1, hidden, batch, bidirectional, 42);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Parallel.setThreads(oldThreads);
    }

    @Benchmark
    public float forwardBackward() {
        return step.run();
    }
}
