package io.latentad.models.ae;

import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AeTrainerTest {
    static final Blobs DATA = Blobs.make(3, 100, 8, 7);

    /** Small, fast options: 8-16-2 nets, no early stopping. */
    static AeOptions small(ModelKind kind, int epochs) {
        return AeOptions.fromParams(kind, Map.of("hidden", "16", "epochs", Integer.toString(epochs), "batch", "32",
                "lr", "0.01", "patience", "0", "seed", "3"));
    }

    static TrainedAutoencoder fit(AeOptions o, Blobs b) {
        return AeTrainer.fit(o, b.x, b.labels, b.classes, null, null);
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void trainingLossDecreasesForEveryModel(ModelKind kind) {
        AeOptions o = small(kind, 12);
        if (kind == ModelKind.SAE) o = o.with("sparsity_weight", 1e-4);
        if (kind == ModelKind.VRAE) o = o.with("net", "dense"); // its default Bi-LSTM reads sequences, these are rows
        TrainedAutoencoder m = fit(o, DATA);
        double[] loss = m.history().trainLoss();
        assertEquals(12, loss.length);
        assertFalse(m.history().diverged());
        // the total of an AAE includes the adversarial game; its reconstruction part must still fall a lot
        assertTrue(loss[loss.length - 1] < 0.7 * loss[0], kind + ": " + loss[0] + " -> " + loss[loss.length - 1]);
        assertEquals(kind, m.kind());
        assertNotNull(m.trainingCodes());
        assertEquals(DATA.x.length, m.trainingCodes().mu().length);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"corruption=gaussian", "corruption=masking", "corruption=saltpepper",
            "sparsity=kl", "aae-mixture", "vae-warmup"})
    void everyVariantTrains(String variant) {
        AeOptions o = switch (variant) {
            case "sparsity=kl" -> small(ModelKind.SAE, 8).with(Map.of("sparsity", "kl", "activation", "sigmoid"));
            case "aae-mixture" -> small(ModelKind.AAE, 8).with("prior", "mixture");
            case "vae-warmup" -> small(ModelKind.VAE, 8).with("warmup", 20);
            default -> small(ModelKind.DAE, 8).with(variant.split("=")[0], variant.split("=")[1]);
        };
        TrainedAutoencoder m = fit(o, variant.startsWith("corruption") || variant.startsWith("sparsity") ? DATA.unit() : DATA);
        double[] loss = m.history().trainLoss();
        assertTrue(loss[loss.length - 1] < loss[0], variant + ": " + loss[0] + " -> " + loss[loss.length - 1]);
        if (variant.equals("aae-mixture")) assertEquals(3, m.classMeans().length);
        if (variant.startsWith("corruption")) assertTrue(m.bernoulli(), "data in [0, 1] resolves output=auto to Bernoulli");
    }

    @Test
    void sameSeedGivesTheSameBitsAndAnotherSeedDoesNot() {
        AeOptions o = small(ModelKind.CLVAE, 3).with("validation", 0.2);
        TrainedAutoencoder a = fit(o, DATA), b = fit(o, DATA), c = fit(o.with("seed", 4), DATA);
        Map<String, Tensor> pa = a.parameters(), pb = b.parameters(), pc = c.parameters();
        boolean differs = false;
        for (String k : pa.keySet()) {
            assertArrayEquals(pa.get(k).toArray(), pb.get(k).toArray(), k);
            differs |= !java.util.Arrays.equals(pa.get(k).toArray(), pc.get(k).toArray());
        }
        assertTrue(differs);
        assertArrayEquals(a.history().trainLoss(), b.history().trainLoss());
        assertArrayEquals(a.history().validLoss(), b.history().validLoss());
        for (int i = 0; i < DATA.x.length; i++) assertArrayEquals(a.trainingCodes().mu()[i], b.trainingCodes().mu()[i]);
    }

    @Test
    void inputDropoutTrainsRepeatsWithItsSeedAndChangesTheModel() {
        AeOptions off = small(ModelKind.CLVAE, 6).with("input_dropout", 0), on = off.with("input_dropout", 0.3);
        TrainedAutoencoder a = fit(on, DATA.unit()), b = fit(on, DATA.unit()), c = fit(off, DATA.unit());
        double[] loss = a.history().trainLoss();
        assertTrue(loss[loss.length - 1] < loss[0], loss[0] + " -> " + loss[loss.length - 1]);
        boolean differs = false;
        for (String k : a.parameters().keySet()) {
            assertArrayEquals(a.parameters().get(k).toArray(), b.parameters().get(k).toArray(), k);
            differs |= !java.util.Arrays.equals(a.parameters().get(k).toArray(), c.parameters().get(k).toArray());
        }
        assertTrue(differs, "masking the encoder input must change training");
        // scoring never masks: encoding the same rows twice gives the same codes
        assertArrayEquals(a.encode(DATA.unit().x).mu()[0], a.encode(DATA.unit().x).mu()[0]);
        // and the VAE takes it too
        assertFalse(fit(small(ModelKind.VAE, 4).with("input_dropout", 0.3), DATA.unit()).history().diverged());
    }

    @Test
    void clVaeAutoOptionsFollowTheLikelihoodAndTheModelStoresThemResolved() {
        AeOptions o = small(ModelKind.CLVAE, 2); // lr given (0.01): it stays
        TrainedAutoencoder images = fit(o, DATA.unit()), table = fit(o, DATA);
        assertTrue(images.bernoulli());
        assertFalse(table.bernoulli());
        Map<String, String> pi = images.options().toParams(), pt = table.options().toParams();
        assertEquals("0.3", pi.get("input_dropout"));
        assertEquals("10.0", pi.get("separation"));
        assertEquals("cosine", pi.get("lr_schedule"));
        assertEquals("0.01", pi.get("lr"));
        assertEquals("0.0", pt.get("input_dropout"));
        assertEquals("6.0", pt.get("separation"));
        assertEquals("constant", pt.get("lr_schedule"));
        assertFalse(images.options().hasAuto());
        // class means 10 apart on the images, 6 on the table (K = 3 in 2-D: a triangle, side = separation)
        assertEquals(10.0, dist(images.classMeans()[0], images.classMeans()[1]), 1e-5);
        assertEquals(6.0, dist(table.classMeans()[0], table.classMeans()[1]), 1e-5);
        // auto on table data trains bit for bit as the values it stands for: the demo's CL-VAE is unchanged
        TrainedAutoencoder explicit = fit(o.with(Map.of("input_dropout", "0", "separation", "6", "lr_schedule", "constant")), DATA);
        for (String k : table.parameters().keySet()) {
            assertArrayEquals(table.parameters().get(k).toArray(), explicit.parameters().get(k).toArray(), k);
        }
        TrainedAutoencoder imagesExplicit = fit(o.with(Map.of("input_dropout", "0.3", "separation", "10", "lr_schedule", "cosine")),
                DATA.unit());
        for (String k : images.parameters().keySet()) {
            assertArrayEquals(images.parameters().get(k).toArray(), imagesExplicit.parameters().get(k).toArray(), k);
        }
    }

    private static double dist(double[] a, double[] b) {
        return Math.sqrt(PriorTailScore.sq(a, b));
    }

    @Test
    void clVaeCodesClusterAroundTheirClassPriorMean() {
        TrainedAutoencoder m = fit(small(ModelKind.CLVAE, 15), DATA);
        double[][] means = m.classMeans();
        assertEquals(3, means.length);
        double[][] z = m.encode(DATA.x).mu();
        double[][] classMean = new double[3][2];
        for (int i = 0; i < z.length; i++) for (int j = 0; j < 2; j++) classMean[DATA.labels[i]][j] += z[i][j] / 100;
        for (int c = 0; c < 3; c++) {
            int nearest = 0;
            for (int k = 1; k < 3; k++) if (PriorTailScore.sq(classMean[c], means[k]) < PriorTailScore.sq(classMean[c], means[nearest])) nearest = k;
            assertEquals(c, nearest, "class " + c + " mean code " + java.util.Arrays.toString(classMean[c]));
        }
        // fixed means: the layout of ClassMeans (a triangle with sides 6)
        assertEquals(6.0, ClassMeans.minDistance(means), 1e-6);
    }

    @Test
    void learnedClassMeansMoveAndFixedOnesDoNot() {
        TrainedAutoencoder fixed = fit(small(ModelKind.CLVAE, 3), DATA);
        TrainedAutoencoder learned = fit(small(ModelKind.CLVAE, 3).with("centers", "learned"), DATA);
        double[][] start = toDouble(ClassMeans.fixed(3, 2, 6, new io.latentad.engine.random.Rng(0)).toMatrix());
        for (int c = 0; c < 3; c++) assertArrayEquals(start[c], fixed.classMeans()[c], 1e-6);
        double moved = 0;
        for (int c = 0; c < 3; c++) moved += PriorTailScore.sq(start[c], learned.classMeans()[c]);
        assertTrue(moved > 1e-6, "learned means did not move");
    }

    private static double[][] toDouble(float[][] m) {
        double[][] d = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            d[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) d[i][j] = m[i][j];
        }
        return d;
    }

    @Test
    void progressLinesNameEachTermWithThroughputAndEta() {
        List<String> lines = new ArrayList<>();
        AeTrainer.fit(small(ModelKind.VAE, 2).with("validation", 0.2), DATA.x, null, null, null, lines::add);
        assertEquals(2, lines.size());
        for (String l : lines) {
            assertTrue(l.contains("recon") && l.contains("kl") && l.contains("val") && l.contains("samples/s")
                    && l.contains("ETA"), l);
        }
        assertTrue(lines.get(0).startsWith("epoch 1/2"), lines.get(0));
    }

    @Test
    void divergenceInTheFirstEpochLeavesNothingToSave() {
        double[][] huge = new double[40][4];
        for (int i = 0; i < huge.length; i++) for (int j = 0; j < 4; j++) huge[i][j] = (i % 2 == 0 ? 1 : -1) * 1e38 * (j + 1);
        List<String> lines = new ArrayList<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeTrainer.fit(small(ModelKind.AE, 5), huge, null, null, null, lines::add));
        assertTrue(e.getMessage().contains("diverged") && e.getMessage().contains("nothing to save"), e.getMessage());
        // a loss that explodes but stays finite (lr = 2: 2.5 -> 1e9) is divergence too
        e = assertThrows(IllegalArgumentException.class, () -> fit(small(ModelKind.AE, 5).with("lr", "2"), DATA));
        assertTrue(e.getMessage().contains("times the first step's"), e.getMessage());
    }

    @Test
    void divergenceLaterKeepsTheLastCheckedEpochBitForBit() {
        // lr = 0.5: epoch 1 ends well, epoch 2 explodes
        List<String> lines = new ArrayList<>();
        TrainedAutoencoder m = AeTrainer.fit(small(ModelKind.VAE, 12).with("lr", "0.5"), DATA.x, null, null, null, lines::add);
        TrainingHistory h = m.history();
        assertTrue(h.diverged());
        assertEquals(1, h.epochs());
        assertEquals(1, h.bestEpoch());
        assertTrue(lines.get(lines.size() - 1).contains("keeping the checked parameters of epoch 1"), lines.toString());
        TrainedAutoencoder one = AeTrainer.fit(small(ModelKind.VAE, 1).with("lr", "0.5"), DATA.x, null, null, null, null);
        for (Map.Entry<String, Tensor> p : one.parameters().entrySet()) {
            assertTrue(p.getValue().allFinite());
            assertArrayEquals(p.getValue().toArray(), m.parameters().get(p.getKey()).toArray(), 0f, p.getKey());
        }
    }

    @Test
    void earlyStoppingEndsBeforeTheLastEpochAndKeepsTheBestOne() {
        // a huge learning rate makes the validation loss wander: patience 1 stops early
        AeOptions o = small(ModelKind.AE, 40).with(Map.of("patience", "1", "validation", "0.3", "lr", "0.05"));
        TrainedAutoencoder m = fit(o, DATA);
        TrainingHistory h = m.history();
        assertTrue(h.epochs() < 40, "ran all epochs");
        assertTrue(h.stopReason().startsWith("early stopping"), h.stopReason());
        double best = Double.POSITIVE_INFINITY;
        for (double v : h.validLoss()) best = Math.min(best, v);
        assertEquals(best, h.validLoss()[h.bestEpoch() - 1]);
    }

    @Test
    void classWeightingNeedsLabelsAndTrains() {
        int[] skewed = DATA.labels.clone();
        for (int i = 0; i < skewed.length; i++) if (skewed[i] == 2 && i % 5 != 0) skewed[i] = 0;
        TrainedAutoencoder m = AeTrainer.fit(small(ModelKind.CLVAE, 5).with("class_weight", "balanced"), DATA.x, skewed,
                DATA.classes, null, null);
        double[] l = m.history().trainLoss();
        assertTrue(l[l.length - 1] < l[0]);
        assertThrows(IllegalArgumentException.class,
                () -> AeTrainer.fit(small(ModelKind.VAE, 1).with("class_weight", "balanced"), DATA.x, null, null, null, null));
    }

    @Test
    void clVaeWithoutLabelsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeTrainer.fit(small(ModelKind.CLVAE, 1), DATA.x, null, null, null, null));
        assertTrue(e.getMessage().contains("needs a class label"), e.getMessage());
    }

    @Test
    void badTrainingRowsAreRefused() {
        double[][] nan = {{1, 2}, {Double.NaN, 1}, {0, 0}};
        assertThrows(IllegalArgumentException.class, () -> AeTrainer.fit(small(ModelKind.AE, 1), nan, null, null, null, null));
        double[][] ragged = {{1, 2}, {1}, {0, 0}};
        assertThrows(IllegalArgumentException.class, () -> AeTrainer.fit(small(ModelKind.AE, 1), ragged, null, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> AeTrainer.fit(small(ModelKind.AE, 1).with("output", "bernoulli"), DATA.x, null, null, null, null));
    }
    @Test
    void scoringGivesTheSameBitsForEveryThreadCount() {
        // 4,000 rows = 8 evaluation batches: whole batches go to the threads at 2 and 3 threads
        Blobs many = Blobs.make(4, 1000, 8, 11);
        TrainedAutoencoder m = fit(small(ModelKind.VAE, 1), many);
        int before = io.latentad.engine.kernel.Parallel.threads();
        try {
            double[][] mu1 = null;
            double[] rec1 = null, l2 = null;
            for (int t : new int[] {1, 2, 3}) {
                io.latentad.engine.kernel.Parallel.setThreads(t);
                TrainedAutoencoder.Embedding e = m.embed(many.x);
                double[] rec = m.reconstructionErrors(many.x, false);
                if (mu1 == null) {
                    mu1 = e.codes().mu();
                    rec1 = rec;
                    l2 = e.l2();
                    continue;
                }
                for (int i = 0; i < mu1.length; i++) assertArrayEquals(mu1[i], e.codes().mu()[i], 0, "threads " + t + ", row " + i);
                assertArrayEquals(rec1, rec, 0, "threads " + t);
                assertArrayEquals(l2, e.l2(), 0, "threads " + t);
            }
            assertArrayEquals(rec1, l2, 0); // the two scoring paths agree too
        } finally {
            io.latentad.engine.kernel.Parallel.setThreads(before);
        }
    }

    @Test
    void scoringNamesTheFirstBadValueWhateverTheBatchOrThreadCount() {
        // 4,000 rows = 8 evaluation batches; bad values in batches 2 and 6: the first one is named
        Blobs many = Blobs.make(4, 1000, 8, 11);
        TrainedAutoencoder m = fit(small(ModelKind.VAE, 1), many);
        int before = io.latentad.engine.kernel.Parallel.threads();
        try {
            for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, 1e300}) {
                double[][] x = new double[many.x.length][];
                for (int i = 0; i < x.length; i++) x[i] = many.x[i].clone();
                x[1500][3] = bad;
                x[3100][0] = Double.NaN;
                for (int t : new int[] {1, 2}) {
                    io.latentad.engine.kernel.Parallel.setThreads(t);
                    for (Runnable call : new Runnable[] {() -> m.embed(x), () -> m.encode(x), () -> m.reconstructionErrors(x, true)}) {
                        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
                        assertTrue(e.getMessage().startsWith("row 1500, feature 3 is " + bad), e.getMessage());
                        assertTrue(e.getMessage().contains(bad == 1e300 ? "beyond float range" : "expected a finite number"), e.getMessage());
                    }
                }
            }
            // the largest float is fine
            double[][] x = {many.x[0].clone()};
            x[0][2] = Float.MAX_VALUE;
            assertEquals(1, m.embed(x).l2().length);
        } finally {
            io.latentad.engine.kernel.Parallel.setThreads(before);
        }
    }
}
