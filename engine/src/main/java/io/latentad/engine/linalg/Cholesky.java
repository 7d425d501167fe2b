package io.latentad.engine.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The Cholesky factor {@code A = L L^T} of a symmetric positive definite matrix, in double, by
 * ejml's row-major decomposition. Immutable once made; gives the log-determinant and triangular
 * solves that Gaussian densities need (Mahalanobis distances as {@code ||L^-1 (x - mu)||^2}).
 *
 * <p>Cost: {@code d^3 / 3} to factor, {@code d^2} per triangular solve.
 */
public final class Cholesky {
    private final int n;
    /** Lower factor, row-major {@code n x n}. */
    private final double[] l;

    private Cholesky(int n, double[] l) {
        this.n = n;
        this.l = l;
    }

    /**
     * Factors {@code a} (square, symmetric; only the lower triangle is read).
     *
     * @return the factor, or {@code null} if {@code a} is not positive definite
     * @throws IllegalArgumentException if {@code a} is not square
     */
    public static Cholesky tryFactor(double[][] a) {
        int n = requireSquare(a);
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                m.unsafe_set(i, j, a[i][j]);
                m.unsafe_set(j, i, a[i][j]);
            }
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(m)) return null;
        DMatrixRMaj t = chol.getT(null);
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = t.unsafe_get(i, j);
                if (!(v == v) || (i == j && !(v > 0))) return null; // NaN or a zero pivot: not SPD
                l[i * n + j] = v;
            }
        }
        return new Cholesky(n, l);
    }

    /**
     * Factors {@code a}.
     *
     * @throws IllegalArgumentException if {@code a} is not square or not positive definite
     */
    public static Cholesky factor(double[][] a) {
        Cholesky c = tryFactor(a);
        if (c == null) {
            throw new IllegalArgumentException("Cholesky: the " + a.length + " x " + a.length
                    + " matrix is not positive definite");
        }
        return c;
    }

    public int size() {
        return n;
    }

    /** {@code L[i][j]} (zero above the diagonal). */
    public double get(int i, int j) {
        return j <= i ? l[i * n + j] : 0;
    }

    /** The lower factor as a fresh {@code n x n} array. */
    public double[][] lower() {
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) System.arraycopy(l, i * n, out[i], 0, i + 1);
        return out;
    }

    /** {@code log det A = 2 sum log L_ii}. */
    public double logDet() {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.log(l[i * n + i]);
        return 2 * s;
    }

    /** Solves {@code L y = b} into {@code y} (may alias {@code b}); returns {@code y}. */
    public double[] solveLower(double[] b, double[] y) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            int row = i * n;
            for (int j = 0; j < i; j++) s -= l[row + j] * y[j];
            y[i] = s / l[row + i];
        }
        return y;
    }

    /** {@code ||L^-1 v||^2 = v^T A^-1 v}, the squared Mahalanobis norm; {@code work} has n slots. */
    public double mahalanobisSq(double[] v, double[] work) {
        solveLower(v, work);
        double s = 0;
        for (int i = 0; i < n; i++) s += work[i] * work[i];
        return s;
    }

    /** Solves {@code A x = b}; returns a fresh {@code x}. */
    public double[] solve(double[] b) {
        double[] y = solveLower(b, new double[n]);
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int j = i + 1; j < n; j++) s -= l[j * n + i] * y[j];
            y[i] = s / l[i * n + i];
        }
        return y;
    }

    static int requireSquare(double[][] a) {
        if (a == null || a.length == 0) throw new IllegalArgumentException("matrix is empty: expected n x n with n >= 1");
        int n = a.length;
        for (int i = 0; i < n; i++) {
            if (a[i] == null || a[i].length != n) {
                throw new IllegalArgumentException("row " + i + " has " + (a[i] == null ? 0 : a[i].length)
                        + " entries: expected " + n + " (a square matrix)");
            }
        }
        return n;
    }
}
