package io.latentad.bench.metrics;

import io.latentad.engine.random.Rng;
import io.latentad.metrics.emmv.BoundingBox;
import io.latentad.metrics.emmv.EmMv;
import java.util.concurrent.TimeUnit;
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

/**
 * The EM/MV protocol ({@link EmMv}) with Goix's defaults: 100,000 Monte Carlo points, 10,000 t
 * values, 991 alpha values; on 10,000 x 2 data (one part) and 10,000 x 16 data (50 random
 * subsets of 5 features, the detector refit on each). The detector is the cheap
 * {@link DiagonalGaussianFactory}, so this measures the protocol, not a model. The peer is
 * {@code bench/scripts/emmv_numpy.py}, fed the same data and points by {@link EmMvPeerData}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class EmMvBenchmark {
    @Param({"2", "16"})
    public int d;

    @Param({"10000"})
    public int n;

    double[][] x;
    double[][] uniform;
    EmMv.Options options;
    DiagonalGaussianFactory factory;

    @Setup(Level.Trial)
    public void setup() {
        x = data(n, d, 42);
        options = EmMv.Options.defaults().withSeed(42);
        uniform = EmMv.drawUniform(BoundingBox.of(x), options);
        factory = new DiagonalGaussianFactory();
    }

    /** Correlated, skewed data: a Gaussian with feature j scaled by 1 + j/4, plus an exp-tail on even features. */
    static double[][] data(int n, int d, long seed) {
        Rng rng = new Rng(seed);
        double[][] x = new double[n][d];
        for (double[] r : x) {
            double common = rng.nextGaussian();
            for (int j = 0; j < d; j++) {
                double v = (1 + j / 4.0) * (0.6 * common + 0.8 * rng.nextGaussian());
                r[j] = j % 2 == 0 ? v : Math.exp(0.5 * v);
            }
        }
        return x;
    }

    @Benchmark
    public EmMv.Result emMv() {
        return EmMv.evaluateDetector(x, x, uniform, factory, options);
    }
}
