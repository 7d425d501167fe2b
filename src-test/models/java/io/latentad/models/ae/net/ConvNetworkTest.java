package io.latentad.models.ae.net;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.metrics.ranking.RocCurve;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.SampleShape;
import io.latentad.models.io.ModelFile;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The convolutional network on the seam: architecture, round trips, training under ae / dae / vae / clvae, bad input. */
class ConvNetworkTest {
    static final SampleShape.Image IMG = SampleShape.image(1, 8, 8);

    /**
     * 8 x 8 images: normal rows are a bright horizontal bar at a random row, anomalies (the last
     * {@code anomalies} rows) a vertical bar; small pixel noise. Labels: bar row parity (for clvae).
     */
    static Dataset bars(int n, int anomalies, long seed) {
        Rng r = new Rng(seed);
        double[][] x = new double[n][64];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int at = 1 + r.nextInt(6);
            y[i] = at % 2;
            for (int p = 0; p < 64; p++) {
                int row = p / 8, col = p % 8;
                boolean on = i >= n - anomalies ? col == at : row == at;
                x[i][p] = Math.min(1, Math.max(0, (on ? 0.9 : 0.05) + 0.05 * r.nextGaussian()));
            }
        }
        String[] names = new String[64];
        for (int p = 0; p < 64; p++) names[p] = "p" + p;
        return new Dataset("bars", x, names, y, new String[] {"even", "odd"}, null, null, IMG, null);
    }

    static AeOptions options(ModelKind kind, String... kv) {
        Map<String, String> p = new HashMap<>(Map.of("net", "conv", "channels", "4,8", "latent", "4", "epochs", "30",
                "batch", "16", "lr", "0.01", "patience", "0", "seed", "3"));
        for (int i = 0; i < kv.length; i += 2) p.put(kv[i], kv[i + 1]);
        return AeOptions.fromParams(kind, p);
    }

    @Test
    void defaultArchitectureFollowsTheImageSize() {
        assertArrayEquals(new int[] {32, 64}, ConvNetwork.defaultChannels(SampleShape.image(1, 28, 28)));
        assertArrayEquals(new int[] {32, 64, 128}, ConvNetwork.defaultChannels(SampleShape.image(3, 32, 32)));
        assertArrayEquals(new int[] {32}, ConvNetwork.defaultChannels(SampleShape.image(1, 8, 8)));
        assertArrayEquals(new int[] {32}, ConvNetwork.defaultChannels(SampleShape.image(2, 3, 40)));
        NetworkSpec s = new ConvNetwork.Options(new int[0], 3, 32, io.latentad.engine.nn.Activation.Kind.RELU, new int[0])
                .spec(SampleShape.image(1, 28, 28), false);
        // conv 1->32 (320) + 32->64 (18,496), mu 3136 x 32 + 32, decoder fc 32 x 3136 + 3136, convT 64->32 (18,464), 32->1 (289)
        assertEquals(320 + 18_496 + 3137 * 32 + 33 * 3136 + 18_464 + 289, s.parameterCount());
    }

    @Test
    void oddImagesComeBackAtTheirSizeAndTheCountIsExact() {
        SampleShape.Image odd = SampleShape.image(3, 13, 9);
        for (boolean variational : new boolean[] {false, true}) {
            ConvNetwork.Spec s = new ConvNetwork.Options(new int[] {4, 6, 5}, 5, 3, io.latentad.engine.nn.Activation.Kind.ELU,
                    new int[0]).spec(odd, variational);
            Network net = s.build(new Rng(1));
            long count = 0;
            for (Var v : net.parameters().values()) count += v.value().size();
            assertEquals(s.parameterCount(), count);
            Encoding e = net.encode(Var.constant(Tensor.uniform(new Rng(2), 0f, 1f, 2, odd.size())));
            assertArrayEquals(new int[] {2, 3}, e.mu().shape());
            assertEquals(variational, e.logVar() != null);
            assertArrayEquals(new int[] {2, odd.size()}, net.decode(e.mu()).shape());
            assertEquals(s, Networks.spec("conv", s.toParams(), odd, variational));
        }
    }

    @Test
    void everyImageModelTrainsAndRoundTripsThroughTheModelFile() {
        Dataset train = bars(96, 0, 1), test = bars(60, 20, 2);
        for (ModelKind kind : new ModelKind[] {ModelKind.AE, ModelKind.DAE, ModelKind.VAE, ModelKind.CLVAE}) {
            TrainedAutoencoder m = AeTrainer.fit(options(kind), train, null);
            assertInstanceOf(ConvNetwork.Spec.class, m.spec());
            double[] s = AeScorers.create("recon", Map.of(), 1).score(m, test.x(), null);
            int[] truth = new int[60];
            for (int i = 40; i < 60; i++) truth[i] = 1;
            double auc = RocCurve.auc(s, truth);
            assertTrue(auc > 0.9, kind + ": vertical bars should reconstruct worse than horizontal ones, ROC-AUC " + auc);
            TrainedAutoencoder back = ModelFile.fromBytes(ModelFile.toBytes(m), "memory");
            assertEquals(m.spec(), back.spec());
            assertArrayEquals(s, AeScorers.create("recon", Map.of(), 1).score(back, test.x(), null));
        }
    }

    @Test
    void sameSeedGivesTheSameBits() {
        Dataset train = bars(40, 0, 1);
        AeOptions o = options(ModelKind.DAE, "epochs", "2");
        TrainedAutoencoder a = AeTrainer.fit(o, train, null), b = AeTrainer.fit(o, train, null);
        assertArrayEquals(ModelFile.toBytes(a), ModelFile.toBytes(b));
    }

    @Test
    void rowsOfPixelsTakeAnImageShape() {
        Dataset rows = bars(40, 0, 1).withShape(SampleShape.row(64), null);
        TrainedAutoencoder m = AeTrainer.fit(options(ModelKind.AE, "epochs", "1", "image", "1x8x8"), rows, null);
        assertEquals(IMG, m.spec().input());
        assertEquals(m.spec(), ModelFile.fromBytes(ModelFile.toBytes(m), "memory").spec());
    }

    @Test
    void badShapesAndSettingsAreRefusedNamingTheValue() {
        Dataset rows = bars(20, 0, 1).withShape(SampleShape.row(64), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeTrainer.fit(options(ModelKind.AE, "epochs", "1"), rows, null));
        assertTrue(e.getMessage().contains("images") && e.getMessage().contains("row 64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AeTrainer.fit(options(ModelKind.AE, "epochs", "1", "image", "1x28x28"), rows, null));
        assertTrue(e.getMessage().contains("1x28x28") && e.getMessage().contains("64") && e.getMessage().contains("784"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> options(ModelKind.AE, "image", "28x28"));
        assertTrue(e.getMessage().contains("28x28"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> options(ModelKind.AE, "kernel", "4"));
        assertTrue(e.getMessage().contains("kernel") && e.getMessage().contains("4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> options(ModelKind.AE, "channels", "0,8"));
        e = assertThrows(IllegalArgumentException.class, () -> options(ModelKind.AE, "hidden", "8"));
        assertTrue(e.getMessage().contains("unknown parameter 'hidden'"), e.getMessage());
    }
}
