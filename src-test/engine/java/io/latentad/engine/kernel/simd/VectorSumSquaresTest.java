package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.ScalarKernels;
import io.latentad.engine.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The double-lane sum of squares against the scalar twin (front to back in double): within
 * {@code n 2^-53} of it on every size and offset, NaN and infinity as the twin gives them, and no
 * overflow where float squares pass float range.
 */
class VectorSumSquaresTest {
    private static final int[] SIZES = {0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 33, 1023, 1025, 100_003};

    @Test
    void agreesWithTheScalarTwinWithinTheRoundingOfADoubleSum() {
        Rng rng = new Rng(11);
        for (int n : SIZES) {
            for (int off : new int[] {0, 1, 5}) {
                float[] x = new float[n + off + 2];
                for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextGaussian() * Math.exp(4 * rng.nextGaussian()));
                x[off + n] = Float.NaN; // after the range: not read
                if (off > 0) x[off - 1] = Float.NaN; // before it: not read
                double s = ScalarKernels.INSTANCE.sumSquares(n, x, off);
                double v = VectorKernels.INSTANCE.sumSquares(n, x, off);
                double exact = 0; // the reference: a compensated (Kahan) sum, within 2^-52 of the true one
                double c = 0;
                for (int i = off; i < off + n; i++) {
                    double y = (double) x[i] * x[i] - c, t = exact + y;
                    c = (t - exact) - y;
                    exact = t;
                }
                double tol = Math.max(1, n) * 0x1p-53 * exact;
                assertEquals(exact, s, tol, "scalar, n = " + n + ", offset " + off);
                assertEquals(exact, v, tol, "vector, n = " + n + ", offset " + off);
                if (n == 0) assertEquals(0.0, v, 0.0);
            }
        }
    }

    @Test
    void specialValuesAsTheTwinAndNoOverflowPastFloatRange() {
        for (int n : new int[] {1, 8, 9, 33}) {
            for (int at = 0; at < n; at++) {
                float[] x = new float[n];
                java.util.Arrays.fill(x, Float.MAX_VALUE); // squares far past float range, fine in double
                double big = VectorKernels.INSTANCE.sumSquares(n, x, 0);
                assertEquals((double) n * Float.MAX_VALUE * Float.MAX_VALUE, big, big * 1e-15, "n = " + n);
                x[at] = Float.NEGATIVE_INFINITY;
                assertEquals(Double.POSITIVE_INFINITY, VectorKernels.INSTANCE.sumSquares(n, x, 0), "n = " + n + ", -inf at " + at);
                assertEquals(Double.POSITIVE_INFINITY, ScalarKernels.INSTANCE.sumSquares(n, x, 0));
                x[(at + 1) % n] = Float.NaN;
                assertTrue(Double.isNaN(VectorKernels.INSTANCE.sumSquares(n, x, 0)), "n = " + n + ", NaN at " + (at + 1) % n);
                assertTrue(Double.isNaN(ScalarKernels.INSTANCE.sumSquares(n, x, 0)));
            }
        }
    }
}
