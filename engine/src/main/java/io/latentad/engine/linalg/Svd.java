package io.latentad.engine.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Thin singular value decomposition {@code A = U diag(s) V^T} of an {@code m x n} matrix by ejml,
 * singular values descending, {@code U} {@code m x r}, {@code V} {@code n x r} with
 * {@code r = min(m, n)}.
 *
 * <p>Cost: {@code O(m n min(m, n))}.
 */
public final class Svd {
    private final double[] s;
    private final DMatrixRMaj u;
    private final DMatrixRMaj v;

    private Svd(double[] s, DMatrixRMaj u, DMatrixRMaj v) {
        this.s = s;
        this.u = u;
        this.v = v;
    }

    /** Decomposes {@code a} (rows of equal width); {@code wantU = false} skips {@code U}. */
    public static Svd of(double[][] a, boolean wantU) {
        if (a == null || a.length == 0 || a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException("SVD of an empty matrix: expected m x n with m, n >= 1");
        }
        int m = a.length, n = a[0].length;
        DMatrixRMaj mat = new DMatrixRMaj(m, n);
        for (int i = 0; i < m; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("row " + i + " has " + a[i].length + " entries: expected " + n);
            }
            System.arraycopy(a[i], 0, mat.data, i * n, n);
        }
        return of(mat, wantU);
    }

    /** Decomposes a row-major {@code m x n} array. */
    public static Svd of(int m, int n, double[] rowMajor, boolean wantU) {
        if (rowMajor.length < m * n) throw new IllegalArgumentException("array of " + rowMajor.length + " < m*n = " + m * n);
        DMatrixRMaj mat = new DMatrixRMaj(m, n);
        System.arraycopy(rowMajor, 0, mat.data, 0, m * n);
        return of(mat, wantU);
    }

    private static Svd of(DMatrixRMaj mat, boolean wantU) {
        int m = mat.numRows, n = mat.numCols;
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, wantU, true, true);
        if (!svd.decompose(mat)) throw new IllegalArgumentException("SVD did not converge");
        DMatrixRMaj u = wantU ? svd.getU(null, false) : null;
        DMatrixRMaj v = svd.getV(null, false);
        DMatrixRMaj w = svd.getW(null);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        int r = Math.min(m, n);
        double[] s = new double[r];
        for (int i = 0; i < r; i++) s[i] = w.get(i, i);
        return new Svd(s, u, v);
    }

    /** Singular values, descending (a fresh copy). */
    public double[] singularValues() {
        return s.clone();
    }

    /** The first {@code cols} right singular vectors as columns of an {@code n x cols} array. */
    public double[][] v(int cols) {
        return columns(v, cols);
    }

    /** The first {@code cols} left singular vectors as columns ({@code m x cols}). */
    public double[][] u(int cols) {
        if (u == null) throw new IllegalStateException("U was not computed: decompose with wantU = true");
        return columns(u, cols);
    }

    private double[][] columns(DMatrixRMaj mat, int cols) {
        if (cols < 0 || cols > s.length) throw new IllegalArgumentException("cols = " + cols + ": expected 0.." + s.length);
        double[][] out = new double[mat.numRows][cols];
        for (int i = 0; i < mat.numRows; i++) {
            for (int j = 0; j < cols; j++) out[i][j] = mat.unsafe_get(i, j);
        }
        return out;
    }
}
