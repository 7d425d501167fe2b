package io.latentad.models.cluster;

import io.latentad.models.detect.TestData;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClusteringsTest {
    private static final double[][] X = TestData.blobs(300, 2, 3, 20, 3);

    /** Share of row pairs on which two labelings agree (same cluster or not): 1 for equal partitions. */
    private static double pairAgreement(int[] a, int[] b) {
        long agree = 0, all = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                if ((a[i] == a[j]) == (b[i] == b[j])) agree++;
                all++;
            }
        }
        return agree / (double) all;
    }

    private static int[] truth() {
        int[] t = new int[300];
        for (int i = 0; i < 300; i++) t[i] = i % 3; // blobs() puts row i at centre i % 3
        return t;
    }

    @Test
    void kmeansAndEmRecoverWellSeparatedBlobs() {
        assertEquals(1.0, pairAgreement(truth(), Clusterings.cluster("kmeans", 3, Map.of(), X)), 0);
        assertEquals(1.0, pairAgreement(truth(), Clusterings.cluster("em", 3, Map.of("covariance", "diag"), X)), 0);
    }

    @Test
    void sameSeedGivesSameLabels() {
        assertArrayEquals(Clusterings.cluster("kmeans", 4, Map.of("seed", "9", "restarts", "2"), X),
                Clusterings.cluster("kmeans", 4, Map.of("seed", "9", "restarts", "2"), X));
    }

    @Test
    void chooseKByLabelsPicksTheTrueCount() {
        // agreement score: pair agreement, standing in for the metrics module's V-measure
        ClusterCount.Choice c = ClusterCount.byLabelsKMeans(X, truth(), 2, 6, KMeans.Options.defaults(),
                ClusteringsTest::pairAgreement);
        assertEquals(3, c.k());
        assertEquals(5, c.criterion().length);
    }

    @Test
    void rejectsUnknownMethod() {
        assertThrows(IllegalArgumentException.class, () -> Clusterings.cluster("dbscan", 3, Map.of(), X));
    }

    @Test
    void rejectsUnknownKey() {
        assertThrows(IllegalArgumentException.class, () -> Clusterings.cluster("kmeans", 3, Map.of("covariance", "full"), X));
    }

    @Test
    void rejectsBadValue() {
        assertThrows(IllegalArgumentException.class, () -> Clusterings.cluster("em", 3, Map.of("seed", "x"), X));
    }

    @Test
    void rejectsKAboveN() {
        assertThrows(IllegalArgumentException.class, () -> Clusterings.cluster("em", 301, Map.of(), X));
    }

    @Test
    void rejectsABadRange() {
        assertThrows(IllegalArgumentException.class, () -> ClusterCount.byBic(X, 4, 2, GaussianMixture.Options.defaults()));
    }
}
