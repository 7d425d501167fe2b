package io.latentad.models.cluster;

import io.latentad.models.common.Inputs;

/**
 * A fitted Gaussian mixture (immutable): per-row log-likelihood, hard and soft assignments, and
 * the information criteria used to choose the number of components.
 */
public final class GaussianMixtureModel {
    private final MixtureComponents comps;
    private final double trainMeanLogLikelihood;
    private final boolean converged;
    private final int iterations;

    GaussianMixtureModel(MixtureComponents comps, double trainMeanLogLikelihood, boolean converged, int iterations) {
        this.comps = comps;
        this.trainMeanLogLikelihood = trainMeanLogLikelihood;
        this.converged = converged;
        this.iterations = iterations;
    }

    public int k() {
        return comps.k;
    }

    public int dimension() {
        return comps.d;
    }

    public CovarianceType covarianceType() {
        return comps.type;
    }

    /** Mean log-likelihood of the training rows under the final parameters. */
    public double meanLogLikelihood() {
        return trainMeanLogLikelihood;
    }

    /** Whether EM stopped on the tolerance rather than the iteration cap. */
    public boolean converged() {
        return converged;
    }

    public int iterations() {
        return iterations;
    }

    /** Mixture weights (a fresh copy). */
    public double[] weights() {
        return comps.weights.clone();
    }

    /** Component means, {@code k x d}. */
    public double[][] means() {
        return GaussianMixture.unflatten(comps.means, comps.k, comps.d);
    }

    /**
     * Covariances as in scikit-learn's {@code covariances_}: full {@code k x d x d} flattened per
     * component to {@code k x (d*d)}, diag {@code k x d}, spherical {@code k x 1}.
     */
    public double[][] covariances() {
        int per = comps.covariances.length / comps.k;
        return GaussianMixture.unflatten(comps.covariances, comps.k, per);
    }

    /** {@code log p(x)} of each row (scikit-learn's {@code score_samples}). */
    public double[] logLikelihood(double[][] x) {
        Inputs.requireRows("GaussianMixture", x, comps.d);
        return GaussianMixture.logLikelihoods(comps, Inputs.flatten(x, comps.d), x.length);
    }

    /** Mean of {@link #logLikelihood} (scikit-learn's {@code score}). */
    public double score(double[][] x) {
        double[] ll = logLikelihood(x);
        if (ll.length == 0) throw new IllegalArgumentException("GaussianMixture: data is empty: expected at least one row");
        double s = 0;
        for (double v : ll) s += v;
        return s / ll.length;
    }

    /** Posterior probability of each component for each row ({@code n x k}). */
    public double[][] predictProba(double[][] x) {
        Inputs.requireRows("GaussianMixture", x, comps.d);
        int n = x.length, k = comps.k;
        double[] resp = new double[n * k];
        GaussianMixture.eStep(comps, Inputs.flatten(x, comps.d), n, resp);
        return GaussianMixture.unflatten(resp, n, k);
    }

    /** Most probable component of each row (ties to the lower index). */
    public int[] predict(double[][] x) {
        double[][] p = predictProba(x);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int arg = 0;
            for (int c = 1; c < p[i].length; c++) if (p[i][c] > p[i][arg]) arg = c;
            out[i] = arg;
        }
        return out;
    }

    /** Number of free parameters: {@code k - 1} weights, {@code k d} means, the covariances. */
    public long parameters() {
        return comps.parameters();
    }

    /** Bayesian information criterion on {@code x}: {@code -2 n mean log p + p log n} (lower is better). */
    public double bic(double[][] x) {
        return -2 * score(x) * x.length + parameters() * Math.log(x.length);
    }

    /** Akaike information criterion on {@code x}: {@code -2 n mean log p + 2 p} (lower is better). */
    public double aic(double[][] x) {
        return -2 * score(x) * x.length + 2 * parameters();
    }
}
