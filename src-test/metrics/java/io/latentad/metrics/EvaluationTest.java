package io.latentad.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentad.metrics.cluster.VMeasure;
import io.latentad.metrics.ranking.BestF1;
import io.latentad.metrics.ranking.Confusion;
import io.latentad.metrics.ranking.PrecisionAtN;
import io.latentad.metrics.ranking.PrecisionRecallCurve;
import io.latentad.metrics.ranking.RocCurve;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final double[] S = {0.1, 0.4, 0.35, 0.8, 0.9, 0.2, 0.7, 0.05, 0.6, 0.3};
    private static final int[] Y = {0, 0, 1, 1, 1, 0, 0, 0, 1, 0};

    @Test
    void everyRankingNameRoutesToItsMetric() {
        assertEquals(RocCurve.auc(S, Y), Evaluation.evaluate("roc_auc", S, Y), 0.0);
        assertEquals(PrecisionRecallCurve.averagePrecision(S, Y), Evaluation.evaluate("ap", S, Y), 0.0);
        assertEquals(BestF1.of(S, Y).f1(), Evaluation.evaluate("best_f1", S, Y), 0.0);
        assertEquals(Confusion.atContamination(S, Y, 0.4).f1(), Evaluation.evaluate("f1", S, Y), 0.0);
        assertEquals(Confusion.atContamination(S, Y, 0.2).f1(), Evaluation.evaluate("f1:0.2", S, Y), 0.0);
        assertEquals(Confusion.atContamination(S, Y, 0.4).precision(), Evaluation.evaluate("precision", S, Y), 0.0);
        assertEquals(Confusion.atContamination(S, Y, 0.3).recall(), Evaluation.evaluate("RECALL:0.3", S, Y), 0.0);
        assertEquals(PrecisionAtN.of(S, Y, 4), Evaluation.evaluate("precision_at_n", S, Y), 0.0);
        assertEquals(PrecisionAtN.of(S, Y, 2), Evaluation.evaluate("precision_at_n:2", S, Y), 0.0);
    }

    @Test
    void clusteringNamesReadScoresAsLabels() {
        int[] truth = {0, 0, 1, 1, 2, 2};
        double[] pred = {3, 3, 3, 1, 1, 1};
        int[] p = {3, 3, 3, 1, 1, 1};
        assertTrue(Evaluation.isClustering("vmeasure:2"));
        assertFalse(Evaluation.isClustering("roc_auc"));
        assertEquals(VMeasure.vMeasure(truth, p), Evaluation.evaluate("vmeasure", pred, truth), 0.0);
        assertEquals(VMeasure.vMeasure(truth, p, 0.5), Evaluation.evaluate("vmeasure:0.5", pred, truth), 0.0);
        assertEquals(VMeasure.homogeneity(truth, p), Evaluation.clustering("homogeneity", truth, p), 0.0);
        assertEquals(VMeasure.completeness(truth, p), Evaluation.clustering("completeness", truth, p), 0.0);
    }

    @Test
    void rejectsUnknownNamesAndBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> Evaluation.evaluate("auroc", S, Y));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.evaluate("", S, Y));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.evaluate("f1:abc", S, Y));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.evaluate("roc_auc:1", S, Y));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.evaluate("precision_at_n:2.5", S, Y));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.evaluate("vmeasure", new double[] {0.5}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.evaluate("f1", S, new int[S.length]));
    }
}
