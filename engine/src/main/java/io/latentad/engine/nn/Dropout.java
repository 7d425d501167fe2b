package io.latentad.engine.nn;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

/**
 * Inverted dropout: in training each element is zeroed with probability {@code p} and the rest
 * scaled by {@code 1 / (1 - p)}, so evaluation is the identity. The mask comes from a seeded
 * stream, so runs repeat.
 *
 * <p>Reference: N. Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from
 * Overfitting", JMLR 15 (2014).
 */
public final class Dropout implements Layer {
    private final float p;
    private final Rng rng;
    private boolean training = true;

    public Dropout(float p, Rng rng) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("Dropout: p = " + p + ", expected 0 <= p < 1");
        if (rng == null) throw new IllegalArgumentException("Dropout: rng is null");
        this.p = p;
        this.rng = rng;
    }

    @Override
    public Var forward(Var x) {
        if (!training || p == 0f) return x;
        Tensor mask = Tensor.zeros(x.shape());
        float keep = 1f / (1f - p);
        for (int i = 0; i < mask.size(); i++) mask.setAt(i, rng.nextDouble() < p ? 0f : keep);
        return ArithmeticOps.mul(x, Var.constant(mask));
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }
}
