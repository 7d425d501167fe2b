package io.latentad.models.detect;

import io.latentad.engine.kernel.Parallel;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the ECOD, COPOD and HBOS tests share: their fixture, the relative error, runs under a thread count. */
final class EcdfDetectorsTestSupport {
    static final Fixture F = Fixture.load("/fixtures/detect/ecdf_detectors.json");

    private EcdfDetectorsTestSupport() {
    }

    /** Largest difference over rows, relative to the reference above 1, absolute below. */
    static double err(double[] got, double[] want) {
        assertEquals(want.length, got.length);
        double e = 0;
        for (int i = 0; i < want.length; i++) e = Math.max(e, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
        return e;
    }

    static void assertClose(double[] got, double[] want, String what) {
        double e = err(got, want);
        assertTrue(e < 1e-9, what + ": error " + e);
    }

    /** {@code work} run with {@code threads} worker threads, the previous count restored. */
    static <T> T withThreads(int threads, Supplier<T> work) {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(threads);
            return work.get();
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Rows large enough that the columns run in parallel: 3000 x 9 (right-, left-skewed and tied columns). */
    static double[][] wideRows(long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[][] x = new double[3000][9];
        for (double[] row : x) {
            for (int j = 0; j < 9; j++) {
                double g = r.nextGaussian();
                row[j] = switch (j % 3) {
                    case 0 -> Math.exp(g);
                    case 1 -> -Math.exp(0.5 * g);
                    default -> Math.rint(3 * g);
                };
            }
        }
        assertTrue((long) x.length * 9 >= EmpiricalTails.PARALLEL_MIN_VALUES);
        return x;
    }
}
