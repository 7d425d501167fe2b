package io.latentad.engine.tensor;

import java.util.Arrays;

/** Shape arithmetic and the checks that name both shapes when they disagree. */
public final class Shapes {
    private Shapes() {
    }

    /** Number of elements of a shape; checks every dimension is non-negative. */
    public static int size(int[] shape) {
        if (shape == null) throw new IllegalArgumentException("shape is null");
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " has a negative dimension");
            n *= d;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
        }
        return (int) n;
    }

    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Throws unless {@code a} and {@code b} have the same shape. */
    public static void requireSame(String op, Tensor a, Tensor b) {
        requireNonNull(op, a, b);
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": shapes " + str(a.shape()) + " and "
                    + str(b.shape()) + " differ");
        }
    }

    /** Throws unless the tensor has the given rank. */
    public static void requireRank(String op, Tensor a, int rank) {
        requireNonNull(op, a);
        if (a.rank() != rank) {
            throw new IllegalArgumentException(op + ": expected a rank-" + rank + " tensor, got shape "
                    + str(a.shape()));
        }
    }

    public static void requireNonNull(String op, Tensor... ts) {
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] == null) throw new IllegalArgumentException(op + ": argument " + i + " is null");
        }
    }
}
