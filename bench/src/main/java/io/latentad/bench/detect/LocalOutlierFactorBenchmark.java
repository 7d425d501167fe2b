package io.latentad.bench.detect;

import io.latentad.models.detect.LocalOutlierFactor;
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
 * k-nearest-neighbour search as LOF uses it: novelty scoring of 1,000 queries against n fitted
 * rows (k-d tree for d <= 15, tiled brute force above).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dlatentad.quiet=true"})
public class LocalOutlierFactorBenchmark {
    @Param({"20000"})
    public int n;
    @Param({"2", "8", "16"})
    public int d;

    private double[][] queries;
    private LocalOutlierFactor.Model model;

    @Setup(Level.Trial)
    public void setup() {
        model = new LocalOutlierFactor().fit(BenchData.blobs(n, d, 42));
        queries = BenchData.blobs(1000, d, 43);
    }

    @Benchmark
    public double[] knnQueries() {
        return model.score(queries);
    }
}
