package io.latentad.models.io;

import io.latentad.engine.random.Rng;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.Dataset;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crafted and mutated model files: seeded random changes to valid files, with the length and the
 * checksum made valid again (so the payload parser, not the checksum, meets them). Every outcome
 * is a model or the reader's own IllegalArgumentException naming the file; never another exception,
 * an OutOfMemoryError or a hang.
 */
class ModelFileFuzzTest {
    static byte[][] seeds() throws IOException {
        Dataset data = V1FixtureWriter.load(BehaviourPinTest.dir());
        TrainedAutoencoder clvae = AeTrainer.fit(V1FixtureWriter.options(V1FixtureWriter.MODELS[8]), data, null);
        TrainedAutoencoder ae = AeTrainer.fit(V1FixtureWriter.options(V1FixtureWriter.MODELS[0]), data, null);
        byte[] v1 = java.nio.file.Files.readAllBytes(BehaviourPinTest.dir().resolve("aae-mixture.lam"));
        // a version-3 file with objective tensors (estimation network, mixture) and a stored threshold
        TrainedAutoencoder dagmm = AeTrainer.fit(io.latentad.models.ae.AeOptions.fromParams(io.latentad.models.ae.ModelKind.DAGMM,
                java.util.Map.of("hidden", "4", "epochs", "1", "gmm_k", "2", "codes", "20")), data, null);
        dagmm = dagmm.withThreshold(new io.latentad.models.detect.Threshold("energy", 0.05, 1.5));
        return new byte[][] {ModelFile.toBytes(clvae), ModelFile.toBytes(ae), v1, ModelFile.toBytes(dagmm)};
    }

    /** Recomputes the length field and the CRC so that only the payload is wrong. */
    static byte[] reseal(byte[] b) {
        ByteBuffer.wrap(b).putLong(8, b.length - 20L);
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    static void readOrRefuse(byte[] b, String what) {
        try {
            ModelFile.fromBytes(b, "fuzz.lam");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("fuzz.lam: "), what + ": " + e.getMessage());
        } catch (Throwable t) {
            fail(what + ": " + t, t);
        }
    }

    @Test
    void everyCountSetHugeOrNegativeIsRefused() throws IOException {
        byte[][] seeds = seeds();
        for (int s = 0; s < seeds.length; s++) {
            byte[] seed = seeds[s];
            for (int at = 16 + s; at + 4 <= seed.length - 4; at += 2) { // every other offset, shifted per seed
                for (int v : new int[] {Integer.MAX_VALUE, -1, 1 << 24}) {
                    byte[] b = seed.clone();
                    ByteBuffer.wrap(b).putInt(at, v);
                    readOrRefuse(reseal(b), "int " + v + " at " + at);
                }
            }
        }
    }

    @Test
    void randomMutationsAreReadOrRefused() throws IOException {
        Rng rng = new Rng(42);
        byte[][] seeds = seeds();
        for (int trial = 0; trial < 3000; trial++) {
            byte[] b = seeds[trial % seeds.length].clone();
            int edits = 1 + rng.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = 16 + rng.nextInt(b.length - 20);
                switch (rng.nextInt(3)) {
                    case 0 -> b[at] = (byte) rng.nextInt(256);
                    case 1 -> b[at] ^= (byte) (1 << rng.nextInt(8));
                    default -> b[at] = (byte) (rng.nextDouble() < 0.5 ? 0x7f : 0xff);
                }
            }
            readOrRefuse(reseal(b), "trial " + trial);
        }
    }
}
