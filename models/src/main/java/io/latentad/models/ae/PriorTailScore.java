package io.latentad.models.ae;

/**
 * The prior tail score of the CL-VAE: {@code -log N(z; mu_c, I) = 1/2 ||z - mu_c||^2 + d/2 log 2 pi},
 * {@code z} the row's code and {@code mu_c} the prior mean of its given class, or of the nearest
 * class mean when the data has no labels. A row whose code lies in the tail of its class's prior
 * is anomalous for that class. For models without class means (vae, aae with the Gaussian prior)
 * the prior is N(0, I); for gmvae it is the learned mixture, {@code -log sum_k pi_k N(z; m_k, s_k^2)}
 * ({@link GaussianMixtureVae}). Deterministic encoders (ae, dae, sae, cae) have no prior: refused.
 *
 * <p>Reference: E. Norlander and A. Sopasakis, arXiv:1911.10599 (2019).
 */
public final class PriorTailScore implements AeScorer {
    /** With class means, the prior of the row's class. */
    @Override
    public boolean readsClasses(TrainedAutoencoder model) {
        return model.classMeans() != null;
    }

    @Override
    public String name() {
        return "prior";
    }

    @Override
    public double[] score(TrainedAutoencoder model, TrainedAutoencoder.Embedding e, double[][] x, int[] labels) {
        LearnedPrior learned = model.learnedPrior();
        if (learned != null) {
            double[] logP = learned.logDensity(e.codes().mu());
            for (int i = 0; i < logP.length; i++) logP[i] = -logP[i];
            return logP;
        }
        double[][] means = model.classMeans();
        if (means == null) {
            if (!model.kind().variational() && model.kind() != ModelKind.AAE) {
                throw new IllegalArgumentException("scorer prior needs a model with a prior (clvae, vae, aae), not "
                        + model.kind().cliName());
            }
            means = new double[1][model.latent()];
            labels = null;
        } else {
            AeScorer.requireKnownClasses(model, labels);
        }
        double[][] z = e.codes().mu();
        double c = 0.5 * model.latent() * Math.log(2 * Math.PI);
        double[] s = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            if (labels != null) {
                best = sq(z[i], means[labels[i]]);
            } else {
                for (double[] m : means) best = Math.min(best, sq(z[i], m));
            }
            s[i] = 0.5 * best + c;
        }
        return s;
    }

    static double sq(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
        return s;
    }
}
