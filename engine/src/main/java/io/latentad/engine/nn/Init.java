package io.latentad.engine.nn;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

/**
 * Weight initialisations for a {@code [fanIn, fanOut]} matrix. Biases start at zero except for
 * {@link #TORCH_DEFAULT}.
 *
 * <p>References: X. Glorot and Y. Bengio, "Understanding the difficulty of training deep
 * feedforward neural networks", AISTATS 2010 (Xavier); K. He, X. Zhang, S. Ren, J. Sun,
 * "Delving Deep into Rectifiers", ICCV 2015, doi:10.1109/ICCV.2015.123 (He).
 */
public enum Init {
    /** U(-a, a), a = sqrt(6 / (fanIn + fanOut)): for tanh / sigmoid layers. */
    XAVIER_UNIFORM,
    /** N(0, 2 / (fanIn + fanOut)). */
    XAVIER_NORMAL,
    /** N(0, 2 / fanIn): for ReLU layers. */
    HE_NORMAL,
    /** U(-a, a), a = sqrt(6 / fanIn). */
    HE_UNIFORM,
    /** PyTorch's {@code nn.Linear} default: weight and bias U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
    TORCH_DEFAULT;

    /** The default for a layer followed by {@code activation}: He for the ReLU family, Xavier otherwise. */
    public static Init defaultFor(Activation.Kind activation) {
        return activation == Activation.Kind.RELU || activation == Activation.Kind.LEAKY_RELU
                || activation == Activation.Kind.ELU ? HE_NORMAL : XAVIER_UNIFORM;
    }

    public Tensor weight(int fanIn, int fanOut, Rng rng) {
        return switch (this) {
            case XAVIER_UNIFORM -> uniform(Math.sqrt(6.0 / (fanIn + fanOut)), rng, fanIn, fanOut);
            case XAVIER_NORMAL -> Tensor.normal(rng, 0f, (float) Math.sqrt(2.0 / (fanIn + fanOut)), fanIn, fanOut);
            case HE_NORMAL -> Tensor.normal(rng, 0f, (float) Math.sqrt(2.0 / fanIn), fanIn, fanOut);
            case HE_UNIFORM -> uniform(Math.sqrt(6.0 / fanIn), rng, fanIn, fanOut);
            case TORCH_DEFAULT -> uniform(1 / Math.sqrt(fanIn), rng, fanIn, fanOut);
        };
    }

    /**
     * A weight of any {@code shape} drawn from this initialisation's distribution for the given fans
     * (a convolution's: {@code fanIn = in kh kw}, {@code fanOut = out kh kw}, as PyTorch counts them).
     */
    public Tensor weight(int fanIn, int fanOut, Rng rng, int[] shape) {
        return switch (this) {
            case XAVIER_UNIFORM -> uniform(Math.sqrt(6.0 / (fanIn + fanOut)), rng, shape);
            case XAVIER_NORMAL -> Tensor.normal(rng, 0f, (float) Math.sqrt(2.0 / (fanIn + fanOut)), shape);
            case HE_NORMAL -> Tensor.normal(rng, 0f, (float) Math.sqrt(2.0 / fanIn), shape);
            case HE_UNIFORM -> uniform(Math.sqrt(6.0 / fanIn), rng, shape);
            case TORCH_DEFAULT -> uniform(1 / Math.sqrt(fanIn), rng, shape);
        };
    }

    public Tensor bias(int fanIn, int fanOut, Rng rng) {
        return this == TORCH_DEFAULT ? uniform(1 / Math.sqrt(fanIn), rng, fanOut) : Tensor.zeros(fanOut);
    }

    private static Tensor uniform(double a, Rng rng, int... shape) {
        return Tensor.uniform(rng, (float) -a, (float) a, shape);
    }
}
