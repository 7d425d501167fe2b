package io.latentad.engine.autodiff;

import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class BackpropTest {
    @Test
    void handComputedForwardAndGradient() {
        // y = sum((a * b + a)^2) with a = [1, 2], b = [3, -1]: a*b + a = [4, 0], y = 16
        // dy/da = 2 (a b + a)(b + 1) = [32, 0]; dy/db = 2 (a b + a) a = [8, 0]
        Var a = Var.param(Tensor.vector(1, 2)), b = Var.param(Tensor.vector(3, -1));
        Var y = ReductionOps.sum(MathOps.pow(ArithmeticOps.add(ArithmeticOps.mul(a, b), a), 2f));
        assertEquals(16f, y.item());
        y.backward();
        assertArrayEquals(new float[] {32, 0}, a.grad().toArray());
        assertArrayEquals(new float[] {8, 0}, b.grad().toArray());
    }

    @Test
    void sharedSubexpressionAccumulatesBothPaths() {
        Var x = Var.param(Tensor.scalar(3f));
        Var y = ArithmeticOps.mul(x, x); // dy/dx = 2x = 6
        y.backward();
        assertEquals(6f, x.grad().at(0));
        Var z = ArithmeticOps.mul(x, x); // gradients of leaves accumulate until zeroGrad
        z.backward();
        assertEquals(12f, x.grad().at(0));
        x.zeroGrad();
        assertEquals(0f, x.grad().at(0));
    }

    @Test
    void hundredThousandNodeChainNeedsNoRecursion() throws Exception {
        // x_{k+1} = 0.9999 x_k + c: 10^5 mulScalar + add nodes. dx_N/dx_0 = 0.9999^N, dx_N/dc = sum 0.9999^k.
        // Run on a thread with a 256 KB stack: a recursive walk would overflow it.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        float[] grads = new float[2];
        Thread t = new Thread(null, () -> {
            try {
                Var x0 = Var.param(Tensor.vector(1f)), c = Var.param(Tensor.vector(0.5f));
                Var x = x0;
                for (int k = 0; k < 50_000; k++) x = ArithmeticOps.add(ArithmeticOps.mulScalar(x, 0.9999f), c);
                ReductionOps.sum(x).backward();
                grads[0] = x0.grad().at(0);
                grads[1] = c.grad().at(0);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "deep-graph", 256 * 1024);
        t.start();
        t.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        assertEquals(Math.pow(0.9999f, 50_000), grads[0], 1e-3 * Math.pow(0.9999, 50_000));
        assertEquals((1 - Math.pow(0.9999f, 50_000)) / (1 - 0.9999f), grads[1], 2e-3 * grads[1]);
    }

    @Test
    void thousandStepUnrolledRecurrenceBackpropagates() {
        // h_t = tanh(h_{t-1} W + x_t): 1,000 steps; compare dL/dW with a central difference on one entry.
        int steps = 1000, d = 3;
        Tensor w0 = Tensor.normal(1, 0f, 0.4f, d, d);
        Tensor[] xs = new Tensor[steps];
        for (int s = 0; s < steps; s++) xs[s] = Tensor.normal(100 + s, 0f, 1f, 1, d);
        Var w = Var.param(w0.copy());
        Var loss = unrolled(w, xs);
        loss.backward();
        double h = 1e-2;
        Tensor up = w0.copy(), down = w0.copy();
        up.setAt(4, up.at(4) + (float) h);
        down.setAt(4, down.at(4) - (float) h);
        double numeric;
        try (NoGrad ng = NoGrad.enter()) {
            numeric = (unrolled(Var.constant(up), xs).item() - unrolled(Var.constant(down), xs).item()) / (2 * h);
        }
        assertEquals(numeric, w.grad().at(4), 2e-3 * Math.max(1, Math.abs(numeric)));
    }

    private static Var unrolled(Var w, Tensor[] xs) {
        Var h = Var.constant(Tensor.zeros(1, xs[0].size()));
        Var total = null;
        for (Tensor x : xs) {
            h = ActivationOps.tanh(ArithmeticOps.add(MatmulOps.matmul(h, w), Var.constant(x)));
            Var term = ReductionOps.sum(h);
            total = total == null ? term : ArithmeticOps.add(total, term);
        }
        return ArithmeticOps.mulScalar(total, 1f / xs.length);
    }

    @Test
    void graphIsReleasedAfterBackward() {
        Var a = Var.param(Tensor.vector(1, 2));
        Var mid = ActivationOps.tanh(a);
        Var y = ReductionOps.sum(mid);
        y.backward();
        assertNull(mid.grad(), "intermediate gradients are dropped");
        assertNotNull(a.grad(), "leaves keep theirs");
        assertEquals(0, Backprop.topologicalOrder(y).size() - 1, "the output no longer links to its parents");
    }

    @Test
    void noGradRecordsNothing() {
        Var a = Var.param(Tensor.vector(1, 2));
        Var y;
        try (NoGrad ng = NoGrad.enter()) {
            assertFalse(NoGrad.enabled());
            y = ReductionOps.sum(ActivationOps.sigmoid(a));
        }
        assertTrue(NoGrad.enabled());
        assertFalse(y.requiresGrad());
        assertThrows(IllegalStateException.class, y::backward);
        assertFalse(ArithmeticOps.add(Var.constant(Tensor.vector(1)), Var.constant(Tensor.vector(2))).requiresGrad());
    }

    @Test
    void shapeMismatchesNameTheOpAndShapes() {
        Var a = Var.param(Tensor.zeros(2, 3)), b = Var.param(Tensor.zeros(4, 3)), c = Var.param(Tensor.zeros(2, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArithmeticOps.add(a, b));
        assertTrue(e.getMessage().contains("add") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MatmulOps.matmul(a, c));
        assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains("[2, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MatmulOps.linear(a, Var.param(Tensor.zeros(3, 4)), Var.param(Tensor.zeros(3))));
        assertTrue(e.getMessage().contains("bias"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LossOps.mse(a, c, Reduction.MEAN));
        assertTrue(e.getMessage().contains("mse") && e.getMessage().contains("[2, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.concat(0, a, c));
        assertTrue(e.getMessage().contains("concat"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReductionOps.sum(a, 2, false));
        assertTrue(e.getMessage().contains("axis 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.reshape(a, 4, 2));
        assertTrue(e.getMessage().startsWith("reshape"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.gatherRows(a, new int[] {2}));
        assertTrue(e.getMessage().contains("index 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VariationalOps.klToMean(a, a, c, Reduction.SUM));
        assertTrue(e.getMessage().contains("klToMean"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.backward(), "backward of a non-scalar needs a seed");
        assertThrows(IllegalArgumentException.class, () -> MathOps.clamp(a, 1, 0));
    }

    @Test
    void bceWithLogitsIsStableForHugeLogits() {
        Var x = Var.param(Tensor.vector(200f, -200f)), t = Var.constant(Tensor.vector(0f, 1f));
        Var l = LossOps.bceWithLogits(x, t, Reduction.SUM);
        assertEquals(400f, l.item(), 1e-3f); // each term is |x|
        l.backward();
        assertArrayEquals(new float[] {1f, -1f}, x.grad().toArray(), 1e-6f);
    }

    @Test
    void gradCheckCatchesAWrongBackwardRule() {
        // a square whose backward claims 3x instead of 2x: the check must report it
        GradCheck.FloatFn wrong = v -> {
            Var x = v[0];
            Tensor out = Tensor.zeros(x.shape());
            for (int i = 0; i < out.size(); i++) out.setAt(i, x.value().at(i) * x.value().at(i));
            return Var.result("wrongSquare", out, o -> {
                for (int i = 0; i < out.size(); i++) LossOps.addGrad(x, i, o.grad().at(i) * 3f * x.value().at(i));
            }, x);
        };
        GradCheck.Result r = GradCheck.check(new Tensor[] {Tensor.vector(0.5f, -1.2f)}, wrong,
                d -> new double[] {d[0][0] * d[0][0], d[0][1] * d[0][1]}, 1);
        assertTrue(r.forwardError() < 1e-6);
        assertTrue(r.gradientError() > 0.1, r.toString());
    }

    @Test
    void seededReparameterizationRepeats() {
        Var mu = Var.param(Tensor.zeros(2, 3)), lv = Var.param(Tensor.zeros(2, 3));
        Tensor z1 = VariationalOps.reparameterize(mu, lv, new io.latentad.engine.random.Rng(9)).value();
        Tensor z2 = VariationalOps.reparameterize(mu, lv, new io.latentad.engine.random.Rng(9)).value();
        assertArrayEquals(z1.toArray(), z2.toArray());
        assertNotEquals(0f, z1.at(0));
    }
}
