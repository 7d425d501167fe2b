package io.latentad.engine.optim;

import io.latentad.engine.autodiff.Var;

import java.util.Collection;
import java.util.List;

/**
 * A first-order optimizer over a fixed list of parameters. Its state (moments, momentum buffers)
 * is allocated once in the constructor, so {@link #step()} allocates nothing.
 */
public abstract class Optimizer {
    protected final List<Var> params;
    private double lr;
    private int steps;

    protected Optimizer(Collection<Var> params, double lr) {
        if (params == null || params.isEmpty()) throw new IllegalArgumentException("optimizer: no parameters");
        for (Var p : params) {
            if (p == null || !p.requiresGrad() || !p.isLeaf()) {
                throw new IllegalArgumentException("optimizer: " + p + " is not a trainable parameter");
            }
        }
        this.params = List.copyOf(params);
        setLearningRate(lr);
    }

    /** Applies one update from the current gradients. */
    public final void step() {
        steps++;
        update(steps);
    }

    /** The update of step {@code t} (1-based). */
    protected abstract void update(int t);

    /** Clears every parameter's gradient. */
    public void zeroGrad() {
        for (Var p : params) p.zeroGrad();
    }

    public double learningRate() {
        return lr;
    }

    /** Sets the learning rate (what {@link LrSchedule} drives). */
    public void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate = " + lr + ", expected >= 0");
        this.lr = lr;
    }

    public int steps() {
        return steps;
    }

    public List<Var> parameters() {
        return params;
    }
}
