package io.latentad.models.detect;

import io.latentad.engine.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RobustPcaTest {
    /** Rank-2 data (300 x 30) with a gross error in each of rows 0..4. */
    private static double[][] lowRankWithCorruptRows() {
        Rng rng = new Rng(5);
        double[][] a = new double[2][30];
        for (double[] r : a) for (int t = 0; t < 30; t++) r[t] = rng.nextGaussian();
        double[][] x = new double[300][30];
        for (int i = 0; i < 300; i++) {
            double u = rng.nextGaussian(), v = rng.nextGaussian();
            for (int t = 0; t < 30; t++) x[i][t] = u * a[0][t] + v * a[1][t];
        }
        for (int i = 0; i < 5; i++) x[i][i] += 15; // one gross error each
        return x;
    }

    @Test
    void recoversTheLowRankAndFlagsTheCorruptRows() {
        // principal component pursuit recovers rank 2 and puts the gross errors in S
        RobustPca.Model m = new RobustPca().fit(lowRankWithCorruptRows());
        assertEquals(2, m.rank());
        double[] s = m.trainingScores();
        for (int i = 0; i < 5; i++) {
            assertEquals(15, s[i], 0.5, "row " + i);
            for (int j = 5; j < s.length; j++) assertTrue(s[i] > 10 * s[j]);
        }
    }

    @Test
    void newRowsOffTheLowRankSpaceScoreHigher() {
        double[][] x = lowRankWithCorruptRows();
        RobustPca.Model m = new RobustPca().fit(x);
        double[] off = x[10].clone();
        off[3] += 10;
        double[] s = m.score(new double[][] {x[10], off});
        assertTrue(s[0] < 1e-3 && s[1] > 5, s[0] + " " + s[1]);
    }

    @Test
    void defaultLambdaIsOneOverRootOfTheLargerSide() {
        assertEquals(1 / Math.sqrt(300), new RobustPca().fit(lowRankWithCorruptRows()).lambda(), 1e-15);
    }

    @Test
    void rejectsNonPositiveLambda() {
        assertThrows(IllegalArgumentException.class, () -> new RobustPca.Options(-1, 100, 1e-7));
    }

    @Test
    void rejectsNaN() {
        assertThrows(IllegalArgumentException.class, () -> new RobustPca().fit(new double[][] {{Double.NaN}}));
    }

    @Test
    void rejectsEmptyData() {
        assertThrows(IllegalArgumentException.class, () -> new RobustPca().fit(new double[0][]));
    }

    @Test
    void rejectsWrongWidthAtScoring() {
        RobustPca.Model m = new RobustPca().fit(lowRankWithCorruptRows());
        assertThrows(IllegalArgumentException.class, () -> m.score(new double[][] {{1, 2}}));
    }
}
