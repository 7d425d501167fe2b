package io.latentad.models.ae;

import io.latentad.engine.autodiff.NoGrad;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.net.Network;
import io.latentad.models.detect.Threshold;
import io.latentad.models.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorPredictingAutoencoderTest {
    static final Blobs TEST = Blobs.make(3, 40, 8, 7);
    static final double[][] OUT = Blobs.outliers(10, 8, 11);

    private static AeOptions small(int epochs, String... kv) {
        AeOptions o = AeTrainerTest.small(ModelKind.AEMLP, epochs);
        for (int i = 0; i < kv.length; i += 2) o = o.with(kv[i], kv[i + 1]);
        return o;
    }

    @Test
    void optionsReadTheirKeysWithDefaultsAndRoundTrip() {
        AeOptions d = AeOptions.defaults(ModelKind.AEMLP);
        ErrorPredictingAutoencoder.Options o = (ErrorPredictingAutoencoder.Options) d.model();
        assertEquals(1e-4, o.lambda1());
        assertEquals(0.1, o.lambda2());
        assertEquals(1, o.lambda3());
        assertArrayEquals(new int[] {32, 16}, o.mlpHidden());
        assertEquals(ErrorPredictingAutoencoder.ErrorTarget.STATS, o.error());
        assertEquals(ErrorPredictingAutoencoder.Schedule.JOINT, o.schedule());
        assertEquals("predictor", o.naturalScorer());
        AeOptions c = AeOptions.fromParams(ModelKind.AEMLP, Map.of("lambda2", "0.5", "mlp_hidden", "4,3", "error", "stats",
                "schedule", "ae_first", "noise", "0.1"));
        assertEquals(c, AeOptions.fromParams(ModelKind.AEMLP, c.toParams()));
        assertEquals("4,3", c.toParams().get("mlp_hidden"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lambda1=-1", "lambda2=NaN", "lambda3=0", "mlp_hidden=0", "error=median", "schedule=later",
            "mlp_epochs=-1", "noise=-0.1"})
    void badOptionsAreRefusedNamingTheKey(String kv) {
        String[] p = kv.split("=");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeOptions.fromParams(ModelKind.AEMLP, Map.of(p[0], p[1])));
        assertTrue(e.getMessage().contains(p[0]), e.getMessage());
    }

    /** Every term of the loss, recomputed in double from the network's and the predictor's outputs. */
    @ParameterizedTest
    @ValueSource(strings = {"l2", "stats", "features"})
    void lossTermsMatchAHandComputation(String error) {
        AeOptions o = small(1, "error", error, "lambda1", "0.01", "lambda2", "0.3", "lambda3", "2", "output", "gaussian");
        Network net = o.net().spec(io.latentad.models.data.SampleShape.row(8), false).build(new Rng(1));
        ErrorPredictingAutoencoder obj = (ErrorPredictingAutoencoder) o.model().objective(
                new ObjectiveContext(net, false, TEST.x, null, 0, new Rng(2), o.training()));
        double[][] x = java.util.Arrays.copyOf(TEST.x, 10);
        Tensor xt = SampleBatches.range(x, 0, x.length);
        double[] got;
        float[][] z, r, p;
        try (NoGrad ignored = NoGrad.enter()) {
            got = obj.loss(new Batch(Var.constant(xt), null, null, 0, new Rng(3))).values();
            Var zv = net.encode(Var.constant(xt)).mu();
            z = zv.value().toMatrix();
            r = net.decode(zv).value().toMatrix();
            p = obj.predictor().forward(zv).value().toMatrix();
        }
        int n = x.length, d = 8, k = z[0].length;
        double recon = 0, compact = 0, pred = 0, decay = 0;
        double[] mean = new double[k];
        for (float[] zi : z) for (int j = 0; j < k; j++) mean[j] += zi[j] / (double) n;
        for (int i = 0; i < n; i++) {
            double l2 = 0, l1 = 0;
            double[] e = new double[d];
            for (int j = 0; j < d; j++) {
                double diff = (float) x[i][j] - r[i][j];
                e[j] = diff * diff;
                l2 += diff * diff;
                l1 += Math.abs(diff);
            }
            recon += 0.5 * l2 / n;
            for (int j = 0; j < k; j++) compact += (z[i][j] - mean[j]) * (z[i][j] - mean[j]) / (n * (double) k);
            double[] target = switch (error) {
                case "l2" -> new double[] {l2};
                case "stats" -> new double[] {l2, l1};
                default -> e;
            };
            assertEquals(target.length, p[i].length);
            for (int j = 0; j < target.length; j++) pred += Math.abs(target[j] - p[i][j]) / n;
        }
        for (Map.Entry<String, Var> w : net.parameters().entrySet()) decay += squares(w.getKey(), w.getValue());
        for (Map.Entry<String, Var> w : obj.ownParameters().entrySet()) decay += squares(w.getKey(), w.getValue());
        double[] want = {recon, 0.01 * decay, 0.3 * compact, 2 * pred};
        for (int t = 0; t < 4; t++) assertEquals(want[t], got[t], 1e-4 * Math.max(1, Math.abs(want[t])), "term " + t);
    }

    private static double squares(String name, Var v) {
        if (!name.endsWith("weight")) return 0;
        double s = 0;
        for (float f : v.value().toArray()) s += (double) f * f;
        return s;
    }

    @Test
    void withAeFirstThePredictorNeverMovesTheAutoencoder() {
        // the predictor term sees constants: its weight cannot change a single bit of the autoencoder
        TrainedAutoencoder a = AeTrainerTest.fit(small(3, "schedule", "ae_first", "lambda3", "1", "mlp_epochs", "2"), AeTrainerTest.DATA);
        TrainedAutoencoder b = AeTrainerTest.fit(small(3, "schedule", "ae_first", "lambda3", "7", "mlp_epochs", "2"), AeTrainerTest.DATA);
        for (String k : a.parameters().keySet()) assertArrayEquals(a.parameters().get(k).toArray(), b.parameters().get(k).toArray(), k);
        // ... while jointly its gradient reaches the encoder
        TrainedAutoencoder c = AeTrainerTest.fit(small(3, "lambda3", "1"), AeTrainerTest.DATA);
        TrainedAutoencoder e = AeTrainerTest.fit(small(3, "lambda3", "7"), AeTrainerTest.DATA);
        assertTrue(!java.util.Arrays.equals(c.parameters().get("enc.0.weight").toArray(), e.parameters().get("enc.0.weight").toArray()));
    }

    @Test
    void predictorScoresSurviveSaveAndLoadBitIdenticallyAndRankOutliersHigh() {
        TrainedAutoencoder m = AeTrainerTest.fit(small(30, "error", "stats"), AeTrainerTest.DATA);
        assertTrue(m.objectiveState().containsKey("mlp.0.weight"), m.objectiveState().keySet().toString());
        AeScorer s = AeScorers.create("predictor", Map.of(), 1);
        double[] train = s.score(m, AeTrainerTest.DATA.x, null);
        m = m.withThreshold(Threshold.fit("predictor", train, 0.05));
        TrainedAutoencoder back = ModelFile.fromBytes(ModelFile.toBytes(m), "mem");
        assertEquals(m.threshold(), back.threshold());
        double[][] rows = concat(TEST.x, OUT);
        double[] before = s.score(m, rows, null), after = s.score(back, rows, null);
        assertArrayEquals(before, after);
        // the far outliers score above the typical test row
        double[] sorted = java.util.Arrays.copyOf(before, TEST.x.length);
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        int above = 0;
        for (int i = TEST.x.length; i < rows.length; i++) if (before[i] > median) above++;
        assertTrue(above >= 9, above + " of 10 outliers above the median inlier score");
    }

    @Test
    void predictorRefusesOtherModels() {
        TrainedAutoencoder ae = AeTrainerTest.fit(AeTrainerTest.small(ModelKind.AE, 1), AeTrainerTest.DATA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeScorers.create("predictor", Map.of(), 1).score(ae, TEST.x, null));
        assertTrue(e.getMessage().contains("aemlp") && e.getMessage().contains("ae"), e.getMessage());
    }

    static double[][] concat(double[][] a, double[][] b) {
        double[][] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
