package io.latentad.models.ae;

import io.latentad.metrics.cluster.VMeasure;
import io.latentad.models.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VAE with a learned mixture prior ({@code --model gmvae}) on the three-blob test data. */
class GaussianMixtureVaeTest {
    /** The diagonal prior (the default before session 9; the full one has GaussianMixtureVaeFullPriorTest). */
    private static AeOptions options(int k, int epochs) {
        return AeTrainerTest.small(ModelKind.GMVAE, epochs).with(Map.of("k", Integer.toString(k), "validation", "0", "prior", "diag"));
    }

    @Test
    void optionsReadTheirKeysWithDefaultsAndRoundTrip() {
        AeOptions o = AeOptions.defaults(ModelKind.GMVAE);
        GaussianMixtureVae.Options m = (GaussianMixtureVae.Options) o.model();
        assertEquals(10, m.k());
        assertEquals(GaussianMixtureVae.Labels.IGNORE, m.labels());
        assertEquals(o, AeOptions.fromParams(ModelKind.GMVAE, o.toParams()));
        assertEquals("prior", m.naturalScorer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"k=0", "k=-2", "pretrain=-1", "var_floor=0", "var_floor=NaN", "labels=some", "pretrain_noise=1",
            "pretrain_noise=-0.1", "pretrain_noise=NaN", "pretrain_lr=NaN", "pretrain_lr=-0.001", "pretrain_lr=Infinity",
            "prior=banded", "init_restarts=0", "weights=some", "start=kmeans"})
    void badOptionsAreRefusedNamingTheKey(String kv) {
        String key = kv.substring(0, kv.indexOf('='));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeOptions.fromParams(ModelKind.GMVAE, Map.of(key, kv.substring(kv.indexOf('=') + 1))));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void moreComponentsThanRowsIsRefused() {
        Blobs few = Blobs.make(1, 5, 8, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AeTrainerTest.fit(options(6, 1), few));
        assertTrue(e.getMessage().contains("k") && e.getMessage().contains("5 training rows"), e.getMessage());
    }

    /** Unsupervised by default: the labels change nothing, to the bit. */
    @Test
    void labelsAreIgnoredUnlessAskedFor() {
        AeOptions o = options(3, 3);
        Blobs d = AeTrainerTest.DATA;
        TrainedAutoencoder with = AeTrainer.fit(o, d.x, d.labels, d.classes, null, null);
        TrainedAutoencoder without = AeTrainer.fit(o, d.x, null, null, null, null);
        for (String name : List.of(GaussianMixtureVae.LOGITS, GaussianMixtureVae.MEANS, GaussianMixtureVae.RHO)) {
            assertArrayEquals(without.objectiveState().get(name).toArray(), with.objectiveState().get(name).toArray(), name);
        }
        assertArrayEquals(without.encode(d.x).mu()[7], with.encode(d.x).mu()[7]);
    }

    /** Without labels, the clusters by responsibility recover the three blobs. */
    @Test
    void responsibilitiesRecoverTheBlobsWithoutLabels() {
        Blobs d = AeTrainerTest.DATA;
        TrainedAutoencoder m = AeTrainer.fit(options(3, 20), d.x, null, null, null, null);
        int[] c = GaussianMixtureVae.clusters(m, d.x);
        double v = VMeasure.vMeasure(d.labels, c);
        assertTrue(v >= 0.9, "V-measure " + v);
        GaussianMixtureVae.Prior p = GaussianMixtureVae.prior(m);
        double sum = 0;
        for (double l : p.logPi()) sum += Math.exp(l);
        assertEquals(1, sum, 1e-9);
        for (double[] row : p.responsibilities(m.encode(d.x))) {
            double s = 0;
            for (double g : row) s += g;
            assertEquals(1, s, 1e-9);
        }
    }

    @Test
    void priorScoresSurviveSaveAndLoadAndRankFarCodesHigh() {
        Blobs d = AeTrainerTest.DATA;
        TrainedAutoencoder m = AeTrainer.fit(options(3, 10), d.x, null, null, null, null);
        double[][] rows = ErrorPredictingAutoencoderTest.concat(d.x, ErrorPredictingAutoencoderTest.OUT);
        AeScorer s = AeScorers.create("prior", Map.of(), 1);
        double[] before = s.score(m, rows, null);
        TrainedAutoencoder loaded = ModelFile.fromBytes(ModelFile.toBytes(m), "mem");
        assertArrayEquals(before, s.score(loaded, rows, null));
        assertArrayEquals(GaussianMixtureVae.clusters(m, d.x), GaussianMixtureVae.clusters(loaded, d.x));
        // -log p(z) under the mixture, by hand for one row
        GaussianMixtureVae.Prior p = GaussianMixtureVae.prior(m);
        double[] z = m.encode(new double[][] {rows[4]}).mu()[0];
        double dens = 0;
        for (int c = 0; c < p.k(); c++) {
            double l = p.logPi()[c];
            for (int j = 0; j < z.length; j++) {
                l += -0.5 * Math.log(2 * Math.PI * p.variances()[c][j]) - 0.5 * Math.pow(z[j] - p.means()[c][j], 2) / p.variances()[c][j];
            }
            dens += Math.exp(l);
        }
        assertEquals(-Math.log(dens), before[4], 1e-9 * Math.max(1, Math.abs(before[4])));
        for (double v : before) assertTrue(Double.isFinite(v));
    }

    @Test
    void misclassReadsTheLearnedClusters() {
        Blobs d = AeTrainerTest.DATA;
        TrainedAutoencoder m = AeTrainer.fit(options(3, 20), d.x, d.labels, d.classes, null, null);
        double[] s = AeScorers.create("misclass", Map.of(), 1).score(m, d.x, d.labels);
        int[] wrong = d.labels.clone();
        for (int i = 0; i < wrong.length; i++) wrong[i] = (wrong[i] + 1) % 3;
        double[] w = AeScorers.create("misclass", Map.of(), 1).score(m, d.x, wrong);
        double right = 0, bad = 0;
        for (int i = 0; i < s.length; i++) {
            right += s[i];
            bad += w[i];
        }
        assertTrue(bad > 10 * right + 1e-9, "mislabelled rows score " + bad + ", correct ones " + right);
    }

    /**
     * The prior's weights, means and variances are trained, not frozen after the GMM start: the log
     * reports how far each moved (issue 16 asked whether the optimizer updates them at all).
     */
    @Test
    void trainingMovesThePriorFromItsStart() {
        List<String> log = new ArrayList<>();
        AeTrainer.fit(options(3, 5), AeTrainerTest.DATA.x, null, null, null, log::add);
        String line = log.stream().filter(l -> l.startsWith("gmvae: training moved the prior")).findFirst().orElseThrow(() -> new AssertionError(log));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("weights (\\S+)\\.\\.(\\S+) -> (\\S+)\\.\\.(\\S+), a mean by up to (\\S+) "
                + "\\(closest two means at the start (\\S+) apart\\), a variance by a factor up to (\\S+)").matcher(line);
        assertTrue(m.find(), line);
        double w0 = Double.parseDouble(m.group(1)), w1 = Double.parseDouble(m.group(3)), moved = Double.parseDouble(m.group(5));
        double gap = Double.parseDouble(m.group(6)), factor = Double.parseDouble(m.group(7));
        assertTrue(w0 != w1 || Double.parseDouble(m.group(2)) != Double.parseDouble(m.group(4)), "weights unchanged: " + line);
        assertTrue(moved > 1e-3 * gap, "means unchanged: " + line);
        assertTrue(factor > 1.001, "variances unchanged: " + line);
    }

    /**
     * {@code pretrain_noise}: the pre-training is a masking denoising autoencoder (VaDE's pre-training was a
     * stacked denoising one). It changes the start (so the trained prior), changes nothing without
     * pre-training (the noise touches only the pre-training), and the blobs are still recovered.
     */
    @Test
    void denoisingPretrainingChangesOnlyThePretrainingAndStillRecoversTheBlobs() {
        Blobs d = AeTrainerTest.DATA;
        TrainedAutoencoder plain = AeTrainer.fit(options(3, 20), d.x, null, null, null, null);
        TrainedAutoencoder noisy = AeTrainer.fit(options(3, 20).with("pretrain_noise", "0.2"), d.x, null, null, null, null);
        assertEquals(0.2, ((GaussianMixtureVae.Options) noisy.options().model()).pretrainNoise());
        float[] a = plain.objectiveState().get(GaussianMixtureVae.MEANS).toArray(), b = noisy.objectiveState().get(GaussianMixtureVae.MEANS).toArray();
        assertTrue(!java.util.Arrays.equals(a, b), "the masking noise did not change the pre-training");
        double v = VMeasure.vMeasure(d.labels, GaussianMixtureVae.clusters(noisy, d.x));
        assertTrue(v >= 0.9, "V-measure " + v);
        TrainedAutoencoder none = AeTrainer.fit(options(3, 3).with("pretrain", "0"), d.x, null, null, null, null);
        TrainedAutoencoder noneNoisy = AeTrainer.fit(options(3, 3).with(Map.of("pretrain", "0", "pretrain_noise", "0.2")), d.x, null, null, null, null);
        assertArrayEquals(none.objectiveState().get(GaussianMixtureVae.MEANS).toArray(),
                noneNoisy.objectiveState().get(GaussianMixtureVae.MEANS).toArray());
        assertArrayEquals(none.encode(d.x).mu()[5], noneNoisy.encode(d.x).mu()[5]);
    }

    /**
     * {@code pretrain_lr}: the pre-training's learning rate apart from the joint training's. Given as the
     * training's lr it changes nothing to the bit (auto means that lr); another value changes the start; without
     * pre-training it changes nothing.
     */
    @Test
    void pretrainLrChangesOnlyThePretraining() {
        Blobs d = AeTrainerTest.DATA;
        AeOptions o = options(3, 3);
        assertEquals(0, ((GaussianMixtureVae.Options) o.model()).pretrainLr());
        assertEquals(o.with("pretrain_lr", "0.002"), AeOptions.fromParams(ModelKind.GMVAE, o.with("pretrain_lr", "0.002").toParams()));
        String lr = Double.toString(o.training().lr());
        TrainedAutoencoder auto = AeTrainer.fit(o, d.x, null, null, null, null);
        TrainedAutoencoder same = AeTrainer.fit(o.with("pretrain_lr", lr), d.x, null, null, null, null);
        TrainedAutoencoder other = AeTrainer.fit(o.with("pretrain_lr", "0.0001"), d.x, null, null, null, null);
        assertArrayEquals(auto.objectiveState().get(GaussianMixtureVae.MEANS).toArray(), same.objectiveState().get(GaussianMixtureVae.MEANS).toArray());
        assertArrayEquals(auto.encode(d.x).mu()[3], same.encode(d.x).mu()[3]);
        assertTrue(!java.util.Arrays.equals(auto.objectiveState().get(GaussianMixtureVae.MEANS).toArray(),
                other.objectiveState().get(GaussianMixtureVae.MEANS).toArray()), "pretrain_lr did not change the pre-training");
        TrainedAutoencoder none = AeTrainer.fit(o.with("pretrain", "0"), d.x, null, null, null, null);
        TrainedAutoencoder noneOther = AeTrainer.fit(o.with(Map.of("pretrain", "0", "pretrain_lr", "0.0001")), d.x, null, null, null, null);
        assertArrayEquals(none.encode(d.x).mu()[3], noneOther.encode(d.x).mu()[3]);
    }

    /**
     * The bench's pre-training cache ({@code -Dlatentad.pretrainCache=DIR}): the first run writes the pre-trained
     * weights, the second reads them, and both give the same bits as a run without the cache.
     */
    @Test
    void pretrainCacheGivesTheSameBits(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Blobs d = AeTrainerTest.DATA;
        AeOptions o = options(3, 3).with("pretrain_noise", "0.1");
        TrainedAutoencoder plain = AeTrainer.fit(o, d.x, null, null, null, null);
        TrainedAutoencoder saved, loaded;
        System.setProperty(PretrainCache.PROPERTY, dir.toString());
        try {
            saved = AeTrainer.fit(o, d.x, null, null, null, null);
            try (var files = java.nio.file.Files.list(dir)) {
                assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("gmvae-pretrain-")).count());
            }
            loaded = AeTrainer.fit(o, d.x, null, null, null, null);
            TrainedAutoencoder otherSeed = AeTrainer.fit(o.with("seed", "5"), d.x, null, null, null, null);
            try (var files = java.nio.file.Files.list(dir)) {
                assertEquals(2, files.count(), "another seed is another pre-training");
            }
            assertTrue(!java.util.Arrays.equals(otherSeed.encode(d.x).mu()[2], plain.encode(d.x).mu()[2]));
        } finally {
            System.clearProperty(PretrainCache.PROPERTY);
        }
        for (TrainedAutoencoder m : List.of(saved, loaded)) {
            for (String name : List.of(GaussianMixtureVae.LOGITS, GaussianMixtureVae.MEANS, GaussianMixtureVae.RHO)) {
                assertArrayEquals(plain.objectiveState().get(name).toArray(), m.objectiveState().get(name).toArray(), name);
            }
            for (int i = 0; i < d.x.length; i += 17) assertArrayEquals(plain.encode(d.x).mu()[i], m.encode(d.x).mu()[i]);
        }
    }

    /** Identical rows: every component sits on one point; the floor keeps the loss finite and the log says so. */
    @Test
    void collapsingComponentsStopAtTheFloorWithAMessage() {
        double[][] x = new double[40][8];
        for (double[] row : x) java.util.Arrays.fill(row, 0.5);
        List<String> log = new ArrayList<>();
        TrainedAutoencoder m = AeTrainer.fit(options(2, 3), x, null, null, null, log::add);
        assertTrue(log.stream().anyMatch(l -> l.contains("collapsed to the variance floor")), String.join("\n", log));
        for (double v : AeScorers.create("prior", Map.of(), 1).score(m, x, null)) assertTrue(Double.isFinite(v));
        for (double[] v : GaussianMixtureVae.prior(m).variances()) for (double e : v) assertTrue(e >= 1e-3);
    }

    @Test
    void semiSupervisedUsesEachClassesComponent() {
        Blobs d = AeTrainerTest.DATA;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeTrainerTest.fit(options(2, 1).with("labels", "use"), d));
        assertTrue(e.getMessage().contains("3 classes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AeTrainer.fit(options(3, 1).with("labels", "use"), d.x, null, null, null, null));
        TrainedAutoencoder m = AeTrainerTest.fit(options(3, 10).with("labels", "use"), d);
        int[] c = GaussianMixtureVae.clusters(m, d.x);
        int agree = 0;
        for (int i = 0; i < c.length; i++) if (c[i] == d.labels[i]) agree++;
        assertTrue(agree >= 0.95 * c.length, agree + " of " + c.length + " rows in their own class's component");
    }
}
