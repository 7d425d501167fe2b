package io.latentad.models.detect;

import io.latentad.engine.kernel.Parallel;
import io.latentad.models.common.Inputs;

/**
 * Local outlier factor: how much sparser a row's neighbourhood is than its neighbours'
 * neighbourhoods.
 *
 * <p>With {@code N_k(p)} the k nearest neighbours of p and {@code k-dist(o)} the distance from o to
 * its k-th neighbour, the reachability distance is {@code reach(p, o) = max(k-dist(o), d(p, o))},
 * the local reachability density {@code lrd(p) = 1 / mean_{o in N_k(p)} reach(p, o)}, and
 * {@code LOF(p) = mean_{o in N_k(p)} lrd(o) / lrd(p)}.
 *
 * <p>Score: the LOF itself; about 1 inside a cluster of even density, clearly above 1 for rows
 * sparser than their surroundings; higher = more anomalous. {@link Model#trainingScores()} are
 * the LOFs of the fitted rows (each excluded from its own neighbourhood); {@link Model#score}
 * treats its rows as new points (novelty mode) against the fitted rows, whose k-distances and
 * densities stay fixed.
 *
 * <p>Departures from the paper, all as scikit-learn does so scores compare one to one: exactly k
 * neighbours (the paper includes every tie at the k-th distance), {@code 1e-10} added to the mean
 * reachability so duplicates give a large finite density instead of infinity, k reduced to
 * {@code n - 1} when {@code k >= n} (scikit-learn warns when {@code k > n}; the command line notes it), and a
 * fitted row's own index is dropped from its k + 1
 * neighbours (the first neighbour when it has more than k duplicates).
 *
 * <p>Reference: M. M. Breunig, H.-P. Kriegel, R. T. Ng, J. Sander, LOF: identifying density-based
 * local outliers, SIGMOD 2000, doi:10.1145/342009.335388.
 *
 * <p>Cost: the k-nearest-neighbour queries, {@code O(n log n)} with the k-d tree in low
 * dimensions and {@code O(n^2 d)} by brute force in high; memory {@code O(n (d + k))}.
 */
public final class LocalOutlierFactor implements Detector {
    /** Added to the mean reachability distance (scikit-learn's constant). */
    private static final double DENSITY_EPS = 1e-10;

    /** @param k number of neighbours (default 20) */
    public record Options(int k) {
        public Options {
            Inputs.requireAtLeast("LocalOutlierFactor", "k", k, 1);
        }

        public static Options defaults() {
            return new Options(20);
        }
    }

    private final Options options;

    public LocalOutlierFactor(Options options) {
        this.options = options;
    }

    /** The options it was made with. */
    public Options options() {
        return options;
    }

    public LocalOutlierFactor() {
        this(Options.defaults());
    }

    @Override
    public String name() {
        return "lof";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("LocalOutlierFactor", x);
        int n = x.length;
        if (n < 2) throw new IllegalArgumentException("LocalOutlierFactor: 1 row: expected at least 2");
        int k = Math.min(options.k(), n - 1);
        double[] xs = Inputs.flatten(x, d);
        NeighborSearch index = NeighborSearch.over(xs, n, d);
        int[] nbr = new int[n * k];
        double[] dist = new double[n * k];
        neighboursOfFitted(index, n, k, nbr, dist);
        double[] kdist = new double[n];
        for (int i = 0; i < n; i++) kdist[i] = dist[i * k + k - 1];
        double[] lrd = new double[n];
        Parallel.forRange(n, 1024, (from, to) -> {
            for (int i = from; i < to; i++) lrd[i] = localReachabilityDensity(nbr, dist, i, k, kdist);
        });
        Model m = new Model(d, index, k, kdist, lrd);
        m.setTrainingScores(m.factors(nbr, dist, lrd, n));
        return m;
    }

    /** k nearest neighbours of every fitted row, the row itself left out. */
    static void neighboursOfFitted(NeighborSearch index, int n, int k, int[] nbr, double[] dist) {
        int k1 = k + 1;
        int[] idx1 = new int[n * k1];
        double[] dist1 = new double[n * k1];
        index.knnOfIndexed(k1, idx1, dist1);
        for (int i = 0; i < n; i++) {
            int drop = 0; // when the row is not among its k + 1 nearest (more than k duplicates), drop the first
            for (int j = 0; j < k1; j++) {
                if (idx1[i * k1 + j] == i) {
                    drop = j;
                    break;
                }
            }
            for (int j = 0, o = 0; j < k1; j++) {
                if (j == drop) continue;
                nbr[i * k + o] = idx1[i * k1 + j];
                dist[i * k + o] = dist1[i * k1 + j];
                o++;
            }
        }
    }

    /** {@code 1 / (mean reach(p, o) + 1e-10)} over the k neighbours o of row {@code i}. */
    private static double localReachabilityDensity(int[] nbr, double[] dist, int i, int k, double[] kdist) {
        double s = 0;
        for (int j = 0; j < k; j++) s += Math.max(dist[i * k + j], kdist[nbr[i * k + j]]);
        return 1.0 / (s / k + DENSITY_EPS);
    }

    /** A fitted LOF: the indexed rows with their k-distances and densities. */
    public static final class Model extends FittedBase {
        private final NeighborSearch index;
        private final int k;
        private final double[] kdist, lrd;

        Model(int d, NeighborSearch index, int k, double[] kdist, double[] lrd) {
            super("LocalOutlierFactor", d);
            this.index = index;
            this.k = k;
            this.kdist = kdist;
            this.lrd = lrd;
        }

        /** Neighbours used (k, or n - 1 when k >= n). */
        public int k() {
            return k;
        }

        /** Novelty mode: each row's LOF against the fitted rows. */
        @Override
        double[] scoreRows(double[][] x) {
            int m = x.length;
            int[] nbr = new int[m * k];
            double[] dist = new double[m * k];
            index.knnAll(Inputs.flatten(x, dimension()), m, k, nbr, dist);
            double[] qLrd = new double[m];
            for (int i = 0; i < m; i++) qLrd[i] = localReachabilityDensity(nbr, dist, i, k, kdist);
            return factors(nbr, dist, qLrd, m);
        }

        /** {@code LOF(p) = mean_o lrd(o) / lrd(p)}, as the mean of the ratios (scikit-learn's order). */
        double[] factors(int[] nbr, double[] dist, double[] ownLrd, int m) {
            double[] out = new double[m];
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; j < k; j++) s += lrd[nbr[i * k + j]] / ownLrd[i];
                out[i] = s / k;
            }
            return out;
        }
    }
}
