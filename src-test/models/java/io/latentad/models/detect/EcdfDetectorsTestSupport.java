package io.latentad.models.detect;

import io.latentad.engine.kernel.Parallel;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /**
     * ECOD's and COPOD's refusals (named {@code name} in their messages): empty data, a NaN at fit, infinities at fit and
     * at scoring, a wrong width; and extreme but finite values give finite scores (only comparisons and a scaled
     * skewness touch them).
     */
    static void assertRefusesBadInputNamingTheValue(String name, Detector d) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.fit(new double[0][]));
        assertTrue(e.getMessage().contains(name + ": data is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.fit(new double[][] {{0, 1}, {1, Double.NaN}}));
        assertTrue(e.getMessage().contains(name + ": row 1, column 1 is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.fit(new double[][] {{Double.NEGATIVE_INFINITY}, {1}}));
        assertTrue(e.getMessage().contains("row 0, column 0 is -Infinity"), e.getMessage());
        FittedDetector m = d.fit(new double[][] {{0, 1}, {1, 2}});
        e = assertThrows(IllegalArgumentException.class, () -> m.score(new double[][] {{0, Double.POSITIVE_INFINITY}}));
        assertTrue(e.getMessage().contains("row 0, column 1 is Infinity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.score(new double[][] {{0, 1, 2}}));
        assertTrue(e.getMessage().contains("row 0 has 3 columns: expected 2"), e.getMessage());
        double[] s = d.fit(new double[][] {{-Double.MAX_VALUE}, {0}, {1}, {Double.MAX_VALUE}}).trainingScores();
        for (double v : s) assertTrue(Double.isFinite(v));
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
