package io.latentad.engine.autodiff;

import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * A pool of activation and gradient buffers reused from one training step to the next, so that
 * steady-state training allocates no float arrays.
 *
 * <pre>
 * StepArena arena = new StepArena();          // once, beside the model
 * for (batch : batches) {
 *     try (StepArena step = arena.enter()) {  // every op result and intermediate gradient
 *         Var loss = ...; loss.backward();    // made on this thread comes from the pool
 *         float l = loss.item();              // read what you need before the scope closes
 *         optimizer.step();
 *     }                                       // all those buffers go back to the pool
 * }
 * </pre>
 *
 * Buffers are pooled by length. Tensors allocated inside a scope must not be used after it
 * closes: their arrays are handed out again in the next step. Outside a scope ops allocate on the
 * heap as usual. Parameters, their gradients and optimizer state never come from the arena.
 */
public final class StepArena implements AutoCloseable {
    private static final ThreadLocal<StepArena> CURRENT = new ThreadLocal<>();
    private final HashMap<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final ArrayList<float[]> used = new ArrayList<>();
    private Thread owner;

    /** Makes this arena current on this thread until {@link #close()}. */
    public StepArena enter() {
        if (CURRENT.get() != null) throw new IllegalStateException("a StepArena is already open on this thread");
        owner = Thread.currentThread();
        CURRENT.set(this);
        return this;
    }

    /** Returns every buffer handed out in this scope to the pool and leaves the scope. */
    @Override
    public void close() {
        if (owner != Thread.currentThread()) throw new IllegalStateException("StepArena closed by another thread");
        CURRENT.remove();
        owner = null;
        for (float[] a : used) free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        used.clear();
    }

    /** Number of pooled arrays (free and in use): stays constant in steady state. */
    public int pooledArrays() {
        int n = used.size();
        for (ArrayDeque<float[]> q : free.values()) n += q.size();
        return n;
    }

    /** A zero-filled tensor, from the current arena if one is open. */
    static Tensor zeros(int[] shape) {
        return take(shape, true);
    }

    /** A tensor whose contents are unspecified (the caller overwrites every element). */
    static Tensor uninit(int[] shape) {
        return take(shape, false);
    }

    /**
     * A tensor whose contents are unspecified, for a caller that overwrites every element: from the current arena
     * if one is open (then it must not be used after the scope closes), else a new heap tensor. Saves the zero fill
     * and, in a scope, the allocation, e.g. of each scoring batch's float copy of its rows.
     */
    public static Tensor scratch(int... shape) {
        return take(shape.clone(), false);
    }

    private static Tensor take(int[] shape, boolean zero) {
        StepArena a = CURRENT.get();
        if (a == null) return Tensor.zeros(shape);
        int n = Shapes.size(shape);
        ArrayDeque<float[]> q = a.free.get(n);
        float[] d = q == null ? null : q.poll();
        if (d == null) {
            d = new float[n];
        } else if (zero) {
            java.util.Arrays.fill(d, 0f);
        }
        a.used.add(d);
        return Tensor.wrap(d, shape);
    }
}
