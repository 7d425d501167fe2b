package io.latentad.engine.autodiff;

import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

/**
 * A node of the define-by-run graph: a value tensor, its gradient, and (for op results) the
 * parents and the backward rule that made it.
 *
 * <p>Three kinds of variables exist. A <em>parameter</em> ({@link #param}) requires a gradient
 * and owns a gradient buffer allocated once, which {@link #backward()} accumulates into and an
 * optimizer reads; {@link #zeroGrad()} clears it. A <em>constant</em> ({@link #constant}) never
 * has a gradient. An <em>op result</em> is made by the op families ({@link ArithmeticOps},
 * {@link MathOps}, {@link ActivationOps}, {@link ReductionOps}, {@link ShapeOps},
 * {@link MatmulOps}, {@link LossOps}, {@link VariationalOps}); it records its parents only when
 * gradients are enabled (no {@link NoGrad} scope is open) and at least one parent requires a
 * gradient.
 *
 * <p>After {@link #backward()} the graph is released: every op result drops its parents, its
 * backward rule and its gradient, so only leaves keep gradients. Not thread-safe: a graph
 * belongs to the thread that builds it.
 */
public final class Var {
    /** The backward rule of one op: reads {@code out.grad()} and accumulates into the parents. */
    @FunctionalInterface
    interface Backward {
        void apply(Var out);
    }

    private final Tensor value;
    private final boolean requiresGrad;
    private final boolean leaf;
    private final String name;
    Tensor grad;
    Var[] parents;
    Backward backward;
    int mark; // visit stamp of the topological sort
    /**
     * A leaf's gradient was cleared by {@link #zeroGrad} but not yet filled: the fill happens on
     * the next read ({@link #grad}, {@link #gradBuffer}), or never when a backward rule
     * overwrites the whole buffer first ({@link #gradBufferForWrite}).
     */
    private boolean gradCleared;

    private Var(Tensor value, boolean requiresGrad, boolean leaf, String name) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.leaf = leaf;
        this.name = name;
    }

    /** A trainable leaf: requires a gradient; its zeroed gradient buffer is allocated now. */
    public static Var param(Tensor value, String name) {
        Shapes.requireNonNull("param", value);
        Var v = new Var(value, true, true, name);
        v.grad = Tensor.zeros(value.shape());
        return v;
    }

    /** A leaf without a name that requires a gradient (inputs of gradient checks). */
    public static Var param(Tensor value) {
        return param(value, "param");
    }

    /** A leaf that never has a gradient (data, targets, noise). */
    public static Var constant(Tensor value) {
        Shapes.requireNonNull("constant", value);
        return new Var(value, false, true, "constant");
    }

    /** A rank-0 constant. */
    public static Var scalar(float value) {
        return constant(Tensor.scalar(value));
    }

    /**
     * The result of op {@code op}. Records {@code parents} and {@code backward} only when
     * gradients are enabled and some parent requires a gradient.
     */
    static Var result(String op, Tensor value, Backward backward, Var... parents) {
        boolean needs = false;
        if (NoGrad.enabled()) {
            for (Var p : parents) needs |= p.requiresGrad;
        }
        Var v = new Var(value, needs, false, op);
        if (needs) {
            v.parents = parents;
            v.backward = backward;
        }
        return v;
    }

    // ---- accessors ----------------------------------------------------------------------------

    public Tensor value() {
        return value;
    }

    /** The gradient, or null when none has been accumulated (or the graph was released). */
    public Tensor grad() {
        if (gradCleared) materializeZero();
        return grad;
    }

    private void materializeZero() {
        grad.fill(0f);
        gradCleared = false;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    public boolean isLeaf() {
        return leaf;
    }

    /** The parameter name, or the name of the op that made this variable. */
    public String name() {
        return name;
    }

    public int[] shape() {
        return value.shape();
    }

    /** The value of a one-element variable. */
    public float item() {
        if (value.size() != 1) {
            throw new IllegalArgumentException("item: expected one element, got shape " + Shapes.str(value.shape()));
        }
        return value.at(0);
    }

    /**
     * Clears the gradient of a leaf (in place, no allocation). The zero fill is deferred to the
     * next read of the gradient, and skipped when backward overwrites it entirely first.
     */
    public void zeroGrad() {
        if (grad == null) return;
        if (leaf) gradCleared = true;
        else grad.fill(0f);
    }

    // ---- backward -----------------------------------------------------------------------------

    /** Backpropagates from this one-element variable with seed gradient 1. */
    public void backward() {
        if (value.size() != 1) {
            throw new IllegalArgumentException("backward: without a seed the output must have one element, got shape "
                    + Shapes.str(value.shape()));
        }
        Backprop.run(this, null);
    }

    /** Backpropagates with the given seed gradient (same shape as the value). */
    public void backward(Tensor seed) {
        Shapes.requireSame("backward", value, seed);
        Backprop.run(this, seed);
    }

    /**
     * The gradient buffer, allocated zeroed on first use: from the current {@link StepArena} for
     * op results, on the heap for leaves.
     */
    Tensor gradBuffer() {
        if (gradCleared) materializeZero();
        if (grad == null) grad = leaf ? Tensor.zeros(value.shape()) : StepArena.zeros(value.shape());
        return grad;
    }

    /**
     * Whether nothing has been accumulated into this variable's gradient yet (an op result without
     * a buffer, or a leaf cleared by {@link #zeroGrad}), so the next backward rule may write its
     * contribution instead of adding it ({@link #gradBufferForWrite}).
     */
    boolean gradFresh() {
        return grad == null || gradCleared;
    }

    /**
     * For a {@link #gradFresh} op result: its gradient buffer from the current {@link StepArena}
     * with unspecified contents, which the caller must overwrite entirely (saves the zero fill
     * and the read of an accumulation); likewise for a leaf whose gradient was just cleared
     * ({@link #zeroGrad}). Otherwise the accumulating {@link #gradBuffer}.
     */
    Tensor gradBufferForWrite() {
        if (gradCleared) {
            gradCleared = false;
            return grad;
        }
        if (grad == null && !leaf) {
            grad = StepArena.uninit(value.shape());
            return grad;
        }
        return gradBuffer();
    }

    @Override
    public String toString() {
        return "Var(" + name + ", " + value + ")";
    }
}
