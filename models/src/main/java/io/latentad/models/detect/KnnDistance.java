package io.latentad.models.detect;

import io.latentad.models.common.Inputs;

import java.util.Locale;

/**
 * Distance-based outliers: a row is as anomalous as it is far from its k nearest neighbours.
 *
 * <p>The score is the Euclidean distance to the k-th nearest neighbour ({@link Method#LARGEST}, Ramaswamy et al.),
 * or the mean ({@link Method#MEAN}, Angiulli &amp; Pizzuti's weight divided by k) or the median
 * ({@link Method#MEDIAN}) of the distances to the k nearest. Higher = more anomalous. {@link Model#trainingScores()}
 * leave each fitted row out of its own neighbours; {@link Model#score} measures new rows against the fitted ones
 * (an exact copy of a fitted row is at distance 0 from it). As PyOD's {@code KNN} (its defaults too: k = 5, the
 * k-th distance), whose neighbours and these scores equal scikit-learn's {@code NearestNeighbors}.
 *
 * <p>References: S. Ramaswamy, R. Rastogi, K. Shim, Efficient algorithms for mining outliers from large data
 * sets, SIGMOD 2000, doi:10.1145/342009.335437; F. Angiulli, C. Pizzuti, Fast outlier detection in high
 * dimensional spaces, PKDD 2002, doi:10.1007/3-540-45681-3_2.
 *
 * <p>Cost: the neighbour queries of {@link LocalOutlierFactor} (k-d tree in low dimensions, blocked GEMM in high).
 */
public final class KnnDistance implements Detector {
    /** How the k distances become one score. */
    public enum Method {
        LARGEST, MEAN, MEDIAN;

        /** {@code largest}, {@code mean} or {@code median}. */
        public static Method parse(String s) {
            return switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
                case "largest" -> LARGEST;
                case "mean" -> MEAN;
                case "median" -> MEDIAN;
                default -> throw new IllegalArgumentException("detector knn: method = '" + s + "': expected largest, mean or median");
            };
        }
    }

    /**
     * @param k      neighbours (default 5)
     * @param method how their distances are combined (default {@link Method#LARGEST})
     */
    public record Options(int k, Method method) {
        public Options {
            Inputs.requireAtLeast("KnnDistance", "k", k, 1);
            if (method == null) throw new IllegalArgumentException("KnnDistance: method is null: expected largest, mean or median");
        }

        public static Options defaults() {
            return new Options(5, Method.LARGEST);
        }
    }

    private final Options options;

    public KnnDistance(Options options) {
        this.options = options;
    }

    public KnnDistance() {
        this(Options.defaults());
    }

    @Override
    public String name() {
        return "knn";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("KnnDistance", x);
        int n = x.length, k = options.k();
        if (k > n - 1) {
            throw new IllegalArgumentException("KnnDistance: k = " + k + " needs more than " + k + " rows (each row's neighbours leave "
                    + "it out), got " + n + ": expected k <= " + (n - 1));
        }
        NeighborSearch index = NeighborSearch.over(Inputs.flatten(x, d), n, d);
        int[] nbr = new int[n * k];
        double[] dist = new double[n * k];
        LocalOutlierFactor.neighboursOfFitted(index, n, k, nbr, dist);
        Model m = new Model(d, index, k, options.method());
        m.setTrainingScores(m.combine(dist, n));
        return m;
    }

    /** A fitted kNN detector: the indexed rows. */
    public static final class Model extends FittedBase {
        private final NeighborSearch index;
        private final int k;
        private final Method method;

        Model(int d, NeighborSearch index, int k, Method method) {
            super("KnnDistance", d);
            this.index = index;
            this.k = k;
            this.method = method;
        }

        /** Each row's score against the fitted rows. */
        @Override
        double[] scoreRows(double[][] x) {
            int m = x.length;
            int[] nbr = new int[m * k];
            double[] dist = new double[m * k];
            index.knnAll(Inputs.flatten(x, dimension()), m, k, nbr, dist);
            return combine(dist, m);
        }

        /** The score of each of {@code m} rows from its k ascending distances ({@code dist[i * k + j]}). */
        double[] combine(double[] dist, int m) {
            double[] out = new double[m];
            for (int i = 0; i < m; i++) {
                int o = i * k;
                switch (method) {
                    case LARGEST -> out[i] = dist[o + k - 1];
                    case MEAN -> {
                        double s = 0;
                        for (int j = 0; j < k; j++) s += dist[o + j];
                        out[i] = s / k;
                    }
                    case MEDIAN -> out[i] = k % 2 == 1 ? dist[o + k / 2] : (dist[o + k / 2 - 1] + dist[o + k / 2]) / 2; // ascending
                    default -> throw new IllegalStateException("method " + method);
                }
            }
            return out;
        }
    }
}
