package io.latentad.engine.linalg;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Cholesky, symmetric eigen and SVD wrappers against hand-computed cases. */
class LinalgTest {
    private static final double[][] A = {{4, 2, 0}, {2, 5, 1}, {0, 1, 3}};

    @Test
    void choleskyFactorReproducesTheMatrix() {
        Cholesky c = Cholesky.factor(A);
        double[][] l = c.lower();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int t = 0; t < 3; t++) s += l[i][t] * l[j][t];
                assertEquals(A[i][j], s, 1e-12);
            }
        }
        // det A = 4 (15 - 1) - 2 (6 - 0) = 44
        assertEquals(Math.log(44), c.logDet(), 1e-12);
    }

    @Test
    void choleskySolveAndMahalanobis() {
        Cholesky c = Cholesky.factor(A);
        double[] b = {1, 2, 3};
        double[] x = c.solve(b);
        for (int i = 0; i < 3; i++) {
            double s = 0;
            for (int j = 0; j < 3; j++) s += A[i][j] * x[j];
            assertEquals(b[i], s, 1e-12);
        }
        assertEquals(b[0] * x[0] + b[1] * x[1] + b[2] * x[2], c.mahalanobisSq(b, new double[3]), 1e-12);
    }

    @Test
    void choleskyOfAnIndefiniteMatrixIsNull() {
        assertNull(Cholesky.tryFactor(new double[][] {{1, 2}, {2, 1}}));
        assertThrows(IllegalArgumentException.class, () -> Cholesky.factor(new double[][] {{1, 2}, {2, 1}}));
    }

    @Test
    void rejectsANonSquareMatrix() {
        assertThrows(IllegalArgumentException.class, () -> Cholesky.factor(new double[][] {{1, 2}}));
    }

    @Test
    void eigenvaluesDescendWithUnitVectors() {
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1 with vectors (1, 1)/sqrt2 and (1, -1)/sqrt2
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertArrayEquals(new double[] {3, 1}, e.values(), 1e-12);
        double[][] v = e.vectors();
        assertEquals(1 / Math.sqrt(2), Math.abs(v[0][0]), 1e-12);
        assertEquals(Math.abs(v[0][0]), Math.abs(v[1][0]), 1e-12);
        assertEquals(0, v[0][0] * v[0][1] + v[1][0] * v[1][1], 1e-12);
    }

    @Test
    void svdReconstructsTheMatrix() {
        double[][] m = {{3, 0}, {4, 5}, {0, 1}};
        Svd s = Svd.of(m, true);
        double[] sv = s.singularValues();
        assertEquals(2, sv.length);
        assertEquals(true, sv[0] >= sv[1]);
        double[][] u = s.u(2), v = s.v(2);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double r = 0;
                for (int c = 0; c < 2; c++) r += u[i][c] * sv[c] * v[j][c];
                assertEquals(m[i][j], r, 1e-12);
            }
        }
        // Frobenius norm squared = sum of squared singular values = 9 + 16 + 25 + 1
        assertEquals(51, sv[0] * sv[0] + sv[1] * sv[1], 1e-10);
    }

    @Test
    void svdRejectsEmptyAndRaggedInput() {
        assertThrows(IllegalArgumentException.class, () -> Svd.of(new double[0][], false));
        assertThrows(IllegalArgumentException.class, () -> Svd.of(new double[][] {{1, 2}, {3}}, false));
    }
}
