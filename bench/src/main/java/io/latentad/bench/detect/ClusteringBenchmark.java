package io.latentad.bench.detect;

import io.latentad.models.cluster.GaussianMixture;
import io.latentad.models.cluster.GaussianMixtureModel;
import io.latentad.models.cluster.KMeans;
import io.latentad.models.cluster.KMeansModel;
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
 * The clustering hot loops: one k-means restart (seeding + Lloyd with Hamerly bounds), the
 * nearest-centroid assignment of every row, and the GMM E-step (per-row log-likelihood of a
 * fitted 10-component full-covariance mixture).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dlatentad.quiet=true"})
public class ClusteringBenchmark {
    @Param({"60000"})
    public int n;
    @Param({"2", "16"})
    public int d;

    private double[][] x;
    private KMeansModel kmeans;
    private GaussianMixtureModel gmm;

    @Setup(Level.Trial)
    public void setup() {
        x = BenchData.blobs(n, d, 42);
        kmeans = KMeans.fit(x, KMeans.Options.defaults().withK(10).withRestarts(1));
        gmm = GaussianMixture.fit(x, GaussianMixture.Options.defaults().withK(10));
    }

    @Benchmark
    public KMeansModel kmeansOneRestart() {
        return KMeans.fit(x, KMeans.Options.defaults().withK(10).withRestarts(1));
    }

    @Benchmark
    public int[] kmeansAssignment() {
        return kmeans.predict(x);
    }

    @Benchmark
    public double[] gmmEStep() {
        return gmm.logLikelihood(x);
    }
}
