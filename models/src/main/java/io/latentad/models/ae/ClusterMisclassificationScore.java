package io.latentad.models.ae;

import io.latentad.models.cluster.KMeans;
import io.latentad.models.cluster.KMeansModel;

import java.util.Arrays;

/**
 * The cluster misclassification score (Norlander and Sopasakis, section 4.4): the kept training
 * codes are clustered by k-means (k = the number of classes by default), each cluster takes the
 * majority class of its training rows, and a row whose label differs from the majority class of
 * its nearest cluster is anomalous. Graded by distance:
 *
 * <pre>score = min over clusters c with majority(c) = y of ||z - c||  -  min over all clusters ||z - c||</pre>
 *
 * which is 0 when the nearest cluster agrees with the label and grows with how far the code sits
 * from any cluster of its own class. When no cluster has majority y, the mean of class y's training
 * codes stands in for its cluster. Needs labels on the scored rows. A model with a learned prior
 * ({@link TrainedAutoencoder#learnedPrior}, gmvae) and {@code k} unset uses its own clusters instead of
 * k-means: each training code's most responsible mixture component, with the component means as the
 * cluster centres.
 *
 * <p>Reference: E. Norlander and A. Sopasakis, "Latent space conditioning for improved
 * classification and anomaly detection", arXiv:1911.10599 (2019), section 4.4. Departs from the
 * paper: the grading by distance is ours (the paper flags rows 0/1).
 */
public final class ClusterMisclassificationScore implements AeScorer {
    private final int k;
    private final long seed;

    /** {@code k} clusters (0 = the number of classes); k-means seeded by {@code seed}. */
    public ClusterMisclassificationScore(int k, long seed) {
        if (k < 0) throw new IllegalArgumentException("misclass: k = " + k + ", expected >= 0");
        this.k = k;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "misclass";
    }

    @Override
    public boolean readsClasses(TrainedAutoencoder model) {
        return true;
    }

    @Override
    public double[] score(TrainedAutoencoder model, TrainedAutoencoder.Embedding e, double[][] x, int[] labels) {
        if (labels == null) throw new IllegalArgumentException("scorer misclass needs class labels on the data (--label COL)");
        int[] trainLabels = model.trainingLabels();
        if (trainLabels == null) throw new IllegalArgumentException("scorer misclass needs a model trained with class labels");
        AeScorer.requireKnownClasses(model, labels);
        int classes = model.classes().length;
        double[][] codes = model.trainingCodes().mu();
        double[][] c;
        int[] cluster;
        LearnedPrior prior = k == 0 ? model.learnedPrior() : null;
        if (prior != null) {   // the learned mixture's clusters (responsibilities)
            c = prior.means();
            cluster = prior.clusters(model.trainingCodes());
        } else {
            KMeansModel km = KMeans.fit(codes, KMeans.Options.defaults()
                    .withK(Math.min(k == 0 ? classes : k, codes.length)).withRestarts(4).withSeed(seed));
            c = km.centroids();
            cluster = km.labels();
        }
        int[][] votes = new int[c.length][classes];
        double[][] classMean = new double[classes][model.latent()];
        int[] classCount = new int[classes];
        for (int i = 0; i < codes.length; i++) {
            votes[cluster[i]][trainLabels[i]]++;
            classCount[trainLabels[i]]++;
            for (int j = 0; j < model.latent(); j++) classMean[trainLabels[i]][j] += codes[i][j];
        }
        int[] majority = new int[c.length];
        for (int j = 0; j < c.length; j++) {
            for (int y = 1; y < classes; y++) if (votes[j][y] > votes[j][majority[j]]) majority[j] = y;
        }
        for (int y = 0; y < classes; y++) for (int j = 0; j < model.latent(); j++) classMean[y][j] /= Math.max(1, classCount[y]);
        double[][] z = e.codes().mu();
        double[] s = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double all = Double.POSITIVE_INFINITY, own = Double.POSITIVE_INFINITY;
            for (int j = 0; j < c.length; j++) {
                double d = Math.sqrt(PriorTailScore.sq(z[i], c[j]));
                all = Math.min(all, d);
                if (majority[j] == labels[i] && votes[j][majority[j]] > 0) own = Math.min(own, d);
            }
            if (own == Double.POSITIVE_INFINITY) {
                if (classCount[labels[i]] == 0) {
                    throw new IllegalArgumentException("row " + i + " has class " + model.classes()[labels[i]]
                            + ", which has no kept training codes");
                }
                own = Math.sqrt(PriorTailScore.sq(z[i], classMean[labels[i]]));
            }
            s[i] = Math.max(0, own - all);
        }
        return s;
    }

    @Override
    public String toString() {
        return name() + Arrays.toString(new long[] {k, seed});
    }
}
