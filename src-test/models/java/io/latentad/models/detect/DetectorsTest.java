package io.latentad.models.detect;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorsTest {
    @Test
    void everyNameCreatesADetectorOfThatNameThatRanksAFarRowFirst() {
        // blobs on a plane (third column small noise) and one row far off it, so that the
        // subspace methods (pca, rpca) see it as well as the density and distance methods
        double[][] b = TestData.blobs(1000, 3, 3, 5, 12);
        double[][] x = new double[1000][];
        for (int i = 0; i < 1000; i++) x[i] = new double[] {b[i][0], b[i][1], 0.1 * b[i][2]};
        x[0] = new double[] {0, 0, 40};
        for (String name : Detectors.names()) {
            Detector d = Detectors.create(name, Map.of());
            assertEquals(name, d.name());
            FittedDetector f = d.fit(x);
            double[] s = f.trainingScores();
            assertEquals(1000, s.length);
            if (name.equals("kmeans")) {
                // k-means gives the lone far row a centroid of its own (distance 0): check a new far point
                double[] t = f.score(new double[][] {{-40, 40, -40}});
                for (double v : s) assertTrue(t[0] > v, name);
                continue;
            }
            for (int i = 1; i < s.length; i++) assertTrue(s[0] > s[i], name + ": row " + i + " " + s[i] + " >= " + s[0]);
            assertEquals(3, f.dimension());
        }
    }

    @Test
    void paramsReachTheOptions() {
        IsolationForest f = (IsolationForest) Detectors.create("iforest", Map.of("trees", "7", "samples", "64", "seed", "3"));
        assertEquals(new IsolationForest.Options(7, 64, 3), f.options());
        assertEquals(5, ((LocalOutlierFactor.Model) Detectors.create("lof", Map.of("k", "5"))
                .fit(TestData.blobs(30, 2, 1, 0, 1))).k());
        assertEquals(1, ((PcaReconstruction.Model) Detectors.create("pca", Map.of("components", "1"))
                .fit(TestData.blobs(30, 2, 1, 0, 1))).components());
    }

    @Test
    void rejectsAnUnknownName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Detectors.create("svm2", Map.of()));
        assertTrue(e.getMessage().contains("svm2") && e.getMessage().contains("iforest"));
    }

    @Test
    void rejectsAnUnknownKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Detectors.create("lof", Map.of("neighbours", "5")));
        assertTrue(e.getMessage().contains("neighbours"));
    }

    @Test
    void rejectsABadValue() {
        assertThrows(IllegalArgumentException.class, () -> Detectors.create("kmeans", Map.of("k", "eight")));
        assertThrows(IllegalArgumentException.class, () -> Detectors.create("gmm", Map.of("covariance", "tied")));
        assertThrows(IllegalArgumentException.class, () -> Detectors.create("rpca", Map.of("lambda", "NaN")));
    }
}
