package io.latentad.engine.nn;

import io.latentad.engine.autodiff.MatmulOps;
import io.latentad.engine.autodiff.NoGrad;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.PackedWeights;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

import java.util.Map;

/**
 * A fully connected layer {@code y = x W + b}, {@code W} of shape {@code [in, out]} (so the
 * forward GEMM needs no transpose), {@code b} of shape {@code [out]}. Parameters are named
 * {@code weight} and {@code bias}.
 */
public final class Dense implements Layer {
    private final Var weight;
    private final Var bias;
    /** The weights packed for inference ({@link #frozenCopy}), else null. */
    private PackedWeights packed;

    /** Initialised by {@code init} from {@code rng}. */
    public Dense(int in, int out, Init init, Rng rng) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("Dense: in = " + in + ", out = " + out + ", expected >= 1");
        if (init == null || rng == null) throw new IllegalArgumentException("Dense: init and rng are required");
        this.weight = Var.param(init.weight(in, out, rng), "weight");
        this.bias = Var.param(init.bias(in, out, rng), "bias");
    }

    /** With given values (copied), e.g. loaded from a file; {@code bias} may be null (no bias). */
    public Dense(Tensor weight, Tensor bias) {
        Shapes.requireRank("Dense", weight, 2);
        if (bias != null && (bias.rank() != 1 || bias.size() != weight.dim(1))) {
            throw new IllegalArgumentException("Dense: bias " + Shapes.str(bias.shape()) + " does not match weight "
                    + Shapes.str(weight.shape()));
        }
        this.weight = Var.param(weight.copy(), "weight");
        this.bias = bias == null ? null : Var.param(bias.copy(), "bias");
    }

    /**
     * A copy of this layer for inference (scoring): its own copies of the parameters, the weights packed once for
     * the GEMM ({@link Kernels#packWeights}), so a forward under {@link NoGrad} does not pack them again for each
     * batch. The same outputs to the bit as this layer's; with gradients on it computes as any layer does. Its
     * parameters must not be changed (the packed panels would no longer match them).
     */
    public Dense frozenCopy() {
        Dense d = new Dense(weight.value(), bias == null ? null : bias.value());
        d.packed = bias == null ? null : Kernels.packWeights(d.weight.value());
        return d;
    }

    @Override
    public Var forward(Var x) {
        if (packed != null && !NoGrad.enabled()) return MatmulOps.linear(x, packed, bias.value());
        return MatmulOps.linear(x, weight, bias);
    }

    public Var weight() {
        return weight;
    }

    /** The bias, or null. */
    public Var bias() {
        return bias;
    }

    public int inputs() {
        return weight.value().dim(0);
    }

    public int outputs() {
        return weight.value().dim(1);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Var> out) {
        out.put(prefix + "weight", weight);
        if (bias != null) out.put(prefix + "bias", bias);
    }
}
