package io.latentad.models.ae;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.Var;

import java.util.ArrayList;
import java.util.List;

/**
 * The loss of one batch as a sum of named, weighted terms (for the progress line): the total is
 * what the optimizer minimises, each term is reported with its weight applied.
 */
public final class LossTerms {
    private final List<String> names = new ArrayList<>();
    private final List<Var> terms = new ArrayList<>();
    private Var total;

    /** Adds {@code weight * term} under {@code name}. */
    public LossTerms add(String name, Var term, double weight) {
        Var t = weight == 1 ? term : ArithmeticOps.mulScalar(term, (float) weight);
        names.add(name);
        terms.add(t);
        total = total == null ? t : ArithmeticOps.add(total, t);
        return this;
    }

    public Var total() {
        return total;
    }

    public List<String> names() {
        return names;
    }

    /** The current value of each term (read before the step's arena closes). */
    public double[] values() {
        double[] v = new double[terms.size()];
        for (int i = 0; i < v.length; i++) v[i] = terms.get(i).item();
        return v;
    }
}
