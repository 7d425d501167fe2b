package io.latentad.metrics.balance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClusterMisclassificationTest {
    @Test
    void rowsAgainstTheirClusterMajorityAreFlagged() {
        int[] cls = {0, 0, 1, 1, 1, 2, 0, 2};
        int[] clu = {5, 5, 5, 8, 8, 8, 3, 3};
        // cluster 5: {0,0,1} -> 0, row 2 out; cluster 8: {1,1,2} -> 1, row 5 out;
        // cluster 3: {0,2} tie -> smaller class 0, row 7 out
        ClusterMisclassification m = ClusterMisclassification.of(cls, clu);
        assertArrayEquals(new int[] {3, 5, 8}, m.clusters());
        assertArrayEquals(new int[] {0, 0, 1}, m.majorityClass());
        assertArrayEquals(new int[] {2, 5, 7}, m.misclassified());
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 1, 0, 1}, m.flags());
        assertEquals(3.0 / 8, m.rate(), 0.0);
    }

    @Test
    void clustersThatFollowTheClassesFlagNothing() {
        int[] cls = {4, 4, 2, 2, 9};
        ClusterMisclassification m = ClusterMisclassification.of(cls, new int[] {0, 0, 1, 1, 2});
        assertEquals(0, m.misclassified().length);
        assertEquals(0.0, m.rate());
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThrows(IllegalArgumentException.class, () -> ClusterMisclassification.of(new int[] {1}, new int[] {1, 2}));
    }
}
