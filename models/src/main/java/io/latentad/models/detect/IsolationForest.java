package io.latentad.models.detect;

import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.random.Rng;
import io.latentad.models.common.Inputs;

/**
 * Isolation forest: anomalies are few and different, so random axis-parallel cuts isolate them
 * in fewer steps than normal rows.
 *
 * <p>Each of {@code trees} trees is grown on {@code psi = min(samples, n)} rows drawn without
 * replacement, cutting at a random feature and a random threshold between the feature's minimum
 * and maximum in the node, down to depth {@code ceil(log2 psi)}. A row's path length in a tree is
 * the depth of the leaf it falls in plus {@code c(size)} for the rows left unsplit there.
 *
 * <p>Score: {@code s(x) = 2^(-E[h(x)] / c(psi))} in (0, 1]; higher = more anomalous; about 0.5
 * and below for ordinary rows, near 1 for clear anomalies (scikit-learn's {@code score_samples}
 * is the negative of this).
 *
 * <p>As scikit-learn: a feature constant in a node is skipped in favour of another, and a node
 * where every feature is constant becomes a leaf.
 *
 * <p>Reference: F. T. Liu, K. M. Ting, Z.-H. Zhou, Isolation forest, ICDM 2008,
 * doi:10.1109/ICDM.2008.17.
 *
 * <p>Cost: building {@code O(trees * psi log psi)}; scoring {@code O(trees * log psi)} per row.
 * Trees are built and rows scored in parallel; each tree has its own random stream split in
 * order from the seed, so results do not depend on the thread count.
 */
public final class IsolationForest implements Detector {
    /** The largest forest accepted: 10,000 trees of 256 samples take about 1 GB. */
    public static final int MAX_TREES = 10_000;

    /**
     * @param trees   number of trees (default 100, at most {@link #MAX_TREES})
     * @param samples sub-sample size per tree, capped at n (default 256)
     * @param seed    random seed
     */

    public record Options(int trees, int samples, long seed) {
        public Options {
            Inputs.requireAtLeast("IsolationForest", "trees", trees, 1);
            if (trees > MAX_TREES) {
                throw new IllegalArgumentException("IsolationForest: trees = " + trees + ": expected at most " + MAX_TREES
                        + " (the ensemble's scores settle after a few hundred trees)");
            }
            Inputs.requireAtLeast("IsolationForest", "samples", samples, 2);
        }

        public static Options defaults() {
            return new Options(100, 256, 0);
        }
    }

    private final Options options;

    public IsolationForest(Options options) {
        this.options = options;
    }

    public IsolationForest() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "iforest";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("IsolationForest", x);
        double[] xs = Inputs.flatten(x, d);
        Model m = grow(xs, x.length, d, options);
        m.setTrainingScores(m.scoreFlat(xs, x.length));
        return m;
    }

    /** Grows the forest on flat rows (shared with the per-cluster variant). */
    static Model grow(double[] xs, int n, int d, Options o) {
        int psi = Math.min(o.samples(), n);
        int maxDepth = (int) Math.ceil(Math.log(Math.max(psi, 2)) / Math.log(2));
        Rng rng = new Rng(o.seed());
        Rng[] streams = new Rng[o.trees()];
        for (int t = 0; t < streams.length; t++) streams[t] = rng.split();
        IsolationTree[] trees = new IsolationTree[o.trees()];
        Parallel.forRange(trees.length, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int[] idx = sampleWithoutReplacement(n, psi, streams[t]);
                trees[t] = IsolationTree.grow(xs, d, idx, maxDepth, streams[t]);
            }
        });
        return new Model(d, trees, IsolationTree.averagePathLength(psi));
    }

    /** {@code m} distinct indices of {@code 0..n-1} (partial Fisher-Yates; all of them when m = n). */
    static int[] sampleWithoutReplacement(int n, int m, Rng rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return java.util.Arrays.copyOf(p, m);
    }

    /** A fitted isolation forest. */
    public static final class Model extends FittedBase {
        /** Rows per scoring block: the block's path sums stay in L1 while every tree is walked. */
        private static final int BLOCK = 256;
        private final IsolationTree[] trees;
        private final double norm;

        Model(int d, IsolationTree[] trees, double norm) {
            super("IsolationForest", d);
            this.trees = trees;
            this.norm = norm;
        }

        public int trees() {
            return trees.length;
        }

        @Override
        double[] scoreRows(double[][] x) {
            return scoreFlat(Inputs.flatten(x, dimension()), x.length);
        }

        double[] scoreFlat(double[] xs, int n) {
            int d = dimension();
            double[] out = new double[n];
            Parallel.forRange(n, BLOCK, (from, to) -> {
                for (int b = from; b < to; b += BLOCK) {
                    int e = Math.min(to, b + BLOCK);
                    // trees outer, rows inner: one tree stays in cache for the whole block;
                    // every row still adds its path lengths in tree order
                    for (IsolationTree tree : trees) {
                        int i = b;
                        for (; i + 4 <= e; i += 4) {
                            tree.pathLength4(xs, i * d, (i + 1) * d, (i + 2) * d, (i + 3) * d, out, i);
                        }
                        for (; i < e; i++) out[i] += tree.pathLength(xs, i * d);
                    }
                    for (int i = b; i < e; i++) {
                        double mean = out[i] / trees.length;
                        out[i] = norm > 0 ? Math.pow(2, -mean / norm) : 0.5; // psi = 1: no information
                    }
                }
            });
            return out;
        }
    }
}
