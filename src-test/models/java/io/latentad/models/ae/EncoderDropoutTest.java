package io.latentad.models.ae;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Activation;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.net.DenseNetwork;
import io.latentad.models.data.SampleShape;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dropout}: inverted dropout after each hidden layer of the dense encoder, in training steps only. */
class EncoderDropoutTest {
    private static final Blobs DATA = AeTrainerTest.DATA;

    private static void assertSameParameters(TrainedAutoencoder a, TrainedAutoencoder b) {
        for (Map.Entry<String, Tensor> e : a.parameters().entrySet()) {
            assertArrayEquals(e.getValue().toArray(), b.parameters().get(e.getKey()).toArray(), e.getKey());
        }
    }

    private static boolean sameParameters(TrainedAutoencoder a, TrainedAutoencoder b) {
        for (Map.Entry<String, Tensor> e : a.parameters().entrySet()) {
            if (!java.util.Arrays.equals(e.getValue().toArray(), b.parameters().get(e.getKey()).toArray())) return false;
        }
        return true;
    }

    @Test
    void zeroIsThePlainRunToTheBitAndIsNotWritten() {
        AeOptions o = AeTrainerTest.small(ModelKind.CLVAE, 3);
        TrainedAutoencoder plain = AeTrainerTest.fit(o, DATA), zero = AeTrainerTest.fit(o.with("dropout", "0"), DATA);
        assertSameParameters(plain, zero);
        assertFalse(zero.options().toParams().containsKey("dropout"), "off is not written: older models' maps unchanged");
    }

    @Test
    void onIsSeededReproducibleAndKeptInTheModel() {
        for (ModelKind kind : new ModelKind[] {ModelKind.CLVAE, ModelKind.AE}) {
            AeOptions o = AeTrainerTest.small(kind, 3), d = o.with("dropout", "0.3");
            TrainedAutoencoder plain = AeTrainerTest.fit(o, DATA), a = AeTrainerTest.fit(d, DATA), b = AeTrainerTest.fit(d, DATA);
            assertSameParameters(a, b);
            assertFalse(sameParameters(plain, a), kind + ": dropout changes the training");
            assertFalse(sameParameters(a, AeTrainerTest.fit(d.with("seed", "4"), DATA)), kind + ": the masks follow the seed");
            assertEquals("0.3", a.options().toParams().get("dropout"));
            assertEquals(a.options(), AeOptions.fromParams(kind, a.options().toParams()));
        }
    }

    @Test
    void theTrainedModelScoresWithTheDeterministicNetwork() {
        AeOptions o = AeTrainerTest.small(ModelKind.CLVAE, 3).with("dropout", "0.5");
        TrainedAutoencoder m = AeTrainerTest.fit(o, DATA);
        // the same parameters in a network without dropout: the codes must be equal to the bit
        DenseNetwork plain = new DenseNetwork.Options(new int[] {16}, 2, Activation.Kind.RELU)
                .spec(SampleShape.row(DATA.x[0].length), true).build(new Rng(0));
        plain.load(m.parameters());
        Tensor x = Tensor.zeros(DATA.x.length, DATA.x[0].length);
        for (int i = 0; i < DATA.x.length; i++) for (int j = 0; j < DATA.x[0].length; j++) x.setAt(i * DATA.x[0].length + j, (float) DATA.x[i][j]);
        float[] want = plain.encode(Var.constant(x)).mu().value().toArray();
        double[][] got = m.encode(DATA.x).mu(), again = m.embed(DATA.x).codes().mu();
        for (int i = 0; i < DATA.x.length; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(want[i * 2 + j], got[i][j], 0, "row " + i);
                assertEquals(got[i][j], again[i][j], "row " + i + ": encode and embed agree");
            }
        }
    }

    @Test
    void theNetworkDropsUnitsOnlyWhileATrainingStreamIsSet() {
        SampleShape in = SampleShape.row(6);
        DenseNetwork with = new DenseNetwork.Options(new int[] {32, 16}, 2, Activation.Kind.RELU, 0.5).spec(in, false).build(new Rng(7));
        DenseNetwork without = new DenseNetwork.Options(new int[] {32, 16}, 2, Activation.Kind.RELU).spec(in, false).build(new Rng(7));
        Var x = Var.constant(Tensor.normal(new Rng(2), 0f, 1f, 5, 6));
        float[] eval = without.encode(x).mu().value().toArray();
        assertArrayEquals(eval, with.encode(x).mu().value().toArray(), "no stream: the same network (dropout draws no init)");
        with.trainingNoise(new Rng(9));
        float[] noisy = with.encode(x).mu().value().toArray();
        assertFalse(java.util.Arrays.equals(eval, noisy), "masks while training");
        with.trainingNoise(new Rng(9));
        assertArrayEquals(noisy, with.encode(x).mu().value().toArray(), "the same stream, the same masks");
        with.trainingNoise(null);
        assertArrayEquals(eval, with.encode(x).mu().value().toArray(), "cleared: the deterministic network again");
        without.trainingNoise(new Rng(9));
        assertArrayEquals(eval, without.encode(x).mu().value().toArray(), "without dropout a stream changes nothing");
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        AeOptions o = AeTrainerTest.small(ModelKind.AE, 2);
        for (String bad : new String[] {"-0.1", "1", "1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.with("dropout", bad));
            assertTrue(e.getMessage().contains("dropout") && e.getMessage().contains("[0, 1)"), e.getMessage());
        }
        for (String bad : new String[] {"NaN", "lots"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.with("dropout", bad));
            assertTrue(e.getMessage().contains("dropout"), e.getMessage());
        }
        // a dense-network key: the recurrent network does not take it
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeOptions.fromParams(ModelKind.VRAE, Map.of("dropout", "0.1")));
        assertTrue(e.getMessage().contains("dropout"), e.getMessage());
    }
}
