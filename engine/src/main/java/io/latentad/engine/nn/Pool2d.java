package io.latentad.engine.nn;

import io.latentad.engine.autodiff.ConvOps;
import io.latentad.engine.autodiff.Var;

/**
 * Max or average pooling over {@code k x k} windows of NCHW batches (PyTorch's {@code nn.MaxPool2d},
 * {@code nn.AvgPool2d} with {@code count_include_pad}); no parameters. See {@link ConvOps#maxPool2d}.
 *
 * @param max     max pooling when true, else average
 * @param kernel  window size
 * @param stride  step (PyTorch's default is the window size)
 * @param padding padding on each side, at most half the window
 */
public record Pool2d(boolean max, int kernel, int stride, int padding) implements Layer {
    public Pool2d {
        if (kernel < 1) throw new IllegalArgumentException("Pool2d: kernel = " + kernel + ", expected >= 1");
        if (stride < 1) throw new IllegalArgumentException("Pool2d: stride = " + stride + ", expected >= 1");
        if (padding < 0 || padding > kernel / 2) {
            throw new IllegalArgumentException("Pool2d: padding = " + padding + ", expected 0.." + kernel / 2);
        }
    }

    public static Pool2d max(int kernel) {
        return new Pool2d(true, kernel, kernel, 0);
    }

    public static Pool2d average(int kernel) {
        return new Pool2d(false, kernel, kernel, 0);
    }

    @Override
    public Var forward(Var x) {
        return max ? ConvOps.maxPool2d(x, kernel, stride, padding) : ConvOps.avgPool2d(x, kernel, stride, padding);
    }
}
