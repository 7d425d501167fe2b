package io.latentad.models.cluster;

import io.latentad.engine.random.Rng;
import io.latentad.models.common.Inputs;

/**
 * k-means clustering: {@code k} centroids that minimise the inertia, the sum of squared Euclidean
 * distances of the rows to their nearest centroid.
 *
 * <p>Each restart seeds the centroids by greedy k-means++ (Arthur and Vassilvitskii 2007, with
 * {@code 2 + ln k} candidate draws per centroid as scikit-learn does), then runs Lloyd's
 * alternation of assignment and mean steps until no label changes, the summed squared centroid
 * shift falls to {@code tol} times the mean column variance, or {@code maxIter} steps. The
 * assignment step keeps Hamerly's bounds (one upper bound to the assigned centroid, one lower
 * bound to every other), so most rows skip the distance scan once the centroids settle. The
 * restart with the least inertia is kept.
 *
 * <p>Departures: an emptied cluster is re-seeded at the row farthest from its centroid.
 *
 * <p>References: S. Lloyd, Least squares quantization in PCM, IEEE Trans. Inf. Theory 28(2),
 * 1982, doi:10.1109/TIT.1982.1056489; D. Arthur, S. Vassilvitskii, k-means++: the advantages of
 * careful seeding, SODA 2007; G. Hamerly, Making k-means even faster, SDM 2010,
 * doi:10.1137/1.9781611972801.12.
 *
 * <p>Cost: {@code O(restarts * (k * ln k * n * d + iterations * n * d * k'))} with {@code k'} the
 * share of rows whose bounds fail; memory {@code O(n d)} for a flat copy of the data.
 */
public final class KMeans {
    /**
     * @param k        clusters (default 8)
     * @param restarts seedings tried, the best kept (default 10)
     * @param maxIter  Lloyd iterations per restart (default 300)
     * @param tol      convergence tolerance relative to the mean column variance (default 1e-4)
     * @param seed     random seed
     */
    public record Options(int k, int restarts, int maxIter, double tol, long seed) {
        public Options {
            Inputs.requireAtLeast("KMeans", "k", k, 1);
            Inputs.requireAtLeast("KMeans", "restarts", restarts, 1);
            Inputs.requireAtLeast("KMeans", "maxIter", maxIter, 1);
            if (!(tol >= 0) || Double.isInfinite(tol)) {
                throw new IllegalArgumentException("KMeans: tol = " + tol + ": expected a finite value >= 0");
            }
        }

        public static Options defaults() {
            return new Options(8, 10, 300, 1e-4, 0);
        }

        public Options withK(int k) {
            return new Options(k, restarts, maxIter, tol, seed);
        }

        public Options withSeed(long seed) {
            return new Options(k, restarts, maxIter, tol, seed);
        }

        public Options withRestarts(int restarts) {
            return new Options(k, restarts, maxIter, tol, seed);
        }
    }

    private KMeans() {
    }

    /** Clusters the rows of {@code x}. */
    public static KMeansModel fit(double[][] x, Options o) {
        int d = Inputs.requireMatrix("KMeans", x);
        int n = x.length;
        Inputs.requireAtMost("KMeans", "k", o.k(), n);
        double[] xs = Inputs.flatten(x, d);
        double tolScaled = o.tol() * meanColumnVariance(xs, n, d);
        Rng rng = new Rng(o.seed());
        Lloyd best = null;
        for (int r = 0; r < o.restarts(); r++) {
            Rng stream = rng.split();
            double[] centers = seedPlusPlus(xs, n, d, o.k(), stream);
            Lloyd run = new Lloyd(xs, n, d, o.k(), centers);
            run.iterate(o.maxIter(), tolScaled);
            if (best == null || run.inertia() < best.inertia()) best = run;
        }
        double[][] c = new double[o.k()][d];
        for (int j = 0; j < o.k(); j++) System.arraycopy(best.centers(), j * d, c[j], 0, d);
        return new KMeansModel(c, best.labels(), best.inertia(), best.iterations());
    }

    /**
     * Greedy k-means++: the first centroid uniformly, each next one the best (least potential) of
     * {@code 2 + ln k} rows drawn with probability proportional to their squared distance to the
     * nearest centroid so far.
     */
    static double[] seedPlusPlus(double[] xs, int n, int d, int k, Rng rng) {
        double[] centers = new double[k * d];
        int first = rng.nextInt(n);
        System.arraycopy(xs, first * d, centers, 0, d);
        double[] closest = new double[n];
        double[] partial = new double[Blocks.count(n)];
        Blocks.forEach(n, (b, from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                closest[i] = sqDist(xs, i * d, centers, 0, d);
                s += closest[i];
            }
            partial[b] = s;
        });
        int trials = 2 + (int) Math.log(k);
        double[] cum = new double[n];
        double[][] cand = new double[trials][n];
        double[] candPot = new double[trials];
        for (int c = 1; c < k; c++) {
            double run = 0;
            for (int i = 0; i < n; i++) {
                run += closest[i];
                cum[i] = run;
            }
            int[] idx = new int[trials];
            for (int t = 0; t < trials; t++) {
                double r = rng.nextDouble() * run;
                idx[t] = Math.min(n - 1, upperBound(cum, r));
            }
            if (!(run > 0)) { // every row sits on a centroid already: take distinct rows in order
                for (int t = 0; t < trials; t++) idx[t] = rng.nextInt(n);
            }
            double[][] pb = new double[trials][Blocks.count(n)];
            Blocks.forEach(n, (b, from, to) -> {
                for (int t = 0; t < trials; t++) {
                    double[] dt = cand[t];
                    int co = idx[t] * d;
                    double s = 0;
                    for (int i = from; i < to; i++) {
                        double v = Math.min(closest[i], sqDist(xs, i * d, xs, co, d));
                        dt[i] = v;
                        s += v;
                    }
                    pb[t][b] = s;
                }
            });
            int bestT = 0;
            for (int t = 0; t < trials; t++) {
                candPot[t] = Blocks.sum(pb[t]);
                if (candPot[t] < candPot[bestT]) bestT = t;
            }
            System.arraycopy(xs, idx[bestT] * d, centers, c * d, d);
            System.arraycopy(cand[bestT], 0, closest, 0, n);
        }
        return centers;
    }

    /** First index whose cumulative value exceeds {@code r} (NumPy's searchsorted, side right). */
    private static int upperBound(double[] cum, double r) {
        int lo = 0, hi = cum.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] <= r) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    static double meanColumnVariance(double[] xs, int n, int d) {
        double total = 0;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += xs[i * d + j];
            mean /= n;
            double v = 0;
            for (int i = 0; i < n; i++) {
                double t = xs[i * d + j] - mean;
                v += t * t;
            }
            total += v / n;
        }
        return total / d;
    }

    /** Squared Euclidean distance between {@code a[ao..ao+d)} and {@code b[bo..bo+d)}. */
    static double sqDist(double[] a, int ao, double[] b, int bo, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = a[ao + j] - b[bo + j];
            s += t * t;
        }
        return s;
    }

    /** Squared Euclidean distance between {@code a[ao..)} and all of {@code b}. */
    static double sqDist(double[] a, int ao, double[] b) {
        return sqDist(a, ao, b, 0, b.length);
    }
}
