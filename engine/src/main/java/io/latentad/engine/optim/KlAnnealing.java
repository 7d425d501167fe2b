package io.latentad.engine.optim;

/**
 * The weight {@code beta} of the KL term of a VAE as a function of the step (0-based): KL
 * annealing keeps the decoder from ignoring the latent code early in training.
 *
 * <ul>
 *   <li>{@code constant(b)}: always {@code b} (the plain beta-VAE);</li>
 *   <li>{@code linear(warmup, b)}: from 0 up to {@code b} over {@code warmup} steps (Bowman et
 *       al., "Generating Sentences from a Continuous Space", CoNLL 2016);</li>
 *   <li>{@code cyclical(period, ratio, b)}: within each period of steps, rises linearly over the
 *       first {@code ratio} of it and then stays at {@code b} (Fu et al., "Cyclical Annealing
 *       Schedule", NAACL 2019).</li>
 * </ul>
 *
 * @param period steps per cycle (linear: the warm-up; constant: 0)
 * @param ratio  fraction of the period spent rising (linear: 1)
 * @param max    the final weight
 * @param cyclic whether the ramp restarts every period
 */
public record KlAnnealing(int period, double ratio, double max, boolean cyclic) {
    public KlAnnealing {
        if (period < 0) throw new IllegalArgumentException("KlAnnealing: period = " + period + ", expected >= 0");
        if (!(ratio > 0 && ratio <= 1)) throw new IllegalArgumentException("KlAnnealing: ratio = " + ratio + ", expected (0, 1]");
        if (!(max >= 0) || Double.isInfinite(max)) throw new IllegalArgumentException("KlAnnealing: max = " + max + ", expected >= 0");
        if (cyclic && period == 0) throw new IllegalArgumentException("KlAnnealing: a cyclical schedule needs period >= 1");
    }

    public static KlAnnealing constant(double beta) {
        return new KlAnnealing(0, 1, beta, false);
    }

    public static KlAnnealing linear(int warmup, double beta) {
        return new KlAnnealing(warmup, 1, beta, false);
    }

    public static KlAnnealing cyclical(int period, double ratio, double beta) {
        return new KlAnnealing(period, ratio, beta, true);
    }

    /** The KL weight at {@code step}. */
    public double beta(int step) {
        if (step < 0) throw new IllegalArgumentException("KlAnnealing: step = " + step + ", expected >= 0");
        if (period == 0) return max;
        if (!cyclic && step >= period) return max;
        double phase = (double) (step % period) / period;
        return max * Math.min(1, phase / ratio);
    }
}
