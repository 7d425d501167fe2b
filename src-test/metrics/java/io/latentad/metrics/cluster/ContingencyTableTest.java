package io.latentad.metrics.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContingencyTableTest {
    @Test
    void countsAndMarginalsOfASmallTable() {
        ContingencyTable t = ContingencyTable.of(new int[] {3, 3, 7, 7, 7}, new int[] {-1, 2, 2, 2, -1});
        assertEquals(2, t.classes());
        assertEquals(2, t.clusters());
        assertEquals(3, t.classLabel(0));
        assertEquals(-1, t.clusterLabel(0));
        assertEquals(1, t.count(0, 0));
        assertEquals(1, t.count(0, 1));
        assertEquals(1, t.count(1, 0));
        assertEquals(2, t.count(1, 1));
        assertEquals(3, t.classTotal(1));
        assertEquals(3, t.clusterTotal(1));
        assertEquals(5, t.total());
    }

    @Test
    void entropyOfUniformLabelsIsLogOfTheirCount() {
        ContingencyTable t = ContingencyTable.of(new int[] {0, 1, 2, 3}, new int[] {0, 0, 0, 0});
        assertEquals(Math.log(4), t.classEntropy(), 1e-15);
        assertEquals(0.0, t.clusterEntropy());
        assertEquals(0.0, t.mutualInformation());
    }

    @Test
    void mutualInformationOfIdenticalLabelingsIsTheEntropy() {
        int[] a = {0, 0, 1, 2, 2, 2};
        ContingencyTable t = ContingencyTable.of(a, a);
        assertEquals(t.classEntropy(), t.mutualInformation(), 1e-15);
    }
}
