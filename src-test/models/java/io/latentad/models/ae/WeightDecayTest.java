package io.latentad.models.ae;

import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code weight_decay}: Adam's decoupled weight decay (AdamW) for every model of the family; 0 is the plain run. */
class WeightDecayTest {
    private static final Blobs DATA = AeTrainerTest.DATA;

    private static double squaredNorm(TrainedAutoencoder m) {
        double s = 0;
        for (Tensor t : m.parameters().values()) for (float v : t.toArray()) s += (double) v * v;
        return s;
    }

    @Test
    void zeroIsThePlainRunToTheBitAndIsNotWritten() {
        AeOptions o = AeTrainerTest.small(ModelKind.CLVAE, 3);
        TrainedAutoencoder plain = AeTrainerTest.fit(o, DATA), zero = AeTrainerTest.fit(o.with("weight_decay", "0"), DATA);
        for (Map.Entry<String, Tensor> e : plain.parameters().entrySet()) {
            assertArrayEquals(e.getValue().toArray(), zero.parameters().get(e.getKey()).toArray(), e.getKey());
        }
        assertFalse(zero.options().toParams().containsKey("weight_decay"), "off is not written: older models' maps unchanged");
    }

    @Test
    void aStrongDecayShrinksTheParametersAndIsKeptInTheModel() {
        AeOptions o = AeTrainerTest.small(ModelKind.CLVAE, 4);
        TrainedAutoencoder plain = AeTrainerTest.fit(o, DATA);
        // lr 0.01 x weight_decay 10: each step multiplies every parameter by 0.9 before Adam's step
        TrainedAutoencoder decayed = AeTrainerTest.fit(o.with("weight_decay", "10"), DATA);
        double p = squaredNorm(plain), d = squaredNorm(decayed);
        assertTrue(d < 0.5 * p, "squared norm " + d + " with decay, " + p + " without");
        assertEquals("10.0", decayed.options().toParams().get("weight_decay"));
        assertEquals(10.0, AeOptions.fromParams(ModelKind.CLVAE, decayed.options().toParams()).training().weightDecay());
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        AeOptions o = AeTrainerTest.small(ModelKind.AE, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.with("weight_decay", "-0.1"));
        assertTrue(e.getMessage().contains("weight_decay = -0.1") && e.getMessage().contains(">= 0"), e.getMessage());
        for (String bad : new String[] {"NaN", "Infinity", "lots"}) { // the reader refuses these before the range check
            e = assertThrows(IllegalArgumentException.class, () -> o.with("weight_decay", bad));
            assertTrue(e.getMessage().contains("weight_decay"), e.getMessage());
        }
    }
}
