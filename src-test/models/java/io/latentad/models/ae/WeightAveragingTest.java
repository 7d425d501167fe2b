package io.latentad.models.ae;

import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code average=K}: the returned model holds the mean of the parameters at the ends of the last K epochs. */
class WeightAveragingTest {
    private static final Blobs DATA = AeTrainerTest.DATA;

    private static Map<String, float[]> arrays(TrainedAutoencoder m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : m.parameters().entrySet()) out.put(e.getKey(), e.getValue().toArray());
        return out;
    }

    @Test
    void theModelIsTheMeanOfTheLastEpochsParametersAndItsCodesAreItsOwn() {
        AeOptions o = AeTrainerTest.small(ModelKind.VAE, 5);
        List<Map<String, float[]>> epochs = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        TrainedAutoencoder avg = AeTrainer.fit(o.with("average", "3"), DATA.x, DATA.labels, DATA.classes, null, lines::add,
                (epoch, m) -> epochs.add(arrays(m)));
        TrainedAutoencoder plain = AeTrainerTest.fit(o, DATA);
        assertEquals(5, epochs.size());
        // the epochs themselves are the plain run's (averaging only changes what is returned)
        for (String k : epochs.get(4).keySet()) assertArrayEquals(arrays(plain).get(k), epochs.get(4).get(k), k);
        Map<String, float[]> got = arrays(avg);
        boolean differs = false;
        for (String k : got.keySet()) {
            float[] want = new float[got.get(k).length];
            for (int i = 0; i < want.length; i++) {
                double s = 0;
                for (int e = 2; e < 5; e++) s += epochs.get(e).get(k)[i];
                want[i] = (float) (s / 3);
            }
            assertArrayEquals(want, got.get(k), k); // bit for bit: summed in double in epoch order, rounded once
            differs |= !java.util.Arrays.equals(want, epochs.get(4).get(k));
        }
        assertTrue(differs, "the average equals the last epoch");
        assertTrue(lines.get(lines.size() - 1).contains("epochs 3..5"), lines.toString());
        // the kept training codes and every score come from the averaged parameters
        double[][] mu = avg.encode(DATA.x).mu();
        for (int i = 0; i < DATA.x.length; i++) assertArrayEquals(mu[i], avg.trainingCodes().mu()[i], 0.0);
        assertFalse(java.util.Arrays.equals(mu[0], plain.trainingCodes().mu()[0]));
        assertEquals("3", avg.options().toParams().get("average"));
        assertFalse(plain.options().toParams().containsKey("average"), "off is not written: older models' maps unchanged");
    }

    @Test
    void averagingOneEpochIsThePlainRunToTheBit() {
        AeOptions o = AeTrainerTest.small(ModelKind.AE, 4);
        Map<String, float[]> plain = arrays(AeTrainerTest.fit(o, DATA)), one = arrays(AeTrainerTest.fit(o.with("average", "1"), DATA));
        for (String k : plain.keySet()) assertArrayEquals(plain.get(k), one.get(k), k);
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        AeOptions o = AeTrainerTest.small(ModelKind.AE, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.with("average", "-1"));
        assertTrue(e.getMessage().contains("average = -1") && e.getMessage().contains("[0, epochs = 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> o.with("average", "5"));
        assertTrue(e.getMessage().contains("average = 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> o.with("average", "two"));
        assertTrue(e.getMessage().contains("average"), e.getMessage());
        // early stopping keeps the best epoch: averaging would silently replace it
        e = assertThrows(IllegalArgumentException.class, () -> o.with(Map.of("average", "2", "patience", "3", "validation", "0.2")));
        assertTrue(e.getMessage().contains("validation=0 or patience=0"), e.getMessage());
        // vrae's defaults hold out 10% with patience 5: averaging needs validation=0 there
        e = assertThrows(IllegalArgumentException.class, () -> AeOptions.fromParams(ModelKind.of("vrae"), Map.of("average", "3")));
        assertTrue(e.getMessage().contains("early stopping"), e.getMessage());
        AeOptions.fromParams(ModelKind.of("vrae"), Map.of("average", "3", "validation", "0"));
    }
}
