package io.latentad.engine.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Eigen-decomposition {@code A = V diag(w) V^T} of a real symmetric matrix by ejml, with the
 * eigenvalues in descending order and unit eigenvectors as the columns of {@code V}.
 *
 * <p>Cost: {@code O(n^3)}.
 */
public final class SymmetricEigen {
    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes {@code a} (square, symmetric: the lower triangle is mirrored). */
    public static SymmetricEigen of(double[][] a) {
        int n = Cholesky.requireSquare(a);
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                m.unsafe_set(i, j, a[i][j]);
                m.unsafe_set(j, i, a[i][j]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(m)) throw new IllegalArgumentException("eigen-decomposition did not converge");
        Integer[] order = new Integer[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            w[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -w[i]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int c = 0; c < n; c++) {
            values[c] = w[order[c]];
            DMatrixRMaj v = eig.getEigenVector(order[c]);
            for (int r = 0; r < n; r++) vectors[r][c] = v.get(r, 0);
        }
        return new SymmetricEigen(values, vectors);
    }

    /** Eigenvalues, descending (a fresh copy). */
    public double[] values() {
        return values.clone();
    }

    /** Eigenvectors as columns, in the order of {@link #values()} (a fresh copy). */
    public double[][] vectors() {
        double[][] out = new double[vectors.length][];
        for (int i = 0; i < out.length; i++) out[i] = vectors[i].clone();
        return out;
    }
}
