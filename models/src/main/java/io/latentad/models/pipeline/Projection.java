package io.latentad.models.pipeline;

/**
 * A 2-D view of latent codes for the scatter plots: the codes themselves when they have two
 * coordinates, the first coordinate against zero for one, else the scores on the first two
 * principal components (power iteration with deflation on the covariance matrix, in double;
 * deterministic: it starts from a fixed vector).
 */
final class Projection {
    private Projection() {
    }

    static double[][] view2d(double[][] z) {
        int n = z.length, m = z[0].length;
        if (m == 2) return z;
        double[][] out = new double[n][2];
        if (m == 1) {
            for (int i = 0; i < n; i++) out[i][0] = z[i][0];
            return out;
        }
        double[] mean = new double[m];
        for (double[] r : z) for (int j = 0; j < m; j++) mean[j] += r[j] / n;
        double[][] cov = new double[m][m];
        for (double[] r : z) {
            for (int a = 0; a < m; a++) {
                double da = r[a] - mean[a];
                for (int b = 0; b < m; b++) cov[a][b] += da * (r[b] - mean[b]) / n;
            }
        }
        double[] v1 = leading(cov);
        double l1 = quad(cov, v1);
        for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) cov[a][b] -= l1 * v1[a] * v1[b]; // deflate
        double[] v2 = leading(cov);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double c = z[i][j] - mean[j];
                out[i][0] += c * v1[j];
                out[i][1] += c * v2[j];
            }
        }
        return out;
    }

    /** The leading eigenvector of a symmetric positive semi-definite matrix by power iteration. */
    private static double[] leading(double[][] c) {
        int m = c.length;
        double[] v = new double[m];
        for (int j = 0; j < m; j++) v[j] = 1.0 / Math.sqrt(m) * (1 + 0.01 * j); // fixed, not orthogonal to typical eigenvectors
        for (int it = 0; it < 500; it++) {
            double[] w = new double[m];
            for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) w[a] += c[a][b] * v[b];
            double norm = 0;
            for (double x : w) norm += x * x;
            norm = Math.sqrt(norm);
            if (norm == 0) return v; // a zero matrix: any unit vector will do
            double diff = 0;
            for (int a = 0; a < m; a++) {
                w[a] /= norm;
                diff += Math.abs(w[a] - v[a]);
            }
            v = w;
            if (diff < 1e-12) break;
        }
        return v;
    }

    private static double quad(double[][] c, double[] v) {
        double s = 0;
        for (int a = 0; a < v.length; a++) for (int b = 0; b < v.length; b++) s += v[a] * c[a][b] * v[b];
        return s;
    }
}
