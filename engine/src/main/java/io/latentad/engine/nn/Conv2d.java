package io.latentad.engine.nn;

import io.latentad.engine.autodiff.ConvOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

import java.util.Map;

/**
 * A two-dimensional convolution on NCHW batches {@code [B, in, H, W] -> [B, out, OH, OW]}, square
 * {@code k x k} kernels, the given stride and zero padding, dilation 1 ({@link ConvOps#conv2d}: im2col
 * and the packed GEMM). The weight has PyTorch's layout {@code [out, in, k, k]}; parameters are named
 * {@code weight} and {@code bias}.
 */
public final class Conv2d implements Layer {
    private final Var weight;
    private final Var bias;
    private final int stride;
    private final int padding;

    /** Initialised by {@code init} (fan-in {@code in k k}, fan-out {@code out k k}) from {@code rng}. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, Init init, Rng rng) {
        check(in, out, kernel, stride, padding);
        if (init == null || rng == null) throw new IllegalArgumentException("Conv2d: init and rng are required");
        int kk = kernel * kernel;
        this.weight = Var.param(init.weight(in * kk, out * kk, rng, new int[] {out, in, kernel, kernel}), "weight");
        this.bias = Var.param(init.bias(in * kk, out, rng), "bias");
        this.stride = stride;
        this.padding = padding;
    }

    /** With given values (copied), e.g. from a fixture; {@code bias} may be null. */
    public Conv2d(Tensor weight, Tensor bias, int stride, int padding) {
        Shapes.requireRank("Conv2d", weight, 4);
        check(weight.dim(1), weight.dim(0), weight.dim(2), stride, padding);
        if (weight.dim(2) != weight.dim(3)) {
            throw new IllegalArgumentException("Conv2d: kernel " + weight.dim(2) + " x " + weight.dim(3) + ", expected square");
        }
        if (bias != null && (bias.rank() != 1 || bias.size() != weight.dim(0))) {
            throw new IllegalArgumentException("Conv2d: bias " + Shapes.str(bias.shape()) + " does not match weight "
                    + Shapes.str(weight.shape()));
        }
        this.weight = Var.param(weight.copy(), "weight");
        this.bias = bias == null ? null : Var.param(bias.copy(), "bias");
        this.stride = stride;
        this.padding = padding;
    }

    static void check(int in, int out, int kernel, int stride, int padding) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("convolution: in = " + in + ", out = " + out + ", expected >= 1");
        if (kernel < 1) throw new IllegalArgumentException("convolution: kernel = " + kernel + ", expected >= 1");
        if (stride < 1) throw new IllegalArgumentException("convolution: stride = " + stride + ", expected >= 1");
        if (padding < 0) throw new IllegalArgumentException("convolution: padding = " + padding + ", expected >= 0");
    }

    @Override
    public Var forward(Var x) {
        return ConvOps.conv2d(x, weight, bias, stride, padding);
    }

    public Var weight() {
        return weight;
    }

    /** The bias, or null. */
    public Var bias() {
        return bias;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Var> out) {
        out.put(prefix + "weight", weight);
        if (bias != null) out.put(prefix + "bias", bias);
    }
}
