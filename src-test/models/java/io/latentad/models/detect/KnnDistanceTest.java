package io.latentad.models.detect;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnnDistanceTest {
    private static final Fixture F = Fixture.load("/fixtures/detect/knn.json");

    /** Largest absolute difference over rows, relative to the row's reference above 1, absolute below. */
    private static double err(double[] got, double[] want) {
        assertEquals(want.length, got.length);
        double e = 0;
        for (int i = 0; i < want.length; i++) e = Math.max(e, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
        return e;
    }

    @Test
    void scoresEqualScikitLearnsNeighbourDistancesInLowAndHighDimensions() {
        // reference: sklearn 1.2 NearestNeighbors, training rows left out of their own neighbours (make_knn.py);
        // the data hold exact duplicates (pairs, triples, one row 8 times), so distances 0 and ties are in it
        for (String set : new String[] {"low", "high"}) {
            double[][] x = F.matrix(set + "_x"), q = F.matrix(set + "_q");
            for (int k : new int[] {1, 5, 6}) {
                for (String m : new String[] {"largest", "mean", "median"}) {
                    KnnDistance.Model model = new KnnDistance(new KnnDistance.Options(k, KnnDistance.Method.parse(m))).fit(x);
                    String key = set + "_k" + k + "_" + m;
                    double et = err(model.trainingScores(), F.vector(key + "_train")), en = err(model.score(q), F.vector(key + "_novel"));
                    assertTrue(et < 1e-6 && en < 1e-6, key + ": training " + et + ", novel " + en);
                }
            }
        }
    }

    @Test
    void theDefaultsArePyodsAndTheCliNamesReachThem() {
        assertEquals(new KnnDistance.Options(5, KnnDistance.Method.LARGEST), KnnDistance.Options.defaults());
        double[][] x = F.matrix("low_x");
        double[] byName = Detectors.create("knn", Map.of()).fit(x).trainingScores();
        assertTrue(err(byName, F.vector("low_k5_largest_train")) < 1e-6);
        double[] median = Detectors.create("knn", Map.of("k", "6", "method", "median")).fit(x).trainingScores();
        assertTrue(err(median, F.vector("low_k6_median_train")) < 1e-6);
    }

    @Test
    void aFarRowScoresHighestAndResultsRepeat() {
        double[][] x = new double[41][];
        for (int i = 0; i < 40; i++) x[i] = new double[] {Math.cos(i), Math.sin(i)};
        x[40] = new double[] {6, 6};
        KnnDistance.Model m = new KnnDistance().fit(x);
        double[] s = m.trainingScores();
        for (int i = 0; i < 40; i++) assertTrue(s[40] > s[i], "row " + i);
        assertEquals(0.0, new KnnDistance(new KnnDistance.Options(1, KnnDistance.Method.LARGEST)).fit(x).score(new double[][] {x[3]})[0]);
        assertEquals(java.util.Arrays.toString(s), java.util.Arrays.toString(new KnnDistance().fit(x).trainingScores()));
    }

    @Test
    void badOptionsAndTooFewRowsAreRefusedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KnnDistance.Options(0, KnnDistance.Method.MEAN));
        assertTrue(e.getMessage().contains("k"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Detectors.create("knn", Map.of("method", "max")));
        assertTrue(e.getMessage().contains("method = 'max': expected largest, mean or median"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Detectors.create("knn", Map.of("neighbours", "3")));
        assertTrue(e.getMessage().contains("neighbours"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KnnDistance().fit(new double[][] {{0}, {1}, {2}, {3}, {4}}));
        assertTrue(e.getMessage().contains("k = 5 needs more than 5 rows") && e.getMessage().contains("expected k <= 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KnnDistance().fit(new double[][] {{0}, {Double.NaN}, {2}, {3}, {4}, {5}, {6}}));
        assertTrue(e.getMessage().contains("KnnDistance"), e.getMessage());
    }
}
