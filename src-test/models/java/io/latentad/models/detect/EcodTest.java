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

class EcodTest {
    @Test
    void scoresEqualTheNumpyReferenceForFittedAndNewRows() {
        // reference: pyod_reference.ecod (the paper's max of sums) and ecod_pyod_per_column (PyOD up to 1.1), from
        // make_ecdf_detectors.py: tails by counting all pairs, a new row's by appending it to the training rows;
        // d = 6 (normal, right- and left-skewed, integers, a coarse grid with ties, a constant column; duplicate rows)
        // and d = 1 (left-skewed, ties); new rows beyond both ends and on them
        for (String set : new String[] {"mixed", "one"}) {
            for (Ecod.Aggregate a : Ecod.Aggregate.values()) {
                Ecod.Model m = new Ecod(new Ecod.Options(a)).fit(F.matrix(set + "_x"));
                String key = set + (a == Ecod.Aggregate.SUMS ? "_ecod" : "_ecod_columns");
                assertClose(m.trainingScores(), F.vector(key + "_train"), key + " training");
                assertClose(m.score(F.matrix(set + "_q")), F.vector(key + "_novel"), key + " new rows");
            }
        }
    }

    @Test
    void theDefaultIsPyodsAndTheCliNameReachesBothAggregates() {
        double[][] x = F.matrix("mixed_x");
        assertEquals(new Ecod.Options(Ecod.Aggregate.COLUMNS), Ecod.Options.defaults());
        assertEquals("ecod", Detectors.create("ecod", Map.of()).name());
        assertClose(Detectors.create("ecod", Map.of()).fit(x).trainingScores(), F.vector("mixed_ecod_columns_train"), "by name");
        assertClose(Detectors.create("ecod", Map.of("aggregate", "sums")).fit(x).trainingScores(), F.vector("mixed_ecod_train"), "sums");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Detectors.create("ecod", Map.of("aggregate", "max")));
        assertTrue(e.getMessage().contains("aggregate = 'max': expected columns or sums"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Detectors.create("ecod", Map.of("k", "3")));
        assertTrue(e.getMessage().contains("k"), e.getMessage());
    }

    @Test
    void aRowBeyondEveryFittedValueCostsLogNPlusOnePerColumnAndAConstantColumnAddsNothing() {
        // 20 rows, column 0 = i^2 for i = 0..19 (right-skewed), column 1 constant
        double[][] x = new double[20][];
        for (int i = 0; i < 20; i++) x[i] = new double[] {i * i, 7};
        Ecod.Model m = new Ecod(new Ecod.Options(Ecod.Aggregate.SUMS)).fit(x);
        double[] s = m.trainingScores();
        assertArrayEquals(s, new Ecod().fit(x).trainingScores(), 1e-15); // one skewed column: both aggregates agree
        // hand-computed: row i's left tail (i+1)/20, right tail (20-i)/20; the constant column's tails are 1 (log 1 = 0)
        for (int i = 0; i < 20; i++) {
            assertEquals(Math.max(-Math.log((i + 1) / 20.0), -Math.log((20 - i) / 20.0)), s[i], 1e-15, "row " + i);
        }
        // a new row above every fitted value of column 0 and off the constant: right tails 1/21 in both columns
        double[] t = m.score(new double[][] {{1000, 8}, {1000, 7}});
        assertEquals(2 * Math.log(21), t[0], 1e-12);
        assertEquals(Math.log(21), t[1], 1e-12);
    }

    @Test
    void sameBitsForAnyThreadCount() {
        double[][] x = EcdfDetectorsTestSupport.wideRows(5), q = EcdfDetectorsTestSupport.wideRows(6);
        for (Ecod.Aggregate g : Ecod.Aggregate.values()) {
            Ecod ecod = new Ecod(new Ecod.Options(g));
            double[][] a = withThreads(1, () -> { Ecod.Model m = ecod.fit(x); return new double[][] {m.trainingScores(), m.score(q)}; });
            double[][] b = withThreads(3, () -> { Ecod.Model m = ecod.fit(x); return new double[][] {m.trainingScores(), m.score(q)}; });
            assertArrayEquals(a[0], b[0], 0, g.toString());
            assertArrayEquals(a[1], b[1], 0, g.toString());
        }
    }

    @Test
    void badInputIsRefusedNamingTheValue() {
        EcdfDetectorsTestSupport.assertRefusesBadInputNamingTheValue("Ecod", new Ecod());
    }
}
