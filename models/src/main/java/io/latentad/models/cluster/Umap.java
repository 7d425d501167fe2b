package io.latentad.models.cluster;

import io.latentad.engine.random.Rng;
import io.latentad.models.common.Inputs;
import io.latentad.models.detect.Neighbors;

/**
 * A UMAP-style embedding of a seeded subsample of the rows, and the clustering of it by a Gaussian mixture: the N2D
 * recipe (autoencoder codes, then UMAP to a few dimensions with {@code min_dist = 0}, then a mixture), which makes
 * clusters compact and equally weighted before the mixture fit, whatever their density.
 *
 * <ol>
 * <li>A seeded subsample of at most {@code sample} rows and the exact {@code neighbours} nearest other rows of each
 * ({@link Neighbors}); UMAP's fuzzy graph ({@link SpectralClustering.Affinity#UMAP}: each row's own bandwidth, its
 * nearest neighbour at weight 1, the fuzzy union {@code a + a^T - a . a^T}), so dense and sparse clusters weigh
 * alike.</li>
 * <li>The spectral start: eigenvectors 2 .. {@code dims + 1} of {@code D^-1/2 W D^-1/2} (the subspace iteration of
 * {@link SpectralClustering}, residual 1e-4), scaled to a largest coordinate of 10 plus N(0, 1e-4) noise, then each
 * dimension to [0, 10].</li>
 * <li>UMAP's layout by stochastic gradient over {@code epochs} epochs: an edge of weight {@code w} is drawn every
 * {@code max w / w} epochs (edges below {@code max w / epochs} dropped) and pulls its two ends together with the
 * attractive gradient of {@code log(1 / (1 + a d^2b))}; each draw comes with {@code negatives} uniformly drawn rows
 * pushed off the head with the repulsive gradient {@code 2b / ((0.001 + d^2)(1 + a d^2b))}; each gradient
 * coordinate clipped to [-4, 4]; learning rate {@code learningRate (1 - epoch / epochs)}. {@code a = 1.9328, b =
 * 0.7905}: the least-squares fit of {@code 1 / (1 + a x^2b)} to {@code exp(-x)} on [0, 3] (300 points), UMAP's
 * curve for {@code spread = 1, min_dist = 0}.</li>
 * </ol>
 *
 * <p>{@link #cluster}: a full-covariance Gaussian mixture ({@code restarts} EM restarts, the likeliest kept) on the
 * embedding; a row outside the subsample takes the majority cluster of its {@code neighbours} nearest sampled rows in
 * the input space (ties to the nearer).
 *
 * <p>Deterministic for a seed: one thread, the neighbour search's results do not depend on threads, the rest is
 * sequential in double.
 *
 * <p>References: L. McInnes, J. Healy, J. Melville, "UMAP: Uniform Manifold Approximation and Projection for
 * Dimension Reduction", arXiv:1802.03426 (sections 3-4, and the reference implementation's
 * {@code optimize_layout_euclidean}, whose sampling schedule this follows); R. McConville, R. Santos-Rodriguez,
 * R. J. Piechocki, I. Craddock, "N2D: (Not Too) Deep Clustering via Clustering the Local Manifold of an Autoencoded
 * Embedding", ICPR 2020 (20 neighbours, {@code min_dist = 0}, as many dimensions as clusters, then a full GMM).
 *
 * <p>Cost: the neighbour search, the spectral start ({@link SpectralClustering}'s), then per epoch about
 * {@code (1 + negatives)} times the sum of the edge weights over their maximum gradient steps of {@code dims}.
 */
public final class Umap {
    /** UMAP's curve for spread 1 and min_dist 0 (see the class comment). */
    static final double A = 1.9328, B = 0.7905;
    private static final double CLIP = 4, SPECTRAL_TOL = 1e-4;
    private static final int SPECTRAL_ITER = 3000;

    /**
     * @param dims         dimensions of the embedding (10), &gt;= 1 and at most the subsample's rows - 2
     * @param neighbours   neighbours of the graph and of the vote (20), &gt;= 1 and below the subsample's rows
     * @param sample       rows of the subsample the embedding is built on (10,000), &gt;= 3
     * @param epochs       epochs of the layout (200), &gt;= 1
     * @param negatives    negative samples per positive one (5), &gt;= 0
     * @param learningRate first learning rate (1), finite, &gt; 0
     * @param restarts     EM restarts of {@link #cluster}'s mixture (5), &gt;= 1
     * @param seed         seed of the subsample, the start, the layout and the mixture
     */
    public record Options(int dims, int neighbours, int sample, int epochs, int negatives, double learningRate, int restarts, long seed) {
        public Options {
            Inputs.requireAtLeast("Umap", "dims", dims, 1);
            Inputs.requireAtLeast("Umap", "neighbours", neighbours, 1);
            Inputs.requireAtLeast("Umap", "sample", sample, 3);
            Inputs.requireAtLeast("Umap", "epochs", epochs, 1);
            Inputs.requireAtLeast("Umap", "negatives", negatives, 0);
            Inputs.requireAtLeast("Umap", "restarts", restarts, 1);
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("Umap: learningRate = " + learningRate + ": expected a finite value > 0");
            }
        }

        public static Options defaults() {
            return new Options(10, 20, 10_000, 200, 5, 1, 5, 0);
        }

        public Options withDims(int dims) {
            return new Options(dims, neighbours, sample, epochs, negatives, learningRate, restarts, seed);
        }

        public Options withNeighbours(int neighbours) {
            return new Options(dims, neighbours, sample, epochs, negatives, learningRate, restarts, seed);
        }

        public Options withSample(int sample) {
            return new Options(dims, neighbours, sample, epochs, negatives, learningRate, restarts, seed);
        }

        public Options withEpochs(int epochs) {
            return new Options(dims, neighbours, sample, epochs, negatives, learningRate, restarts, seed);
        }

        public Options withSeed(long seed) {
            return new Options(dims, neighbours, sample, epochs, negatives, learningRate, restarts, seed);
        }
    }

    /**
     * @param rows the subsample's rows of the input, increasing
     * @param y    their coordinates, {@code rows.length x dims}
     */
    public record Embedding(int[] rows, double[][] y) {
    }

    private Umap() {
    }

    /** The embedding of a subsample of the rows of {@code x}. */
    public static Embedding embed(double[][] x, Options o) {
        Inputs.requireMatrix("Umap", x);
        int n = x.length, m = Math.min(n, o.sample());
        if (o.dims() > m - 2) {
            throw new IllegalArgumentException("Umap: dims = " + o.dims() + ": expected at most the " + m + " rows of the subsample - 2");
        }
        if (o.neighbours() >= m) {
            throw new IllegalArgumentException("Umap: neighbours = " + o.neighbours() + ": expected fewer than the " + m + " rows of the subsample");
        }
        Rng rng = new Rng(o.seed());
        int[] picked = SpectralClustering.subsample(n, m, rng.split());
        double[][] s = new double[m][];
        for (int i = 0; i < m; i++) s[i] = x[picked[i]];
        Graph g = Graph.of(Neighbors.ofRows(s, o.neighbours()), m, SpectralClustering.Affinity.UMAP);
        double[][] y = spectralStart(g, o.dims(), rng.split());
        layout(g, y, o, rng.split());
        return new Embedding(picked, y);
    }

    /** The cluster of every row of {@code x}, in [0, k): a mixture on the embedding, the other rows by vote. */
    public static int[] cluster(double[][] x, int k, Options o) {
        Inputs.requireAtLeast("Umap", "k", k, 1);
        Inputs.requireMatrix("Umap", x);
        int m = Math.min(x.length, o.sample());
        if (k > m) throw new IllegalArgumentException("Umap: k = " + k + ": expected at most the " + m + " rows of the subsample");
        Embedding e = embed(x, o);
        int[] sub = GaussianMixture.fit(e.y(), GaussianMixture.Options.defaults().withK(k).withSeed(o.seed())
                .withRestarts(o.restarts())).predict(e.y());
        if (m == x.length) return sub;
        double[][] s = new double[m][];
        for (int i = 0; i < m; i++) s[i] = x[e.rows()[i]];
        return SpectralClustering.extend(x, s, e.rows(), sub, o.neighbours(), k);
    }

    /** Eigenvectors 2 .. dims + 1 of the normalised affinity, scaled as UMAP's spectral start. */
    private static double[][] spectralStart(Graph g, int dims, Rng rng) {
        int m = g.n;
        SpectralClustering.Eigen e = SpectralClustering.topEigenvectors(g, dims + 1, SPECTRAL_ITER, SPECTRAL_TOL, rng);
        double max = 0;
        for (int i = m; i < (dims + 1) * m; i++) max = Math.max(max, Math.abs(e.q()[i]));
        double expansion = max > 0 ? 10 / max : 1;
        double[][] y = new double[m][dims];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < dims; c++) y[i][c] = e.q()[(c + 1) * m + i] * expansion + 1e-4 * rng.nextGaussian();
        }
        for (int c = 0; c < dims; c++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double[] r : y) {
                lo = Math.min(lo, r[c]);
                hi = Math.max(hi, r[c]);
            }
            double scale = hi > lo ? 10 / (hi - lo) : 1;
            for (double[] r : y) r[c] = (r[c] - lo) * scale;
        }
        return y;
    }

    /** UMAP's layout (the reference implementation's sampling schedule), in place on {@code y}. */
    static void layout(Graph g, double[][] y, Options o, Rng rng) {
        int m = g.n, dims = y[0].length, epochs = o.epochs();
        double maxW = 0;
        for (double w : g.w) maxW = Math.max(maxW, w);
        int edges = 0;
        for (double w : g.w) if (w >= maxW / epochs) edges++;
        int[] head = new int[edges], tail = new int[edges];
        double[] every = new double[edges], next = new double[edges], everyNeg = new double[edges], nextNeg = new double[edges];
        int p = 0;
        for (int i = 0; i < m; i++) {
            for (int e = g.start[i]; e < g.start[i + 1]; e++) {
                if (g.w[e] < maxW / epochs) continue;
                head[p] = i;
                tail[p] = g.col[e];
                every[p] = maxW / g.w[e];
                next[p] = every[p];
                everyNeg[p] = o.negatives() > 0 ? every[p] / o.negatives() : Double.POSITIVE_INFINITY;
                nextNeg[p] = everyNeg[p];
                p++;
            }
        }
        double[] delta = new double[dims];
        for (int epoch = 0; epoch < epochs; epoch++) {
            double alpha = o.learningRate() * (1 - epoch / (double) epochs);
            for (int e = 0; e < edges; e++) {
                if (next[e] > epoch) continue;
                double[] cur = y[head[e]], other = y[tail[e]];
                double d2 = squaredDistance(cur, other, delta);
                if (d2 > 0) {
                    double pb = Math.pow(d2, B);
                    double coeff = -2 * A * B * pb / d2 / (A * pb + 1);
                    for (int c = 0; c < dims; c++) {
                        double gd = clip(coeff * delta[c]) * alpha;
                        cur[c] += gd;
                        other[c] -= gd;
                    }
                }
                next[e] += every[e];
                int negs = o.negatives() > 0 ? (int) ((epoch - nextNeg[e]) / everyNeg[e]) : 0;
                for (int t = 0; t < negs; t++) {
                    int k = rng.nextInt(m);
                    if (k == head[e]) continue;
                    double[] far = y[k];
                    double dn = squaredDistance(cur, far, delta);
                    double coeff = dn > 0 ? 2 * B / ((0.001 + dn) * (A * Math.pow(dn, B) + 1)) : 0;
                    for (int c = 0; c < dims; c++) cur[c] += (coeff > 0 ? clip(coeff * delta[c]) : CLIP) * alpha;
                }
                if (negs > 0) nextNeg[e] += negs * everyNeg[e];
            }
        }
    }

    /** {@code |a - b|^2}, with {@code a - b} into {@code delta}. */
    private static double squaredDistance(double[] a, double[] b, double[] delta) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            delta[c] = a[c] - b[c];
            s += delta[c] * delta[c];
        }
        return s;
    }

    private static double clip(double v) {
        return Math.max(-CLIP, Math.min(CLIP, v));
    }
}
