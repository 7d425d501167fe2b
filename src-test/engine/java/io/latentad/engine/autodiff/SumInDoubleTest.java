package io.latentad.engine.autodiff;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.*;

/** {@link ReductionOps#sumInDouble}: eight interleaved chains, then the chains pairwise, then the tail in order. */
class SumInDoubleTest {
    /** The recipe written out the slow way: element i into chain i % 8 for the whole blocks of eight. */
    private static double recipe(float[] d, int off, int n) {
        double[] chain = new double[8];
        int blocks = n / 8 * 8;
        for (int i = 0; i < blocks; i++) chain[i % 8] += d[off + i];
        double s = ((chain[0] + chain[1]) + (chain[2] + chain[3])) + ((chain[4] + chain[5]) + (chain[6] + chain[7]));
        for (int i = blocks; i < n; i++) s += d[off + i];
        return s;
    }

    @Test
    void followsTheRecipeToTheBitForEveryTailAndOffset() {
        Rng rng = new Rng(5);
        float[] d = new float[1000];
        // exponents 2^-60 .. 2^60: the double sums round, so any other order of the adds shows in the bits
        for (int i = 0; i < d.length; i++) d[i] = (float) Math.scalb(rng.nextGaussian(), rng.nextInt(121) - 60);
        for (int off : new int[] {0, 1, 7}) {
            for (int n = 0; n <= 40; n++) {
                assertEquals(Double.doubleToRawLongBits(recipe(d, off, n)),
                        Double.doubleToRawLongBits(ReductionOps.sumInDouble(d, off, n)), "off " + off + " n " + n);
            }
            int n = d.length - off;
            assertEquals(recipe(d, off, n), ReductionOps.sumInDouble(d, off, n), 0.0, "off " + off + " n " + n);
        }
    }

    @Test
    void closeToTheExactSumOnALongMixedScaleInput() {
        Rng rng = new Rng(9);
        float[] d = new float[200_704]; // a conv layer's batch of outputs
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(5) - 2));
            exact = exact.add(new BigDecimal(d[i]));
        }
        double s = ReductionOps.sumInDouble(d, 0, d.length);
        double sumAbs = 0;
        for (float v : d) sumAbs += Math.abs(v);
        // a double sum's error bound: (n - 1) eps sum|x|; far below one float ulp of the result
        assertEquals(exact.doubleValue(), s, d.length * 0x1p-53 * sumAbs);
        assertEquals((float) exact.doubleValue(), ReductionOps.sum(Var.constant(Tensor.vector(d))).item());
    }

    @Test
    void aNaNOrInfinityInAnyChainReachesTheSum() {
        for (int at : new int[] {0, 5, 8, 17}) {
            float[] d = new float[18];
            d[at] = Float.NaN;
            assertTrue(Double.isNaN(ReductionOps.sumInDouble(d, 0, d.length)), "NaN at " + at);
            d[at] = Float.POSITIVE_INFINITY;
            assertEquals(Double.POSITIVE_INFINITY, ReductionOps.sumInDouble(d, 0, d.length), "inf at " + at);
        }
    }
}
