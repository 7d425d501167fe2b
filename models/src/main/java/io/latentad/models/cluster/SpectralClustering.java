package io.latentad.models.cluster;

import io.latentad.engine.linalg.SymmetricEigen;
import io.latentad.engine.random.Rng;
import io.latentad.models.common.Inputs;
import io.latentad.models.detect.Neighbors;

import java.util.Arrays;

/**
 * Spectral clustering of a k-nearest-neighbour graph, for clusters that follow a manifold (rings, moons, the
 * elongated clusters of autoencoder codes) where a mixture fitted by likelihood cuts across them.
 *
 * <ol>
 * <li>A seeded subsample of at most {@code sample} rows (all rows if fewer).</li>
 * <li>The exact {@code neighbours} nearest other rows of each sampled row ({@link Neighbors}) and UMAP's fuzzy
 * affinity: {@code a_ij = exp(-max(0, d_ij - rho_i) / s_i)} with {@code rho_i} the distance to the nearest
 * neighbour and {@code s_i} found by bisection so that {@code sum_j a_ij = log2(neighbours)} (at least 1e-3 of the
 * row's mean neighbour distance); symmetrised as the fuzzy union {@code w = a + a^T - a . a^T}. The nearest
 * neighbour has weight 1, so no row is isolated.</li>
 * <li>The top {@code k} eigenvectors of the normalised affinity {@code A = D^-1/2 W D^-1/2} by subspace iteration
 * in double on {@code (I + A) / 2} (same eigenvectors, spectrum in [0, 1]) with a block of {@code k + max(k, 10)}
 * columns, modified Gram-Schmidt each step and a Rayleigh-Ritz step every 10, until the top {@code k} Ritz
 * pairs' residuals are below {@code tol} or {@code maxIter} steps.</li>
 * <li>k-means (10 restarts, seeded) on the rows of those eigenvectors normalised to unit length (Ng, Jordan and
 * Weiss).</li>
 * <li>A row outside the subsample takes the majority cluster of its {@code neighbours} nearest sampled rows (ties
 * to the nearer).</li>
 * </ol>
 *
 * <p>Deterministic for a seed: the neighbour search's results do not depend on threads and the rest is sequential.
 *
 * <p>References: A. Y. Ng, M. I. Jordan, Y. Weiss, "On Spectral Clustering: Analysis and an Algorithm", NIPS 2001;
 * L. McInnes, J. Healy, J. Melville, "UMAP", arXiv:1802.03426 (the fuzzy graph); R. McConville et al., "N2D: (Not
 * Too) Deep Clustering via Clustering the Local Manifold of an Autoencoded Embedding", ICPR 2020 (manifold
 * learning on autoencoder codes before a mixture).
 *
 * <p>Cost: the neighbour search, {@code O(iterations m b (neighbours + b))} for the eigenvectors ({@code m} sampled
 * rows, block {@code b}), and one neighbour query of every other row against the sample.
 */
public final class SpectralClustering {
    private static final int RITZ_EVERY = 10, KMEANS_RESTARTS = 10;

    /** The edge weights: UMAP's fuzzy affinity (each row's own scale) or one Gaussian kernel for all (see {@code Graph}). */
    public enum Affinity { UMAP, GLOBAL }

    /**
     * @param k          clusters (&gt;= 1)
     * @param neighbours neighbours of the graph and of the vote (10), &gt;= 1 and below the subsample's rows
     * @param sample     rows of the subsample the graph is built on (10,000), &gt;= 2
     * @param maxIter    subspace iterations at most (3000), &gt;= 1
     * @param tol        residual of the top k Ritz pairs at which the iteration stops (1e-6), finite, &gt;= 0
     * @param seed       seed of the subsample, the start block and k-means
     * @param affinity   the edge weights (umap)
     */
    public record Options(int k, int neighbours, int sample, int maxIter, double tol, long seed, Affinity affinity) {
        public Options {
            Inputs.requireAtLeast("SpectralClustering", "k", k, 1);
            Inputs.requireAtLeast("SpectralClustering", "neighbours", neighbours, 1);
            Inputs.requireAtLeast("SpectralClustering", "sample", sample, 2);
            Inputs.requireAtLeast("SpectralClustering", "maxIter", maxIter, 1);
            if (!(tol >= 0) || Double.isInfinite(tol)) {
                throw new IllegalArgumentException("SpectralClustering: tol = " + tol + ": expected a finite value >= 0");
            }
            if (affinity == null) throw new IllegalArgumentException("SpectralClustering: affinity is null: expected umap or global");
        }

        public static Options defaults() {
            return new Options(2, 10, 10_000, 3000, 1e-6, 0, Affinity.UMAP);
        }

        public Options withK(int k) {
            return new Options(k, neighbours, sample, maxIter, tol, seed, affinity);
        }

        public Options withSeed(long seed) {
            return new Options(k, neighbours, sample, maxIter, tol, seed, affinity);
        }

        public Options withNeighbours(int neighbours) {
            return new Options(k, neighbours, sample, maxIter, tol, seed, affinity);
        }

        public Options withAffinity(Affinity affinity) {
            return new Options(k, neighbours, sample, maxIter, tol, seed, affinity);
        }

        public Options withSample(int sample) {
            return new Options(k, neighbours, sample, maxIter, tol, seed, affinity);
        }
    }

    /**
     * @param labels      the cluster of every row, in [0, k)
     * @param eigenvalues the top k eigenvalues of {@code A} (descending; 1 is the first)
     * @param iterations  subspace iterations run
     * @param converged   whether the residuals fell below {@code tol}
     */
    public record Result(int[] labels, double[] eigenvalues, int iterations, boolean converged) {
    }

    private SpectralClustering() {
    }

    /** Clusters the rows of {@code x}. */
    public static Result fit(double[][] x, Options o) {
        Inputs.requireMatrix("SpectralClustering", x);
        int n = x.length, m = Math.min(n, o.sample());
        if (o.k() > m) {
            throw new IllegalArgumentException("SpectralClustering: k = " + o.k() + ": expected at most the " + m + " rows of the subsample");
        }
        if (o.neighbours() >= m) {
            throw new IllegalArgumentException("SpectralClustering: neighbours = " + o.neighbours() + ": expected fewer than the " + m
                    + " rows of the subsample");
        }
        Rng rng = new Rng(o.seed());
        int[] picked = subsample(n, m, rng.split());
        double[][] s = new double[m][];
        for (int i = 0; i < m; i++) s[i] = x[picked[i]];
        Graph g = Graph.of(Neighbors.ofRows(s, o.neighbours()), m, o.affinity());
        Eigen e = topEigenvectors(g, o.k(), o.maxIter(), o.tol(), rng.split());
        double[][] u = new double[m][o.k()];
        for (int i = 0; i < m; i++) {
            double norm = 0;
            for (int c = 0; c < o.k(); c++) norm += e.q[c * m + i] * e.q[c * m + i];
            norm = Math.sqrt(norm);
            for (int c = 0; c < o.k(); c++) u[i][c] = norm > 0 ? e.q[c * m + i] / norm : 0;
        }
        int[] sub = KMeans.fit(u, new KMeans.Options(o.k(), KMEANS_RESTARTS, 300, 1e-4, rng.split().nextLong())).labels();
        int[] labels = m == n ? sub : extend(x, s, picked, sub, o.neighbours(), o.k());
        return new Result(labels, e.values, e.iterations, e.converged);
    }

    /** {@code m} distinct rows of {@code n}, drawn by a partial shuffle, in increasing order. */
    static int[] subsample(int n, int m, Rng rng) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        if (m == n) return all;
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, m);
        Arrays.sort(out);
        return out;
    }

    /** Rows outside the subsample: the majority label of their nearest sampled rows, ties to the nearer. */
    static int[] extend(double[][] x, double[][] s, int[] picked, int[] sub, int nb, int k) {
        int n = x.length;
        Neighbors.Result r = Neighbors.query(s, x, nb);
        int[] labels = new int[n], votes = new int[k];
        for (int i = 0; i < n; i++) {
            Arrays.fill(votes, 0);
            int best = sub[r.index()[i * nb]];
            for (int j = 0; j < nb; j++) {
                int c = sub[r.index()[i * nb + j]];
                if (++votes[c] > votes[best]) best = c;
            }
            labels[i] = best;
        }
        for (int i = 0; i < picked.length; i++) labels[picked[i]] = sub[i];
        return labels;
    }

    /** The top eigenpairs found: {@code q} column-major ({@code k} columns of {@code m}). */
    record Eigen(double[] q, double[] values, int iterations, boolean converged) {
    }

    /** The top {@code k} eigenpairs of {@code A}: subspace iteration with Rayleigh-Ritz on {@code B = (I + A) / 2}. */
    static Eigen topEigenvectors(Graph g, int k, int maxIter, double tol, Rng rng) {
        int m = g.n, b = Math.min(m, k + Math.max(k, 10));
        double[] q = new double[b * m], z = new double[b * m];
        for (int i = 0; i < q.length; i++) q[i] = rng.nextGaussian();
        orthonormalise(q, m, b, rng);
        double[] theta = new double[b];
        int it = 0;
        boolean converged = false;
        while (it < maxIter) {
            for (int c = 0; c < b; c++) g.applyHalfShifted(q, c * m, z, c * m);
            it++;
            if (it % RITZ_EVERY == 0 || it == maxIter) {
                double[][] h = new double[b][b];
                for (int a = 0; a < b; a++) {
                    for (int c = 0; c <= a; c++) h[a][c] = h[c][a] = dot(q, a * m, z, c * m, m);
                }
                SymmetricEigen eig = SymmetricEigen.of(h);
                double[][] v = eig.vectors();
                theta = eig.values();
                q = rotate(q, v, m, b);
                z = rotate(z, v, m, b);
                double worst = 0;
                for (int c = 0; c < k; c++) {
                    double r = 0;
                    for (int i = 0; i < m; i++) {
                        double t = z[c * m + i] - theta[c] * q[c * m + i];
                        r += t * t;
                    }
                    worst = Math.max(worst, Math.sqrt(r));
                }
                if (worst <= tol) {
                    converged = true;
                    break;
                }
            }
            double[] t = q;
            q = z;
            z = t;
            orthonormalise(q, m, b, rng);
        }
        double[] values = new double[k];
        for (int c = 0; c < k; c++) values[c] = 2 * theta[c] - 1;
        return new Eigen(Arrays.copyOf(q, k * m), values, it, converged);
    }

    /** {@code q V}: column c of the result is {@code sum_a q_a V[a][c]}. */
    private static double[] rotate(double[] q, double[][] v, int m, int b) {
        double[] out = new double[b * m];
        for (int c = 0; c < b; c++) {
            for (int a = 0; a < b; a++) {
                double w = v[a][c];
                if (w == 0) continue;
                for (int i = 0; i < m; i++) out[c * m + i] += w * q[a * m + i];
            }
        }
        return out;
    }

    /** Modified Gram-Schmidt, twice; a column that vanishes is replaced by a fresh random one. */
    private static void orthonormalise(double[] q, int m, int b, Rng rng) {
        for (int c = 0; c < b; c++) {
            double before = Math.sqrt(dot(q, c * m, q, c * m, m));
            for (int pass = 0; pass < 2; pass++) {
                for (int a = 0; a < c; a++) {
                    double p = dot(q, a * m, q, c * m, m);
                    for (int i = 0; i < m; i++) q[c * m + i] -= p * q[a * m + i];
                }
            }
            double norm = Math.sqrt(dot(q, c * m, q, c * m, m));
            if (!(norm > 1e-10 * before) || norm == 0) {
                for (int i = 0; i < m; i++) q[c * m + i] = rng.nextGaussian();
                c--; // redo this column from the fresh draw
                continue;
            }
            for (int i = 0; i < m; i++) q[c * m + i] /= norm;
        }
    }

    private static double dot(double[] a, int ao, double[] b, int bo, int m) {
        double s = 0;
        for (int i = 0; i < m; i++) s += a[ao + i] * b[bo + i];
        return s;
    }
}
