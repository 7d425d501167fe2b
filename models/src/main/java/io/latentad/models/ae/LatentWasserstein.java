package io.latentad.models.ae;

import io.latentad.engine.random.Rng;

import java.util.Arrays;

/**
 * The latent Wasserstein score of Pereira and Silveira: the median, over {@code N_W} training
 * codes, of the squared 2-Wasserstein distance between the row's posterior and theirs. For
 * diagonal Gaussians it has a closed form,
 * {@code W2^2(N(m1, S1), N(m2, S2)) = ||m1 - m2||^2 + ||s1 - s2||^2} with {@code s} the standard
 * deviations. A row whose posterior is far from most training posteriors scores high; the median
 * makes the score robust to a few near neighbours. For deterministic encoders the deviations
 * are 0 and the distance is the squared Euclidean one.
 *
 * <p>Reference: J. Pereira and M. Silveira, "Unsupervised Anomaly Detection in Energy Time Series
 * Data Using Variational Recurrent Autoencoders with Attention", ICMLA 2018,
 * doi:10.1109/ICMLA.2018.00207.
 *
 * <p>Cost: O(rows x N_W x (latent + log N_W)). The reference codes are the kept training codes, a seeded
 * sample of them when there are more than N_W.
 *
 * <p>N_W defaults to 1000: the score is a sample median, and a sample of 100 codes (the first default) made
 * it noisy: on ECG5000 (unsupervised, VRAE H = 128, 10 epochs, 5 seeds) ROC-AUC 0.963 +- 0.021 with 100
 * references against 0.977 +- 0.011 with all 500 training codes (bench/notes/ts.md).
 */
public final class LatentWasserstein implements AeScorer {
    /** References when not told: every kept training code, up to this many. */
    public static final int DEFAULT_REFERENCES = 1000;

    private final int references;
    private final long seed;

    public LatentWasserstein(int references, long seed) {
        if (references < 1) throw new IllegalArgumentException("wasserstein: references = " + references + ", expected >= 1");
        this.references = references;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "wasserstein";
    }

    @Override
    public double[] score(TrainedAutoencoder model, TrainedAutoencoder.Embedding e, double[][] x, int[] labels) {
        TrainedAutoencoder.Codes train = model.trainingCodes(), c = e.codes();
        int m = Math.min(references, train.mu().length), d = model.latent();
        int[] pick = Arrays.copyOf(new Rng(seed).permutation(train.mu().length), m);
        double[][] rm = new double[m][], rs = new double[m][d];
        for (int k = 0; k < m; k++) {
            rm[k] = train.mu()[pick[k]];
            for (int j = 0; j < d; j++) rs[k][j] = train.logVar() == null ? 0 : Math.exp(0.5 * train.logVar()[pick[k]][j]);
        }
        double[] s = new double[x.length], w = new double[m], sd = new double[d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) sd[j] = c.logVar() == null ? 0 : Math.exp(0.5 * c.logVar()[i][j]);
            for (int k = 0; k < m; k++) {
                double t = 0;
                for (int j = 0; j < d; j++) {
                    double dm = c.mu()[i][j] - rm[k][j], ds = sd[j] - rs[k][j];
                    t += dm * dm + ds * ds;
                }
                w[k] = t;
            }
            Arrays.sort(w);
            s[i] = m % 2 == 1 ? w[m / 2] : 0.5 * (w[m / 2 - 1] + w[m / 2]);
        }
        return s;
    }
}
