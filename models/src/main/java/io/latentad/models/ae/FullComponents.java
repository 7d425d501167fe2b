package io.latentad.models.ae;

import io.latentad.engine.autodiff.FullMixtureKl;

/** The inverses and log-determinants of full components, for the scorers (in double, as {@link FullMixtureKl}). */
final class FullComponents {
    private final double[][] inv;
    private final double[] logDet;
    private final int d;

    FullComponents(double[][] chol, int d) {
        this.d = d;
        inv = new double[chol.length][];
        logDet = new double[chol.length];
        for (int c = 0; c < chol.length; c++) {
            inv[c] = FullMixtureKl.inverseLower(chol[c], d);
            for (int j = 0; j < d; j++) logDet[c] += 2 * Math.log(chol[c][j * d + j]);
        }
    }

    /** {@code ||L_c^-1 x||^2}. */
    private double quad(int c, double[] x) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            double y = 0;
            for (int j = 0; j <= i; j++) y += inv[c][i * d + j] * x[j];
            s += y * y;
        }
        return s;
    }

    double logNormal(int c, double[] z, double[] m) {
        double[] x = new double[d];
        for (int j = 0; j < d; j++) x[j] = z[j] - m[j];
        return -0.5 * (d * Math.log(2 * Math.PI) + logDet[c] + quad(c, x));
    }

    /** KL(N(mu, diag e^lv) || N(m, L L^T)): the trace is sum_j e^lv_j ||column j of L^-1||^2. */
    double kl(int c, double[] mu, double[] lv, double[] m) {
        double[] x = new double[d];
        double tr = 0, sumLv = 0;
        for (int j = 0; j < d; j++) {
            x[j] = mu[j] - m[j];
            double l = lv == null ? 0 : lv[j], col = 0;
            for (int i = j; i < d; i++) col += inv[c][i * d + j] * inv[c][i * d + j];
            tr += Math.exp(l) * col;
            sumLv += l;
        }
        return 0.5 * (logDet[c] - sumLv + tr + quad(c, x) - d);
    }
}
