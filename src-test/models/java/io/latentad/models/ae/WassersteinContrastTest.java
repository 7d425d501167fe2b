package io.latentad.models.ae;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code wasserstein{contrast=alpha}}: the cleaned score divided by the row's distance to the dropped references to the power
 * alpha, that distance the mean of the {@code contrast_k} nearest (5) or, with {@code contrast_k=0}, their median.
 */
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
        return median(w2(c, i, refs));
    }

    /** The mean of the k smallest squared W2 from test row i to the training codes {@code refs} (all when fewer). */
    private static double nearestTo(TrainedAutoencoder.Codes c, int i, int[] refs, int k) {
        double[] w = w2(c, i, refs);
        Arrays.sort(w);
        int m = Math.min(k, w.length);
        double t = 0;
        for (int q = 0; q < m; q++) t += w[q];
        return t / m;
    }

    private static double[] w2(TrainedAutoencoder.Codes c, int i, int[] refs) {
        TrainedAutoencoder.Codes t = vae.trainingCodes();
        double[] w = new double[refs.length];
        for (int r = 0; r < refs.length; r++) {
            for (int j = 0; j < vae.latent(); j++) {
                double dm = c.mu()[i][j] - t.mu()[refs[r]][j];
                double ds = Math.exp(0.5 * c.logVar()[i][j]) - Math.exp(0.5 * t.logVar()[refs[r]][j]);
                w[r] += dm * dm + ds * ds;
            }
        }
        return w;
    }

    private static int[] dropped(int[] kept) {
        int n = vae.trainingCodes().mu().length;
        return java.util.stream.IntStream.range(0, n).filter(r -> Arrays.binarySearch(kept, r) < 0).toArray();
    }

    @Test
    void theScoreIsTheKeptMedianOverTheMeanOfTheNearestDroppedToTheAlpha() {
        int[] kept = ((LatentWasserstein) AeScorers.create("wasserstein", Map.of(), 1)).references(vae);
        Arrays.sort(kept);
        int[] dropped = dropped(kept);
        assertTrue(dropped.length > 5, dropped.length + " dropped: the k = 5 case needs more than 5");
        TrainedAutoencoder.Codes c = vae.encode(AeScorersTest.TEST.x);
        double[] byDefault = AeScorers.create("wasserstein", Map.of("contrast", "0.25"), 1).score(vae, AeScorersTest.TEST.x, null);
        for (int k : new int[] {1, 5, dropped.length + 3}) {
            double[] s = AeScorers.create("wasserstein", Map.of("contrast", "0.25", "contrast_k", Integer.toString(k)), 1)
                    .score(vae, AeScorersTest.TEST.x, null);
            for (int i = 0; i < 8; i++) {
                double want = medianTo(c, i, kept) / Math.pow(nearestTo(c, i, dropped, k), 0.25);
                assertEquals(want, s[i], 1e-12 * want, "k " + k + ", row " + i);
            }
            if (k == LatentWasserstein.DEFAULT_CONTRAST_K) assertArrayEquals(s, byDefault, "contrast_k defaults to 5");
        }
    }

    @Test
    void theScoreIsTheKeptMedianOverTheDroppedMedianToTheAlpha() {
        int[] kept = ((LatentWasserstein) AeScorers.create("wasserstein", Map.of(), 1)).references(vae);
        Arrays.sort(kept);
        int[] dropped = dropped(kept);
        assertTrue(kept.length > 0 && dropped.length > 0, kept.length + " kept, " + dropped.length + " dropped");
        TrainedAutoencoder.Codes c = vae.encode(AeScorersTest.TEST.x);
        for (double alpha : new double[] {0.25, 1}) {
            double[] s = AeScorers.create("wasserstein", Map.of("contrast", Double.toString(alpha), "contrast_k", "0"), 1)
                    .score(vae, AeScorersTest.TEST.x, null);
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
        e = assertThrows(IllegalArgumentException.class, () -> AeScorers.create("wasserstein", Map.of("contrast", "0.25", "contrast_k", "-1"), 1));
        assertTrue(e.getMessage().contains("contrast_k = -1") && e.getMessage().contains(">= 0"), e.getMessage());
        for (Map<String, String> p : java.util.List.of(Map.of("contrast_k", "5"), Map.of("contrast", "0", "contrast_k", "3"))) {
            e = assertThrows(IllegalArgumentException.class, () -> AeScorers.create("wasserstein", p, 1));
            assertTrue(e.getMessage().contains("contrast_k = ") && e.getMessage().contains("contrast > 0"), e.getMessage());
        }
    }
}
