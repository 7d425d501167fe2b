package io.latentad.metrics.emmv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.random.Rng;
import io.latentad.metrics.DetectorFactory;
import io.latentad.metrics.ScoreFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EmMvTest {
    private static final EmMv.Options O = EmMv.Options.defaults().withMonteCarloPoints(50_000).withSeed(7);

    /** Rows from a 2-d Gaussian with mean (1, -2) and standard deviations (1, 0.5). */
    private static double[][] gaussian(int n, long seed) {
        Rng rng = new Rng(seed);
        double[][] x = new double[n][2];
        for (double[] r : x) {
            r[0] = 1 + rng.nextGaussian();
            r[1] = -2 + 0.5 * rng.nextGaussian();
        }
        return x;
    }

    /** Negative log-density of that Gaussian, up to a constant: the true anomaly score. */
    private static double trueScore(double[] r) {
        double a = r[0] - 1, b = (r[1] + 2) / 0.5;
        return a * a + b * b;
    }

    private static ScoreFunction rowwise(java.util.function.ToDoubleFunction<double[]> f) {
        return x -> {
            double[] s = new double[x.length];
            for (int i = 0; i < x.length; i++) s[i] = f.applyAsDouble(x[i]);
            return s;
        };
    }

    @Test
    void trueDensityBeatsEveryPerturbedScorerOnBothCriteria() {
        double[][] x = gaussian(3000, 1);
        EmMv.Result truth = EmMv.evaluateScorer(x, rowwise(EmMvTest::trueScore), O);
        Map<String, ScoreFunction> perturbed = Map.of(
                "shifted centre", rowwise(r -> {
                    double a = r[0] - 1.8, b = (r[1] + 2) / 0.5;
                    return a * a + b * b;
                }),
                "wrong shape", rowwise(r -> {
                    double a = (r[0] - 1) / 0.5, b = (r[1] + 2);
                    return a * a + b * b;
                }),
                "isotropic", rowwise(r -> {
                    double a = r[0] - 1, b = r[1] + 2;
                    return a * a + b * b;
                }),
                "noisy", rowwise(r -> trueScore(r) + 2 * Math.sin(40 * r[0]) * Math.cos(50 * r[1])),
                "one feature", rowwise(r -> (r[0] - 1) * (r[0] - 1)),
                "inverted", rowwise(r -> -trueScore(r)));
        for (Map.Entry<String, ScoreFunction> e : perturbed.entrySet()) {
            EmMv.Result p = EmMv.evaluateScorer(x, e.getValue(), O);
            assertTrue(truth.em() > p.em(), e.getKey() + ": EM " + truth.em() + " vs " + p.em());
            assertTrue(truth.mv() < p.mv(), e.getKey() + ": MV " + truth.mv() + " vs " + p.mv());
        }
    }

    @Test
    void massVolumeOfUniformDataIsAlpha() {
        Rng rng = new Rng(2);
        double[][] x = new double[20_000][3];
        for (double[] r : x) for (int j = 0; j < 3; j++) r[j] = rng.nextDouble();
        // any scorer: a region holding a share alpha of uniform data fills a share alpha of the box
        ScoreFunction centre = rowwise(r -> Math.abs(r[0] - 0.5) + Math.abs(r[1] - 0.3) + Math.abs(r[2] - 0.6));
        EmMv.Result res = EmMv.evaluateScorer(x, centre, O.withMonteCarloPoints(100_000));
        MassVolumeCurve mv = res.parts().get(0).mv();
        double vol = res.parts().get(0).volume();
        assertEquals(1.0, vol, 1e-3);
        for (int i = 0; i < mv.alpha().length; i++) {
            assertEquals(mv.alpha()[i], mv.mv()[i], 0.01, "alpha " + mv.alpha()[i]);
        }
        double a0 = mv.alpha()[0], a1 = mv.alpha()[mv.alpha().length - 1];
        assertEquals((a1 * a1 - a0 * a0) / 2, res.mv(), 1e-3);
    }

    @Test
    void sameSeedGivesTheSameValueAndAnotherSeedAnother() {
        double[][] x = gaussian(1000, 3);
        ScoreFunction f = rowwise(EmMvTest::trueScore);
        EmMv.Result a = EmMv.evaluateScorer(x, f, O);
        EmMv.Result b = EmMv.evaluateScorer(x, f, O);
        assertEquals(a.em(), b.em(), 0.0);
        assertEquals(a.mv(), b.mv(), 0.0);
        EmMv.Result c = EmMv.evaluateScorer(x, f, O.withSeed(8));
        assertNotEquals(a.mv(), c.mv());
    }

    @Test
    void threadCountDoesNotChangeTheValue() {
        double[][] x = gaussian(1000, 4);
        ScoreFunction f = rowwise(EmMvTest::trueScore);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            EmMv.Result one = EmMv.evaluateScorer(x, f, O);
            Parallel.setThreads(2);
            EmMv.Result two = EmMv.evaluateScorer(x, f, O);
            assertEquals(one.em(), two.em(), 0.0);
            assertEquals(one.mv(), two.mv(), 0.0);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void explicitPointsGiveTheSameValueAsDrawnOnes() {
        double[][] x = gaussian(500, 5);
        ScoreFunction f = rowwise(EmMvTest::trueScore);
        double[][] u = EmMv.drawUniform(BoundingBox.of(x), O);
        assertEquals(EmMv.evaluateScorer(x, f, O).em(), EmMv.evaluateScorer(x, u, f, O).em(), 0.0);
        assertEquals(EmMv.evaluateScorer(x, f, O).mv(), EmMv.evaluateScorer(x, u, f, O).mv(), 0.0);
    }

    @Test
    void constantFeatureLeavesTheResultUnchanged() {
        double[][] x = gaussian(800, 6);
        double[][] x3 = new double[x.length][];
        for (int i = 0; i < x.length; i++) x3[i] = new double[] {x[i][0], 4.0, x[i][1]};
        EmMv.Result two = EmMv.evaluateScorer(x, rowwise(EmMvTest::trueScore), O);
        EmMv.Result three = EmMv.evaluateScorer(x3, rowwise(r -> trueScore(new double[] {r[0], r[2]}) + r[1]), O);
        assertEquals(two.parts().get(0).volume(), three.parts().get(0).volume(), 0.0);
        assertEquals(two.em(), three.em(), 0.0);
        assertEquals(two.mv(), three.mv(), 0.0);
    }

    @Test
    void manyFeaturesAreSubsampledAndTheDetectorRefitOnEachSubset() {
        Rng rng = new Rng(9);
        double[][] x = new double[400][11];
        for (double[] r : x) {
            for (int j = 0; j < 11; j++) r[j] = rng.nextGaussian();
            r[4] = 2.0; // constant: never drawn into a subset
        }
        List<Integer> widths = new ArrayList<>();
        AtomicInteger fits = new AtomicInteger();
        DetectorFactory factory = train -> {
            fits.incrementAndGet();
            widths.add(train[0].length);
            return rowwise(r -> {
                double s = 0;
                for (double v : r) s += v * v;
                return s;
            });
        };
        EmMv.Options o = O.withMonteCarloPoints(5000).withSubsets(6);
        EmMv.Result res = EmMv.evaluateDetector(x, factory, o);
        assertEquals(6, fits.get());
        assertEquals(List.of(5, 5, 5, 5, 5, 5), widths);
        double em = 0, mv = 0;
        for (EmMv.Part p : res.parts()) {
            for (int j : p.features()) assertNotEquals(4, j);
            em += p.em().auc();
            mv += p.mv().auc();
        }
        assertEquals(em / 6, res.em(), 1e-15);
        assertEquals(mv / 6, res.mv(), 1e-15);
        int[][] subsets = EmMv.featureSubsets(BoundingBox.of(x).varyingFeatures(), o);
        for (int s = 0; s < 6; s++) assertEquals(java.util.Arrays.toString(subsets[s]),
                java.util.Arrays.toString(res.parts().get(s).features()));
    }

    @Test
    void fewVaryingFeaturesAreEvaluatedWhole() {
        Rng rng = new Rng(10);
        double[][] x = new double[300][10];
        for (double[] r : x) for (int j = 0; j < 7; j++) r[j] = rng.nextGaussian(); // 3 constant columns
        AtomicInteger fits = new AtomicInteger();
        EmMv.Result res = EmMv.evaluateDetector(x, train -> {
            fits.incrementAndGet();
            return rowwise(r -> r[0] * r[0]);
        }, O.withMonteCarloPoints(2000));
        assertEquals(1, fits.get());
        assertEquals(10, res.parts().get(0).features().length);
    }

    @Test
    void rejectsBadInput() {
        double[][] x = gaussian(50, 1);
        ScoreFunction f = rowwise(EmMvTest::trueScore);
        assertThrows(IllegalArgumentException.class, () -> EmMv.evaluateScorer(x, new double[][] {{1, 2, 3}}, f, O));
        assertThrows(IllegalArgumentException.class, () -> EmMv.evaluateScorer(x, rows -> new double[1], O));
        assertThrows(IllegalArgumentException.class, () -> EmMv.evaluateScorer(x, rowwise(r -> Double.NaN), O));
        assertThrows(IllegalArgumentException.class, () -> EmMv.evaluateScorer(new double[][] {{1, 1}, {1, 1}}, f, O));
        assertThrows(IllegalArgumentException.class, () -> EmMv.evaluateScorer(x, null, O));
        assertThrows(IllegalArgumentException.class, () -> EmMv.evaluateDetector(new double[][] {{1, 2, 3}}, x, null, t -> f, O));
        assertThrows(IllegalArgumentException.class, () -> O.withMonteCarloPoints(0));
        assertThrows(IllegalArgumentException.class,
                () -> new EmMv.Options(10, 0, 1.0, 100, 0.01, 0.9, 0.999, 1e-4, 8, 5, 50));
        assertThrows(IllegalArgumentException.class,
                () -> new EmMv.Options(10, 0, 0.9, 100, 0.01, 0.95, 0.9, 1e-4, 8, 5, 50));
        assertThrows(IllegalArgumentException.class,
                () -> new EmMv.Options(10, 0, 0.9, 100, 0.01, 0.9, 0.999, 1e-4, 8, 9, 50));
    }
}
