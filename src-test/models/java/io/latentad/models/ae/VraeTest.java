package io.latentad.models.ae;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.metrics.ranking.RocCurve;
import io.latentad.models.ae.net.RecurrentNetwork;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.SampleShape;
import io.latentad.models.io.ModelFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The variational recurrent autoencoder on the network seam: a Bi-LSTM network under the VAE objective. */
class VraeTest {
    static final int T = 16;

    /** Sine beats with random phase and amplitude; the last {@code anomalies} rows are square waves. */
    static Dataset beats(int n, int anomalies, long seed) {
        Rng r = new Rng(seed);
        double[][] x = new double[n][T];
        for (int i = 0; i < n; i++) {
            double phase = r.nextDouble() * 0.5, amp = 1 + 0.1 * r.nextGaussian();
            for (int t = 0; t < T; t++) {
                double s = Math.sin(2 * Math.PI * (t / (double) T + phase));
                x[i][t] = (i >= n - anomalies ? Math.signum(s) * 1.5 : amp * s) + 0.05 * r.nextGaussian();
            }
        }
        String[] names = new String[T];
        for (int t = 0; t < T; t++) names[t] = "t" + t;
        return new Dataset("beats", x, names, null, null, null, null, SampleShape.sequence(T, 1), null);
    }

    static AeOptions small(int epochs) {
        return AeOptions.fromParams(ModelKind.VRAE, Map.of("hidden", "8", "latent", "3", "epochs", Integer.toString(epochs),
                "batch", "16", "lr", "0.01", "warmup", "10", "patience", "0", "seed", "4"));
    }

    @Test
    void defaultsAreTheTalksRecipe() {
        AeOptions o = AeOptions.defaults(ModelKind.VRAE);
        assertEquals(new RecurrentNetwork.Options(128, 5), o.net());
        assertTrue(o.training().amsGrad());
        assertEquals(5.0, o.training().clip());
        assertEquals(32, o.training().batch());
        Vrae.Options v = (Vrae.Options) o.model();
        assertEquals(0.05, v.noise());
        assertEquals(1e-4, v.l1());
        assertEquals(32, v.elbo().warmup());
        assertEquals(o, AeOptions.fromParams(ModelKind.VRAE, o.toParams()));
    }

    @Test
    void trainsDetectsSavesAndRepeats() throws Exception {
        Dataset d = beats(120, 12, 3);
        List<String> lines = new ArrayList<>();
        TrainedAutoencoder m = AeTrainer.fit(small(15), d, lines::add);
        double[] loss = m.history().trainLoss();
        assertTrue(loss[loss.length - 1] < 0.6 * loss[0], java.util.Arrays.toString(loss));
        assertTrue(lines.get(0).contains("l1"), lines.get(0)); // the talk's L1 term is reported
        assertEquals(m.spec().parameterCount(), m.parameters().values().stream().mapToLong(Tensor::size).sum());

        int[] truth = new int[d.rows()];
        for (int i = d.rows() - 12; i < d.rows(); i++) truth[i] = 1;
        TrainedAutoencoder.Embedding e = m.embed(d.x());
        for (String s : new String[] {"recon", "recon-l1"}) {
            double auc = RocCurve.of(AeScorers.create(s, Map.of(), 1).score(m, e, d.x(), null), truth).auc();
            assertTrue(auc > 0.9, s + " ROC-AUC " + auc);
        }

        // same seed, same bits; the model file (version 2) stores the recurrent spec and reads back to the same bits
        TrainedAutoencoder again = AeTrainer.fit(small(15), d, null);
        for (Map.Entry<String, Tensor> p : m.parameters().entrySet()) {
            assertArrayEquals(p.getValue().toArray(), again.parameters().get(p.getKey()).toArray(), 0f, p.getKey());
        }
        TrainedAutoencoder back = ModelFile.fromBytes(ModelFile.toBytes(m), "vrae.lam");
        assertEquals(m.spec(), back.spec());
        assertArrayEquals(e.l2(), back.embed(d.x()).l2());
    }

    @Test
    void recurrentNetworksNeedSequencesAndAVariationalModel() {
        Dataset rows = beats(20, 0, 1);
        Dataset flat = new Dataset("rows", rows.x(), rows.featureNames(), null, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AeTrainer.fit(small(1), flat, null));
        assertTrue(e.getMessage().contains("sequences") && e.getMessage().contains("row 16"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AeTrainer.fit(AeOptions.fromParams(ModelKind.AE, Map.of("net", "lstm", "hidden", "4")), rows, null));
        assertTrue(e.getMessage().contains("variational"), e.getMessage());
        // a dense VAE reads the same sequences flat
        TrainedAutoencoder vae = AeTrainer.fit(AeOptions.fromParams(ModelKind.VAE, Map.of("hidden", "8", "epochs", "1")), rows, null);
        assertEquals(T, vae.dimension());
    }
}
