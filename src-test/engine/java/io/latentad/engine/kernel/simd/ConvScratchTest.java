package io.latentad.engine.kernel.simd;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The convolution kernels' 8 x 8 register transposes ({@link ConvScratch#transpose8}, {@link ConvScratch#transpose8To})
 * against their element loops: blocks that start inside the source and the destination, leading dimensions wider
 * than the block, storing and adding (the add's bits are {@code dst + v}), and rows placed through a table; nothing
 * outside the block's destinations written.
 */
class ConvScratchTest {
    @Test
    void transposeOfAnEightByEightBlockMatchesTheElementLoop() {
        Random rng = new Random(3);
        for (int lda : new int[] {8, 9, 13, 49, 196}) {
            for (int stride : new int[] {8, 11, 49, 196}) {
                float[] a = random(rng, 3 + 7 * lda + 8 + 5), start = random(rng, 5 + 7 * stride + 8 + 3);
                for (boolean add : new boolean[] {false, true}) {
                    float[] want = start.clone(), got = start.clone();
                    for (int r = 0; r < 8; r++) {
                        for (int q = 0; q < 8; q++) {
                            float v = a[3 + r * lda + q];
                            want[5 + q * stride + r] = add ? want[5 + q * stride + r] + v : v;
                        }
                    }
                    Transpose8.block(a, 3, lda, got, 5, stride, add);
                    assertArrayEquals(want, got, "lda " + lda + ", stride " + stride + ", add " + add);
                }
            }
        }
    }

    private static float[] random(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextFloat() * 2f - 1f;
        return v;
    }
}
