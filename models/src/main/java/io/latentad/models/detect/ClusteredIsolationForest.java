package io.latentad.models.detect;

import io.latentad.models.cluster.KMeans;
import io.latentad.models.cluster.KMeansModel;
import io.latentad.models.common.Inputs;

/**
 * Per-cluster isolation forests (the "multiple isolation forest" of latent-space anomaly
 * detection): the rows are first split into clusters, by given labels or by k-means, and one
 * {@link IsolationForest} is grown on each cluster's rows. A row is scored by the forest of its
 * nearest cluster centre, so a point that is unremarkable for the data as a whole but odd for its
 * own cluster still stands out.
 *
 * <p>Score: the isolation-forest score {@code 2^(-E[h]/c(psi))} of the chosen forest; higher =
 * more anomalous. Each forest uses {@code psi = min(samples, cluster size)}.
 *
 * <p>Reference: F. T. Liu, K. M. Ting, Z.-H. Zhou, Isolation forest, ICDM 2008,
 * doi:10.1109/ICDM.2008.17; clusters by k-means ({@link KMeans}).
 *
 * <p>Cost: the k-means fit plus {@code clusters} forests; scoring adds a nearest-centre search.
 */
public final class ClusteredIsolationForest implements Detector {
    /**
     * @param clusters number of k-means clusters when no labels are given (default 8)
     * @param forest   options of each forest (trees, samples, seed)
     */
    public record Options(int clusters, IsolationForest.Options forest) {
        public Options {
            Inputs.requireAtLeast("ClusteredIsolationForest", "clusters", clusters, 1);
            if (forest == null) throw new IllegalArgumentException("ClusteredIsolationForest: forest options are null");
        }

        public static Options defaults() {
            return new Options(8, IsolationForest.Options.defaults());
        }
    }

    private final Options options;

    public ClusteredIsolationForest(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "iforest-clustered";
    }

    /** Clusters by k-means with {@code clusters} centres, then grows one forest per cluster. */
    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("ClusteredIsolationForest", x);
        Inputs.requireAtMost("ClusteredIsolationForest", "clusters", options.clusters(), x.length);
        KMeansModel km = KMeans.fit(x, KMeans.Options.defaults().withK(options.clusters())
                .withSeed(options.forest().seed()));
        return fit(x, km.labels(), d);
    }

    /**
     * Grows one forest per label of {@code labels} (values {@code 0..m-1}, each used at least
     * once); rows are later routed to the forest of the nearest label mean.
     */
    public Model fit(double[][] x, int[] labels) {
        int d = Inputs.requireMatrix("ClusteredIsolationForest", x);
        return fit(x, labels, d);
    }

    private Model fit(double[][] x, int[] labels, int d) {
        int n = x.length;
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException("ClusteredIsolationForest: " + (labels == null ? 0 : labels.length)
                    + " labels: expected one per row (" + n + ")");
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("ClusteredIsolationForest: label " + labels[i] + " at row " + i
                        + ": expected a value >= 0");
            }
            m = Math.max(m, labels[i] + 1);
        }
        int[] size = new int[m];
        for (int l : labels) size[l]++;
        double[][] centres = new double[m][d];
        IsolationForest.Model[] forests = new IsolationForest.Model[m];
        for (int c = 0; c < m; c++) {
            if (size[c] == 0) {
                throw new IllegalArgumentException("ClusteredIsolationForest: label " + c
                        + " has no rows: expected labels 0.." + (m - 1) + " each used at least once");
            }
            double[] xs = new double[size[c] * d];
            int r = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] != c) continue;
                System.arraycopy(x[i], 0, xs, r * d, d);
                for (int t = 0; t < d; t++) centres[c][t] += x[i][t];
                r++;
            }
            for (int t = 0; t < d; t++) centres[c][t] /= size[c];
            IsolationForest.Options fo = options.forest();
            forests[c] = IsolationForest.grow(xs, size[c], d,
                    new IsolationForest.Options(fo.trees(), fo.samples(), fo.seed() + c));
        }
        Model model = new Model(d, centres, forests);
        model.setTrainingScores(model.scoreRows(x));
        return model;
    }

    /** A fitted set of per-cluster forests. */
    public static final class Model extends FittedBase {
        private final double[][] centres;
        private final IsolationForest.Model[] forests;

        Model(int d, double[][] centres, IsolationForest.Model[] forests) {
            super("ClusteredIsolationForest", d);
            this.centres = centres;
            this.forests = forests;
        }

        public int clusters() {
            return centres.length;
        }

        @Override
        double[] scoreRows(double[][] x) {
            int d = dimension(), n = x.length;
            int[] route = new int[n];
            int[] count = new int[centres.length];
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bd = Double.POSITIVE_INFINITY;
                for (int c = 0; c < centres.length; c++) {
                    double s = 0;
                    for (int t = 0; t < d; t++) {
                        double v = x[i][t] - centres[c][t];
                        s += v * v;
                    }
                    if (s < bd) {
                        bd = s;
                        best = c;
                    }
                }
                route[i] = best;
                count[best]++;
            }
            double[] out = new double[n];
            for (int c = 0; c < centres.length; c++) {
                if (count[c] == 0) continue;
                double[] xs = new double[count[c] * d];
                int[] rows = new int[count[c]];
                int r = 0;
                for (int i = 0; i < n; i++) {
                    if (route[i] != c) continue;
                    System.arraycopy(x[i], 0, xs, r * d, d);
                    rows[r++] = i;
                }
                double[] s = forests[c].scoreFlat(xs, count[c]);
                for (int j = 0; j < rows.length; j++) out[rows[j]] = s[j];
            }
            return out;
        }
    }
}
