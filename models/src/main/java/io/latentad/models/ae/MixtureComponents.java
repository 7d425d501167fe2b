package io.latentad.models.ae;

import io.latentad.engine.autodiff.FullMixtureKl;

/**
 * The per-component algebra of a {@link GaussianMixtureVae.Prior} for the scorers, in double: the log-density of a
 * code and the KL of a diagonal posterior to a component, for diagonal components ({@code var_floor + exp(rho)}) or
 * full ones ({@code L L^T}, their inverses and log-determinants computed once, as in {@link FullMixtureKl}).
 */
abstract class MixtureComponents {
    /** The components of {@code p} for codes of width {@code d}. */
    static MixtureComponents of(GaussianMixtureVae.Prior p, int d) {
        return p.full() ? new Full(p.cholesky(), d) : new Diagonal(p.variances());
    }

    /** {@code s + log N(z; m, Sigma_c)}. */
    abstract double addLogNormal(int c, double[] z, double[] m, double s);

    /** {@code KL(N(mu, diag e^lv) || N(m, Sigma_c))}; {@code lv} null for a point posterior (lv = 0). */
    abstract double kl(int c, double[] mu, double[] lv, double[] m);

    private static final class Diagonal extends MixtureComponents {
        private final double[][] variances;

        Diagonal(double[][] variances) {
            this.variances = variances;
        }

        @Override
        double addLogNormal(int c, double[] z, double[] m, double s) {
            for (int j = 0; j < z.length; j++) {
                double dz = z[j] - m[j];
                s -= 0.5 * (Math.log(2 * Math.PI * variances[c][j]) + dz * dz / variances[c][j]);
            }
            return s;
        }

        @Override
        double kl(int c, double[] mu, double[] lv, double[] m) {
            double kl = 0;
            for (int j = 0; j < mu.length; j++) {
                double l = lv == null ? 0 : lv[j], dm = mu[j] - m[j], v = variances[c][j];
                kl += 0.5 * (Math.log(v) - l + (Math.exp(l) + dm * dm) / v - 1);
            }
            return kl;
        }
    }

    private static final class Full extends MixtureComponents {
        private final double[][] inv;
        private final double[] logDet;
        private final int d;

        Full(double[][] chol, int d) {
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

        @Override
        double addLogNormal(int c, double[] z, double[] m, double s) {
            double[] x = new double[d];
            for (int j = 0; j < d; j++) x[j] = z[j] - m[j];
            return s + -0.5 * (d * Math.log(2 * Math.PI) + logDet[c] + quad(c, x));
        }

        /** The trace is {@code sum_j e^lv_j ||column j of L^-1||^2}. */
        @Override
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
}
