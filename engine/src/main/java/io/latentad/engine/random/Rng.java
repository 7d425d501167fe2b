package io.latentad.engine.random;

import java.util.SplittableRandom;

/**
 * A seeded random stream. Every stochastic component of latentad takes one of these (or a seed to
 * make one), and hands independent sub-streams to its parts with {@link #split()}, so that the
 * same seed gives the same bits whatever else draws random numbers (Tribuo's habit).
 *
 * <p>Normal deviates use the Marsaglia polar method written here rather than
 * {@code RandomGenerator.nextGaussian()}, whose algorithm is not pinned across JDK releases: the
 * same seed gives the same numbers on JDK 17 and JDK 25.
 *
 * <p>Not thread-safe: give each thread its own split.
 */
public final class Rng {
    private final SplittableRandom random;
    private double spareNormal;
    private boolean hasSpare;

    public Rng(long seed) {
        this(new SplittableRandom(seed));
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream; this stream advances by one draw. */
    public Rng split() {
        return new Rng(random.split());
    }

    public long nextLong() {
        return random.nextLong();
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Standard normal by the Marsaglia polar method (two deviates per accepted pair). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareNormal;
        }
        double u, v, s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareNormal = v * m;
        hasSpare = true;
        return u * m;
    }

    /** Fisher-Yates shuffle of {@code 0..n-1}. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
