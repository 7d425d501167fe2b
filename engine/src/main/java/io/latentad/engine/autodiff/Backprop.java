package io.latentad.engine.autodiff;

import io.latentad.engine.tensor.Tensor;

import java.util.ArrayList;

/**
 * The backward pass: an iterative depth-first post-order of the graph (an explicit stack, no
 * recursion, so graphs of any depth work), walked in reverse so that each node's gradient is
 * complete before its rule runs; then the graph is released.
 */
final class Backprop {
    private static final java.util.concurrent.atomic.AtomicInteger STAMP = new java.util.concurrent.atomic.AtomicInteger();

    private Backprop() {
    }

    static void run(Var root, Tensor seed) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: '" + root.name()
                    + "' does not require a gradient (no parameter reaches it, or it was made under NoGrad)");
        }
        ArrayList<Var> order = topologicalOrder(root);
        Tensor g = root.gradBuffer();
        if (seed == null) {
            g.setAt(0, g.at(0) + 1f);
        } else {
            for (int i = 0; i < g.size(); i++) g.setAt(i, g.at(i) + seed.at(i));
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Var v = order.get(i);
            if (v.backward != null && v.grad != null) v.backward.apply(v);
        }
        // release the graph: only leaves keep their gradients
        for (Var v : order) {
            if (!v.isLeaf()) {
                v.parents = null;
                v.backward = null;
                v.grad = null;
            }
        }
    }

    /** Post-order (parents before children) of the nodes that require a gradient. */
    static ArrayList<Var> topologicalOrder(Var root) {
        int mark = STAMP.incrementAndGet();
        ArrayList<Var> order = new ArrayList<>();
        Var[] stack = new Var[64];
        int[] next = new int[64];
        int top = 0;
        stack[0] = root;
        next[0] = 0;
        root.mark = mark;
        while (top >= 0) {
            Var v = stack[top];
            Var[] ps = v.parents;
            if (ps != null && next[top] < ps.length) {
                Var p = ps[next[top]++];
                if (p.requiresGrad() && p.mark != mark) {
                    p.mark = mark;
                    if (++top == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, top * 2);
                        next = java.util.Arrays.copyOf(next, top * 2);
                    }
                    stack[top] = p;
                    next[top] = 0;
                }
            } else {
                order.add(v);
                stack[top--] = null;
            }
        }
        return order;
    }
}
