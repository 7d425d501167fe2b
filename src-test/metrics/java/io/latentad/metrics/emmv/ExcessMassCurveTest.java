package io.latentad.metrics.emmv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentad.engine.random.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExcessMassCurveTest {
    private static final EmMv.Options O = EmMv.Options.defaults();

    /** Goix's em() loop, literally: for every distinct normality score u, EM_t = max(EM_t, mass - t * vol). */
    static double[] goixLoop(double[] anomalyX, double[] anomalyU, double volume, EmMv.Options o) {
        int n = anomalyX.length, bigN = anomalyU.length;
        double[] t = new double[o.emSteps()];
        for (int k = 0; k < t.length; k++) t[k] = k * (o.emStep() / volume);
        double[] em = new double[t.length];
        em[0] = 1.0;
        double[] sX = Arrays.stream(anomalyX).map(v -> -v).distinct().toArray();
        for (double u : sX) {
            long cx = Arrays.stream(anomalyX).filter(v -> -v > u).count();
            long cu = Arrays.stream(anomalyU).filter(v -> -v > u).count();
            for (int k = 0; k < t.length; k++) em[k] = Math.max(em[k], 1.0 / n * cx - t[k] * cu / bigN * volume);
        }
        return em;
    }

    @Test
    void envelopeEqualsGoixLoopOnRandomAndTiedScores() {
        Rng rng = new Rng(11);
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + rng.nextInt(60);
            int bigN = 1 + rng.nextInt(400);
            boolean tied = trial % 2 == 0;
            double[] x = new double[n];
            double[] u = new double[bigN];
            for (int i = 0; i < n; i++) x[i] = tied ? rng.nextInt(6) : rng.nextGaussian();
            for (int i = 0; i < bigN; i++) u[i] = tied ? rng.nextInt(8) - 1 : 2 * rng.nextGaussian() + 1;
            double volume = 0.5 + 10 * rng.nextDouble();
            EmMv.Options o = new EmMv.Options(bigN, 0, 0.9, 3000, 0.01, 0.9, 0.999, 1e-4, 8, 5, 50);
            double[] expected = goixLoop(x, u, volume, o);
            ExcessMassCurve c = ExcessMassCurve.of(x, u, volume, o);
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], c.em()[k], 1e-15, "trial " + trial + " k " + k);
            }
        }
    }

    @Test
    void handComputedCurveAndStop() {
        // data anomaly scores {0, 0, 1, 2} -> normality {0, 0, -1, -2}; uniform normality {-3, -2, -1, 0}
        // lines (mass, uniform share above u): u=-2: (3/4, 2/4), u=-1: (2/4, 1/4), u=0: (0, 0)
        double[] x = {0, 0, 1, 2};
        double[] u = {3, 2, 1, 0};
        EmMv.Options o = new EmMv.Options(4, 0, 0.5, 200, 0.01, 0.9, 0.999, 1e-4, 8, 5, 50);
        ExcessMassCurve c = ExcessMassCurve.of(x, u, 1.0, o);
        assertEquals(1.0, c.em()[0]);
        for (int k = 1; k < 200; k++) {
            double t = k * 0.01;
            double expected = Math.max(0, Math.max(0.75 - 0.5 * t, 0.5 - 0.25 * t));
            assertEquals(expected, c.em()[k], 1e-15);
        }
        // EM(t) = 0.75 - 0.5 t until t = 1, then 0.5 - 0.25 t: first value <= 0.5 is at t = 0.5 (k = 50)
        assertEquals(50, c.stopIndex());
        assertTrue(c.reachedLevel());
        // trapezoid over t in [0, 0.5]: first segment from 1 down to 0.745, then the straight line
        double area = 0.01 * (1 + 0.745) / 2 + (0.5 - 0.01) * (0.745 + 0.5) / 2;
        assertEquals(area, c.auc(), 1e-12);
    }

    @Test
    void wholeGridIsUsedWhenTheLevelIsNeverReached() {
        // 19 of 20 rows above the lowest level, no uniform point there: EM(t) = 0.95 for every t
        double[] x = new double[20];
        x[0] = 1;
        double[] u = {5, 6, 7};
        ExcessMassCurve c = ExcessMassCurve.of(x, u, 1.0, new EmMv.Options(3, 0, 0.9, 100, 0.01, 0.9, 0.999, 1e-4, 8, 5, 50));
        assertFalse(c.reachedLevel());
        assertEquals(99, c.stopIndex());
        assertEquals(0.95, c.em()[99], 1e-15); // 1/20 * 19 in Goix's order of operations
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ExcessMassCurve.of(new double[0], new double[] {1}, 1, O));
        assertThrows(IllegalArgumentException.class, () -> ExcessMassCurve.of(new double[] {1}, new double[0], 1, O));
        assertThrows(IllegalArgumentException.class, () -> ExcessMassCurve.of(new double[] {Double.NaN}, new double[] {1}, 1, O));
        assertThrows(IllegalArgumentException.class, () -> ExcessMassCurve.of(new double[] {1}, new double[] {1}, 0, O));
    }
}
