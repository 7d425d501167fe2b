package io.latentad.models.detect;

import io.latentad.models.cluster.GaussianMixture;
import io.latentad.models.cluster.GaussianMixtureModel;
import io.latentad.models.common.Inputs;

/**
 * A Gaussian mixture's negative log-likelihood as an anomaly score: rows the fitted mixture finds
 * improbable are suspect.
 *
 * <p>Score: {@code -log p(x)}; higher = more anomalous.
 *
 * <p>Reference: see {@link GaussianMixture}.
 *
 * <p>Cost: the EM fit; {@code O(k d^2)} per scored row (full covariances).
 */
public final class GmmLikelihood implements Detector {
    /** @param mixture the mixture options (defaults: k = 1, full covariance, seed 0) */
    public record Options(GaussianMixture.Options mixture) {
        public Options {
            if (mixture == null) throw new IllegalArgumentException("GmmLikelihood: mixture options are null");
        }

        public static Options defaults() {
            return new Options(GaussianMixture.Options.defaults());
        }
    }

    private final Options options;

    public GmmLikelihood(Options options) {
        this.options = options;
    }

    public GmmLikelihood() {
        this(Options.defaults());
    }

    @Override
    public String name() {
        return "gmm";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("GmmLikelihood", x);
        Model m = new Model(d, GaussianMixture.fit(x, options.mixture()));
        m.setTrainingScores(m.scoreRows(x));
        return m;
    }

    /** A fitted mixture used for scoring. */
    public static final class Model extends FittedBase {
        private final GaussianMixtureModel mixture;

        Model(int d, GaussianMixtureModel mixture) {
            super("GmmLikelihood", d);
            this.mixture = mixture;
        }

        public GaussianMixtureModel mixture() {
            return mixture;
        }

        @Override
        double[] scoreRows(double[][] x) {
            double[] s = mixture.logLikelihood(x);
            for (int i = 0; i < s.length; i++) s[i] = -s[i];
            return s;
        }
    }
}
