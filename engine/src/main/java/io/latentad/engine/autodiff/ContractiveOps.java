package io.latentad.engine.autodiff;

import io.latentad.engine.tensor.Shapes;

/**
 * The contractive penalty: the squared Frobenius norm of the Jacobian of the encoder,
 * {@code ||dh/dx||_F^2}, in closed form for one dense layer {@code h = f(x W + b)} with
 * {@code W} of shape {@code [in, hidden]} and {@code f} sigmoid or tanh:
 *
 * <pre>dh_j / dx_i = f'(a_j) W_ij,  so  ||J||_F^2 = sum_j f'(a_j)^2 sum_i W_ij^2</pre>
 *
 * with {@code f'(a) = h (1 - h)} for sigmoid and {@code 1 - h^2} for tanh, written from the layer
 * output {@code h}. Only this single-layer case is supported: for deeper encoders penalise the
 * first layer, or add a layer's term per layer (which bounds, not equals, the product Jacobian).
 * Composed from primitives, so its gradient (with respect to both {@code h} and {@code W}) needs
 * no backward code of its own.
 *
 * <p>Reference: S. Rifai, P. Vincent, X. Muller, X. Glorot, Y. Bengio, "Contractive
 * Auto-Encoders: Explicit Invariance During Feature Extraction", ICML 2011 (eq. 5).
 */
public final class ContractiveOps {
    /** The activations with a closed form. */
    public enum Activation { SIGMOID, TANH }

    private ContractiveOps() {
    }

    /**
     * {@code ||J||_F^2} per row of {@code h} ({@code [batch, hidden]}), reduced by {@code red}
     * ({@link Reduction#BATCH_MEAN} gives the mean over samples, as in the paper's objective).
     */
    public static Var jacobianPenalty(Var h, Var w, Activation f, Reduction red) {
        if (h.value().rank() != 2 || w.value().rank() != 2 || h.value().dim(1) != w.value().dim(1)) {
            throw new IllegalArgumentException("jacobianPenalty: layer output " + Shapes.str(h.shape())
                    + " and weight " + Shapes.str(w.shape()) + " do not match (expected [batch, hidden], [in, hidden])");
        }
        Var slope = switch (f) {
            case SIGMOID -> ArithmeticOps.mul(h, ArithmeticOps.rsubScalar(1f, h));
            case TANH -> ArithmeticOps.rsubScalar(1f, MathOps.pow(h, 2f));
        };
        Var colNorms = ReductionOps.sum(MathOps.pow(w, 2f), 0, false); // sum_i W_ij^2, [hidden]
        Var terms = ArithmeticOps.mul(MathOps.pow(slope, 2f), colNorms); // [batch, hidden]
        Var total = ReductionOps.sum(terms);
        float scale = red.scale(h.shape());
        return scale == 1f ? total : ArithmeticOps.mulScalar(total, scale);
    }
}
