package io.latentad.bench.metrics;

import io.latentad.metrics.emmv.BoundingBox;
import io.latentad.metrics.emmv.EmMv;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes the inputs of {@link EmMvBenchmark} and latentad's answers to a binary file for
 * {@code bench/scripts/emmv_numpy.py}, and prints a quick best-of-k wall time of the Java side.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * io.latentad.bench.metrics.EmMvPeerData OUT_FILE d [n]}.
 *
 * <p>File layout, little-endian: int32 n, d, N (points), P (parts), S (features per part); then
 * P x S int32 feature indices; n x d float64 data; N x d float64 uniform points; P x 2 float64
 * (EM area, MV area) per part; 2 float64 (mean EM, mean MV).
 */
public final class EmMvPeerData {
    private EmMvPeerData() {
    }

    public static void main(String[] args) throws IOException {
        String out = args[0];
        int d = Integer.parseInt(args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        double[][] x = EmMvBenchmark.data(n, d, 42);
        EmMv.Options o = EmMv.Options.defaults().withSeed(42);
        double[][] u = EmMv.drawUniform(BoundingBox.of(x), o);
        DiagonalGaussianFactory f = new DiagonalGaussianFactory();
        EmMv.Result r = null;
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 8; rep++) {
            long t0 = System.nanoTime();
            r = EmMv.evaluateDetector(x, x, u, f, o);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("java d=%d n=%d parts=%d: best of 8 = %.1f ms, EM=%.17g MV=%.17g%n",
                d, n, r.parts().size(), best / 1e6, r.em(), r.mv());
        int parts = r.parts().size();
        int width = r.parts().get(0).features().length;
        try (DataOutputStream s = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(out), 1 << 20))) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : new int[] {n, d, u.length, parts, width}) writeInt(s, b, v);
            for (EmMv.Part p : r.parts()) for (int j : p.features()) writeInt(s, b, j);
            for (double[] row : x) for (double v : row) writeDouble(s, b, v);
            for (double[] row : u) for (double v : row) writeDouble(s, b, v);
            for (EmMv.Part p : r.parts()) {
                writeDouble(s, b, p.em().auc());
                writeDouble(s, b, p.mv().auc());
            }
            writeDouble(s, b, r.em());
            writeDouble(s, b, r.mv());
        }
    }

    private static void writeInt(DataOutputStream s, ByteBuffer b, int v) throws IOException {
        b.clear();
        b.putInt(v);
        s.write(b.array(), 0, 4);
    }

    private static void writeDouble(DataOutputStream s, ByteBuffer b, double v) throws IOException {
        b.clear();
        b.putDouble(v);
        s.write(b.array(), 0, 8);
    }
}
