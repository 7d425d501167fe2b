package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.ScalarKernels;
import io.latentad.engine.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The transposed block copy: both twins against the definition, on edge sizes, offsets and padded rows. */
class VectorTransposeTest {
    @Test
    void bothTwinsCopyEveryElementAndNothingElse() {
        Rng rng = new Rng(17);
        int[][] shapes = {{0, 5}, {5, 0}, {1, 1}, {7, 9}, {8, 8}, {9, 17}, {16, 16}, {33, 31}, {256, 40}};
        for (int[] sh : shapes) {
            int rows = sh[0], cols = sh[1];
            for (int pad : new int[] {0, 3, 16}) {
                int lda = cols + pad + 2, ldt = rows + pad, ao = 5, to = 3;
                float[] a = new float[ao + Math.max(0, rows * lda)];
                for (int i = 0; i < a.length; i++) a[i] = (float) rng.nextGaussian();
                float[] want = new float[to + Math.max(1, cols) * Math.max(1, ldt) + 4];
                java.util.Arrays.fill(want, Float.NaN); // untouched cells stay NaN
                float[] s = want.clone(), v = want.clone(), f = want.clone();
                for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) want[to + c * ldt + r] = a[ao + r * lda + c];
                ScalarKernels.INSTANCE.transpose(rows, cols, a, ao, lda, s, to, ldt);
                VectorKernels.INSTANCE.transpose(rows, cols, a, ao, lda, v, to, ldt);
                Kernels.transpose(rows, cols, a, ao, lda, f, to, ldt);
                String at = rows + " x " + cols + ", pad " + pad;
                assertArrayEquals(want, s, 0f, "scalar, " + at);
                assertArrayEquals(want, v, 0f, "vector, " + at);
                assertArrayEquals(want, f, 0f, "facade, " + at);
            }
        }
    }

    @Test
    void aBlockThatDoesNotFitIsRefusedByName() {
        float[] a = new float[100], t = new float[100];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.transpose(11, 10, a, 0, 10, t, 0, 11));
        assertTrue(e.getMessage().contains("transpose: 11 x 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernels.transpose(4, 5, a, 0, 4, t, 0, 4)); // row shorter than the block
    }
}
