package io.latentad.engine.autodiff;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

/**
 * Checks an op's float backward rule against central differences of an independent double
 * reference of its forward.
 *
 * <p>The objective is {@code L = sum_i w_i y_i} with fixed random weights {@code w}, so every
 * output element is exercised with a different seed gradient. The analytic gradient comes from
 * {@link Var#backward(Tensor)} on the float graph; the numeric one from
 * {@code (L(x + h) - L(x - h)) / 2h} computed entirely in double on the reference, so the finite
 * difference is not drowned by float rounding. The float forward is compared with the reference
 * as well.
 */
public final class GradCheck {
    /** The op under test, on float variables. */
    @FunctionalInterface
    public interface FloatFn {
        Var apply(Var[] inputs);
    }

    /** An independent double implementation of the same forward (output flattened). */
    @FunctionalInterface
    public interface DoubleFn {
        double[] apply(double[][] inputs);
    }

    /**
     * The worst errors found, each {@code |a - b| / max(1, |b|)}: of the float forward against the
     * reference, and of the analytic gradient against the numeric one.
     */
    public record Result(double forwardError, double gradientError, String worst) {
    }

    private GradCheck() {
    }

    /** Runs the check on the given input values (all inputs get gradients). */
    public static Result check(Tensor[] inputs, FloatFn f, DoubleFn ref, long seed) {
        Var[] vars = new Var[inputs.length];
        double[][] x = new double[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            vars[i] = Var.param(inputs[i].copy(), "input" + i);
            x[i] = new double[inputs[i].size()];
            for (int j = 0; j < x[i].length; j++) x[i][j] = inputs[i].at(j);
        }
        Var y = f.apply(vars);
        double[] yRef = ref.apply(x);
        if (yRef.length != y.value().size()) {
            throw new IllegalStateException("reference gives " + yRef.length + " outputs, op gives " + y.value().size());
        }
        double fwd = 0;
        for (int j = 0; j < yRef.length; j++) fwd = Math.max(fwd, err(y.value().at(j), yRef[j]));
        Tensor w = Tensor.uniform(new Rng(seed), -1f, 1f, y.shape());
        double[] wd = new double[w.size()];
        for (int j = 0; j < wd.length; j++) wd[j] = w.at(j);
        y.backward(w);
        double worstErr = 0;
        String worst = "none";
        for (int i = 0; i < inputs.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                double keep = x[i][j], h = 1e-6 * Math.max(1, Math.abs(keep));
                x[i][j] = keep + h;
                double up = dot(wd, ref.apply(x));
                x[i][j] = keep - h;
                double down = dot(wd, ref.apply(x));
                x[i][j] = keep;
                double numeric = (up - down) / (2 * h);
                double analytic = vars[i].grad() == null ? 0 : vars[i].grad().at(j);
                double e = err(analytic, numeric);
                if (e > worstErr) {
                    worstErr = e;
                    worst = "input " + i + " element " + j + ": analytic " + analytic + ", numeric " + numeric;
                }
            }
        }
        return new Result(fwd, worstErr, worst);
    }

    private static double err(double a, double b) {
        return Math.abs(a - b) / Math.max(1, Math.abs(b));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
