package io.latentad.models.ae;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code wasserstein{contrast=alpha}}: the cleaned score divided by the dropped references' statistic to the power alpha. */
class WassersteinContrastTest {
    static TrainedAutoencoder vae;

    @BeforeAll
    static void train() {
        vae = AeTrainerTest.fit(AeTrainerTest.small(ModelKind.VAE, 20), AeTrainerTest.DATA);
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int m = v.length;
        return m % 2 == 1 ? v[m / 2] : 0.5 * (v[m / 2 - 1] + v[m / 2]);
    }

    /** The median squared W2 from test row i to the training codes {@code refs}. */
    private static double medianTo(TrainedAutoencoder.Codes c, int i, int[] refs) {
        TrainedAutoencoder.Codes t = vae.trainingCodes();
        double[] w = new double[refs.length];
        for (int r = 0; r < refs.length; r++) {
            for (int j = 0; j < vae.latent(); j++) {
                double dm = c.mu()[i][j] - t.mu()[refs[r]][j];
                double ds = Math.exp(0.5 * c.logVar()[i][j]) - Math.exp(0.5 * t.logVar()[refs[r]][j]);
                w[r] += dm * dm + ds * ds;
            }
        }
        return median(w);
    }

    @Test
    void theScoreIsTheKeptMedianOverTheDroppedMedianToTheAlpha() {
        int n = vae.trainingCodes().mu().length;
        int[] kept = ((LatentWasserstein) AeScorers.create("wasserstein", Map.of(), 1)).references(vae);
        Arrays.sort(kept);
        int[] dropped = java.util.stream.IntStream.range(0, n).filter(r -> Arrays.binarySearch(kept, r) < 0).toArray();
        assertTrue(kept.length > 0 && dropped.length > 0, kept.length + " kept, " + dropped.length + " dropped");
        TrainedAutoencoder.Codes c = vae.encode(AeScorersTest.TEST.x);
        for (double alpha : new double[] {0.25, 1}) {
            double[] s = AeScorers.create("wasserstein", Map.of("contrast", Double.toString(alpha)), 1).score(vae, AeScorersTest.TEST.x, null);
            for (int i = 0; i < 8; i++) {
                double want = medianTo(c, i, kept) / Math.pow(medianTo(c, i, dropped), alpha);
                assertEquals(want, s[i], 1e-12 * want, "alpha " + alpha + ", row " + i);
            }
        }
        // off (0) is the default score to the bit
        assertArrayEquals(AeScorers.create("wasserstein", Map.of(), 1).score(vae, AeScorersTest.TEST.x, null),
                AeScorers.create("wasserstein", Map.of("contrast", "0"), 1).score(vae, AeScorersTest.TEST.x, null));
        // no outlier-ranking check here: these blobs train without anomalies, so the dropped references are the inliers'
        // tail, and an isolated outlier far from both sets is demoted (at least one of the ten falls below the inliers' 95th
        // percentile): the contrast is for training data that hold anomalies (LatentWasserstein's javadoc)
    }

    @Test
    void withNothingDroppedTheScoreIsTheKeptOnes() {
        // one reference: the cleaning has nothing to split, so nothing is dropped and there is nothing to contrast with
        assertArrayEquals(AeScorers.create("wasserstein", Map.of("references", "1"), 5).score(vae, AeScorersTest.TEST.x, null),
                AeScorers.create("wasserstein", Map.of("references", "1", "contrast", "0.5"), 5).score(vae, AeScorersTest.TEST.x, null));
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        for (String v : new String[] {"-0.1", "NaN", "Infinity"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AeScorers.create("wasserstein", Map.of("contrast", v), 1));
            assertTrue(e.getMessage().contains("contrast = ") && e.getMessage().contains(">= 0"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeScorers.create("wasserstein", Map.of("contrast", "a quarter"), 1));
        assertTrue(e.getMessage().contains("contrast = 'a quarter'") && e.getMessage().contains("a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AeScorers.create("wasserstein", Map.of("contrast", "0.25", "clean", "none"), 1));
        assertTrue(e.getMessage().contains("needs clean=otsu"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AeScorers.create("wasserstein", Map.of("contrast", "0.25", "samples", "3"), 1));
        assertTrue(e.getMessage().contains("samples = 0"), e.getMessage());
    }
}
