package io.latentad.models.ae;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

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
    private final DenseCodec codec;
    private final boolean bernoulli;
    private final AeOptions.Corruption corruption;
    private final double level;
    private final double[] lo;
    private final double[] hi;

    DenoisingAutoencoder(DenseCodec codec, boolean bernoulli, AeOptions o, double[] featureMin, double[] featureMax) {
        this.codec = codec;
        this.bernoulli = bernoulli;
        this.corruption = o.corruption();
        this.level = o.noise();
        this.lo = featureMin;
        this.hi = featureMax;
    }

    @Override
    public LossTerms loss(Batch b) {
        Var noisy = Var.constant(corrupt(b.x().value(), b.noise()));
        Var out = codec.decode(codec.encode(noisy).mu());
        return new LossTerms().add("recon", Reconstruction.loss(out, b.x(), bernoulli, b.weights()), 1);
    }

    private Tensor corrupt(Tensor x, Rng rng) {
        if (corruption == AeOptions.Corruption.MASKING) return InputDropout.mask(x, level, rng);
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
