package io.latentad.metrics.emmv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latentad.engine.random.Rng;
import org.junit.jupiter.api.Test;

class MassVolumeCurveTest {
    @Test
    void handComputedLevels() {
        // 10 data rows with anomaly scores 0..9 (normality 0..-9); 5 uniform rows with anomaly scores 0.5, 2.5, 4.5, 8.5, 20
        // alpha = 0.9: the 9 most normal rows -> level u = -8 (anomaly 8): uniform with anomaly <= 8: 3 of 5
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] u = {0.5, 2.5, 4.5, 8.5, 20};
        EmMv.Options o = new EmMv.Options(5, 0, 0.9, 100, 0.01, 0.9, 0.99, 0.01, 8, 5, 50);
        MassVolumeCurve c = MassVolumeCurve.of(x, u, 2.0, o);
        assertEquals(10, c.alpha().length);
        assertEquals(3.0 / 5 * 2, c.mv()[0], 0.0);
        // alpha > 0.9 needs all 10 rows -> level anomaly 9: 4 of 5 uniform points
        for (int i = 1; i < 10; i++) assertEquals(4.0 / 5 * 2, c.mv()[i], 0.0, "alpha " + c.alpha()[i]);
    }

    /** Goix's mv() loop, literally, on anomaly scores negated to his convention. */
    static double[] goixLoop(double[] anomalyX, double[] anomalyU, double volume, double[] alpha) {
        int n = anomalyX.length, bigN = anomalyU.length;
        double[] sX = java.util.Arrays.stream(anomalyX).map(v -> -v).sorted().toArray();
        double[] mv = new double[alpha.length];
        double mass = 0;
        int cpt = 0;
        for (int i = 0; i < alpha.length; i++) {
            double u = sX[n - Math.max(cpt, 1)];
            while (mass < alpha[i]) {
                cpt++;
                u = sX[n - cpt];
                mass = 1.0 / n * cpt;
            }
            final double level = u;
            long ge = java.util.Arrays.stream(anomalyU).filter(v -> -v >= level).count();
            mv[i] = (double) ge / bigN * volume;
        }
        return mv;
    }

    @Test
    void levelWalkEqualsGoixLoopOnRandomAndTiedScores() {
        Rng rng = new Rng(12);
        double[] alpha = EmMv.Options.defaults().alphaGrid();
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + rng.nextInt(300);
            int bigN = 1 + rng.nextInt(500);
            boolean tied = trial % 2 == 0;
            double[] x = new double[n];
            double[] u = new double[bigN];
            for (int i = 0; i < n; i++) x[i] = tied ? rng.nextInt(7) : rng.nextGaussian();
            for (int i = 0; i < bigN; i++) u[i] = tied ? rng.nextInt(9) - 1 : 2 * rng.nextGaussian();
            double[] expected = goixLoop(x, u, 3.5, alpha);
            MassVolumeCurve c = MassVolumeCurve.of(x, u, 3.5, EmMv.Options.defaults());
            for (int i = 0; i < alpha.length; i++) assertEquals(expected[i], c.mv()[i], 0.0, "trial " + trial + " i " + i);
        }
    }

    @Test
    void alphaGridIncludesBothEnds() {
        double[] a = EmMv.Options.defaults().alphaGrid();
        assertEquals(991, a.length);
        assertEquals(0.9, a[0], 0.0);
        assertEquals(0.999, a[990], 1e-12);
    }

    @Test
    void curveIsNonDecreasingInAlpha() {
        Rng rng = new Rng(5);
        double[] x = new double[500];
        double[] u = new double[3000];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
        for (int i = 0; i < u.length; i++) u[i] = 3 * rng.nextGaussian();
        MassVolumeCurve c = MassVolumeCurve.of(x, u, 7.0, EmMv.Options.defaults());
        for (int i = 1; i < c.mv().length; i++) assertEquals(true, c.mv()[i] >= c.mv()[i - 1]);
    }

    @Test
    void rejectsBadInput() {
        EmMv.Options o = EmMv.Options.defaults();
        assertThrows(IllegalArgumentException.class, () -> MassVolumeCurve.of(new double[] {1, 2}, new double[] {Double.NaN}, 1, o));
        assertThrows(IllegalArgumentException.class, () -> MassVolumeCurve.of(new double[] {1, 2}, new double[] {1}, Double.POSITIVE_INFINITY, o));
    }
}
