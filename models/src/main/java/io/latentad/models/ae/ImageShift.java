package io.latentad.models.ae;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.data.SampleShape;

/**
 * Data augmentation by random translation ({@code augment=shiftS}): each image of a training batch is
 * moved by a random integer offset (dx, dy) in [-S, S]^2, every channel alike, and the pixels moved in
 * from outside are 0; what leaves the frame is lost. The classic cure for a dense network's
 * generalisation gap on MNIST (LeCun et al. 1998's distortions, Simard et al. 2003): the encoder learns
 * codes that do not hang on a digit's exact position. Two draws per image, dx then dy, in row order,
 * from the trainer's own stream, so runs repeat with their seed. Cost: O(batch x pixels) per step.
 */
final class ImageShift {
    private ImageShift() {
    }

    /**
     * Moves each row of {@code x} (a batch of flat {@code C x H x W} images, channel-major) in place by a
     * random offset in [-shift, shift]^2 drawn from {@code rng}.
     */
    static void apply(Tensor x, SampleShape.Image img, int shift, Rng rng) {
        int n = x.dim(0), size = img.size();
        if (x.dim(1) != size) throw new IllegalArgumentException("batch rows of " + x.dim(1) + " values: expected " + size + " (" + img.describe() + ")");
        float[] d = x.data();
        float[] row = new float[size];
        for (int i = 0; i < n; i++) {
            int dx = rng.nextInt(2 * shift + 1) - shift, dy = rng.nextInt(2 * shift + 1) - shift;
            int at = x.offset() + i * size;
            System.arraycopy(d, at, row, 0, size);
            move(row, d, at, img, dx, dy);
        }
    }

    /** {@code out[at + (c, y, x)] = in[(c, y - dy, x - dx)]}, 0 where that lies outside the image. */
    static void move(float[] in, float[] out, int at, SampleShape.Image img, int dx, int dy) {
        int h = img.height(), w = img.width();
        for (int c = 0; c < img.channels(); c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y - dy, o = at + plane + y * w;
                if (sy < 0 || sy >= h) {
                    java.util.Arrays.fill(out, o, o + w, 0f);
                    continue;
                }
                int s = plane + sy * w;
                for (int xx = 0; xx < w; xx++) {
                    int sx = xx - dx;
                    out[o + xx] = sx >= 0 && sx < w ? in[s + sx] : 0f;
                }
            }
        }
    }
}
