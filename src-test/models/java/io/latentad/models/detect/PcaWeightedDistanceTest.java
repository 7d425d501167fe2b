package io.latentad.models.detect;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcaWeightedDistanceTest {
    /** Scores from PyOD's formula written with scikit-learn 1.2 and NumPy (fixtures/detect/make_pca_pyod.py). */
    @Test
    void scoresMatchPyodsFormula() {
        Fixture f = Fixture.load("/fixtures/detect/pca_pyod.json");
        PcaWeightedDistance.Model m = new PcaWeightedDistance().fit(f.matrix("train"));
        double[] ratio = f.vector("ratio"), got = m.ratios();
        assertEquals(ratio.length, got.length);
        for (int j = 0; j < ratio.length; j++) assertEquals(ratio[j], got[j], 1e-10);
        double[] train = f.vector("train_scores"), test = f.vector("test_scores");
        double[] t = m.trainingScores(), s = m.score(f.matrix("test"));
        for (int i = 0; i < train.length; i++) assertEquals(train[i], t[i], 1e-8 * Math.max(1, train[i]), "train row " + i);
        for (int i = 0; i < test.length; i++) assertEquals(test[i], s[i], 1e-8 * Math.max(1, test[i]), "test row " + i);
    }

    @Test
    void pcaDetectorTakesScoreParam() {
        assertInstanceOf(PcaWeightedDistance.class, Detectors.create("pca", Map.of("score", "pyod")));
        assertInstanceOf(PcaReconstruction.class, Detectors.create("pca", Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Detectors.create("pca", Map.of("score", "mahal")));
        assertTrue(e.getMessage().contains("mahal"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Detectors.create("pca", Map.of("score", "pyod", "components", "2")));
        assertTrue(e.getMessage().contains("components"), e.getMessage());
    }

    @Test
    void identicalRowsAreRefusedWithAMessage() {
        double[][] x = {{1, 2}, {1, 2}, {1, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PcaWeightedDistance().fit(x));
        assertTrue(e.getMessage().contains("same"), e.getMessage());
    }
}
