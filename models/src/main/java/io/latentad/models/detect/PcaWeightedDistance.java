package io.latentad.models.detect;

import io.latentad.engine.linalg.Svd;
import io.latentad.models.common.Inputs;

/**
 * PyOD's PCA outlier score ({@code detect --detector pca --param score=pyod}), the score ADBench
 * reports as "PCA": the rows are standardised with the fitted rows' means and (population) standard
 * deviations, every principal component v_j of the standardised rows is kept, and
 * <pre>
 *   s(x) = sum_j ||x_std - v_j||_2 / r_j          (r_j the explained variance ratio of v_j)
 * </pre>
 * the Euclidean distance from the standardised row to each unit component vector (SciPy's
 * {@code cdist}), weighted by the inverse explained variance ratio, so the components of small
 * variance weigh most. Higher = more anomalous.
 *
 * <p>How to read it, beside {@link PcaReconstruction} (the default {@code score=recon}: squared
 * distance to the subspace keeping 95% of the variance, on the raw rows): this one uses all
 * components and standardised inputs, so a feature with a tiny spread matters as much as any
 * other, and deviations along the minor components dominate. Note that ||x - v_j|| is a distance to
 * the point v_j, not a projection, so it depends on the sign of v_j: we use scikit-learn 1.2's sign
 * rule ({@code svd_flip}, U-based: the largest-magnitude entry of each left singular vector is
 * positive), which is what PyOD inherits from it there.
 *
 * <p>Departures: a feature of zero spread is scaled by 1 (as scikit-learn's StandardScaler does);
 * components whose explained variance ratio is below 1e-12 are left out (PyOD would divide by
 * about 0 and give infinite scores).
 *
 * <p>Reference: M.-L. Shyu, S.-C. Chen, K. Sarinnapakorn, L. Chang, "A Novel Anomaly Detection
 * Scheme Based on Principal Component Classifier", ICDM Foundation and New Direction of Data Mining
 * workshop, 2003; Y. Zhao, Z. Nasrullah, Z. Li, "PyOD: A Python Toolbox for Scalable Outlier
 * Detection", JMLR 20(96), 2019 ({@code pyod/models/pca.py}).
 *
 * <p>Cost: fit O(n d^2) (thin SVD); O(d^2) per scored row.
 */
public final class PcaWeightedDistance implements Detector {
    @Override
    public String name() {
        return "pca";
    }

    @Override
    public Model fit(double[][] x) {
        int d = Inputs.requireMatrix("PcaWeightedDistance", x);
        int n = x.length;
        double[] mean = new double[d], scale = new double[d];
        for (double[] r : x) for (int t = 0; t < d; t++) mean[t] += r[t] / n;
        for (double[] r : x) for (int t = 0; t < d; t++) scale[t] += (r[t] - mean[t]) * (r[t] - mean[t]) / n;
        for (int t = 0; t < d; t++) scale[t] = scale[t] > 0 ? Math.sqrt(scale[t]) : 1;
        double[] z = new double[n * d];
        for (int i = 0; i < n; i++) for (int t = 0; t < d; t++) z[i * d + t] = (x[i][t] - mean[t]) / scale[t];
        // the standardised rows have mean 0 already: their SVD is the PCA
        Svd svd = Svd.of(n, d, z, false);
        double[] s = svd.singularValues();
        int m = s.length;
        double[][] v = svd.v(m); // d x m
        double total = 0;
        for (double sv : s) total += sv * sv;
        int kept = 0;
        double[][] comp = new double[m][];
        double[] ratio = new double[m];
        for (int j = 0; j < m; j++) {
            double r = total == 0 ? 0 : s[j] * s[j] / total;
            if (!(r >= 1e-12)) continue;
            // scikit-learn 1.2's svd_flip: the entry of u_j = Z v_j / s_j largest in magnitude is made positive
            double best = 0;
            for (int i = 0; i < n; i++) {
                double u = 0;
                for (int t = 0; t < d; t++) u += z[i * d + t] * v[t][j];
                if (Math.abs(u) > Math.abs(best)) best = u;
            }
            double sign = best < 0 ? -1 : 1;
            comp[kept] = new double[d];
            for (int t = 0; t < d; t++) comp[kept][t] = sign * v[t][j];
            ratio[kept++] = r;
        }
        if (kept == 0) throw new IllegalArgumentException("PcaWeightedDistance: every fitted row is the same: no component to weigh");
        Model model = new Model(d, mean, scale, java.util.Arrays.copyOf(comp, kept), java.util.Arrays.copyOf(ratio, kept));
        model.setTrainingScores(model.scoreRows(x));
        return model;
    }

    /** A fitted standardisation and the weighted components. */
    public static final class Model extends FittedBase {
        private final double[] mean, scale, ratio;
        private final double[][] comp; // m x d

        Model(int d, double[] mean, double[] scale, double[][] comp, double[] ratio) {
            super("PcaWeightedDistance", d);
            this.mean = mean;
            this.scale = scale;
            this.comp = comp;
            this.ratio = ratio;
        }

        /** The explained variance ratios of the components used. */
        public double[] ratios() {
            return ratio.clone();
        }

        @Override
        double[] scoreRows(double[][] x) {
            int d = dimension();
            double[] out = new double[x.length], z = new double[d];
            for (int i = 0; i < x.length; i++) {
                for (int t = 0; t < d; t++) z[t] = (x[i][t] - mean[t]) / scale[t];
                double s = 0;
                for (int j = 0; j < comp.length; j++) {
                    double dist = 0;
                    for (int t = 0; t < d; t++) dist += (z[t] - comp[j][t]) * (z[t] - comp[j][t]);
                    s += Math.sqrt(dist) / ratio[j];
                }
                out[i] = s;
            }
            return out;
        }
    }
}
