package io.latentad.bench.nn;

import io.latentad.engine.kernel.GemmProviders;
import io.latentad.engine.kernel.KernelSet;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.ScalarKernels;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One LSTM time step alone, for {@code batch} sequences of {@code hidden} units: the fused cell
 * forward and backward (the Vector API kernels beside their scalar twins) and the recurrent product
 * of the step ({@code [batch, H] x [H, 4H]} forward, {@code [batch, 4H] x [4H, H]} backward) on
 * weights packed once per pass ({@code lstmGemm}) beside the general packed GEMM, which packs them at
 * every call. The cell kernels overwrite their gates, so each call first copies fresh gates in
 * (included in the time: {@code 4 batch H} floats, L1-resident).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class LstmCellBenchmark {
    @Param({"simd", "scalar"})
    public String kernels;

    @Param({"64", "128"})
    public int hidden;

    @Param({"32", "64"})
    public int batch;

    KernelSet ks;
    float[] gates0, gates, cPrev, c, tanhC, h, dh, dc0, dc, wHh, packedF, packedB, out4, out1;

    @Setup(Level.Trial)
    public void setup() {
        ks = kernels.equals("scalar") ? ScalarKernels.INSTANCE : Kernels.active();
        Rng rng = new Rng(1);
        int n = batch * hidden;
        gates0 = Tensor.uniform(rng, -3f, 3f, 4 * n).data();
        gates = gates0.clone();
        cPrev = Tensor.uniform(rng, -2f, 2f, n).data();
        c = new float[n];
        tanhC = Tensor.uniform(rng, -1f, 1f, n).data();
        h = new float[n];
        dh = Tensor.uniform(rng, -1f, 1f, n).data();
        dc0 = Tensor.uniform(rng, -1f, 1f, n).data();
        dc = dc0.clone();
        wHh = Tensor.uniform(rng, -0.1f, 0.1f, 4 * hidden * hidden).data();
        packedF = new float[ks.lstmPackedSize(hidden, 4 * hidden)];
        ks.lstmPack(true, hidden, 4 * hidden, wHh, 0, hidden, packedF, 0);
        packedB = new float[ks.lstmPackedSize(4 * hidden, hidden)];
        ks.lstmPack(false, 4 * hidden, hidden, wHh, 0, hidden, packedB, 0);
        out4 = new float[4 * n];
        out1 = new float[n];
    }

    @Benchmark
    public float cellForward() {
        System.arraycopy(gates0, 0, gates, 0, gates.length);
        ks.lstmCellForward(batch, hidden, gates, 0, cPrev, 0, c, 0, tanhC, 0, h, 0);
        return h[0];
    }

    @Benchmark
    public float cellBackward() {
        System.arraycopy(gates0, 0, gates, 0, gates.length);
        System.arraycopy(dc0, 0, dc, 0, dc.length);
        ks.lstmCellBackward(batch, hidden, gates, 0, cPrev, 0, tanhC, 0, dh, 0, dc, 0);
        return gates[0];
    }

    /** {@code gates += h W_hh^T} on prepacked weights (forward). */
    @Benchmark
    public float recurrentForward() {
        ks.lstmGemm(batch, hidden, 4 * hidden, h, 0, hidden, packedF, 0, out4, 0, 4 * hidden);
        return out4[0];
    }

    /** {@code dh += dgates W_hh} on prepacked weights (backward). */
    @Benchmark
    public float recurrentBackward() {
        ks.lstmGemm(batch, 4 * hidden, hidden, gates0, 0, 4 * hidden, packedB, 0, out1, 0, hidden);
        return out1[0];
    }

    /** The same forward product through the general GEMM (packs W_hh^T at every call). */
    @Benchmark
    public float recurrentForwardGemm() {
        GemmProviders.byName(kernels.equals("scalar") ? "scalar" : "simd").gemm(false, true, batch, 4 * hidden, hidden,
                1f, h, 0, hidden, wHh, 0, hidden, 1f, out4, 0, 4 * hidden);
        return out4[0];
    }
}
