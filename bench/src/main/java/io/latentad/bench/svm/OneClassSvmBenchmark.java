package io.latentad.bench.svm;

import io.latentad.models.detect.OneClassSvm;
import io.latentad.models.detect.OneClassSvmKernel;
import io.latentad.models.detect.OneClassSvmModel;
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
 * The OCSVM hot loops: one RBF kernel row (the solver's unit of work: one {@code exp} per
 * entry), the scoring sum over the support vectors, and a whole fit. Data: 10 Gaussian blobs,
 * seeded, as ../shared/peers/sklearn_detectors.py draws them (but with Java's generator).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class OneClassSvmBenchmark {
    @Param({"2", "16"})
    public int d;

    @Param({"3001", "20000"})
    public int n;

    private double[][] x;
    private OneClassSvmKernel kernel;
    private float[] row;
    private OneClassSvmModel model;
    private double[][] probe;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        double[][] centers = new double[10][d];
        for (double[] c : centers) for (int j = 0; j < d; j++) c[j] = 8 * gauss(r);
        x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double[] c = centers[r.nextInt(10)];
            for (int j = 0; j < d; j++) x[i][j] = c[j] + gauss(r);
        }
        double gamma = 1.0 / (d * 64.0);
        kernel = new OneClassSvmKernel(OneClassSvm.Kernel.RBF, gamma, 3, 0, x);
        row = new float[n];
        model = new OneClassSvm(OneClassSvm.Options.defaults().withNu(0.05)).fit(subset(Math.min(n, 3001)));
        probe = subset(257);
    }

    private double[][] subset(int m) {
        double[][] s = new double[m][];
        System.arraycopy(x, 0, s, 0, m);
        return s;
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** One full kernel row, single-threaded: n exp evaluations. */
    @Benchmark
    public float[] kernelRow() {
        kernel.rowRange(7, 0, n, row);
        return row;
    }

    /** One full kernel row split over the shared pool when long enough. */
    @Benchmark
    public float[] kernelRowParallel() {
        kernel.row(7, 0, n, row);
        return row;
    }

    /** Scores 257 rows against the support vectors of a fit on min(n, 3001) rows, nu = 0.05. */
    @Benchmark
    public double[] score() {
        return model.score(probe);
    }

    /** A whole fit (solver + training scores) on min(n, 3001) rows, nu = 0.05. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public OneClassSvmModel fit3001() {
        return new OneClassSvm(OneClassSvm.Options.defaults().withNu(0.05)).fit(subset(Math.min(n, 3001)));
    }
}
