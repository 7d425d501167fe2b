package io.latentad.engine.nn;

import io.latentad.engine.autodiff.ConvOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

import java.util.Map;

/**
 * A transposed convolution (PyTorch's {@code nn.ConvTranspose2d}) on NCHW batches
 * {@code [B, in, H, W] -> [B, out, (H - 1) stride - 2 padding + k + outputPadding, ...]}: the decoder's
 * learned upsampling ({@link ConvOps#convTranspose2d}). Chosen over nearest / bilinear upsampling
 * followed by a convolution because it is the adjoint of the encoder's strided convolution (the same
 * im2col and GEMM, in the other roles) and is what the DCAE of Ruff et al. and most convolutional
 * autoencoders use. The weight has PyTorch's layout {@code [in, out, k, k]}; parameters {@code weight},
 * {@code bias}.
 */
public final class ConvTranspose2d implements Layer {
    private final Var weight;
    private final Var bias;
    private final int stride;
    private final int padding;
    private final int outputPaddingH;
    private final int outputPaddingW;

    /** Initialised by {@code init} (fan-in {@code in k k}, fan-out {@code out k k}) from {@code rng}. */
    public ConvTranspose2d(int in, int out, int kernel, int stride, int padding, int outputPadding, Init init, Rng rng) {
        this(in, out, kernel, stride, padding, outputPadding, outputPadding, init, rng);
    }

    /** With an output padding per axis (height, width). */
    public ConvTranspose2d(int in, int out, int kernel, int stride, int padding, int outputPaddingH, int outputPaddingW,
                           Init init, Rng rng) {
        Conv2d.check(in, out, kernel, stride, padding);
        checkOutputPadding(outputPaddingH, stride);
        checkOutputPadding(outputPaddingW, stride);
        if (init == null || rng == null) throw new IllegalArgumentException("ConvTranspose2d: init and rng are required");
        int kk = kernel * kernel;
        this.weight = Var.param(init.weight(in * kk, out * kk, rng, new int[] {in, out, kernel, kernel}), "weight");
        this.bias = Var.param(init.bias(in * kk, out, rng), "bias");
        this.stride = stride;
        this.padding = padding;
        this.outputPaddingH = outputPaddingH;
        this.outputPaddingW = outputPaddingW;
    }

    /** With given values (copied), e.g. from a fixture; {@code bias} may be null. */
    public ConvTranspose2d(Tensor weight, Tensor bias, int stride, int padding, int outputPadding) {
        Shapes.requireRank("ConvTranspose2d", weight, 4);
        Conv2d.check(weight.dim(0), weight.dim(1), weight.dim(2), stride, padding);
        checkOutputPadding(outputPadding, stride);
        if (bias != null && (bias.rank() != 1 || bias.size() != weight.dim(1))) {
            throw new IllegalArgumentException("ConvTranspose2d: bias " + Shapes.str(bias.shape()) + " does not match weight "
                    + Shapes.str(weight.shape()));
        }
        this.weight = Var.param(weight.copy(), "weight");
        this.bias = bias == null ? null : Var.param(bias.copy(), "bias");
        this.stride = stride;
        this.padding = padding;
        this.outputPaddingH = outputPadding;
        this.outputPaddingW = outputPadding;
    }

    private static void checkOutputPadding(int outputPadding, int stride) {
        if (outputPadding < 0 || outputPadding >= stride) {
            throw new IllegalArgumentException("ConvTranspose2d: output padding = " + outputPadding + ", expected 0.."
                    + (stride - 1) + " (below the stride)");
        }
    }

    @Override
    public Var forward(Var x) {
        return ConvOps.convTranspose2d(x, weight, bias, stride, padding, outputPaddingH, outputPaddingW);
    }

    public Var weight() {
        return weight;
    }

    public Var bias() {
        return bias;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Var> out) {
        out.put(prefix + "weight", weight);
        if (bias != null) out.put(prefix + "bias", bias);
    }
}
