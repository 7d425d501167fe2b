package io.latentad.models.ae;

import io.latentad.engine.optim.LrSchedule;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lr_warmup}: a linear learning-rate ramp over the first epochs, the schedule underneath. */
class LrWarmupTest {
    private static final Blobs DATA = AeTrainerTest.DATA;

    private static float[] flat(TrainedAutoencoder m) {
        float[] all = new float[0];
        for (Tensor t : m.parameters().values()) {
            float[] v = t.toArray(), c = Arrays.copyOf(all, all.length + v.length);
            System.arraycopy(v, 0, c, all.length, v.length);
            all = c;
        }
        return all;
    }

    @Test
    void zeroIsThePlainRunToTheBitAndIsNotWritten() {
        AeOptions o = AeTrainerTest.small(ModelKind.CLVAE, 3);
        TrainedAutoencoder plain = AeTrainerTest.fit(o, DATA), zero = AeTrainerTest.fit(o.with("lr_warmup", "0"), DATA);
        assertArrayEquals(flat(plain), flat(zero));
        assertFalse(zero.options().toParams().containsKey("lr_warmup"), "off is not written: older models' maps unchanged");
    }

    @Test
    void onChangesTheRunReproduciblyAndIsKeptInTheModel() {
        AeOptions o = AeTrainerTest.small(ModelKind.CLVAE, 3), w = o.with("lr_warmup", "1");
        TrainedAutoencoder plain = AeTrainerTest.fit(o, DATA), a = AeTrainerTest.fit(w, DATA), b = AeTrainerTest.fit(w, DATA);
        assertArrayEquals(flat(a), flat(b));
        assertFalse(Arrays.equals(flat(plain), flat(a)), "a warm-up changes the steps");
        assertEquals("1", a.options().toParams().get("lr_warmup"));
        assertEquals(1, AeOptions.fromParams(ModelKind.CLVAE, a.options().toParams()).training().lrWarmup());
    }

    @Test
    void theRateRampsLinearlyOverTheWarmUpEpochsThenFollowsTheSchedule() {
        int steps = 10; // per epoch
        TrainingOptions t = AeTrainerTest.small(ModelKind.AE, 5).with(Map.of("lr", "0.01", "lr_schedule", "cosine",
                "lr_warmup", "2")).training();
        LrSchedule s = t.schedule(steps), cosine = LrSchedule.cosine(0.01, 0, 5 * steps);
        assertEquals(0.01 / 20, s.lr(0), 1e-15, "first step: lr / W, W = 2 epochs x 10 steps");
        for (int i = 0; i < 20; i++) assertEquals(cosine.lr(i) * (i + 1) / 20, s.lr(i), 1e-15, "step " + i);
        for (int i = 20; i < 60; i++) assertEquals(cosine.lr(i), s.lr(i), 0, "step " + i + ": the schedule");
        TrainingOptions c = AeTrainerTest.small(ModelKind.AE, 5).with(Map.of("lr", "0.01", "lr_warmup", "1")).training();
        assertEquals(0.001, c.schedule(steps).lr(0), 1e-15);
        assertEquals(0.01, c.schedule(steps).lr(9), 1e-15);
        assertEquals(0.01, c.schedule(steps).lr(30), 0);
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        AeOptions o = AeTrainerTest.small(ModelKind.AE, 2);
        for (String bad : new String[] {"-1", "3", "0.5", "lots"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.with("lr_warmup", bad));
            assertTrue(e.getMessage().contains("lr_warmup"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.with("lr_warmup", "3"));
        assertTrue(e.getMessage().contains("epochs = 2"), e.getMessage());
    }
}
