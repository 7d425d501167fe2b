package io.latentad.engine.optim;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class OptimTest {
    @Test
    void firstAdamStepMovesEachWeightByLrAgainstTheGradientSign() {
        // after one step m/(sqrt(v)) = g/|g| exactly (bias-corrected), so p moves by lr * sign(g)
        Var p = Var.param(Tensor.vector(1f, -2f));
        p.grad().copyFrom(Tensor.vector(0.3f, -4f));
        new Adam(List.of(p), Adam.Options.of(0.1)).step();
        assertArrayEquals(new float[] {0.9f, -1.9f}, p.value().toArray(), 1e-6f);
    }

    @Test
    void sgdMomentumAccumulates() {
        Var p = Var.param(Tensor.vector(0f));
        Sgd sgd = new Sgd(List.of(p), new Sgd.Options(1, 0.5, 0, false, 0));
        p.grad().fill(1f);
        sgd.step(); // b = 1, p = -1
        sgd.step(); // b = 1.5, p = -2.5
        assertEquals(-2.5f, p.value().at(0), 1e-6f);
    }

    @Test
    void clippingByNormAndValue() {
        Var a = Var.param(Tensor.vector(0, 0)), b = Var.param(Tensor.vector(0));
        a.grad().copyFrom(Tensor.vector(3, 0));
        b.grad().copyFrom(Tensor.vector(4));
        assertEquals(5.0, GradClip.clipGlobalNorm(List.of(a, b), 1.0), 1e-9);
        assertEquals(0.6f, a.grad().at(0), 1e-5f);
        assertEquals(0.8f, b.grad().at(0), 1e-5f);
        GradClip.clipValue(List.of(a, b), 0.7);
        assertEquals(0.7f, b.grad().at(0));
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGlobalNorm(List.of(a), 0));
    }

    @Test
    void clippingNormOfHugeFiniteGradientsIsFiniteAndOfANanGradientIsNan() {
        // 100 gradients of 1e20: the squares (1e40) pass float range; the norm (1e21) must not
        float[] big = new float[100];
        java.util.Arrays.fill(big, 1e20f);
        Var a = Var.param(Tensor.vector(new float[100]));
        a.grad().copyFrom(Tensor.vector(big));
        double norm = GradClip.clipGlobalNorm(List.of(a), 1.0);
        assertEquals(1e21, norm, 1e21 * 1e-6);
        assertEquals(0.1f, a.grad().at(7), 1e-6f); // scaled to norm 1
        // many small gradients: the vector sum agrees with a double sum
        float[] g = new float[1001];
        double want = 0;
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) Math.sin(i) * 1e-3f;
            want += (double) g[i] * g[i];
        }
        Var w = Var.param(Tensor.vector(new float[g.length]));
        w.grad().copyFrom(Tensor.vector(g));
        assertEquals(Math.sqrt(want), GradClip.clipGlobalNorm(List.of(w), 1e9), Math.sqrt(want) * 1e-6);
        g[500] = Float.NaN;
        w.grad().copyFrom(Tensor.vector(g));
        assertTrue(Double.isNaN(GradClip.clipGlobalNorm(List.of(w), 1.0)));
    }

    @Test
    void clippingNearTheThresholdFollowsTheSequentialSumToTheBit() {
        // the fast vector sum may only skip work when clipping is clearly off; every maximum within a
        // hair of the norm (including within the 1e-6 the factor adds) must scale exactly as the
        // front-to-back double sum says
        float[][] gs = new float[3][];
        io.latentad.engine.random.Rng rng = new io.latentad.engine.random.Rng(3);
        for (int k = 0; k < gs.length; k++) {
            gs[k] = new float[4000 + 37 * k];
            for (int i = 0; i < gs[k].length; i++) gs[k][i] = (float) rng.nextGaussian() * 1e-2f;
        }
        double sq = 0; // front to back within each tensor, the tensors' sums added in order
        for (float[] g : gs) {
            double t = 0;
            for (float v : g) t += (double) v * v;
            sq += t;
        }
        double norm = Math.sqrt(sq);
        // the data must tell this order from GradClip's fast one (eight interleaved chains per tensor), or this
        // test could not see a clipping decided by the fast sum
        double reordered = 0;
        for (float[] g : gs) {
            double[] c = new double[8];
            int i = 0;
            for (; i + 8 <= g.length; i += 8) for (int j = 0; j < 8; j++) c[j] += (double) g[i + j] * g[i + j];
            for (; i < g.length; i++) c[0] += (double) g[i] * g[i];
            reordered += ((c[0] + c[1]) + (c[2] + c[3])) + ((c[4] + c[5]) + (c[6] + c[7]));
        }
        assertNotEquals(norm, Math.sqrt(reordered));
        for (double maxNorm : new double[] {norm * 0.5, norm - 1e-6, norm - 2e-7, norm, norm + 3e-7, norm + 9e-7,
                norm + 1.1e-6, norm * (1 + 1e-7), norm * (1 + 2e-6), norm * 2, Double.MAX_VALUE}) {
            List<Var> ps = new java.util.ArrayList<>();
            for (float[] g : gs) {
                Var p = Var.param(Tensor.vector(new float[g.length]));
                p.grad().copyFrom(Tensor.vector(g));
                ps.add(p);
            }
            double got = GradClip.clipGlobalNorm(ps, maxNorm);
            assertEquals(norm, got, norm * 1e-12, "maxNorm " + maxNorm);
            double coef = maxNorm / (norm + 1e-6);
            // where clipping happens (or misses by a hair), the norm is the front-to-back sum's, to the bit
            if (coef < 1 + 1e-10) assertEquals(norm, got, 0.0, "maxNorm " + maxNorm);
            for (int k = 0; k < gs.length; k++) {
                for (int i = 0; i < gs[k].length; i++) {
                    float want = coef < 1 ? gs[k][i] * (float) coef : gs[k][i];
                    assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(ps.get(k).grad().at(i)),
                            "maxNorm " + maxNorm + " (norm " + norm + "), tensor " + k + ", element " + i);
                }
            }
        }
    }

    @Test
    void schedules() {
        assertEquals(0.1 * 0.5 * 0.5, LrSchedule.stepDecay(0.1, 10, 0.5).lr(25), 1e-12);
        assertEquals(0.0, LrSchedule.cosine(1, 0, 10).lr(10), 1e-12);
        assertEquals(0.5, LrSchedule.cosine(1, 0, 10).lr(5), 1e-12);
        assertEquals(0.25, LrSchedule.constant(1).withWarmup(4).lr(0), 1e-12);
        assertEquals(1.0, LrSchedule.constant(1).withWarmup(4).lr(4), 1e-12);
        assertEquals(0.5, KlAnnealing.linear(10, 1).beta(5), 1e-12);
        assertEquals(1.0, KlAnnealing.linear(10, 1).beta(50), 1e-12);
        KlAnnealing cyc = KlAnnealing.cyclical(10, 0.5, 2);
        assertEquals(0.0, cyc.beta(10), 1e-12);
        assertEquals(2.0, cyc.beta(17), 1e-12);
        assertEquals(0.8, cyc.beta(12), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> KlAnnealing.cyclical(0, 0.5, 1));
    }

    @Test
    void nonFiniteLossIsAClearError() {
        assertEquals(1.5, LossGuard.requireFinite(1.5, 0, 0));
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> LossGuard.requireFinite(Double.NaN, 2, 17));
        assertTrue(e.getMessage().contains("epoch 2, step 17"), e.getMessage());
        assertThrows(NonFiniteLossException.class, () -> LossGuard.requireFinite(Double.POSITIVE_INFINITY, 0, 1));
    }

    @Test
    void optionsValidate() {
        assertThrows(IllegalArgumentException.class, () -> new Adam.Options(0.1, 1.0, 0.999, 1e-8, 0, false, false));
        assertThrows(IllegalArgumentException.class, () -> new Sgd.Options(0.1, 0, 0, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(Var.constant(Tensor.vector(1))), Adam.Options.of(0.1)));
    }
}
