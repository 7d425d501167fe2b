package io.latentad.models.ae;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.net.Network;
import io.latentad.models.common.Params;

import java.util.Arrays;
import java.util.Map;

/**
 * The denoising autoencoder: reconstructs the clean row from a corrupted copy,
 * {@code min E[-log p(x | dec(enc(c(x))))]}, which forces the code to capture the structure of
 * the data rather than the identity. Corruptions ({@code noise} = level):
 * <ul>
 *   <li>gaussian: {@code x + N(0, noise^2)};</li>
 *   <li>masking: each entry set to 0 with probability {@code noise};</li>
 *   <li>salt-and-pepper: each entry, with probability {@code noise}, set to the training minimum
 *       or maximum of its feature (a fair coin chooses).</li>
 * </ul>
 * Scores are computed from clean inputs (no corruption at scoring time).
 *
 * <p>Reference: P. Vincent, H. Larochelle, Y. Bengio, P.-A. Manzagol, "Extracting and Composing
 * Robust Features with Denoising Autoencoders", ICML 2008, doi:10.1145/1390156.1390294.
 *
 * <p>Cost: as the {@link Autoencoder}, plus O(batch x inputs) for the noise.
 */
public final class DenoisingAutoencoder implements Objective {
    /** Denoising corruption. */
    public enum Corruption { GAUSSIAN, MASKING, SALTPEPPER }

    /**
     * @param corruption the noise ({@code corruption}: gaussian (default), masking, saltpepper)
     * @param noise      its level: std (gaussian) or share of corrupted entries ({@code noise}, 0.2)
     */
    public record Options(Corruption corruption, double noise) implements ModelOptions {
        public Options {
            if (corruption == null) throw Params.bad("corruption", "null", "gaussian, masking or saltpepper");
            if (!(noise >= 0 && noise < 1e6)) throw Params.bad("noise", noise, ">= 0");
            if ((corruption == Corruption.MASKING || corruption == Corruption.SALTPEPPER) && !(noise < 1)) {
                throw Params.bad("noise", noise, "a share in [0, 1) for " + Params.lower(corruption));
            }
        }

        static Options read(Params.Reader p) {
            return new Options(p.enumValue("corruption", Corruption.class, Corruption.GAUSSIAN), p.real("noise", 0.2));
        }

        @Override
        public void write(Map<String, String> out) {
            out.put("corruption", Params.lower(corruption));
            out.put("noise", Double.toString(noise));
        }

        @Override
        public Objective objective(ObjectiveContext c) {
            double[][] x = c.x();
            int d = x[0].length;
            double[] lo = new double[d], hi = new double[d];
            Arrays.fill(lo, Double.POSITIVE_INFINITY);
            Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            for (double[] r : x) {
                for (int j = 0; j < d; j++) {
                    lo[j] = Math.min(lo[j], r[j]);
                    hi[j] = Math.max(hi[j], r[j]);
                }
            }
            return new DenoisingAutoencoder(c.network(), c.bernoulli(), this, lo, hi);
        }
    }

    private final Network net;
    private final boolean bernoulli;
    private final Corruption corruption;
    private final double level;
    private final double[] lo;
    private final double[] hi;

    DenoisingAutoencoder(Network net, boolean bernoulli, Options o, double[] featureMin, double[] featureMax) {
        this.net = net;
        this.bernoulli = bernoulli;
        this.corruption = o.corruption();
        this.level = o.noise();
        this.lo = featureMin;
        this.hi = featureMax;
    }

    @Override
    public LossTerms loss(Batch b) {
        Var noisy = Var.constant(corrupt(b.x().value(), b.noise()));
        Var out = net.decode(net.encode(noisy).mu());
        return new LossTerms().add("recon", Reconstruction.loss(out, b.x(), bernoulli, b.weights()), 1);
    }

    private Tensor corrupt(Tensor x, Rng rng) {
        if (corruption == Corruption.MASKING) return InputDropout.mask(x, level, rng);
        Tensor c = x.copy();
        float[] d = c.data();
        int cols = x.dim(1);
        for (int i = 0; i < d.length; i++) {
            switch (corruption) {
                case GAUSSIAN -> d[i] += (float) (level * rng.nextGaussian());
                case SALTPEPPER -> {
                    if (rng.nextDouble() < level) d[i] = (float) (rng.nextDouble() < 0.5 ? lo[i % cols] : hi[i % cols]);
                }
            }
        }
        return c;
    }
}
