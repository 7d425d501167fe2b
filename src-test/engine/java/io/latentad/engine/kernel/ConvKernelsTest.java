package io.latentad.engine.kernel;

import io.latentad.engine.kernel.simd.VectorKernels;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** im2col / col2im and pooling kernels: a hand-computed case, the adjoint identity, the two kernel sets, bad geometry. */
class ConvKernelsTest {
    @Test
    void im2colOfAHandWorkedImage() {
        // 1 x 3 x 3 image 1..9, 2 x 2 kernel, stride 1, pad 0: 4 patches, each a column
        Tensor img = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3);
        Tensor cols = Kernels.im2col(img, 2, 2, 1, 0);
        assertArrayEquals(new int[] {4, 4}, cols.shape());
        assertArrayEquals(new float[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, cols.toArray());
        // stride 2, pad 1, 3 x 3 kernel: 2 x 2 outputs; the top-left patch is padding except x[0..1, 0..1]
        Tensor c2 = Kernels.im2col(img, 3, 3, 2, 1);
        assertArrayEquals(new int[] {9, 4}, c2.shape());
        float[] first = new float[9];
        for (int r = 0; r < 9; r++) first[r] = c2.get(r, 0);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 4, 5}, first);
    }

    /** {@code <im2col(x), y> = <x, col2im(y)>} for every stride and padding: col2im is im2col's adjoint. */
    @Test
    void col2imIsTheAdjointOfIm2col() {
        Rng rng = new Rng(5);
        for (int stride = 1; stride <= 3; stride++) {
            for (int pad = 0; pad <= 2; pad++) {
                Tensor x = Tensor.uniform(rng, -1f, 1f, 2, 5, 7);
                Tensor cx = Kernels.im2col(x, 3, 3, stride, pad);
                Tensor y = Tensor.uniform(rng, -1f, 1f, cx.shape());
                Tensor back = Kernels.col2im(y, 3, 3, stride, pad, Tensor.zeros(2, 5, 7));
                double lhs = 0, rhs = 0;
                for (int i = 0; i < cx.size(); i++) lhs += (double) cx.at(i) * y.at(i);
                for (int i = 0; i < x.size(); i++) rhs += (double) x.at(i) * back.at(i);
                assertEquals(lhs, rhs, 1e-5 * Math.max(1, Math.abs(lhs)), "stride " + stride + ", pad " + pad);
            }
        }
    }

    @Test
    void bothKernelSetsGiveTheSameBits() {
        Rng rng = new Rng(6);
        for (int n : new int[] {1, 7, 8, 9, 17}) {
            Tensor x = Tensor.uniform(rng, -1f, 1f, 3, n, n + 2);
            int oh = (n + 2 - 3) / 2 + 1, ow = (n + 4 - 3) / 2 + 1;
            float[] a = new float[27 * oh * ow], b = new float[27 * oh * ow];
            ScalarKernels.INSTANCE.im2col(3, n, n + 2, 3, 3, 2, 1, oh, ow, x.data(), 0, a, 0, oh * ow);
            VectorKernels.INSTANCE.im2col(3, n, n + 2, 3, 3, 2, 1, oh, ow, x.data(), 0, b, 0, oh * ow);
            assertArrayEquals(a, b);
            float[] pa = new float[3 * oh * ow], pb = new float[3 * oh * ow];
            int[] ia = new int[pa.length], ib = new int[pb.length];
            ScalarKernels.INSTANCE.maxPool(3, n, n + 2, 3, 2, 1, oh, ow, x.data(), 0, pa, 0, ia);
            VectorKernels.INSTANCE.maxPool(3, n, n + 2, 3, 2, 1, oh, ow, x.data(), 0, pb, 0, ib);
            assertArrayEquals(pa, pb);
            assertArrayEquals(ia, ib);
        }
    }

    @Test
    void badGeometryIsRefused() {
        Tensor img = Tensor.zeros(1, 4, 4);
        assertThrows(IllegalArgumentException.class, () -> Kernels.im2col(img, 3, 3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Kernels.im2col(img, 7, 7, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Kernels.im2col(Tensor.zeros(16), 3, 3, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Kernels.col2im(Tensor.zeros(9, 15), 3, 3, 1, 1, img));
    }
}
