package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.KernelSet;
import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.kernel.ScalarKernels;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Vector API kernels held against their scalar twins, on sizes around the lane count
 * (0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 1023, 1025), at non-zero offsets, in place, and with the
 * special values (±0, ±Inf, NaN, denormals, huge magnitudes).
 */
class VectorKernelsTest {
    private static final KernelSet V = VectorKernels.INSTANCE;
    private static final KernelSet S = ScalarKernels.INSTANCE;
    private static final int[] SIZES = {0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 1023, 1025};
    private static final int[] SMALL = {0, 1, 7, 8, 9, 17, 33};
    private static final int OFF = 3;
    private static final float[] SPECIALS = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f, Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, 88.72f, 88.73f, -87.4f, -103.9f, -104.5f, 1e-30f, -1e-30f,
        0.625f, -0.625f, 9f, -9f, 1e30f, -1e30f, 1f, -1f};

    // largest error in ulps of the scalar (double Math, rounded) reference, as measured and
    // documented in VectorMath
    private static final double EXP_ULPS = 1, LOG_ULPS = 1, TANH_ULPS = 1, SIGMOID_ULPS = 2, SOFTPLUS_ULPS = 2;

    private interface Unary {
        void run(KernelSet k, int n, float[] x, int xo, float[] out, int oo);
    }

    private interface Binary {
        void run(KernelSet k, int n, float[] a, int ao, float[] b, int bo, float[] out, int oo);
    }

    /** n values at offset OFF in an array with junk around them; a mix of scales and specials. */
    private static float[] data(long seed, int n, float scale, boolean specials) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n + 2 * OFF];
        for (int i = 0; i < x.length; i++) x[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        if (specials) {
            for (int i = 0; i < n; i += 1 + r.nextInt(5)) x[OFF + i] = SPECIALS[r.nextInt(SPECIALS.length)];
        }
        return x;
    }

    private static void assertUlps(String what, float expected, float actual, double maxUlps) {
        if (!withinUlps(expected, actual, maxUlps)) {
            double u = Math.abs((double) actual - expected) / Math.ulp(expected);
            fail(what + ": expected " + expected + ", got " + actual + " (" + u + " ulps)");
        }
    }

    /** Same bits, or both finite non-zero (or one zero) and at most maxUlps of expected apart. */
    private static boolean withinUlps(float expected, float actual, double maxUlps) {
        if (Float.compare(expected, actual) == 0) return true;
        boolean special = Float.isNaN(expected) || Float.isNaN(actual) || Float.isInfinite(expected)
                || Float.isInfinite(actual) || (expected == 0f && actual == 0f);
        return !special && Math.abs((double) actual - expected) <= maxUlps * Math.ulp(expected);
    }

    private static void assertClose(String what, double expected, float actual, double tol) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, 0, what);
            return;
        }
        assertEquals(expected, actual, tol, what);
    }

    /**
     * Sum-like tolerance: the float part of a vector sum adds at most 32 terms per lane (128 rows
     * for column sums) and a lane reduction before the double total, so the classic bound
     * (terms + 8) * 2^-24 * sum|x_i| stops growing there.
     */
    private static double sumTol(int n, double sumAbs) {
        return sumAbs * 0x1p-24 * (8 + Math.min(n, 128)) + 1e-30;
    }

    // ---- elementwise --------------------------------------------------------------------------

    private static void checkUnary(String name, Unary op, float scale, double ulps) {
        for (int n : SIZES) {
            float[] x = data(n * 31L + name.hashCode(), n, scale, true);
            float[] vs = new float[n + 2 * OFF], ss = new float[n + 2 * OFF];
            op.run(V, n, x, OFF, vs, 1);
            op.run(S, n, x, OFF, ss, 1);
            for (int i = 0; i < n; i++) {
                assertUlps(name + "(" + x[OFF + i] + ") n=" + n, ss[1 + i], vs[1 + i], ulps);
            }
            assertEquals(0f, vs[0]);
            assertEquals(0f, vs[n + 1]); // nothing written past the end
            float[] inPlace = x.clone();
            op.run(V, n, inPlace, OFF, inPlace, OFF);
            for (int i = 0; i < n; i++) {
                assertEquals(vs[1 + i], inPlace[OFF + i], 0f, name + " in place at " + i);
            }
        }
    }

    @Test
    void expMatchesScalarTwin() {
        checkUnary("exp", KernelSet::exp, 100f, EXP_ULPS);
    }

    @Test
    void logMatchesScalarTwin() {
        checkUnary("log", KernelSet::log, 1e3f, LOG_ULPS);
        checkUnary("log", KernelSet::log, 1f, LOG_ULPS);
    }

    @Test
    void tanhMatchesScalarTwin() {
        checkUnary("tanh", KernelSet::tanh, 12f, TANH_ULPS);
        checkUnary("tanh", KernelSet::tanh, 1f, TANH_ULPS);
    }

    @Test
    void sigmoidMatchesScalarTwin() {
        checkUnary("sigmoid", KernelSet::sigmoid, 120f, SIGMOID_ULPS);
    }

    @Test
    void softplusMatchesScalarTwin() {
        checkUnary("softplus", KernelSet::softplus, 120f, SOFTPLUS_ULPS);
    }

    @Test
    void reluAndScaleAreBitIdentical() {
        checkUnary("relu", KernelSet::relu, 5f, 0);
        checkUnary("scale", (k, n, x, xo, out, oo) -> k.scale(n, -2.5f, x, xo, out, oo), 5f, 0);
    }

    @Test
    void reluKeepsNanAndTurnsNegativeZeroIntoZero() {
        float[] x = new float[16];
        Arrays.fill(x, -0f);
        x[3] = Float.NaN;
        x[12] = Float.NaN;
        float[] out = new float[16];
        V.relu(16, x, 0, out, 0);
        assertTrue(Float.isNaN(out[3]) && Float.isNaN(out[12]));
        assertEquals(0, Float.floatToIntBits(out[0])); // +0, as Math.max(-0f, 0f)
    }

    /**
     * A sweep of random bit patterns over every exponent (65536 floats each; a 4M-value sweep gave the same maxima): the error in
     * ulps of the double-precision reference, as documented in {@link VectorMath}.
     */
    @Test
    void transcendentalsStayWithinMeasuredUlps() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 1 << 16;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            float v;
            do {
                v = Float.intBitsToFloat(r.nextInt());
            } while (Float.isNaN(v));
            // half the sweep in the interesting range of exp/tanh/sigmoid
            x[i] = i % 2 == 0 ? v : (float) ((r.nextDouble() * 2 - 1) * 110);
        }
        Unary[] ops = {KernelSet::exp, KernelSet::log, KernelSet::tanh, KernelSet::sigmoid, KernelSet::softplus};
        String[] names = {"exp", "log", "tanh", "sigmoid", "softplus"};
        double[] ulps = {EXP_ULPS, LOG_ULPS, TANH_ULPS, SIGMOID_ULPS, SOFTPLUS_ULPS};
        for (int k = 0; k < ops.length; k++) {
            float[] vs = new float[n], ss = new float[n];
            ops[k].run(V, n, x, 0, vs, 0);
            ops[k].run(S, n, x, 0, ss, 0);
            for (int i = 0; i < n; i++) {
                if (!withinUlps(ss[i], vs[i], ulps[k])) assertUlps(names[k] + "(" + x[i] + ")", ss[i], vs[i], ulps[k]);
            }
        }
    }

    @Test
    void transcendentalEdgeValuesMatchScalarSemantics() {
        float[] x = {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN, 0f, -0f, -1f, 100f, -200f};
        float[] out = new float[8];
        V.exp(8, x, 0, out, 0);
        assertArrayEquals(new float[] {0f, Float.POSITIVE_INFINITY, Float.NaN, 1f, 1f, (float) Math.exp(-1),
            Float.POSITIVE_INFINITY, 0f}, out, 1e-7f);
        V.log(8, x, 0, out, 0);
        assertEquals(Float.NaN, out[0]);
        assertEquals(Float.POSITIVE_INFINITY, out[1]);
        assertEquals(Float.NaN, out[2]);
        assertEquals(Float.NEGATIVE_INFINITY, out[3]);
        assertEquals(Float.NEGATIVE_INFINITY, out[4]);
        assertEquals(Float.NaN, out[5]);
        V.tanh(8, x, 0, out, 0);
        assertArrayEquals(new float[] {-1f, 1f, Float.NaN, 0f, -0f, (float) Math.tanh(-1), 1f, -1f}, out, 1e-7f);
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(out[4]), "tanh(-0) = -0");
        V.sigmoid(8, x, 0, out, 0);
        assertArrayEquals(new float[] {0f, 1f, Float.NaN, 0.5f, 0.5f, (float) (1 / (1 + Math.E)), 1f, 0f}, out, 1e-7f);
        V.softplus(8, x, 0, out, 0);
        assertArrayEquals(new float[] {0f, Float.POSITIVE_INFINITY, Float.NaN, (float) Math.log(2), (float) Math.log(2),
            (float) Math.log1p(Math.exp(-1)), 100f, 0f}, out, 1e-7f);
        float[] den = {-100f, -95f, -90f, -88f, -100f, -95f, -90f, -88f};
        V.exp(8, den, 0, out, 0);
        for (int i = 0; i < 8; i++) assertTrue(out[i] > 0f && out[i] < Float.MIN_NORMAL, "denormal exp(" + den[i] + ")");
    }

    /** The scalar form of each approximation (used in loop tails) is bit-identical to a lane. */
    @Test
    void tailAndLanesGiveTheSameBits() {
        float[] x = data(5, 64, 50f, true);
        Unary[] ops = {KernelSet::exp, KernelSet::log, KernelSet::tanh, KernelSet::sigmoid, KernelSet::softplus};
        for (Unary op : ops) {
            float[] lanes = new float[x.length];
            op.run(V, x.length, x, 0, lanes, 0);
            for (int i = 0; i < x.length; i++) {
                float[] one = new float[1];
                op.run(V, 1, x, i, one, 0); // n = 1: the scalar tail
                assertEquals(Float.floatToIntBits(lanes[i]), Float.floatToIntBits(one[0]), "x = " + x[i]);
            }
        }
    }

    private static void checkBinary(String name, Binary op) {
        for (int n : SIZES) {
            float[] a = data(n + 1, n, 10f, true), b = data(n + 2, n, 10f, true);
            float[] vs = new float[n + 2], ss = new float[n + 2];
            op.run(V, n, a, OFF, b, 1, vs, 1);
            op.run(S, n, a, OFF, b, 1, ss, 1);
            assertArrayEquals(ss, vs, 0f, name + " n=" + n); // the same IEEE operation: bit-identical
            float[] inPlace = a.clone();
            op.run(V, n, inPlace, OFF, b, 1, inPlace, OFF);
            for (int i = 0; i < n; i++) assertEquals(vs[1 + i], inPlace[OFF + i], 0f, name + " in place");
        }
    }

    @Test
    void elementwiseBinaryIsBitIdentical() {
        checkBinary("add", KernelSet::add);
        checkBinary("sub", KernelSet::sub);
        checkBinary("mul", KernelSet::mul);
        checkBinary("div", KernelSet::div);
    }

    @Test
    void axpyMatchesWithinOneRounding() {
        for (int n : SIZES) {
            float[] x = data(n, n, 3f, false), y = data(n + 9, n, 3f, false);
            float[] yv = y.clone(), ys = y.clone();
            V.axpy(n, 0.75f, x, OFF, yv, OFF);
            S.axpy(n, 0.75f, x, OFF, ys, OFF);
            for (int i = 0; i < yv.length; i++) {
                // fused multiply-add rounds once where the scalar twin rounds twice
                assertEquals(ys[i], yv[i], 2 * Math.ulp(Math.abs(0.75f * x[i]) + Math.abs(y[i])), "axpy n=" + n);
            }
        }
    }

    // ---- reductions ---------------------------------------------------------------------------

    @Test
    void sumAndDotMatchWithToleranceGrowingWithN() {
        for (int n : SIZES) {
            float[] x = data(n * 3L, n, 1f, false), y = data(n * 5L, n, 1f, false);
            double sumAbs = 0, dotAbs = 0;
            for (int i = 0; i < n; i++) {
                sumAbs += Math.abs(x[OFF + i]);
                dotAbs += Math.abs((double) x[OFF + i] * y[OFF + i]);
            }
            assertClose("sum n=" + n, S.sum(n, x, OFF), V.sum(n, x, OFF), sumTol(n, sumAbs));
            assertClose("dot n=" + n, S.dot(n, x, OFF, y, OFF), V.dot(n, x, OFF, y, OFF), sumTol(n, dotAbs));
        }
        float[] big = new float[100_000];
        Arrays.fill(big, 0.1f);
        assertClose("long sum flushed to double", S.sum(big.length, big, 0), V.sum(big.length, big, 0),
                sumTol(big.length, 0.1 * big.length));
    }

    @Test
    void maxAndArgmaxAreExactIncludingNan() {
        for (int n : SIZES) {
            float[] x = data(n * 7L, n, 100f, false);
            assertEquals(S.max(n, x, OFF), V.max(n, x, OFF), 0f, "max n=" + n);
            assertEquals(S.argmax(n, x, OFF), V.argmax(n, x, OFF), "argmax n=" + n);
            for (int at = 0; at < n; at += Math.max(1, n / 5)) {
                float[] y = x.clone();
                y[OFF + at] = Float.NaN;
                y[OFF + n - 1] = Float.NaN;
                assertTrue(Float.isNaN(V.max(n, y, OFF)), "max with NaN at " + at + ", n=" + n);
                assertEquals(at, V.argmax(n, y, OFF), "the first NaN wins, n=" + n);
            }
        }
        assertEquals(Float.NEGATIVE_INFINITY, V.max(0, new float[0], 0));
        assertEquals(-1, V.argmax(0, new float[0], 0));
        float[] ties = new float[20];
        Arrays.fill(ties, 2f);
        ties[0] = -0f;
        assertEquals(1, V.argmax(20, ties, 0), "first of equal maxima");
        assertEquals(0, V.argmax(19, ties, 1), "first of equal maxima, offset 1");
        float[] zeros = new float[17];
        Arrays.fill(zeros, -0f);
        zeros[11] = 0f;
        assertEquals(Float.floatToIntBits(S.max(17, zeros, 0)), Float.floatToIntBits(V.max(17, zeros, 0)));
        assertEquals(S.argmax(17, zeros, 0), V.argmax(17, zeros, 0));
        float[] ninf = new float[9];
        Arrays.fill(ninf, Float.NEGATIVE_INFINITY);
        assertEquals(0, V.argmax(9, ninf, 0));
    }

    @Test
    void rowAndColumnReductionsMatch() {
        for (int rows : SMALL) {
            for (int cols : SIZES) {
                int n = rows * cols;
                float[] x = data(rows * 1000L + cols, n, 2f, false);
                if (n > 0) x[OFF + n / 2] = Float.NaN; // max reductions must propagate it
                float[] vr = new float[rows + 1], sr = new float[rows + 1];
                float[] vc = new float[cols + 1], sc = new float[cols + 1];
                V.rowMax(rows, cols, x, OFF, vr, 1);
                S.rowMax(rows, cols, x, OFF, sr, 1);
                assertArrayEquals(sr, vr, 0f, "rowMax " + rows + "x" + cols);
                V.colMax(rows, cols, x, OFF, vc, 1);
                S.colMax(rows, cols, x, OFF, sc, 1);
                assertArrayEquals(sc, vc, 0f, "colMax " + rows + "x" + cols);
                if (n > 0) x[OFF + n / 2] = 1f;
                V.rowSum(rows, cols, x, OFF, vr, 1);
                S.rowSum(rows, cols, x, OFF, sr, 1);
                for (int i = 0; i < rows; i++) assertClose("rowSum", sr[1 + i], vr[1 + i], sumTol(cols, 2.0 * cols));
                V.colSum(rows, cols, x, OFF, vc, 1);
                S.colSum(rows, cols, x, OFF, sc, 1);
                for (int j = 0; j < cols; j++) assertClose("colSum", sc[1 + j], vc[1 + j], sumTol(rows, 2.0 * rows));
            }
        }
        // many rows: column sums are flushed into double every FLUSH rows
        int rows = 5000, cols = 37;
        float[] x = new float[rows * cols];
        Arrays.fill(x, 0.1f);
        float[] vc = new float[cols], sc = new float[cols];
        V.colSum(rows, cols, x, 0, vc, 0);
        S.colSum(rows, cols, x, 0, sc, 0);
        for (int j = 0; j < cols; j++) assertClose("colSum of 5000 rows", sc[j], vc[j], sumTol(rows, 0.1 * rows));
    }

    @Test
    void softmaxRowsMatchAndWorkInPlace() {
        for (int rows : new int[] {1, 3, 9}) {
            for (int cols : SIZES) {
                if (cols == 0) continue;
                int n = rows * cols;
                float[] x = data(rows * 77L + cols, n, 30f, false);
                float[] vs = new float[n], ss = new float[n];
                V.softmaxRows(rows, cols, x, OFF, vs, 0);
                S.softmaxRows(rows, cols, x, OFF, ss, 0);
                for (int i = 0; i < n; i++) assertEquals(ss[i], vs[i], 4e-7f * (1 + 4 * ss[i]), "softmax " + rows + "x" + cols);
                V.logSoftmaxRows(rows, cols, x, OFF, vs, 0);
                S.logSoftmaxRows(rows, cols, x, OFF, ss, 0);
                for (int i = 0; i < n; i++) assertEquals(ss[i], vs[i], 1e-5f * (1 + Math.abs(ss[i])), "logSoftmax");
                float[] inPlace = x.clone();
                V.logSoftmaxRows(rows, cols, inPlace, OFF, inPlace, OFF);
                for (int i = 0; i < n; i++) assertEquals(vs[i], inPlace[OFF + i], 0f, "logSoftmax in place");
                V.softmaxRows(rows, cols, x, OFF, vs, 0);
                inPlace = x.clone();
                V.softmaxRows(rows, cols, inPlace, OFF, inPlace, OFF);
                for (int i = 0; i < n; i++) assertEquals(vs[i], inPlace[OFF + i], 0f, "softmax in place");
            }
        }
        float[] nan = {1f, 2f, Float.NaN, 3f, 1f, 2f, 3f, 4f, 5f, 6f};
        float[] out = new float[10];
        V.softmaxRows(1, 10, nan, 0, out, 0);
        for (float v : out) assertTrue(Float.isNaN(v), "a NaN poisons its row");
    }

    // ---- gemv ---------------------------------------------------------------------------------

    @Test
    void gemvMatchesBothTransposes() {
        for (int m : SMALL) {
            for (int n : new int[] {0, 1, 7, 8, 9, 31, 33, 40}) {
                float[] a = data(m * 100L + n, m * n + 4, 1f, false);
                int lda = n + 2; // a leading dimension wider than the row
                float[] big = new float[OFF + m * lda + 1];
                for (int i = 0; i < m; i++) System.arraycopy(a, i * n, big, OFF + i * lda, n);
                for (boolean trans : new boolean[] {false, true}) {
                    int in = trans ? m : n, outLen = trans ? n : m;
                    float[] x = data(7 + m + n, in, 1f, false);
                    for (float beta : new float[] {0f, 0.5f}) {
                        float[] yv = new float[outLen + 1], ys = new float[outLen + 1];
                        Arrays.fill(yv, beta == 0f ? Float.NaN : 1f); // beta = 0: y is write-only
                        Arrays.fill(ys, beta == 0f ? Float.NaN : 1f);
                        V.gemv(trans, m, n, 2f, big, OFF, lda, x, OFF, beta, yv, 1);
                        S.gemv(trans, m, n, 2f, big, OFF, lda, x, OFF, beta, ys, 1);
                        for (int i = 0; i < outLen; i++) {
                            assertEquals(ys[1 + i], yv[1 + i], sumTol(in, 2.0 * in + 1), "gemv trans=" + trans + " " + m + "x" + n);
                        }
                    }
                }
            }
        }
    }

    // ---- sqDist -------------------------------------------------------------------------------

    @Test
    void sqDistMatchesForEveryDimension() {
        for (int m : new int[] {1, 7, 9, 33}) {
            for (int n : SMALL) {
                for (int d : new int[] {0, 1, 2, 3, 8, 17, 33}) {
                    float[] a = data(m * 1000L + n * 10 + d, m * d, 3f, false);
                    float[] b = data(m * 7L + n * 11 + d, n * d, 3f, false);
                    float[] vs = new float[m * n + 2], ss = new float[m * n + 2];
                    V.sqDist(m, n, d, a, OFF, b, OFF, vs, 1);
                    S.sqDist(m, n, d, a, OFF, b, OFF, ss, 1);
                    for (int i = 0; i < m * n; i++) {
                        assertEquals(ss[1 + i], vs[1 + i], 1e-6f * (d + 1) * ss[1 + i] + 1e-30f, "sqDist " + m + "x" + n + "x" + d);
                    }
                    assertEquals(0f, vs[m * n + 1]);
                }
            }
        }
    }

    @Test
    void sqDistToColumnsIsBitIdenticalToTheScalarTwin() {
        java.util.Random rnd = new java.util.Random(4);
        for (int d : new int[] {1, 2, 9, 17}) {
            for (int n : new int[] {1, 3, 4, 5, 8, 9, 31}) {
                double[] xt = new double[d * n], a = new double[d + 2];
                for (int i = 0; i < xt.length; i++) xt[i] = rnd.nextGaussian() * 1e3;
                for (int c = 0; c < d; c++) a[2 + c] = rnd.nextGaussian() * 1e3;
                for (int from = 0; from < n; from += 2) {
                    double[] vs = new double[n + 1], ss = new double[n + 1];
                    V.sqDistToColumns(d, a, 2, xt, n, from, n, vs, 1);
                    S.sqDistToColumns(d, a, 2, xt, n, from, n, ss, 1);
                    assertArrayEquals(ss, vs, 0, "d = " + d + ", n = " + n + ", from = " + from);
                    // the plain row loop
                    for (int k = from; k < n; k++) {
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            double e = a[2 + c] - xt[c * n + k];
                            s += e * e;
                        }
                        assertEquals(s, vs[1 + k - from], 0);
                    }
                }
            }
        }
    }

    @Test
    void expToFloatAgreesWithTheScalarTwin() {
        java.util.Random rnd = new java.util.Random(12);
        int n = 200_003, differ = 0;
        double[] x = new double[n + OFF];
        for (int i = 0; i < n; i++) x[OFF + i] = i % 3 == 0 ? -40 * rnd.nextDouble() : (rnd.nextDouble() - 0.5) * 180;
        double[] special = {0, -0.0, 1e-300, -1e-300, 88.7, 88.73, -103.9, -104, -745.2, -800, 710, 700.1, -700.1,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Math.log(2), -Math.log(2) / 2};
        System.arraycopy(special, 0, x, OFF, special.length);
        float[] vs = new float[n + 1], ss = new float[n + 1];
        V.expToFloat(n, x, OFF, vs, 1);
        S.expToFloat(n, x, OFF, ss, 1);
        for (int i = 0; i < special.length; i++) {
            assertEquals(Float.floatToIntBits(ss[1 + i]), Float.floatToIntBits(vs[1 + i]), "exp(" + special[i] + ")");
        }
        for (int i = 0; i < n; i++) {
            if (Float.floatToIntBits(ss[1 + i]) == Float.floatToIntBits(vs[1 + i])) continue;
            differ++;
            assertEquals(ss[1 + i], vs[1 + i], Math.ulp(ss[1 + i]), "exp(" + x[OFF + i] + ")");
        }
        assertTrue(differ <= 2, differ + " of " + n + " values differ by an ulp: expected (almost) none");
        assertEquals(0f, vs[0]);
    }

    @Test
    void firstAtMostFindsTheSameRowAsTheScalarTwin() {
        java.util.Random rnd = new java.util.Random(3);
        for (int n : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 33, 100}) {
            for (int trial = 0; trial < 50; trial++) {
                float[] b = new float[n + OFF], e = new float[n + 2];
                for (int i = 0; i < n; i++) {
                    b[OFF + i] = 10 + rnd.nextFloat();
                    e[2 + i] = rnd.nextFloat();
                }
                if (n > 3 && trial % 5 == 0) e[2 + rnd.nextInt(n)] = Float.NaN; // NaN never passes
                float a = rnd.nextFloat(), bound = 8.5f + 3 * rnd.nextFloat();
                for (int from = 0; from <= n; from += 1 + n / 4) {
                    int sv = S.firstAtMost(from, n, a, b, OFF, e, 2, bound);
                    assertEquals(sv, V.firstAtMost(from, n, a, b, OFF, e, 2, bound), "n = " + n + ", from = " + from);
                    if (sv < n) assertTrue((a + b[OFF + sv]) - 2f * e[2 + sv] <= bound);
                    for (int i = from; i < sv; i++) assertFalse((a + b[OFF + i]) - 2f * e[2 + i] <= bound);
                }
            }
        }
    }

    @Test
    void allFiniteAgreesWithTheScalarTwinOnEverySpecialValueAndPosition() {
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xff800001)};
        for (int n : new int[] {0, 1, 7, 8, 9, 16, 17, 40}) {
            float[] x = new float[n + OFF];
            for (int i = 0; i < n; i++) x[OFF + i] = (i % 3 == 0 ? -1 : 1) * (i % 2 == 0 ? Float.MAX_VALUE : Float.MIN_VALUE * i);
            x[OFF - 1] = Float.NaN; // before the range: not read
            assertTrue(S.allFinite(n, x, OFF), "n = " + n);
            assertTrue(V.allFinite(n, x, OFF), "n = " + n);
            for (int at = 0; at < n; at++) {
                for (float bad : specials) {
                    float keep = x[OFF + at];
                    x[OFF + at] = bad;
                    assertFalse(S.allFinite(n, x, OFF), "n = " + n + ", " + bad + " at " + at);
                    assertFalse(V.allFinite(n, x, OFF), "n = " + n + ", " + bad + " at " + at);
                    x[OFF + at] = keep;
                }
            }
        }
    }

    @Test
    void sqDistOfIdenticalRowsIsExactlyZero() {
        float[] a = data(3, 9 * 5, 1e4f, false);
        float[] out = new float[81];
        V.sqDist(9, 9, 5, a, OFF, a, OFF, out, 0);
        for (int i = 0; i < 9; i++) assertEquals(0f, out[i * 9 + i], 0f);
        // near neighbours far from the origin: exact differences keep the tiny distance
        float[] p = {1e4f, 1e4f, 1e4f + 0.0009765625f, 1e4f};
        float[] o = new float[4];
        V.sqDist(2, 2, 2, p, 0, p, 0, o, 0);
        assertEquals(0.0009765625f * 0.0009765625f, o[1], 0f);
    }

    @Test
    void sqDistIsBitIdenticalForEveryThreadCount() {
        int m = 301, n = 517, d = 7; // m n d above the parallel threshold
        assertTrue((long) m * n * d >= VectorDistances.PARALLEL_MIN_WORK);
        float[] a = data(1, m * d, 1f, false), b = data(2, n * d, 1f, false);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[] one = new float[m * n];
            V.sqDist(m, n, d, a, OFF, b, OFF, one, 0);
            Parallel.setThreads(2);
            float[] two = new float[m * n];
            V.sqDist(m, n, d, a, OFF, b, OFF, two, 0);
            assertArrayEquals(one, two, 0f);
            float[] ref = new float[m * n];
            S.sqDist(m, n, d, a, OFF, b, OFF, ref, 0);
            for (int i = 0; i < ref.length; i++) assertEquals(ref[i], two[i], 1e-6f * 8 * ref[i]);
        } finally {
            Parallel.setThreads(before);
        }
    }
}
