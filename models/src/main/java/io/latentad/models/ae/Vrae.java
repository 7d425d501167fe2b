package io.latentad.models.ae;

import io.latentad.models.ae.net.NetworkOptions;
import io.latentad.models.ae.net.RecurrentNetwork;
import io.latentad.models.common.Params;

import java.util.Map;

/**
 * The variational recurrent autoencoder of Pereira and Silveira for time series: a {@link Vae}
 * whose network is the Bi-LSTM {@link RecurrentNetwork} ({@code net=lstm} by default), trained by
 * the talk's framework, each part an option with the talk's (and the PyTorch peer's) value as its
 * default:
 * <ul>
 *   <li>denoising criterion: additive Gaussian noise of std {@code noise} (0.05) on the encoder's input;</li>
 *   <li>L1 sparsity on the encoder's summary {@code e = [h_fwd, h_bwd]}: {@code l1 * mean over rows of ||e||_1} (1e-4);</li>
 *   <li>KL cost annealing: beta rises linearly over {@code warmup} steps (32: two epochs of the 500 ECG5000
 *       training beats at batch 32);</li>
 *   <li>AMSGrad, gradient-norm clipping at 5, Xavier / orthogonal initialisation (the network's).</li>
 * </ul>
 * The loss per sequence is {@code gamma * 1/2 ||x - x_hat||^2 + beta_t KL + l1 term} (the peer sums
 * squared errors without the 1/2: a factor on the reconstruction, no other change).
 *
 * <p>Reference: J. Pereira and M. Silveira, "Unsupervised Anomaly Detection in Energy Time Series Data
 * Using Variational Recurrent Autoencoders with Attention", ICMLA 2018; "Learning representations from
 * healthcare time series data for unsupervised anomaly detection", BigComp 2019. Departs from the
 * papers: no variational self-attention.
 *
 * <p>Cost: two Bi-LSTM passes (encoder and decoder) per sequence forward and backward,
 * O(T H (H + C + L)) per direction.
 */
public final class Vrae {
    /**
     * @param elbo  the VAE's weights ({@code beta}, {@code gamma}, {@code warmup}, {@code input_dropout})
     * @param noise std of the denoising noise ({@code noise}, 0.05), &gt;= 0
     * @param l1    weight of the L1 penalty on the encoder summary ({@code l1}, 1e-4), &gt;= 0
     */
    public record Options(Vae.Options elbo, double noise, double l1) implements ModelOptions {
        public Options {
            if (elbo == null) throw new IllegalArgumentException("vrae: the ELBO options are required");
            if (!(noise >= 0) || Double.isInfinite(noise)) throw Params.bad("noise", noise, ">= 0");
            if (!(l1 >= 0) || Double.isInfinite(l1)) throw Params.bad("l1", l1, ">= 0");
        }

        static Options read(Params.Reader p) {
            return new Options(Vae.Options.read(p), p.real("noise", 0.05), p.real("l1", 1e-4));
        }

        @Override
        public void write(Map<String, String> out) {
            elbo.write(out);
            out.put("noise", Double.toString(noise));
            out.put("l1", Double.toString(l1));
        }

        @Override
        public Objective objective(ObjectiveContext c) {
            return new Vae(c.network(), c.bernoulli(), elbo, null, noise, l1);
        }

        @Override
        public void check(NetworkOptions net) {
            // any network with a summary works; the recurrent one is the default
        }
    }

    private Vrae() {
    }
}
