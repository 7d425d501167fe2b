package io.latentad.models.pipeline;

import io.latentad.models.data.Dataset;
import io.latentad.models.detect.Detector;
import io.latentad.models.detect.FittedDetector;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Random;

/** Stand-ins for the real autoencoders, clusterings and detectors, small enough to check by eye. */
final class TestComponents {
    private TestComponents() {
    }

    /** A seeded Gaussian random projection to 2-D (an "unconditioned" latent model). */
    static LatentModelTrainer randomProjection(String name) {
        return new LatentModelTrainer() {
            public String name() {
                return name;
            }

            public Embedder train(Dataset data, Pipeline.Options o, Progress p) {
                double[][] w = projection(data.dimension(), o.seed());
                p.step(name + ": projection ready");
                return rows -> project(rows, w);
            }
        };
    }

    /**
     * A "conditioned" latent model: the random projection plus a class-specific offset on a circle,
     * remembered for the training rows (by identity), so its codes separate the classes.
     */
    static LatentModelTrainer conditioned(String name) {
        return new LatentModelTrainer() {
            public String name() {
                return name;
            }

            public Embedder train(Dataset data, Pipeline.Options o, Progress p) {
                double[][] x = data.x();
                int[] labels = data.labels();
                double[][] w = projection(x[0].length, o.seed());
                int classes = 0;
                for (int l : labels) classes = Math.max(classes, l + 1);
                Map<double[], Integer> label = new IdentityHashMap<>();
                for (int i = 0; i < x.length; i++) label.put(x[i], labels[i]);
                int c = classes;
                return rows -> {
                    double[][] z = project(rows, w);
                    for (int i = 0; i < rows.length; i++) {
                        Integer l = label.get(rows[i]);
                        if (l == null) continue;
                        double a = 2 * Math.PI * l / c;
                        z[i][0] = 0.05 * z[i][0] + 10 * Math.cos(a);
                        z[i][1] = 0.05 * z[i][1] + 10 * Math.sin(a);
                    }
                    return z;
                };
            }
        };
    }

    static double[][] projection(int d, long seed) {
        Random r = new Random(seed);
        double[][] w = new double[d][2];
        for (double[] row : w) {
            row[0] = r.nextGaussian();
            row[1] = r.nextGaussian();
        }
        return w;
    }

    static double[][] project(double[][] x, double[][] w) {
        double[][] z = new double[x.length][2];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < w.length; j++) {
                z[i][0] += x[i][j] * w[j][0];
                z[i][1] += x[i][j] * w[j][1];
            }
        }
        return z;
    }

    /** Lloyd's k-means from k seeded distinct starting rows, 25 iterations. */
    static ClusterMethod kMeans() {
        return new ClusterMethod() {
            public String name() {
                return "k-means";
            }

            public int[] cluster(double[][] z, int k, long seed) {
                int n = z.length, m = z[0].length;
                int[] perm = new io.latentad.engine.random.Rng(seed).permutation(n);
                double[][] c = new double[k][];
                for (int j = 0; j < k; j++) c[j] = z[perm[j]].clone();
                int[] a = new int[n];
                for (int it = 0; it < 25; it++) {
                    for (int i = 0; i < n; i++) {
                        double best = Double.MAX_VALUE;
                        for (int j = 0; j < k; j++) {
                            double d = 0;
                            for (int t = 0; t < m; t++) d += (z[i][t] - c[j][t]) * (z[i][t] - c[j][t]);
                            if (d < best) {
                                best = d;
                                a[i] = j;
                            }
                        }
                    }
                    double[][] sum = new double[k][m];
                    int[] cnt = new int[k];
                    for (int i = 0; i < n; i++) {
                        cnt[a[i]]++;
                        for (int t = 0; t < m; t++) sum[a[i]][t] += z[i][t];
                    }
                    for (int j = 0; j < k; j++) if (cnt[j] > 0) for (int t = 0; t < m; t++) c[j][t] = sum[j][t] / cnt[j];
                }
                return a;
            }
        };
    }

    /** Equal-count bins of the first coordinate: a deliberately weak second method. */
    static ClusterMethod xBins() {
        return new ClusterMethod() {
            public String name() {
                return "x-bins";
            }

            public int[] cluster(double[][] z, int k, long seed) {
                Integer[] idx = new Integer[z.length];
                for (int i = 0; i < idx.length; i++) idx[i] = i;
                java.util.Arrays.sort(idx, (p, q) -> Double.compare(z[p][0], z[q][0]));
                int[] a = new int[z.length];
                for (int r = 0; r < idx.length; r++) a[idx[r]] = (int) ((long) r * k / z.length);
                return a;
            }
        };
    }

    /** Distance to the training mean: higher = farther = more anomalous. */
    static Detector distanceToMean() {
        return new Detector() {
            public String name() {
                return "centroid";
            }

            public FittedDetector fit(double[][] x) {
                int m = x[0].length;
                double[] mu = new double[m];
                for (double[] r : x) for (int j = 0; j < m; j++) mu[j] += r[j] / x.length;
                return new FittedDetector() {
                    public double[] score(double[][] q) {
                        double[] s = new double[q.length];
                        for (int i = 0; i < q.length; i++) {
                            double d = 0;
                            for (int j = 0; j < m; j++) d += (q[i][j] - mu[j]) * (q[i][j] - mu[j]);
                            s[i] = Math.sqrt(d);
                        }
                        return s;
                    }

                    public double[] trainingScores() {
                        return score(x);
                    }

                    public int dimension() {
                        return m;
                    }
                };
            }
        };
    }
}
