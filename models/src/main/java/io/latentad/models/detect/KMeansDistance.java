package io.latentad.models.detect;

import io.latentad.models.cluster.KMeans;
import io.latentad.models.cluster.KMeansModel;
import io.latentad.models.common.Inputs;

/**
 * Distance to the nearest k-means centroid as an anomaly score: rows far from every cluster
 * centre are suspect. With {@link FittedDetector#threshold} this is the usual "flag the rows
 * beyond the p-th percentile of the training distances" rule.
 *
 * <p>Score: Euclidean distance to the nearest centroid; higher = more anomalous.
 *
 * <p>Reference: see {@link KMeans}.
 *
 * <p>Cost: the k-means fit; {@code O(k d)} per scored row.
 */
public final class KMeansDistance implements Detector {
    /** @param kmeans the clustering options (defaults: k = 8, 10 restarts, seed 0) */
    public record Options(KMeans.Options kmeans) {
        public Options {
            if (kmeans == null) throw new IllegalArgumentException("KMeansDistance: k-means options are null");
        }

        public static Options defaults() {
            return new Options(KMeans.Options.defaults());
        }
    }

    private final Options options;

    public KMeansDistance(Options options) {
        this.options = options;
    }

    public KMeansDistance() {
        this(Options.defaults());
    }

    @Override
    public String name() {
        return "kmeans";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("KMeansDistance", x);
        Model m = new Model(d, KMeans.fit(x, options.kmeans()));
        m.setTrainingScores(m.scoreRows(x));
        return m;
    }

    /** A fitted k-means model used for scoring. */
    public static final class Model extends FittedBase {
        private final KMeansModel kmeans;

        Model(int d, KMeansModel kmeans) {
            super("KMeansDistance", d);
            this.kmeans = kmeans;
        }

        public KMeansModel clustering() {
            return kmeans;
        }

        @Override
        double[] scoreRows(double[][] x) {
            double[] s = kmeans.nearestSqDistances(x);
            for (int i = 0; i < s.length; i++) s[i] = Math.sqrt(s[i]);
            return s;
        }
    }
}
