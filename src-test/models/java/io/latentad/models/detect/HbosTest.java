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

class HbosTest {
    @Test
    void scoresEqualTheNumpyReferenceForFittedAndNewRows() {
        // reference: pyod_reference.hbos (make_ecdf_detectors.py): np.histogram(density=True), log2(density + alpha),
        // the tol rule beyond the range; an integer column 0..10 puts values on interior edges; new rows within and
        // beyond 0.5 bin widths of both ends, exactly 0.5 widths out, far out, and on the ends
        Map<String, Hbos.Options> options = Map.of("default", Hbos.Options.defaults(), "b5", new Hbos.Options(5, 0.5, 0.1),
                "b1", new Hbos.Options(1, 0.1, 0.5), "b7t0", new Hbos.Options(7, 0.01, 0.0));
        for (String set : new String[] {"mixed", "one"}) {
            for (Map.Entry<String, Hbos.Options> o : options.entrySet()) {
                Hbos.Model m = new Hbos(o.getValue()).fit(F.matrix(set + "_x"));
                String key = set + "_hbos_" + o.getKey();
                assertClose(m.trainingScores(), F.vector(key + "_train"), key + " training");
                assertClose(m.score(F.matrix(set + "_q")), F.vector(key + "_novel"), key + " new rows");
            }
        }
    }

    @Test
    void theDefaultsArePyodsAndTheCliNameReachesThem() {
        assertEquals(new Hbos.Options(10, 0.1, 0.5), Hbos.Options.defaults());
        assertEquals(new Hbos.Options(5, 0.5, 0.1), ((Hbos) Detectors.create("hbos", Map.of("bins", "5", "alpha", "0.5", "tol", "0.1"))).options());
        assertClose(Detectors.create("hbos", Map.of()).fit(F.matrix("one_x")).trainingScores(), F.vector("one_hbos_default_train"), "by name");
    }

    @Test
    void aValueOnAnInteriorEdgeTakesTheBinThatCountedIt() {
        // 8 rows, 4 bins over 0..4: edges 0 1 2 3 4, bins [0,1) [1,2) [2,3) [3,4] (the last closed): counts 2 1 3 2;
        // 1, 2 and 3 sit on interior edges and take the bin that counted them; width 1, so density = count / 8
        double[][] x = {{0}, {0}, {1}, {2}, {2}, {2}, {3}, {4}};
        Hbos.Model m = new Hbos(new Hbos.Options(4, 0.1, 0.5)).fit(x);
        double[] counts = {2, 2, 1, 3, 3, 3, 2, 2};
        double[] s = m.trainingScores();
        for (int i = 0; i < 8; i++) assertEquals(-log2(counts[i] / 8.0 + 0.1), s[i], 1e-12, "row " + i);
        // beyond the range: up to 0.5 widths out the edge bin (count 2), farther out the column's lowest (count 1)
        double[] t = m.score(new double[][] {{-0.5}, {-0.51}, {4.5}, {9}});
        assertArrayEquals(new double[] {-log2(2 / 8.0 + 0.1), -log2(1 / 8.0 + 0.1), -log2(2 / 8.0 + 0.1), -log2(1 / 8.0 + 0.1)}, t, 1e-12);
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    @Test
    void theBinOfAValueIsTheOneItsEdgesBracketEvenWhereTheArithmeticGuessIsOneOff() {
        // values exactly on edges and one ulp either side, over ranges whose edges k * step + lo are rounded:
        // the bin must be the one a plain scan of the edges gives (e_k <= v < e_k+1, the last edge in the last bin)
        java.util.Random r = new java.util.Random(11);
        int checked = 0;
        for (int t = 0; t < 300; t++) {
            double lo = r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3), hi = lo + r.nextDouble() * Math.pow(10, r.nextInt(7) - 3);
            if (!(hi > lo)) continue;
            int bins = 1 + r.nextInt(40);
            double[] e = Hbos.binEdges(new double[] {lo, hi}, bins, 0);
            for (double edge : e) {
                for (double v : new double[] {Math.nextDown(edge), edge, Math.nextUp(edge)}) {
                    if (v < e[0] || v > e[bins]) continue;
                    int scan = 0;
                    while (scan < bins - 1 && v >= e[scan + 1]) scan++;
                    assertEquals(scan, Hbos.binOf(e, v), "value " + v + " in " + java.util.Arrays.toString(e));
                    checked++;
                }
            }
        }
        assertTrue(checked > 10000, "checked " + checked);
    }

    @Test
    void aConstantColumnPutsEveryRowInOneBinAndAddsTheSameToEach() {
        double[][] x = new double[30][];
        for (int i = 0; i < 30; i++) x[i] = new double[] {i % 7, 2.5};
        double[] withConstant = new Hbos().fit(x).trainingScores();
        double[][] y = new double[30][];
        for (int i = 0; i < 30; i++) y[i] = new double[] {i % 7};
        double[] without = new Hbos().fit(y).trainingScores();
        // np.histogram widens the range to 2.0 .. 3.0: all 30 rows in one bin of width 0.1, density 10
        double add = -log2(10 + 0.1);
        for (int i = 0; i < 30; i++) assertEquals(without[i] + add, withConstant[i], 1e-12, "row " + i);
    }

    @Test
    void sameBitsForAnyThreadCount() {
        double[][] x = EcdfDetectorsTestSupport.wideRows(7), q = EcdfDetectorsTestSupport.wideRows(8);
        double[][] a = withThreads(1, () -> { Hbos.Model m = new Hbos().fit(x); return new double[][] {m.trainingScores(), m.score(q)}; });
        double[][] b = withThreads(3, () -> { Hbos.Model m = new Hbos().fit(x); return new double[][] {m.trainingScores(), m.score(q)}; });
        assertArrayEquals(a[0], b[0], 0);
        assertArrayEquals(a[1], b[1], 0);
    }

    @Test
    void badOptionsAndBadInputAreRefusedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Hbos.Options(0, 0.1, 0.5));
        assertTrue(e.getMessage().contains("Hbos: bins = 0: expected >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Hbos.Options(10, 0, 0.5));
        assertTrue(e.getMessage().contains("Hbos: alpha = 0.0: expected a finite value > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Hbos.Options(10, 0.1, -1));
        assertTrue(e.getMessage().contains("Hbos: tol = -1.0: expected a finite value >= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Hbos.Options(10, 0.1, Double.NaN));
        assertTrue(e.getMessage().contains("tol = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Detectors.create("hbos", Map.of("n_bins", "5")));
        assertTrue(e.getMessage().contains("n_bins"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Hbos().fit(new double[0][]));
        assertTrue(e.getMessage().contains("Hbos: data is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Hbos().fit(new double[][] {{0, 1}, {Double.NaN, 2}}));
        assertTrue(e.getMessage().contains("Hbos: row 1, column 0 is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Hbos().fit(new double[][] {{0, -Double.MAX_VALUE}, {1, Double.MAX_VALUE}}));
        assertTrue(e.getMessage().contains("Hbos: column 1 spans") && e.getMessage().contains("rescale"), e.getMessage());
        Hbos.Model m = new Hbos().fit(new double[][] {{0}, {1}});
        e = assertThrows(IllegalArgumentException.class, () -> m.score(new double[][] {{Double.NaN}}));
        assertTrue(e.getMessage().contains("Hbos: row 0, column 0 is NaN"), e.getMessage());
    }
}
