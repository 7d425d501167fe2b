package io.latentad.models.detect;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.latentad.models.detect.EcdfDetectorsTestSupport.F;
import static io.latentad.models.detect.EcdfDetectorsTestSupport.assertClose;
import static io.latentad.models.detect.EcdfDetectorsTestSupport.withThreads;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopodTest {
    @Test
    void scoresEqualTheNumpyReferenceForFittedAndNewRows() {
        // reference: pyod_reference.copod (make_ecdf_detectors.py): tails by counting all pairs, a new row's by
        // appending it to the training rows; d = 6 (normal, right- and left-skewed, integers, a coarse grid with ties,
        // a constant column; duplicate rows) and d = 1 (left-skewed, ties); new rows beyond both ends and on them
        for (String set : new String[] {"mixed", "one"}) {
            Copod.Model m = new Copod().fit(F.matrix(set + "_x"));
            assertClose(m.trainingScores(), F.vector(set + "_copod_train"), set + " training");
            assertClose(m.score(F.matrix(set + "_q")), F.vector(set + "_copod_novel"), set + " new rows");
        }
    }

    @Test
    void theCliNameReachesItAndTakesNoParameters() {
        double[][] x = F.matrix("mixed_x");
        assertEquals("copod", Detectors.create("copod", Map.of()).name());
        assertClose(Detectors.create("copod", Map.of()).fit(x).trainingScores(), F.vector("mixed_copod_train"), "by name");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Detectors.create("copod", Map.of("k", "3")));
        assertTrue(e.getMessage().contains("'k'") || e.getMessage().contains("k"), e.getMessage());
        assertEquals(new Copod.Options(), Copod.Options.defaults());
    }

    @Test
    void aRowBeyondEveryFittedValueCostsLogNPlusOnePerColumnAndAConstantColumnAddsNothing() {
        // 20 rows, column 0 = i^2 for i = 0..19 (right-skewed), column 1 constant
        double[][] x = new double[20][];
        for (int i = 0; i < 20; i++) x[i] = new double[] {i * i, 7};
        Copod.Model m = new Copod().fit(x);
        double[] s = m.trainingScores();
        // hand-computed (max(skew tail, two-tail mean)): row i's left tail (i+1)/20, right tail (20-i)/20; the constant column's tails are 1 (log 1 = 0)
        for (int i = 0; i < 20; i++) {
            double l = -Math.log((i + 1) / 20.0), r = -Math.log((20 - i) / 20.0);
            assertEquals(Math.max(r, (l + r) / 2), s[i], 1e-15, "row " + i); // right-skewed: the right tail
        }
        // a new row above every fitted value of column 0 and off the constant: right tails 1/21 in both columns
        double[] t = m.score(new double[][] {{1000, 8}, {1000, 7}});
        assertEquals(2 * Math.log(21), t[0], 1e-12);
        assertEquals(Math.log(21), t[1], 1e-12);
    }

    @Test
    void sameBitsForAnyThreadCount() {
        double[][] x = EcdfDetectorsTestSupport.wideRows(5), q = EcdfDetectorsTestSupport.wideRows(6);
        double[][] a = withThreads(1, () -> { Copod.Model m = new Copod().fit(x); return new double[][] {m.trainingScores(), m.score(q)}; });
        double[][] b = withThreads(3, () -> { Copod.Model m = new Copod().fit(x); return new double[][] {m.trainingScores(), m.score(q)}; });
        assertArrayEquals(a[0], b[0], 0);
        assertArrayEquals(a[1], b[1], 0);
    }

    @Test
    void badInputIsRefusedNamingTheValue() {
        EcdfDetectorsTestSupport.assertRefusesBadInputNamingTheValue("Copod", new Copod());
    }
}
