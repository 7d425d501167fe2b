package io.latentad.models.io;

import io.latentad.engine.random.Rng;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {
    @TempDir
    Path tmp;

    static final double[][] X = new double[120][5];
    static final int[] Y = new int[120];

    static {
        Rng r = new Rng(2);
        for (int i = 0; i < X.length; i++) {
            Y[i] = i % 2;
            for (int j = 0; j < 5; j++) X[i][j] = (Y[i] == 0 ? -2 : 2) + r.nextGaussian();
        }
    }

    static TrainedAutoencoder train(ModelKind kind) {
        AeOptions o = AeOptions.fromParams(kind, Map.of("hidden", "8", "epochs", "3", "batch", "16", "codes", "50"));
        return AeTrainer.fit(o, X, Y, new String[] {"a", "b"}, null, null);
    }

    @Test
    void saveThenLoadGivesBitIdenticalScores() throws Exception {
        for (ModelKind kind : new ModelKind[] {ModelKind.CLVAE, ModelKind.DAE}) {
            TrainedAutoencoder m = train(kind);
            Path f = tmp.resolve(kind.cliName() + ".lam");
            ModelFile.write(m, f);
            TrainedAutoencoder back = ModelFile.read(f);
            assertEquals(m.options().toParams(), back.options().toParams());
            assertArrayEquals(m.classes(), back.classes());
            assertEquals(50, back.trainingCodes().mu().length);
            for (String s : kind.variational() ? new String[] {"recon", "recon-prob", "wasserstein", "latent:ocsvm", "misclass"}
                    : new String[] {"recon", "wasserstein", "latent:ocsvm", "misclass"}) {
                double[] a = AeScorers.create(s, Map.of(), 1).score(m, X, Y), b = AeScorers.create(s, Map.of(), 1).score(back, X, Y);
                assertArrayEquals(a, b, kind + " " + s); // exact: no tolerance
            }
            if (kind == ModelKind.CLVAE) {
                assertArrayEquals(AeScorers.create("prior", Map.of(), 1).score(m, X, Y), AeScorers.create("prior", Map.of(), 1).score(back, X, Y));
            }
            assertArrayEquals(ModelFile.toBytes(m), ModelFile.toBytes(back));
            assertArrayEquals(ModelFile.toBytes(m), Files.readAllBytes(f));
        }
    }

    @Test
    void truncatedFileIsRefused() throws Exception {
        byte[] b = ModelFile.toBytes(train(ModelKind.AE));
        for (int len : new int[] {3, 12, b.length / 2, b.length - 1}) {
            Path f = tmp.resolve("t" + len);
            Files.write(f, Arrays.copyOf(b, len));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(f));
            assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(f.toString()), e.getMessage());
        }
    }

    @Test
    void corruptedFileIsRefused() throws Exception {
        byte[] b = ModelFile.toBytes(train(ModelKind.AE));
        for (int at : new int[] {20, b.length / 2, b.length - 5, b.length - 1}) {
            byte[] c = b.clone();
            c[at] ^= 0x10;
            Path f = tmp.resolve("c" + at);
            Files.write(f, c);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(f));
            assertTrue(e.getMessage().contains("corrupted") && e.getMessage().contains("checksum"), e.getMessage());
        }
    }

    @Test
    void newerVersionIsRefused() throws Exception {
        byte[] b = ModelFile.toBytes(train(ModelKind.AE));
        ByteBuffer.wrap(b).putInt(4, ModelFile.VERSION + 1);
        Path f = tmp.resolve("newer");
        Files.write(f, b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(f));
        assertTrue(e.getMessage().contains("newer latentad") && e.getMessage().contains("version " + (ModelFile.VERSION + 1)), e.getMessage());
    }

    @Test
    void otherFilesAndMissingFilesAreRefused() throws Exception {
        Path f = tmp.resolve("x.csv");
        Files.writeString(f, "a,b\n1,2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(f));
        assertTrue(e.getMessage().contains("not a latentad model file"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(tmp.resolve("none")));
        assertTrue(e.getMessage().contains("no such model file"), e.getMessage());
    }

    /** A version-2 file is a version-3 one without the two last fields: it loads with no objective state and no threshold. */
    @Test
    void version2FilesLoadWithoutObjectiveStateOrThreshold() {
        TrainedAutoencoder m = train(ModelKind.AE);
        byte[] v3 = ModelFile.toBytes(m);
        assertEquals(0, v3[v3.length - 4 - 1]); // no threshold
        byte[] v2 = Arrays.copyOf(v3, v3.length - 5); // drop int 0 (no objective tensors) and boolean false (no threshold)
        ByteBuffer.wrap(v2).putInt(4, 2);
        ModelFileFuzzTest.reseal(v2);
        TrainedAutoencoder back = ModelFile.fromBytes(v2, "v2.lam");
        assertTrue(back.objectiveState().isEmpty());
        assertEquals(null, back.threshold());
        assertArrayEquals(AeScorers.create("recon", Map.of(), 1).score(m, X, null),
                AeScorers.create("recon", Map.of(), 1).score(back, X, null));
        // the same bytes claiming version 3 end early
        byte[] claims3 = v2.clone();
        ByteBuffer.wrap(claims3).putInt(4, 3);
        ModelFileFuzzTest.reseal(claims3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.fromBytes(claims3, "x.lam"));
        assertTrue(e.getMessage().startsWith("x.lam: "), e.getMessage());
    }

    @Test
    void objectiveTensorsAndTheThresholdRoundTrip() {
        TrainedAutoencoder m = train(ModelKind.AEMLP).withThreshold(new io.latentad.models.detect.Threshold("predictor", 0.1, 2.5));
        TrainedAutoencoder back = ModelFile.fromBytes(ModelFile.toBytes(m), "m.lam");
        assertEquals(m.threshold(), back.threshold());
        assertEquals(m.objectiveState().keySet(), back.objectiveState().keySet());
        for (String k : m.objectiveState().keySet()) {
            assertArrayEquals(m.objectiveState().get(k).toArray(), back.objectiveState().get(k).toArray(), k);
        }
    }

    /**
     * A gmvae file written before {@code prior} existed holds a diagonal prior, the default is full since; one written
     * before session 11 was started by EM, the default start is umap since.
     */
    @Test
    void aGmvaeFileWithoutThePriorKeyReadsAsDiagonal() {
        Map<String, String> old = Map.of("k", "3", "pretrain", "2");
        assertEquals("diag", ModelFile.withKeysOfTheirDay(ModelKind.GMVAE, old).get("prior"));
        assertEquals("gmm", ModelFile.withKeysOfTheirDay(ModelKind.GMVAE, old).get("start"));
        assertEquals("3", ModelFile.withKeysOfTheirDay(ModelKind.GMVAE, old).get("k"));
        Map<String, String> full = Map.of("k", "3", "prior", "full", "start", "spectral");
        assertEquals(full, ModelFile.withKeysOfTheirDay(ModelKind.GMVAE, full));
        assertEquals(Map.of("k", "3", "prior", "full", "start", "gmm"), ModelFile.withKeysOfTheirDay(ModelKind.GMVAE, Map.of("k", "3", "prior", "full")));
        assertEquals("umap", AeOptions.fromParams(ModelKind.GMVAE, old).toParams().get("start"));
        assertEquals(old, ModelFile.withKeysOfTheirDay(ModelKind.VAE, old));
        AeOptions read = AeOptions.fromParams(ModelKind.GMVAE, ModelFile.withKeysOfTheirDay(ModelKind.GMVAE, old));
        assertEquals("diag", read.toParams().get("prior"));
        assertEquals("full", AeOptions.fromParams(ModelKind.GMVAE, old).toParams().get("prior"));
    }
}
