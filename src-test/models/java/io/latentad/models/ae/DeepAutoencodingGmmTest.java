package io.latentad.models.ae;

import io.latentad.engine.autodiff.GradCheck;
import io.latentad.engine.autodiff.NoGrad;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeepAutoencodingGmmTest {
    @Test
    void optionsReadTheirKeysWithDefaultsAndRoundTrip() {
        DeepAutoencodingGmm.Options o = (DeepAutoencodingGmm.Options) AeOptions.defaults(ModelKind.DAGMM).model();
        assertEquals(4, o.components());
        assertEquals(0.1, o.lambda1());
        assertEquals(0.005, o.lambda2());
        assertEquals("energy", o.naturalScorer());
        AeOptions c = AeOptions.fromParams(ModelKind.DAGMM, Map.of("gmm_k", "2", "est_hidden", "5,3", "cov_floor", "1e-4"));
        assertEquals(c, AeOptions.fromParams(ModelKind.DAGMM, c.toParams()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmm_k=0", "gmm_k=-3", "lambda1=-1", "lambda2=Infinity", "est_hidden=0", "est_dropout=1", "cov_floor=0"})
    void badOptionsAreRefusedNamingTheKey(String kv) {
        String[] p = kv.split("=");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeOptions.fromParams(ModelKind.DAGMM, Map.of(p[0], p[1])));
        assertTrue(e.getMessage().contains(p[0]), e.getMessage());
    }

    /** One component in one dimension: E(z) = 1/2 log(2 pi s^2) + (z - m)^2 / (2 s^2), s^2 the variance (plus the floor). */
    @Test
    void energyOfOneGaussianIsItsNegativeLogDensity() {
        double[][] z = {{1}, {2}, {4}, {5}};
        double[][] g = {{1}, {1}, {1}, {1}};
        double var = 2.5 + 1e-6; // mean 3, variance (4 + 1 + 1 + 4) / 4 = 2.5
        double[] e = MixtureEnergy.fit(z, g, 1e-6).energies(new double[][] {{3}, {0}});
        assertEquals(0.5 * Math.log(2 * Math.PI * var), e[0], 1e-12);
        assertEquals(0.5 * Math.log(2 * Math.PI * var) + 9 / (2 * var), e[1], 1e-12);
    }

    /** The batch (float, composed autodiff) energies agree with the double mixture, and their gradient with central differences. */
    @Test
    void batchEnergyMatchesTheDoubleMixtureAndItsGradientChecks() {
        Rng r = new Rng(5);
        int n = 12, d = 3, k = 2;
        Tensor z = Tensor.normal(r, 0f, 1f, n, d), gamma = Tensor.uniform(r, 0.1f, 1f, n, k);
        GradCheck.Result res = GradCheck.check(new Tensor[] {z, gamma},
                v -> MixtureEnergy.batch(v[0], v[1], 1e-3f).energy(),
                v -> {
                    double[][] zz = rows(v[0], n, d), gg = rows(v[1], n, k);
                    return MixtureEnergy.fit(zz, gg, 1e-3).energies(zz);
                }, 7);
        assertTrue(res.forwardError() < 1e-4, res.toString());
        assertTrue(res.gradientError() < 2e-3, res.toString());
        try (NoGrad ignored = NoGrad.enter()) {
            // the penalty: sum over components and features of 1 / Sigma_jj
            MixtureEnergy.Mixture m = MixtureEnergy.fit(rows(z), rows(gamma), 1e-3);
            double want = 0;
            for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) want += 1 / m.cov()[c][j][j];
            double got = MixtureEnergy.batch(Var.constant(z), Var.constant(gamma), 1e-3f).penalty().item();
            assertEquals(want, got, 1e-4 * want);
        }
    }

    @Test
    void identicalRowsGiveFiniteEnergiesThroughTheFloorAndANonPositiveCovarianceIsNamed() {
        double[][] same = new double[20][];
        double[][] g = new double[20][];
        for (int i = 0; i < 20; i++) {
            same[i] = new double[] {0.5, 0.5, 0.5};
            g[i] = new double[] {0.5, 0.5};
        }
        double[] e = MixtureEnergy.fit(same, g, 1e-6).energies(same);
        for (double v : e) assertTrue(Double.isFinite(v), "energy " + v);
        try (NoGrad ignored = NoGrad.enter()) {
            Var b = MixtureEnergy.batch(Var.constant(Tensor.matrix(same)), Var.constant(Tensor.matrix(g)), 1e-6f).energy();
            assertTrue(b.value().allFinite());
        }
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> MixtureEnergy.cholesky(new double[][] {{1, 2}, {2, 1}}, 3));
        assertTrue(x.getMessage().contains("component 3") && x.getMessage().contains("collapsed"), x.getMessage());
    }

    @Test
    void energyScoresSurviveSaveAndLoadBitIdenticallyAndRankOutliersHigh() {
        AeOptions o = AeTrainerTest.small(ModelKind.DAGMM, 30).with(Map.of("gmm_k", "2", "est_dropout", "0"));
        TrainedAutoencoder m = AeTrainerTest.fit(o, AeTrainerTest.DATA);
        assertTrue(m.objectiveState().keySet().containsAll(java.util.List.of("est.0.weight", "gmm.phi", "gmm.mu", "gmm.cov")));
        double[][] rows = ErrorPredictingAutoencoderTest.concat(ErrorPredictingAutoencoderTest.TEST.x, ErrorPredictingAutoencoderTest.OUT);
        AeScorer s = AeScorers.create("energy", Map.of(), 1);
        double[] before = s.score(m, rows, null);
        double[] after = s.score(ModelFile.fromBytes(ModelFile.toBytes(m), "mem"), rows, null);
        assertArrayEquals(before, after);
        int in = ErrorPredictingAutoencoderTest.TEST.x.length;
        double[] sorted = java.util.Arrays.copyOf(before, in);
        java.util.Arrays.sort(sorted);
        int above = 0;
        for (int i = in; i < rows.length; i++) if (before[i] > sorted[(int) (0.9 * in)]) above++;
        assertTrue(above >= 8, above + " of 10 outliers above the 90th percentile of inlier energies");
        assertThrows(IllegalArgumentException.class, () -> s.score(AeTrainerTest.fit(AeTrainerTest.small(ModelKind.AE, 1),
                AeTrainerTest.DATA), rows, null));
    }

    @Test
    void oneComponentTrainsAndScores() {
        AeOptions o = AeTrainerTest.small(ModelKind.DAGMM, 3).with("gmm_k", 1);
        TrainedAutoencoder m = AeTrainerTest.fit(o, AeTrainerTest.DATA);
        double[] e = AeScorers.create("energy", Map.of(), 1).score(m, AeTrainerTest.DATA.x, null);
        for (double v : e) assertTrue(Double.isFinite(v));
        assertEquals(1, m.objectiveState().get("gmm.phi").size());
        assertEquals(1f, m.objectiveState().get("gmm.phi").at(0), 1e-6f);
    }

    private static double[][] rows(Tensor t) {
        return rows(t.toArray(), t.dim(0), t.dim(1));
    }

    private static double[][] rows(double[] flat, int n, int d) {
        double[][] m = new double[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) m[i][j] = flat[i * d + j];
        return m;
    }

    private static double[][] rows(float[] flat, int n, int d) {
        double[][] m = new double[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) m[i][j] = flat[i * d + j];
        return m;
    }
}
