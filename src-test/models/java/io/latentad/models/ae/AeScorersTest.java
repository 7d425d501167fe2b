package io.latentad.models.ae;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AeScorersTest {
    static TrainedAutoencoder ae, vae, clvae;
    static final Blobs TEST = Blobs.make(3, 40, 8, 7);
    static final double[][] OUT = Blobs.outliers(10, 8, 11);

    @BeforeAll
    static void train() {
        ae = AeTrainerTest.fit(AeTrainerTest.small(ModelKind.AE, 20), AeTrainerTest.DATA);
        vae = AeTrainerTest.fit(AeTrainerTest.small(ModelKind.VAE, 20), AeTrainerTest.DATA);
        clvae = AeTrainerTest.fit(AeTrainerTest.small(ModelKind.CLVAE, 20), AeTrainerTest.DATA);
    }

    /** Inliers (fresh rows of the training blobs) followed by the outliers. */
    static double[][] mixed() {
        double[][] m = Arrays.copyOf(TEST.x, TEST.x.length + OUT.length);
        System.arraycopy(OUT, 0, m, TEST.x.length, OUT.length);
        return m;
    }

    /** Every injected outlier scores above the 95th percentile of the inliers. */
    static void outliersRankHigh(double[] s, String what) {
        int n = TEST.x.length;
        double[] in = Arrays.copyOf(s, n);
        Arrays.sort(in);
        double q = in[(int) (0.95 * n)];
        for (int i = n; i < s.length; i++) assertTrue(s[i] > q, what + ": outlier " + (i - n) + " " + s[i] + " <= " + q);
    }

    @Test
    void reconstructionErrorIsHigherForInjectedOutliers() {
        outliersRankHigh(AeScorers.create("recon", Map.of(), 1).score(ae, mixed(), null), "recon");
        outliersRankHigh(AeScorers.create("recon-l1", Map.of(), 1).score(ae, mixed(), null), "recon-l1");
    }

    @Test
    void perFeatureTermsSumToTheScore() {
        ReconstructionError r = new ReconstructionError(false);
        double[][] terms = r.perFeature(ae, TEST.x);
        double[] s = r.score(ae, TEST.x, null);
        double[][] rec = ae.reconstruct(TEST.x);
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i], Arrays.stream(terms[i]).sum(), 1e-9);
            // hand check of one term: the squared difference to the reconstruction
            assertEquals((TEST.x[i][3] - rec[i][3]) * (TEST.x[i][3] - rec[i][3]), terms[i][3], 1e-12);
        }
    }

    @Test
    void theFusedScoringPathEqualsThePerFeatureSumsBitForBitAcrossBatches() {
        // 1,100 rows: three evaluation batches of 512, the last one partial
        double[][] x = new double[1100][];
        for (int i = 0; i < x.length; i++) x[i] = TEST.x[i % TEST.x.length];
        for (boolean l1 : new boolean[] {false, true}) {
            ReconstructionError r = new ReconstructionError(l1);
            double[][] terms = r.perFeature(ae, x);
            double[] s = r.score(ae, x, null);
            for (int i = 0; i < x.length; i++) {
                double t = 0;
                for (double v : terms[i]) t += v;
                assertEquals(t, s[i], 0.0, "row " + i + (l1 ? " (L1)" : " (L2)"));
            }
        }
    }

    @Test
    void theFusedSigmoidAndErrorsOfABernoulliModelGiveThePlainLoopsBits() {
        // 13 features (the sigmoid's vector tail is 5 floats a row), 1,101 rows: two batches of 512 and one of 77
        // (nine 8-row chunks and a chunk of 5: one group of four rows side by side and one row alone)
        Blobs b = Blobs.make(3, 30, 13, 5).unit();
        TrainedAutoencoder m = AeTrainerTest.fit(AeTrainerTest.small(ModelKind.AE, 3).with("output", "bernoulli"), b);
        assertTrue(m.bernoulli());
        double[][] x = new double[1101][];
        for (int i = 0; i < x.length; i++) x[i] = b.x[(7 * i) % b.x.length];
        double[][] rec = m.reconstruct(x);
        TrainedAutoencoder.Embedding e = m.embed(x);
        for (int i = 0; i < x.length; i++) {
            double s2 = 0, s1 = 0;
            for (int j = 0; j < x[i].length; j++) {
                double d = x[i][j] - rec[i][j];
                s2 += d * d;
                s1 += Math.abs(d);
            }
            assertEquals(s2, e.l2()[i], 0.0, "row " + i + " (L2)");
            assertEquals(s1, e.l1()[i], 0.0, "row " + i + " (L1)");
        }
    }

    @Test
    void reconstructionProbabilityIsHigherForOutliersAndRepeatsWithItsSeed() {
        AeScorer s = AeScorers.create("recon-prob", Map.of("samples", "8"), 5);
        double[] a = s.score(vae, mixed(), null), b = s.score(vae, mixed(), null);
        assertArrayEquals(a, b);
        outliersRankHigh(a, "recon-prob");
        double[] c = AeScorers.create("recon-prob", Map.of("samples", "8", "seed", "6"), 5).score(vae, mixed(), null);
        assertTrue(!Arrays.equals(a, c), "another seed gives other samples");
    }

    @Test
    void latentDetectorScoresOutliersHigh() {
        AeScorer s = AeScorers.create("latent:ocsvm", Map.of("nu", "0.1"), 1);
        assertEquals("latent:ocsvm", s.name());
        outliersRankHigh(s.score(ae, mixed(), null), "latent:ocsvm");
    }

    @Test
    void wassersteinScoresOutliersHighAndMatchesTheClosedForm() {
        outliersRankHigh(AeScorers.create("wasserstein", Map.of(), 1).score(vae, mixed(), null), "wasserstein");
        // with one reference code the score is ||m1 - m2||^2 + ||s1 - s2||^2 to that code
        double[] s = new LatentWasserstein(1, 9).score(vae, TEST.x, null);
        int ref = new io.latentad.engine.random.Rng(9).permutation(vae.trainingCodes().mu().length)[0];
        TrainedAutoencoder.Codes c = vae.encode(TEST.x), t = vae.trainingCodes();
        double e = 0;
        for (int j = 0; j < 2; j++) {
            double dm = c.mu()[0][j] - t.mu()[ref][j];
            double ds = Math.exp(0.5 * c.logVar()[0][j]) - Math.exp(0.5 * t.logVar()[ref][j]);
            e += dm * dm + ds * ds;
        }
        assertEquals(e, s[0], 1e-12);
    }

    /** The squared W2 distances of test row i to every training code, sorted (means only when !gaussians). */
    private static double[] sortedDistances(int i, boolean gaussians) {
        TrainedAutoencoder.Codes c = vae.encode(TEST.x), t = vae.trainingCodes();
        double[] w = new double[t.mu().length];
        for (int k = 0; k < w.length; k++) {
            for (int j = 0; j < vae.latent(); j++) {
                double dm = c.mu()[i][j] - t.mu()[k][j];
                double ds = gaussians ? Math.exp(0.5 * c.logVar()[i][j]) - Math.exp(0.5 * t.logVar()[k][j]) : 0;
                w[k] += dm * dm + ds * ds;
            }
        }
        Arrays.sort(w);
        return w;
    }

    @Test
    void wassersteinVariantsMatchTheirClosedForms() {
        int n = vae.trainingCodes().mu().length; // 300 kept codes, all references
        double[] median = AeScorers.create("wasserstein", Map.of("clean", "none"), 1).score(vae, TEST.x, null);
        double[] means = AeScorers.create("wasserstein", Map.of("gaussians", "false", "clean", "none"), 1).score(vae, TEST.x, null);
        double[] iqm = AeScorers.create("wasserstein", Map.of("statistic", "IQM", "clean", "NONE"), 1).score(vae, TEST.x, null);
        for (int i = 0; i < 5; i++) {
            double[] full = sortedDistances(i, true), mu = sortedDistances(i, false);
            assertEquals(n % 2 == 1 ? full[n / 2] : 0.5 * (full[n / 2 - 1] + full[n / 2]), median[i], 1e-12, "median, row " + i);
            assertEquals(n % 2 == 1 ? mu[n / 2] : 0.5 * (mu[n / 2 - 1] + mu[n / 2]), means[i], 1e-12, "means only, row " + i);
            double t = 0;
            for (int k = n / 4; k <= n - 1 - n / 4; k++) t += full[k];
            assertEquals(t / (n - 2 * (n / 4)), iqm[i], 1e-12, "iqm, row " + i);
            assertTrue(means[i] < median[i], "the spreads add a non-negative term");
        }
        outliersRankHigh(means, "wasserstein means only");
        outliersRankHigh(iqm, "wasserstein iqm");
    }

    @Test
    void wassersteinOverPosteriorDrawsConvergesToItsExpectation() {
        // one reference (m, s): a draw z ~ N(mu, sigma^2) scores ||z - m||^2 + ||s||^2, whose mean is
        // ||mu - m||^2 + ||sigma||^2 + ||s||^2
        int draws = 4000;
        AeScorer a = AeScorers.create("wasserstein", Map.of("references", "1", "samples", Integer.toString(draws)), 9);
        double[] s = a.score(vae, TEST.x, null);
        assertArrayEquals(s, a.score(vae, TEST.x, null), "seeded: the same draws");
        int ref = new io.latentad.engine.random.Rng(9).permutation(vae.trainingCodes().mu().length)[0];
        TrainedAutoencoder.Codes c = vae.encode(TEST.x), t = vae.trainingCodes();
        for (int i = 0; i < 5; i++) {
            double e = 0, var = 0;
            for (int j = 0; j < vae.latent(); j++) {
                double dm = c.mu()[i][j] - t.mu()[ref][j], v = Math.exp(c.logVar()[i][j]);
                e += dm * dm + v + Math.exp(t.logVar()[ref][j]);
                var += 4 * dm * dm * v + 2 * v * v; // the variance of one draw's score
            }
            double se = Math.sqrt(var / draws);
            assertEquals(e, s[i], 5 * se + 1e-9, "row " + i + " (5 standard errors " + 5 * se + ")");
        }
        assertTrue(!Arrays.equals(s, AeScorers.create("wasserstein", Map.of("references", "1", "samples", "4000", "seed", "10"), 9)
                .score(vae, TEST.x, null)), "another seed, other draws");
    }

    @Test
    void wassersteinCleanKeepsTheReferencesAtOrBelowOtsusThresholdOfTheirOwnScores() {
        TrainedAutoencoder.Codes t = vae.trainingCodes(), c = vae.encode(TEST.x);
        int n = t.mu().length, d = vae.latent();
        double[][] sd = new double[n][d];
        for (int k = 0; k < n; k++) for (int j = 0; j < d; j++) sd[k][j] = Math.exp(0.5 * t.logVar()[k][j]);
        // each reference's own score: the median of its distances to the others
        double[] self = new double[n];
        for (int k = 0; k < n; k++) {
            double[] w = new double[n - 1];
            for (int q = 0, r = 0; q < n; q++) {
                if (q == k) continue;
                for (int j = 0; j < d; j++) {
                    double dm = t.mu()[k][j] - t.mu()[q][j], ds = sd[k][j] - sd[q][j];
                    w[r] += dm * dm + ds * ds;
                }
                r++;
            }
            Arrays.sort(w);
            self[k] = (n - 1) % 2 == 1 ? w[(n - 1) / 2] : 0.5 * (w[(n - 1) / 2 - 1] + w[(n - 1) / 2]);
        }
        double cut = io.latentad.models.detect.Thresholds.otsuThreshold(self);
        java.util.List<Integer> kept = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) if (self[k] <= cut) kept.add(k);
        assertTrue(kept.size() > 0 && kept.size() < n, kept.size() + " of " + n + " kept");
        double[] s = AeScorers.create("wasserstein", Map.of("clean", "otsu"), 1).score(vae, TEST.x, null);
        for (int i = 0; i < 5; i++) {
            double[] w = new double[kept.size()];
            for (int r = 0; r < w.length; r++) {
                int k = kept.get(r);
                for (int j = 0; j < d; j++) {
                    double dm = c.mu()[i][j] - t.mu()[k][j], ds = Math.exp(0.5 * c.logVar()[i][j]) - sd[k][j];
                    w[r] += dm * dm + ds * ds;
                }
            }
            Arrays.sort(w);
            int m = w.length;
            assertEquals(m % 2 == 1 ? w[m / 2] : 0.5 * (w[m / 2 - 1] + w[m / 2]), s[i], 1e-12, "row " + i);
        }
        outliersRankHigh(AeScorers.create("wasserstein", Map.of("clean", "otsu"), 1).score(vae, mixed(), null), "wasserstein clean");
        // the references it names are those kept
        int[] refs = ((LatentWasserstein) AeScorers.create("wasserstein", Map.of("clean", "otsu"), 1)).references(vae);
        Arrays.sort(refs);
        assertArrayEquals(kept.stream().mapToInt(Integer::intValue).toArray(), refs);
        assertEquals(n, ((LatentWasserstein) AeScorers.create("wasserstein", Map.of("clean", "none"), 1)).references(vae).length);
        // the scorer's default cleans with Otsu's threshold
        assertArrayEquals(s, AeScorers.create("wasserstein", Map.of(), 1).score(vae, TEST.x, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeScorers.create("wasserstein", Map.of("clean", "iqr"), 1));
        assertTrue(e.getMessage().contains("clean = 'iqr'") && e.getMessage().contains("none or otsu"), e.getMessage());
    }

    /** The median of {@code v} (sorted in place). */
    private static double median(double[] v) {
        Arrays.sort(v);
        int m = v.length;
        return m % 2 == 1 ? v[m / 2] : 0.5 * (v[m / 2 - 1] + v[m / 2]);
    }

    /** Squared W2 between training codes (or, with {@code test}, test row i) and training code k, each coordinate times u. */
    private static double w2(double[] m1, double[] lv1, double[] m2, double[] lv2, double[] u) {
        double t = 0;
        for (int j = 0; j < m1.length; j++) {
            double dm = (m1[j] - m2[j]) * u[j], ds = (Math.exp(0.5 * lv1[j]) - Math.exp(0.5 * lv2[j])) * u[j];
            t += dm * dm + ds * ds;
        }
        return t;
    }

    /** Otsu's split of the given training codes' leave-one-out median distances: the kept indices, in order. */
    private static int[] otsuKeep(int[] refs, double[] u) {
        TrainedAutoencoder.Codes t = vae.trainingCodes();
        double[] self = new double[refs.length];
        for (int a = 0; a < refs.length; a++) {
            double[] w = new double[refs.length - 1];
            for (int b = 0, r = 0; b < refs.length; b++) {
                if (b != a) w[r++] = w2(t.mu()[refs[a]], t.logVar()[refs[a]], t.mu()[refs[b]], t.logVar()[refs[b]], u);
            }
            self[a] = median(w);
        }
        double cut = io.latentad.models.detect.Thresholds.otsuThreshold(self);
        return Arrays.stream(refs).filter(r -> self[Arrays.binarySearch(refs, r)] <= cut).toArray();
    }

    @Test
    void wassersteinRoundsApplyOtsusSplitAgainOnTheKeptReferences() {
        int n = vae.trainingCodes().mu().length;
        double[] one = new double[vae.latent()];
        Arrays.fill(one, 1);
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        int[] first = otsuKeep(all, one), second = otsuKeep(first, one);
        assertTrue(second.length < first.length && first.length < n, n + " -> " + first.length + " -> " + second.length);
        LatentWasserstein twice = (LatentWasserstein) AeScorers.create("wasserstein", Map.of("clean", "otsu", "rounds", "2"), 1);
        int[] refs = twice.references(vae);
        Arrays.sort(refs);
        assertArrayEquals(second, refs);
        int[] once = ((LatentWasserstein) AeScorers.create("wasserstein", Map.of("clean", "otsu", "rounds", "1"), 1)).references(vae);
        Arrays.sort(once);
        assertArrayEquals(first, once);
        // the score is the median over the twice-cleaned references
        TrainedAutoencoder.Codes c = vae.encode(TEST.x), t = vae.trainingCodes();
        double[] s = twice.score(vae, TEST.x, null);
        for (int i = 0; i < 5; i++) {
            double[] w = new double[second.length];
            for (int r = 0; r < w.length; r++) w[r] = w2(c.mu()[i], c.logVar()[i], t.mu()[second[r]], t.logVar()[second[r]], one);
            assertEquals(median(w), s[i], 1e-12, "row " + i);
        }
        outliersRankHigh(AeScorers.create("wasserstein", Map.of("rounds", "2"), 1).score(vae, mixed(), null), "wasserstein rounds 2");
        // rounds without cleaning change nothing
        assertArrayEquals(AeScorers.create("wasserstein", Map.of("clean", "none"), 1).score(vae, TEST.x, null),
                AeScorers.create("wasserstein", Map.of("clean", "none", "rounds", "3"), 1).score(vae, TEST.x, null));
    }

    @Test
    void wassersteinStandardiseDividesEachCoordinateByTheReferencesSpread() {
        TrainedAutoencoder.Codes c = vae.encode(TEST.x), t = vae.trainingCodes();
        int n = t.mu().length, d = vae.latent();
        double[] u = new double[d];
        for (int j = 0; j < d; j++) {
            double mean = 0, ss = 0;
            for (double[] m : t.mu()) mean += m[j];
            mean /= n;
            for (double[] m : t.mu()) ss += (m[j] - mean) * (m[j] - mean);
            u[j] = 1 / Math.sqrt(ss / (n - 1)); // the sample standard deviation of the training means
        }
        double[] plain = AeScorers.create("wasserstein", Map.of("clean", "none"), 1).score(vae, TEST.x, null);
        double[] st = AeScorers.create("wasserstein", Map.of("clean", "none", "standardise", "true"), 1).score(vae, TEST.x, null);
        for (int i = 0; i < 5; i++) {
            double[] w = new double[n];
            for (int k = 0; k < n; k++) w[k] = w2(c.mu()[i], c.logVar()[i], t.mu()[k], t.logVar()[k], u);
            assertEquals(median(w), st[i], 1e-9 * Math.max(1, st[i]), "row " + i);
            assertTrue(Math.abs(st[i] - plain[i]) > 1e-6 * plain[i], "standardising changes the score, row " + i);
        }
        // the cleaning uses the standardised distances too
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        int[] refs = ((LatentWasserstein) AeScorers.create("wasserstein", Map.of("clean", "otsu", "standardise", "true"), 1)).references(vae);
        Arrays.sort(refs);
        assertArrayEquals(otsuKeep(all, u), refs);
        outliersRankHigh(AeScorers.create("wasserstein", Map.of("standardise", "true"), 1).score(vae, mixed(), null), "wasserstein standardised");
    }

    @Test
    void wassersteinRefusesBadOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeScorers.create("wasserstein", Map.of("statistic", "mean"), 1));
        assertTrue(e.getMessage().contains("statistic = 'mean'") && e.getMessage().contains("median or iqm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AeScorers.create("wasserstein", Map.of("gaussians", "yes"), 1));
        assertTrue(e.getMessage().contains("gaussians = 'yes'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AeScorers.create("wasserstein", Map.of("samples", "-1"), 1));
        assertTrue(e.getMessage().contains("samples = -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AeScorers.create("wasserstein", Map.of("rounds", "0"), 1));
        assertTrue(e.getMessage().contains("rounds = 0") && e.getMessage().contains(">= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AeScorers.create("wasserstein", Map.of("standardise", "1"), 1));
        assertTrue(e.getMessage().contains("standardise = '1'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AeScorers.create("wasserstein", Map.of("draws", "3"), 1));
        assertTrue(e.getMessage().contains("unknown parameter 'draws'") && e.getMessage().contains("statistic"), e.getMessage());
    }

    @Test
    void priorTailUsesTheGivenClassOrTheNearestMean() {
        PriorTailScore p = new PriorTailScore();
        double[] given = p.score(clvae, TEST.x, TEST.labels), nearest = p.score(clvae, TEST.x, null);
        double c = Math.log(2 * Math.PI); // d/2 log 2 pi with d = 2
        double[][] z = clvae.encode(TEST.x).mu();
        for (int i = 0; i < given.length; i++) {
            assertEquals(0.5 * PriorTailScore.sq(z[i], clvae.classMeans()[TEST.labels[i]]) + c, given[i], 1e-12);
            assertTrue(nearest[i] <= given[i] + 1e-12);
        }
        outliersRankHigh(p.score(clvae, mixed(), null), "prior");
        // rows given a wrong class sit in the tail of that class's prior
        int[] wrong = new int[TEST.labels.length];
        for (int i = 0; i < wrong.length; i++) wrong[i] = (TEST.labels[i] + 1) % 3;
        double[] w = p.score(clvae, TEST.x, wrong);
        int higher = 0;
        for (int i = 0; i < w.length; i++) if (w[i] > given[i]) higher++;
        assertTrue(higher >= 0.95 * w.length, higher + " of " + w.length);
    }

    @Test
    void priorTailRefusesAnUnseenClassAndAModelWithoutAPrior() {
        int[] bad = TEST.labels.clone();
        bad[4] = 3;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PriorTailScore().score(clvae, TEST.x, bad));
        assertTrue(e.getMessage().contains("row 4") && e.getMessage().contains("never saw"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PriorTailScore().score(ae, TEST.x, null));
    }

    @Test
    void misclassificationScoresMislabelledRowsAboveCorrectOnes() {
        int[] labels = TEST.labels.clone();
        int[] flipped = {0, 7, 20, 33, 61, 100};
        for (int i : flipped) labels[i] = (labels[i] + 1) % 3;
        double[] s = AeScorers.create("misclass", Map.of(), 1).score(clvae, TEST.x, labels);
        int zeros = 0;
        for (int i = 0; i < s.length; i++) {
            int row = i;
            boolean isFlipped = Arrays.stream(flipped).anyMatch(f -> f == row);
            if (isFlipped) assertTrue(s[i] > 1, "flipped row " + i + ": " + s[i]);
            else if (s[i] == 0) zeros++;
        }
        assertTrue(zeros >= 0.95 * (s.length - flipped.length), zeros + " correct rows at 0");
        assertThrows(IllegalArgumentException.class, () -> AeScorers.create("misclass", Map.of(), 1).score(clvae, TEST.x, null));
    }

    @Test
    void unknownScorersAndParametersAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AeScorers.create("magic", Map.of(), 1));
        assertTrue(e.getMessage().contains("magic") && e.getMessage().contains("recon"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AeScorers.create("recon-prob", Map.of("L", "3"), 1));
        assertTrue(e.getMessage().contains("'L'") && e.getMessage().contains("samples"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AeScorers.create("latent:nope", Map.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> AeScorers.create("recon-prob", Map.of("samples", "0"), 1));
        // recon-prob on a deterministic model would rank rows as recon does: refused, not substituted
        e = assertThrows(IllegalArgumentException.class, () -> AeScorers.create("recon-prob", Map.of(), 1).score(ae, TEST.x, null));
        assertTrue(e.getMessage().contains("variational") && e.getMessage().contains("use recon"), e.getMessage());
    }

    @Test
    void scoringRefusesWrongWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ae.encode(new double[][] {{1, 2, 3}}));
        assertTrue(e.getMessage().contains("3 features") && e.getMessage().contains("expected 8"), e.getMessage());
    }
}
