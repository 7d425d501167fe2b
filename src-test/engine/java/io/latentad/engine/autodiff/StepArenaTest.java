package io.latentad.engine.autodiff;

import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class StepArenaTest {
    private static float step(Var w, Var b, Tensor x) {
        Var y = ActivationOps.relu(MatmulOps.linear(Var.constant(x), w, b));
        Var loss = ReductionOps.mean(MathOps.pow(y, 2f));
        loss.backward();
        return loss.item();
    }

    @Test
    void steadyStateReusesEveryBuffer() {
        Var w = Var.param(Tensor.normal(1, 0, 1, 4, 3)), b = Var.param(Tensor.zeros(3));
        Tensor x = Tensor.normal(2, 0, 1, 5, 4);
        StepArena arena = new StepArena();
        float first;
        try (StepArena s = arena.enter()) {
            first = step(w, b, x);
        }
        int pooled = arena.pooledArrays();
        assertTrue(pooled > 0);
        for (int i = 0; i < 5; i++) {
            w.zeroGrad();
            b.zeroGrad();
            try (StepArena s = arena.enter()) {
                assertEquals(first, step(w, b, x), "recycled buffers give the same result");
            }
            assertEquals(pooled, arena.pooledArrays(), "no new arrays after the first step");
        }
    }

    @Test
    void parameterGradientsLiveOutsideTheArena() {
        Var w = Var.param(Tensor.normal(1, 0, 1, 4, 3)), b = Var.param(Tensor.zeros(3));
        Tensor gw = w.grad();
        StepArena arena = new StepArena();
        try (StepArena s = arena.enter()) {
            step(w, b, Tensor.normal(2, 0, 1, 5, 4));
        }
        assertSame(gw, w.grad());
        assertTrue(Math.abs(gw.at(0)) + Math.abs(gw.at(1)) > 0);
    }

    @Test
    void scopesDoNotNest() {
        StepArena a = new StepArena(), b = new StepArena();
        try (StepArena s = a.enter()) {
            assertThrows(IllegalStateException.class, b::enter);
        }
    }
}
