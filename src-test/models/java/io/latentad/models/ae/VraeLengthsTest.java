package io.latentad.models.ae;

import io.latentad.engine.random.Rng;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.SampleShape;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sequences of unequal length through the VRAE: training, masking, and a sequence scored alone or padded beside longer ones. */
class VraeLengthsTest {
    static final int T = 16;

    /** Sine beats of 8..16 steps (each row its own steps); the last {@code anomalies} are square waves. */
    static Dataset beats(int n, int anomalies, long seed) {
        Rng r = new Rng(seed);
        double[][] x = new double[n][];
        int[] len = new int[n];
        for (int i = 0; i < n; i++) {
            len[i] = 8 + r.nextInt(T - 7);
            x[i] = new double[len[i]];
            double phase = r.nextDouble() * 0.5, amp = 1 + 0.1 * r.nextGaussian();
            for (int t = 0; t < len[i]; t++) {
                double s = Math.sin(2 * Math.PI * (t / 8.0 + phase));
                x[i][t] = (i >= n - anomalies ? Math.signum(s) * 1.5 : amp * s) + 0.05 * r.nextGaussian();
            }
        }
        len[0] = T; // the longest is there
        x[0] = java.util.Arrays.copyOf(x[0], T);
        String[] names = new String[T];
        for (int t = 0; t < T; t++) names[t] = "t" + t;
        return new Dataset("beats", x, names, null, null, null, null, SampleShape.sequence(T, 1), len);
    }

    @Test
    void aSequenceScoresTheSameAloneAndPaddedBesideLongerOnes() {
        Dataset d = beats(60, 6, 5);
        TrainedAutoencoder m = AeTrainer.fit(VraeTest.small(2), d, null);
        // a short row alone, then in a batch with longer rows before and after it
        double[][] x = d.x();
        int shortRow = -1;
        for (int i = 0; i < x.length && shortRow < 0; i++) if (x[i].length < T - 3) shortRow = i;
        double[][] alone = {x[shortRow]};
        double[][] padded = {x[0], x[shortRow], x[0], x[1]};
        TrainedAutoencoder.Embedding a = m.embed(alone), p = m.embed(padded);
        assertArrayEquals(a.codes().mu()[0], p.codes().mu()[1], 0.0);
        assertArrayEquals(a.codes().logVar()[0], p.codes().logVar()[1], 0.0);
        assertEquals(a.l2()[0], p.l2()[1], 0.0);
        assertEquals(a.l1()[0], p.l1()[1], 0.0);
        double[] stepsAlone = m.stepErrors(alone)[0], stepsPadded = m.stepErrors(padded)[1];
        assertEquals(x[shortRow].length, stepsPadded.length); // only the real steps
        assertArrayEquals(stepsAlone, stepsPadded, 0.0);
        assertEquals(x[shortRow].length, m.reconstruct(padded)[1].length);
        // recon-prob with one sample: the row's draw comes first in both
        AeScorer rp = new ReconstructionProbability(1, 9);
        assertEquals(rp.score(m, new double[][] {x[shortRow]}, null)[0],
                rp.score(m, new double[][] {x[shortRow], x[0]}, null)[0], 0.0);
        double sum = 0;
        for (double v : stepsPadded) sum += v;
        assertEquals(p.l2()[1], sum, 1e-9 * sum);
    }

    @Test
    void trainsOnUnequalLengthsAndRanksTheAnomalies() {
        Dataset d = beats(120, 12, 3);
        TrainedAutoencoder m = AeTrainer.fit(VraeTest.small(25), d, null);
        double[] loss = m.history().trainLoss();
        assertTrue(loss[loss.length - 1] < 0.6 * loss[0], java.util.Arrays.toString(loss));
        int[] truth = new int[d.rows()];
        for (int i = d.rows() - 12; i < d.rows(); i++) truth[i] = 1;
        TrainedAutoencoder.Embedding e = m.embed(d.x());
        double auc = io.latentad.metrics.ranking.RocCurve.auc(e.l2(), truth);
        assertTrue(auc > 0.9, "recon ROC-AUC " + auc);
        // same seed, same bits; the model file reads back to the same scores
        double[] once = AeTrainer.fit(VraeTest.small(2), d, null).embed(d.x()).l2();
        assertArrayEquals(once, AeTrainer.fit(VraeTest.small(2), d, null).embed(d.x()).l2(), 0.0);
        TrainedAutoencoder back = io.latentad.models.io.ModelFile.fromBytes(io.latentad.models.io.ModelFile.toBytes(m), "v.lam");
        assertArrayEquals(e.l2(), back.embed(d.x()).l2(), 0.0);
        // a sequence longer than any in training is read too (the recurrent network has no fixed width)
        double[] longer = new double[T + 4];
        for (int t = 0; t < longer.length; t++) longer[t] = Math.sin(2 * Math.PI * t / 8.0);
        assertEquals(T + 4, m.stepErrors(new double[][] {longer})[0].length);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> m.embed(new double[][] {{}}));
        assertTrue(bad.getMessage().contains("row 0 has 0 values: expected a sequence of whole steps"), bad.getMessage());
    }

    @Test
    void fixedWidthModelsRefuseUnequalLengthsNamingTheRow() {
        Dataset d = beats(20, 0, 1);
        int first = 1;
        while (d.lengths()[first] == d.lengths()[0]) first++;
        for (String kind : new String[] {"vae", "ae"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AeTrainer.fit(AeOptions.fromParams(ModelKind.of(kind), Map.of("hidden", "8", "epochs", "1")), d, null));
            assertTrue(e.getMessage().contains("row " + first + " has " + d.lengths()[first] + " steps where row 0 has 16")
                    && e.getMessage().contains("--model vrae"), e.getMessage());
        }
        // clvae with the recurrent network: its objective does not pass lengths
        Dataset labelled = d.withLabels(new int[d.rows()], new String[] {"a"});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AeTrainer.fit(
                AeOptions.fromParams(ModelKind.of("clvae"), Map.of("net", "lstm", "hidden", "4", "epochs", "1")), labelled, null));
        assertTrue(e.getMessage().contains("clvae with net=lstm reads samples of one width"), e.getMessage());
        // a dense model asked to score sequences of unequal length
        TrainedAutoencoder dense = AeTrainer.fit(AeOptions.fromParams(ModelKind.VAE, Map.of("hidden", "8", "epochs", "1")),
                VraeTest.beats(20, 0, 1), null);
        e = assertThrows(IllegalArgumentException.class, () -> dense.embed(d.x()));
        assertTrue(e.getMessage().contains("features: expected 16"), e.getMessage());
    }

    @Test
    void unequalLengthsGiveTheSameBitsForEveryThreadCount() {
        Dataset d = beats(60, 6, 8);
        double[][] many = new double[2100][]; // 5 evaluation batches: whole batches go to the threads at 2
        for (int i = 0; i < many.length; i++) many[i] = d.x()[(i * 7) % d.rows()];
        int before = io.latentad.engine.kernel.Parallel.threads();
        try {
            TrainedAutoencoder first = null;
            TrainedAutoencoder.Embedding e1 = null;
            for (int t : new int[] {1, 2}) {
                io.latentad.engine.kernel.Parallel.setThreads(t);
                TrainedAutoencoder m = AeTrainer.fit(VraeTest.small(2), d, null);
                TrainedAutoencoder.Embedding e = m.embed(many);
                if (first == null) {
                    first = m;
                    e1 = e;
                    continue;
                }
                for (Map.Entry<String, io.latentad.engine.tensor.Tensor> p : first.parameters().entrySet()) {
                    assertArrayEquals(p.getValue().toArray(), m.parameters().get(p.getKey()).toArray(), 0f, p.getKey());
                }
                assertArrayEquals(e1.l2(), e.l2(), 0.0);
                for (int i = 0; i < many.length; i++) assertArrayEquals(e1.codes().mu()[i], e.codes().mu()[i], 0.0, "row " + i);
            }
        } finally {
            io.latentad.engine.kernel.Parallel.setThreads(before);
        }
    }
}
