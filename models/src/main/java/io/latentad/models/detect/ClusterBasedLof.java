package io.latentad.models.detect;

import io.latentad.models.cluster.KMeans;
import io.latentad.models.cluster.KMeansModel;
import io.latentad.models.common.Inputs;

import java.util.Arrays;

/**
 * The cluster-based local outlier factor (CBLOF) of He, Xu and Deng: cluster the training rows,
 * split the clusters into <i>large</i> and <i>small</i> ones, and score a row by its distance to the
 * centre of its cluster when that cluster is large, or to the nearest large centre when it is small.
 * A row far from its cluster, or in a small cluster, scores high.
 *
 * <p>With the clusters sorted by size, {@code |C_1| >= |C_2| >= ... >= |C_k|}, the boundary {@code b}
 * is the smallest index with
 * <pre>
 *   |C_1| + ... + |C_b| >= alpha * n      or      |C_b| / |C_{b+1}| >= beta
 * </pre>
 * and {@code C_1 .. C_b} are the large clusters. A row joins the cluster of its nearest centroid. Its score
 * is
 * <pre>
 *   CBLOF(t) = w * dist(t, centre of C)                       if its cluster C is large,
 *   CBLOF(t) = w * min over large C' of dist(t, centre of C') if C is small,
 * </pre>
 * with {@code w = |C|} when {@code weighted} (the paper) and {@code w = 1} otherwise (PyOD's default, and
 * ours: the size factor makes rows of a large cluster outrank those of a small one, which is the opposite
 * of what the small clusters are there to say).
 *
 * <p>Reference: Z. He, X. Xu and S. Deng, "Discovering cluster-based local outliers", Pattern Recognition
 * Letters 24 (9-10), 2003. Departs from the paper: the clustering is k-means (the paper's Squeezer is for
 * categorical data), as in PyOD's {@code CBLOF}.
 *
 * <p>Cost: the k-means fit; {@code O(k d)} per scored row.
 */
public final class ClusterBasedLof implements Detector {
    /**
     * @param kmeans   the clustering (k clusters, default 8)
     * @param alpha    share of the rows the large clusters hold at least, in (0.5, 1] (default 0.9)
     * @param beta     size ratio between the last large and the first small cluster, &gt; 1 (default 5)
     * @param weighted multiply by the cluster size, as the paper does (default false)
     */
    public record Options(KMeans.Options kmeans, double alpha, double beta, boolean weighted) {
        public Options {
            if (kmeans == null) throw new IllegalArgumentException("cblof: k-means options are null");
            if (!(alpha > 0.5 && alpha <= 1)) throw new IllegalArgumentException("cblof: alpha = " + alpha + ", expected in (0.5, 1]");
            if (!(beta > 1) || Double.isInfinite(beta)) throw new IllegalArgumentException("cblof: beta = " + beta + ", expected a finite value > 1");
        }

        public static Options defaults() {
            return new Options(KMeans.Options.defaults(), 0.9, 5, false);
        }
    }

    private final Options options;

    public ClusterBasedLof(Options options) {
        this.options = options;
    }

    public ClusterBasedLof() {
        this(Options.defaults());
    }

    @Override
    public String name() {
        return "cblof";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("cblof", x);
        if (options.kmeans().k() > x.length) {
            throw new IllegalArgumentException("cblof: k = " + options.kmeans().k() + " clusters for " + x.length + " rows: expected k <= rows");
        }
        KMeansModel km = KMeans.fit(x, options.kmeans());
        int k = km.k();
        int[] size = new int[k];
        for (int c : km.labels()) size[c]++;
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) order[c] = c;
        Arrays.sort(order, (a, b) -> size[b] != size[a] ? Integer.compare(size[b], size[a]) : Integer.compare(a, b));
        boolean[] large = new boolean[k];
        long held = 0;
        for (int i = 0; i < k; i++) {
            large[order[i]] = true;
            held += size[order[i]];
            boolean last = i + 1 == k;
            if (last || held >= options.alpha() * x.length) break;
            int next = size[order[i + 1]];
            if (next == 0 || size[order[i]] >= options.beta() * next) break;
        }
        Model m = new Model(d, km, size, large, options.weighted());
        m.setTrainingScores(m.scoreRows(x));
        return m;
    }

    /** A fitted CBLOF: the k-means clustering and which clusters are large. */
    public static final class Model extends FittedBase {
        private final KMeansModel kmeans;
        private final int[] size;
        private final boolean[] large;
        private final boolean weighted;

        Model(int d, KMeansModel kmeans, int[] size, boolean[] large, boolean weighted) {
            super("cblof", d);
            this.kmeans = kmeans;
            this.size = size;
            this.large = large;
            this.weighted = weighted;
        }

        public KMeansModel clustering() {
            return kmeans;
        }

        /** Whether cluster {@code c} is one of the large clusters. */
        public boolean isLarge(int c) {
            return large[c];
        }

        @Override
        double[] scoreRows(double[][] x) {
            double[][] centre = kmeans.centroids();
            int[] own = kmeans.predict(x);
            double[] s = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                int c = own[i];
                double best;
                if (large[c]) {
                    best = sq(x[i], centre[c]);
                } else {
                    best = Double.POSITIVE_INFINITY;
                    for (int j = 0; j < centre.length; j++) if (large[j]) best = Math.min(best, sq(x[i], centre[j]));
                }
                s[i] = (weighted ? size[c] : 1) * Math.sqrt(best);
            }
            return s;
        }

        private static double sq(double[] a, double[] b) {
            double t = 0;
            for (int j = 0; j < a.length; j++) {
                double v = a[j] - b[j];
                t += v * v;
            }
            return t;
        }
    }
}
