package io.latentad.engine.autodiff;

import java.util.Arrays;

/** Test helper: NumPy broadcasting by index arithmetic, independent of {@link Broadcast}. */
final class Shape {
    private Shape() {
    }

    static String of(int[] s) {
        return Arrays.toString(s);
    }

    /** The flat index in an operand of shape {@code src} read by output element {@code i} of shape {@code out}. */
    static int source(int i, int[] out, int[] src) {
        int idx = 0, stride = 1, rem = i;
        for (int ax = out.length - 1; ax >= 0; ax--) {
            int coord = rem % out[ax];
            rem /= out[ax];
            int sAx = ax - (out.length - src.length);
            if (sAx >= 0) {
                if (src[sAx] != 1) idx += coord * stride;
                stride *= src[sAx];
            }
        }
        return idx;
    }
}
