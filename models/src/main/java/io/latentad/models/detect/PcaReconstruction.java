package io.latentad.models.detect;

import io.latentad.engine.linalg.Svd;
import io.latentad.models.common.Inputs;

/**
 * Principal component analysis as a detector: rows are projected on the leading principal
 * directions of the (centred) fitted rows and mapped back; what the projection cannot explain is
 * the score.
 *
 * <p>Score: the squared reconstruction error {@code ||x - mu - V V^T (x - mu)||^2}, with V the
 * first m right singular vectors of the centred data; higher = more anomalous (off the main
 * linear structure).
 *
 * <p>m: a whole number of components, or, for a fraction in (0, 1), the fewest components whose
 * explained variance ratio adds up to more than it (scikit-learn's {@code n_components = 0.95}
 * rule, the default).
 *
 * <p>Reference: K. Pearson, On lines and planes of closest fit to systems of points in space,
 * Philosophical Magazine 2(11), 1901, doi:10.1080/14786440109462720; M.-L. Shyu et al., A novel
 * anomaly detection scheme based on principal component classifier, ICDM workshops 2003.
 *
 * <p>Cost: fit {@code O(n d^2)} (thin SVD), {@code O(m d)} per scored row.
 */
public final class PcaReconstruction implements Detector {
    /**
     * @param components a count (a whole number >= 1) or a variance fraction in (0, 1)
     *                   (default 0.95)
     */
    public record Options(double components) {
        public Options {
            boolean fraction = components > 0 && components < 1;
            boolean count = components >= 1 && components == Math.rint(components) && !Double.isInfinite(components);
            if (!fraction && !count) {
                throw new IllegalArgumentException("PcaReconstruction: components = " + components
                        + ": expected a fraction in (0, 1) or a whole number >= 1");
            }
        }

        public static Options defaults() {
            return new Options(0.95);
        }
    }

    private final Options options;

    public PcaReconstruction(Options options) {
        this.options = options;
    }

    public PcaReconstruction() {
        this(Options.defaults());
    }

    @Override
    public String name() {
        return "pca";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("PcaReconstruction", x);
        int n = x.length;
        double[] mean = new double[d];
        for (double[] r : x) for (int t = 0; t < d; t++) mean[t] += r[t];
        for (int t = 0; t < d; t++) mean[t] /= n;
        double[] centred = new double[n * d];
        for (int i = 0; i < n; i++) for (int t = 0; t < d; t++) centred[i * d + t] = x[i][t] - mean[t];
        Svd svd = Svd.of(n, d, centred, false);
        double[] s = svd.singularValues();
        int m = chooseComponents(s, options.components(), d);
        Model model = new Model(d, mean, svd.v(m));
        model.setTrainingScores(model.scoreRows(x));
        return model;
    }

    /** A count is capped at the rank bound; a fraction picks the fewest components explaining more. */
    static int chooseComponents(double[] s, double components, int d) {
        if (components >= 1) {
            int c = (int) components;
            if (c > s.length) {
                throw new IllegalArgumentException("PcaReconstruction: components = " + c + " exceeds min(n, d) = "
                        + s.length + ": expected at most that");
            }
            return c;
        }
        double total = 0;
        for (double v : s) total += v * v;
        if (total == 0) return 1; // all rows identical: nothing to explain
        double cum = 0;
        for (int i = 0; i < s.length; i++) {
            cum += s[i] * s[i] / total;
            if (cum > components) return i + 1;
        }
        return s.length;
    }

    /** A fitted principal subspace. */
    public static final class Model extends FittedBase {
        private final double[] mean;
        private final double[][] v; // d x m

        Model(int d, double[] mean, double[][] v) {
            super("PcaReconstruction", d);
            this.mean = mean;
            this.v = v;
        }

        /** Number of components kept. */
        public int components() {
            return v[0].length;
        }

        @Override
        double[] scoreRows(double[][] x) {
            int d = dimension(), m = components();
            double[] out = new double[x.length];
            double[] c = new double[d], proj = new double[m];
            for (int i = 0; i < x.length; i++) {
                for (int t = 0; t < d; t++) c[t] = x[i][t] - mean[t];
                java.util.Arrays.fill(proj, 0);
                for (int t = 0; t < d; t++) for (int j = 0; j < m; j++) proj[j] += c[t] * v[t][j];
                double err = 0;
                for (int t = 0; t < d; t++) {
                    double r = c[t];
                    for (int j = 0; j < m; j++) r -= v[t][j] * proj[j];
                    err += r * r;
                }
                out[i] = err;
            }
            return out;
        }
    }
}
