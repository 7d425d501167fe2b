package io.latentad.bench.detect;

import io.latentad.models.detect.IsolationForest;
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

/** Isolation forest: growing 100 trees (build) and descending them for every row (score). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dlatentad.quiet=true"})
public class IsolationForestBenchmark {
    @Param({"60000"})
    public int n;
    @Param({"2", "16"})
    public int d;

    private double[][] x;
    private IsolationForest.Model model;

    @Setup(Level.Trial)
    public void setup() {
        x = BenchData.blobs(n, d, 42);
        model = new IsolationForest().fit(x);
    }

    /** Build + training scores (what fit does). */
    @Benchmark
    public IsolationForest.Model fit() {
        return new IsolationForest().fit(x);
    }

    /** Tree descent only: scoring every row against the fitted forest. */
    @Benchmark
    public double[] score() {
        return model.score(x);
    }
}
