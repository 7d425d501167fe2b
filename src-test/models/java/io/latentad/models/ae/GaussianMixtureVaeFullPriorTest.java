package io.latentad.models.ae;

import io.latentad.metrics.cluster.VMeasure;
import io.latentad.models.io.ModelFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gmvae with full-covariance components ({@code prior=full}) on the three-blob test data. */
class GaussianMixtureVaeFullPriorTest {
    private static AeOptions options(int k, int epochs) {
        return AeTrainerTest.small(ModelKind.GMVAE, epochs).with(Map.of("k", Integer.toString(k), "validation", "0", "prior", "full"));
    }

    @Test
    void optionsRoundTripAndDefaultToFull() {
        GaussianMixtureVae.Options d = (GaussianMixtureVae.Options) AeOptions.defaults(ModelKind.GMVAE).model();
        assertEquals(GaussianMixtureVae.Covariance.FULL, d.prior());
        assertEquals(1, d.initRestarts());
        AeOptions o = options(3, 2).with("init_restarts", "3");
        assertEquals(o, AeOptions.fromParams(ModelKind.GMVAE, o.toParams()));
        assertEquals(GaussianMixtureVae.Covariance.FULL, ((GaussianMixtureVae.Options) o.model()).prior());
    }

    /** The blobs are recovered by the responsibilities; the model keeps Cholesky factors and survives save and load. */
    @Test
    void responsibilitiesRecoverTheBlobsAndSurviveSaveAndLoad() {
        Blobs d = AeTrainerTest.DATA;
        TrainedAutoencoder m = AeTrainer.fit(options(3, 20), d.x, null, null, null, null);
        assertNull(m.objectiveState().get(GaussianMixtureVae.RHO));
        int latent = m.encode(d.x).mu()[0].length;
        assertEquals(3 * latent * latent, m.objectiveState().get(GaussianMixtureVae.CHOL).size());
        double v = VMeasure.vMeasure(d.labels, GaussianMixtureVae.clusters(m, d.x));
        assertTrue(v >= 0.9, "V-measure " + v);
        GaussianMixtureVae.Prior p = GaussianMixtureVae.prior(m);
        assertTrue(p.full());
        for (double[] row : p.responsibilities(m.encode(d.x))) {
            double s = 0;
            for (double g : row) s += g;
            assertEquals(1, s, 1e-9);
        }
        TrainedAutoencoder loaded = ModelFile.fromBytes(ModelFile.toBytes(m), "mem");
        AeScorer s = AeScorers.create("prior", Map.of(), 1);
        double[] before = s.score(m, d.x, null);
        assertArrayEquals(before, s.score(loaded, d.x, null));
        assertArrayEquals(GaussianMixtureVae.clusters(m, d.x), GaussianMixtureVae.clusters(loaded, d.x));
        // -log p(z) by hand for one row: Sigma_k = L L^T built out, solved by Gaussian elimination, determinant from its pivots
        double[] z = m.encode(new double[][] {d.x[9]}).mu()[0];
        double dens = 0;
        for (int c = 0; c < p.k(); c++) {
            double[][] a = new double[latent][latent + 1];
            for (int i = 0; i < latent; i++) {
                for (int j = 0; j < latent; j++) for (int t = 0; t < latent; t++) a[i][j] += p.cholesky()[c][i * latent + t] * p.cholesky()[c][j * latent + t];
                a[i][latent] = z[i] - p.means()[c][i];
                assertEquals(p.variances()[c][i], a[i][i], 1e-9 * a[i][i], "the prior's variances are the covariance's diagonal");
            }
            double det = 1;
            for (int col = 0; col < latent; col++) {
                det *= a[col][col];
                for (int i = col + 1; i < latent; i++) {
                    double f = a[i][col] / a[col][col];
                    for (int j = col; j <= latent; j++) a[i][j] -= f * a[col][j];
                }
            }
            double[] x = new double[latent];
            double maha = 0;
            for (int i = latent - 1; i >= 0; i--) {
                double r = a[i][latent];
                for (int j = i + 1; j < latent; j++) r -= a[i][j] * x[j];
                x[i] = r / a[i][i];
            }
            for (int i = 0; i < latent; i++) maha += x[i] * (z[i] - p.means()[c][i]);
            dens += Math.exp(p.logPi()[c]) * Math.exp(-0.5 * maha) / Math.sqrt(Math.pow(2 * Math.PI, latent) * det);
        }
        assertEquals(-Math.log(dens), before[9], 1e-8 * Math.max(1, Math.abs(before[9])));
    }

    /** The factors below the diagonal are trained (the components can tilt), and the log reports the move. */
    @Test
    void trainingMovesTheFactorsBelowTheDiagonal() {
        Blobs d = AeTrainerTest.DATA;
        TrainedAutoencoder start = AeTrainer.fit(options(3, 20).with("lr", "1e-12"), d.x, null, null, null, null);
        List<String> log = new ArrayList<>();
        TrainedAutoencoder m = AeTrainer.fit(options(3, 20), d.x, null, null, null, log::add);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("gmvae: training moved the prior")), String.join("\n", log));
        float[] a = start.objectiveState().get(GaussianMixtureVae.CHOL).toArray(), b = m.objectiveState().get(GaussianMixtureVae.CHOL).toArray();
        int latent = m.encode(d.x).mu()[0].length;
        double moved = 0, upper = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < latent; i++) {
                for (int j = 0; j < latent; j++) {
                    int at = c * latent * latent + i * latent + j;
                    if (j < i) moved = Math.max(moved, Math.abs(a[at] - b[at]));
                    if (j > i) upper = Math.max(upper, Math.abs(b[at]));
                }
            }
        }
        assertTrue(moved > 1e-3, "factors below the diagonal unchanged: " + moved);
        assertEquals(0, upper, "entries above the diagonal are unused and stay 0");
    }

    /** Identical rows: the pivots stop at the floor, the loss and scores stay finite, and the log says so. */
    @Test
    void collapsingComponentsStopAtTheFloorWithAMessage() {
        double[][] x = new double[40][8];
        for (double[] row : x) java.util.Arrays.fill(row, 0.5);
        List<String> log = new ArrayList<>();
        TrainedAutoencoder m = AeTrainer.fit(options(2, 3), x, null, null, null, log::add);
        assertTrue(log.stream().anyMatch(l -> l.contains("collapsed to the variance floor")), String.join("\n", log));
        for (double v : AeScorers.create("prior", Map.of(), 1).score(m, x, null)) assertTrue(Double.isFinite(v));
    }

    /** {@code weights=uniform}: every pi_k stays 1/K through training and a save, with full or diagonal components. */
    @Test
    void uniformWeightsStayUniform() {
        Blobs d = AeTrainerTest.DATA;
        for (String prior : List.of("full", "diag")) {
            TrainedAutoencoder m = AeTrainer.fit(options(3, 10).with(Map.of("weights", "uniform", "prior", prior)), d.x, null, null, null, null);
            TrainedAutoencoder loaded = ModelFile.fromBytes(ModelFile.toBytes(m), "mem");
            for (TrainedAutoencoder t : List.of(m, loaded)) {
                for (double l : GaussianMixtureVae.prior(t).logPi()) assertEquals(-Math.log(3), l, 1e-12, prior);
            }
            double v = VMeasure.vMeasure(d.labels, GaussianMixtureVae.clusters(m, d.x));
            assertTrue(v >= 0.9, prior + ": V-measure " + v);
        }
        TrainedAutoencoder learned = AeTrainer.fit(options(3, 10), d.x, null, null, null, null);
        double spread = 0;
        for (double l : GaussianMixtureVae.prior(learned).logPi()) spread = Math.max(spread, Math.abs(l + Math.log(3)));
        assertTrue(spread > 1e-4, "learned weights stayed at 1/K: the test would not tell the options apart");
    }

    /** Trains {@code o} twice on {@code d}: the same mixture bits both times, and its clusters recover the blobs (V >= 0.9). */
    private static TrainedAutoencoder sameBitsTwiceAndTheBlobsFound(AeOptions o, Blobs d) {
        TrainedAutoencoder a = AeTrainer.fit(o, d.x, null, null, null, null), b = AeTrainer.fit(o, d.x, null, null, null, null);
        assertArrayEquals(a.objectiveState().get(GaussianMixtureVae.MEANS).toArray(), b.objectiveState().get(GaussianMixtureVae.MEANS).toArray());
        assertArrayEquals(a.objectiveState().get(GaussianMixtureVae.CHOL).toArray(), b.objectiveState().get(GaussianMixtureVae.CHOL).toArray());
        double v = VMeasure.vMeasure(d.labels, GaussianMixtureVae.clusters(a, d.x));
        assertTrue(v >= 0.9, "V-measure " + v);
        return a;
    }

    /** {@code start=spectral}: the blobs recovered, the same bits twice, another start than EM's, and small data. */
    @Test
    void spectralStartRecoversTheBlobsDeterministically() {
        Blobs d = AeTrainerTest.DATA;
        assertEquals(GaussianMixtureVae.Start.UMAP, ((GaussianMixtureVae.Options) AeOptions.defaults(ModelKind.GMVAE).model()).start());
        AeOptions o = options(3, 10).with("start", "spectral");
        assertEquals(o, AeOptions.fromParams(ModelKind.GMVAE, o.toParams()));
        TrainedAutoencoder a = sameBitsTwiceAndTheBlobsFound(o, d);
        TrainedAutoencoder gmm = AeTrainer.fit(options(3, 10), d.x, null, null, null, null);
        assertFalse(java.util.Arrays.equals(gmm.objectiveState().get(GaussianMixtureVae.MEANS).toArray(),
                a.objectiveState().get(GaussianMixtureVae.MEANS).toArray()), "the option changed nothing");
        Blobs few = Blobs.make(3, 2, 8, 1); // 6 rows: fewer neighbours than the default 10
        TrainedAutoencoder small = AeTrainer.fit(options(3, 2).with("start", "spectral"), few.x, null, null, null, null);
        for (double s : AeScorers.create("prior", Map.of(), 1).score(small, few.x, null)) assertTrue(Double.isFinite(s));
    }

    /** {@code start=umap}: the blobs recovered, the same bits twice, another start than EM's and the spectral one, small data. */
    @Test
    void umapStartRecoversTheBlobsDeterministically() {
        Blobs d = AeTrainerTest.DATA;
        AeOptions o = options(3, 10).with("start", "umap");
        assertEquals(o, AeOptions.fromParams(ModelKind.GMVAE, o.toParams()));
        TrainedAutoencoder a = sameBitsTwiceAndTheBlobsFound(o, d);
        // (EM's fit of these well-separated blobs is bitwise the mixture of its hard partition, so start=gmm may give the same bits)
        for (String other : new String[] {"spectral"}) {
            TrainedAutoencoder m = AeTrainer.fit(options(3, 10).with("start", other), d.x, null, null, null, null);
            assertFalse(java.util.Arrays.equals(m.objectiveState().get(GaussianMixtureVae.MEANS).toArray(),
                    a.objectiveState().get(GaussianMixtureVae.MEANS).toArray()), "start=umap gave start=" + other + "'s bits");
        }
        for (int perBlob : new int[] {2, 1}) { // 6 and 3 rows: fewer neighbours and dimensions than the defaults
            Blobs few = Blobs.make(3, perBlob, 8, 1);
            TrainedAutoencoder small = AeTrainer.fit(options(3, 2).with("start", "umap"), few.x, null, null, null, null);
            for (double s : AeScorers.create("prior", Map.of(), 1).score(small, few.x, null)) assertTrue(Double.isFinite(s));
        }
    }

    @Test
    void semiSupervisedUsesEachClassesComponent() {
        Blobs d = AeTrainerTest.DATA;
        TrainedAutoencoder m = AeTrainerTest.fit(options(3, 10).with("labels", "use"), d);
        int[] c = GaussianMixtureVae.clusters(m, d.x);
        int agree = 0;
        for (int i = 0; i < c.length; i++) if (c[i] == d.labels[i]) agree++;
        assertTrue(agree >= 0.95 * c.length, agree + " of " + c.length + " rows in their own class's component");
    }
}
