package io.latentad.models.ae;

import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpochSnapshotTest {
    private static final Blobs DATA = AeTrainerTest.DATA;

    private static Map<String, float[]> arrays(TrainedAutoencoder m) {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : m.parameters().entrySet()) out.put(e.getKey(), e.getValue().toArray());
        return out;
    }

    private static void assertSameParameters(Map<String, float[]> a, Map<String, float[]> b, String what) {
        assertEquals(a.keySet(), b.keySet(), what);
        for (String k : a.keySet()) assertArrayEquals(a.get(k), b.get(k), what + ": " + k);
    }

    @Test
    void snapshotsAreEachEpochsModelAndLeaveTheRunsBitsUnchanged() {
        AeOptions o = AeTrainerTest.small(ModelKind.VAE, 5);
        TrainedAutoencoder plain = AeTrainerTest.fit(o, DATA);
        List<Integer> epochs = new ArrayList<>();
        List<TrainedAutoencoder> snaps = new ArrayList<>();
        List<Map<String, float[]>> atTheTime = new ArrayList<>();
        TrainedAutoencoder watched = AeTrainer.fit(o, DATA.x, DATA.labels, DATA.classes, null, null, (epoch, m) -> {
            epochs.add(epoch);
            snaps.add(m);
            atTheTime.add(arrays(m));
            assertEquals(epoch, m.history().epochs());
        });
        assertEquals(List.of(1, 2, 3, 4, 5), epochs);
        // the run is the same with and without snapshots, to the bit
        assertSameParameters(arrays(plain), arrays(watched), "watched run");
        assertArrayEquals(plain.history().trainLoss(), watched.history().trainLoss());
        // the last snapshot is the returned model: parameters, training codes, scores
        TrainedAutoencoder last = snaps.get(4);
        assertSameParameters(arrays(watched), arrays(last), "last snapshot");
        for (int i = 0; i < DATA.x.length; i++) {
            assertArrayEquals(watched.trainingCodes().mu()[i], last.trainingCodes().mu()[i], 0.0);
            assertArrayEquals(watched.trainingCodes().logVar()[i], last.trainingCodes().logVar()[i], 0.0);
        }
        assertArrayEquals(new LatentWasserstein(1000, 1).score(watched, DATA.x, null),
                new LatentWasserstein(1000, 1).score(last, DATA.x, null), 0.0);
        // each snapshot keeps its own copy: training on did not change it, and the epochs differ
        for (int k = 0; k < snaps.size(); k++) assertSameParameters(atTheTime.get(k), arrays(snaps.get(k)), "snapshot " + (k + 1));
        assertFalse(java.util.Arrays.equals(atTheTime.get(0).get(atTheTime.get(0).keySet().iterator().next()),
                atTheTime.get(4).get(atTheTime.get(4).keySet().iterator().next())), "epoch 1 and epoch 5 differ");
        // a snapshot's training codes are its own epoch's
        double[][] early = snaps.get(0).encode(DATA.x).mu();
        for (int i = 0; i < DATA.x.length; i++) assertArrayEquals(early[i], snaps.get(0).trainingCodes().mu()[i], 0.0);
        assertTrue(snaps.get(0).history().trainLoss()[0] > snaps.get(4).history().trainLoss()[4]);
    }

    @Test
    void modelsThatFitAPartAfterTrainingRefuseSnapshots() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                AeTrainer.fit(AeTrainerTest.small(ModelKind.DAGMM, 2), DATA.x, null, null, null, null, (epoch, m) -> { }));
        assertTrue(e.getMessage().contains("dagmm"), e.getMessage());
    }
}
