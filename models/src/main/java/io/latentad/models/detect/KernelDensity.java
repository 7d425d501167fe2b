package io.latentad.models.detect;

import io.latentad.engine.kernel.Parallel;
import io.latentad.models.common.Inputs;

import java.util.Locale;

/**
 * Gaussian kernel density estimate: {@code p(x) = (1/n) sum_i N(x | x_i, h^2 I)}.
 *
 * <p>Score: {@code -log p(x)}; higher = more anomalous (rows where the fitted rows are sparse).
 * The sum is taken in logs, shifted by its largest term (log-sum-exp), so a row far from every
 * fitted row keeps a finite score instead of {@code -log 0}.
 *
 * <p>Bandwidth as scikit-learn's {@code KernelDensity}: a fixed {@code h}, or Scott's rule
 * {@code h = n^(-1/(d+4))}, or Silverman's {@code h = (n (d + 2) / 4)^(-1/(d+4))}. Like
 * scikit-learn (and unlike the textbook rules) these are not scaled by the data's spread, so
 * standardise the data first when its columns differ in scale. The sum is exact (no tree
 * approximation).
 *
 * <p>References: D. W. Scott, Multivariate Density Estimation, Wiley 1992,
 * doi:10.1002/9780470316849; B. W. Silverman, Density Estimation for Statistics and Data
 * Analysis, Chapman and Hall 1986, doi:10.1201/9781315140919.
 *
 * <p>Cost: {@code O(n d)} per scored row; memory {@code O(n d)}.
 */
public final class KernelDensity implements Detector {
    /** How the bandwidth is chosen. */
    public enum Rule { SCOTT, SILVERMAN, FIXED }

    /**
     * @param rule      bandwidth rule (default Scott)
     * @param bandwidth h for {@link Rule#FIXED} (ignored otherwise)
     */
    public record Options(Rule rule, double bandwidth) {
        public Options {
            if (rule == null) throw new IllegalArgumentException("KernelDensity: rule is null: expected scott, silverman or fixed");
            if (rule == Rule.FIXED) Inputs.requirePositive("KernelDensity", "bandwidth", bandwidth);
        }

        public static Options defaults() {
            return new Options(Rule.SCOTT, Double.NaN);
        }

        /** {@code scott}, {@code silverman} or a number {@code > 0}. */
        public static Options parse(String s) {
            String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("scott")) return new Options(Rule.SCOTT, Double.NaN);
            if (t.equals("silverman")) return new Options(Rule.SILVERMAN, Double.NaN);
            try {
                return new Options(Rule.FIXED, Double.parseDouble(t));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bandwidth = '" + s + "': expected scott, silverman or a number > 0");
            }
        }
    }

    private final Options options;

    public KernelDensity(Options options) {
        this.options = options;
    }

    public KernelDensity() {
        this(Options.defaults());
    }

    @Override
    public String name() {
        return "kde";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("KernelDensity", x);
        int n = x.length;
        double h = switch (options.rule()) {
            case SCOTT -> Math.pow(n, -1.0 / (d + 4));
            case SILVERMAN -> Math.pow(n * (d + 2) / 4.0, -1.0 / (d + 4));
            case FIXED -> options.bandwidth();
        };
        Model m = new Model(d, Inputs.flatten(x, d), n, h);
        m.setTrainingScores(m.scoreRows(x));
        return m;
    }

    /** A fitted density: the rows and the bandwidth. */
    public static final class Model extends FittedBase {
        private final double[] xs;
        private final int n;
        private final double h;
        private final double logNorm;

        Model(int d, double[] xs, int n, double h) {
            super("KernelDensity", d);
            this.xs = xs;
            this.n = n;
            this.h = h;
            // log of 1 / (n (2 pi)^(d/2) h^d)
            this.logNorm = -Math.log(n) - 0.5 * d * Math.log(2 * Math.PI) - d * Math.log(h);
        }

        public double bandwidth() {
            return h;
        }

        /** {@code log p(x)} of each row. */
        public double[] logDensity(double[][] x) {
            double[] s = score(x);
            for (int i = 0; i < s.length; i++) s[i] = -s[i];
            return s;
        }

        @Override
        double[] scoreRows(double[][] x) {
            int d = dimension();
            double inv2h2 = 0.5 / (h * h);
            double[] out = new double[x.length];
            Parallel.forRange(x.length, 16, (from, to) -> {
                double[] e = new double[n];
                for (int q = from; q < to; q++) {
                    double[] row = x[q];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < n; i++) {
                        double s = 0;
                        int o = i * d;
                        for (int t = 0; t < d; t++) {
                            double v = row[t] - xs[o + t];
                            s += v * v;
                        }
                        e[i] = -s * inv2h2;
                        if (e[i] > max) max = e[i];
                    }
                    double sum = 0;
                    for (int i = 0; i < n; i++) sum += Math.exp(e[i] - max);
                    out[q] = -(max + Math.log(sum) + logNorm);
                }
            });
            return out;
        }
    }
}
