package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.KernelSet;
import io.latentad.engine.kernel.ScalarKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Placeholder: the Vector API kernels (being written). Delegates to the scalar reference. */
public final class VectorKernels implements KernelSet {
    public static final VectorKernels INSTANCE = new VectorKernels();
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final ScalarKernels S = ScalarKernels.INSTANCE;

    @Override
    public String name() {
        return "simd (" + F.vectorBitSize() + "-bit, " + F.length() + " float lanes)";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                     int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        PackedGemm.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public float dot(int n, float[] x, int xo, float[] y, int yo) {
        return S.dot(n, x, xo, y, yo);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xo, float[] y, int yo) {
        S.axpy(n, alpha, x, xo, y, yo);
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xo, float[] out, int oo) {
        S.scale(n, alpha, x, xo, out, oo);
    }

    @Override
    public void gemv(boolean trans, int m, int n, float alpha, float[] a, int ao, int lda, float[] x, int xo, float beta, float[] y, int yo) {
        S.gemv(trans, m, n, alpha, a, ao, lda, x, xo, beta, y, yo);
    }

    @Override
    public void add(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        S.add(n, a, ao, b, bo, out, oo);
    }

    @Override
    public void sub(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        S.sub(n, a, ao, b, bo, out, oo);
    }

    @Override
    public void mul(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        S.mul(n, a, ao, b, bo, out, oo);
    }

    @Override
    public void div(int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        S.div(n, a, ao, b, bo, out, oo);
    }

    @Override
    public void exp(int n, float[] x, int xo, float[] out, int oo) {
        S.exp(n, x, xo, out, oo);
    }

    @Override
    public void log(int n, float[] x, int xo, float[] out, int oo) {
        S.log(n, x, xo, out, oo);
    }

    @Override
    public void tanh(int n, float[] x, int xo, float[] out, int oo) {
        S.tanh(n, x, xo, out, oo);
    }

    @Override
    public void sigmoid(int n, float[] x, int xo, float[] out, int oo) {
        S.sigmoid(n, x, xo, out, oo);
    }

    @Override
    public void relu(int n, float[] x, int xo, float[] out, int oo) {
        S.relu(n, x, xo, out, oo);
    }

    @Override
    public void softplus(int n, float[] x, int xo, float[] out, int oo) {
        S.softplus(n, x, xo, out, oo);
    }

    @Override
    public float sum(int n, float[] x, int xo) {
        return S.sum(n, x, xo);
    }

    @Override
    public float max(int n, float[] x, int xo) {
        return S.max(n, x, xo);
    }

    @Override
    public int argmax(int n, float[] x, int xo) {
        return S.argmax(n, x, xo);
    }

    @Override
    public void rowSum(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        S.rowSum(rows, cols, x, xo, out, oo);
    }

    @Override
    public void colSum(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        S.colSum(rows, cols, x, xo, out, oo);
    }

    @Override
    public void rowMax(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        S.rowMax(rows, cols, x, xo, out, oo);
    }

    @Override
    public void colMax(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        S.colMax(rows, cols, x, xo, out, oo);
    }

    @Override
    public void softmaxRows(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        S.softmaxRows(rows, cols, x, xo, out, oo);
    }

    @Override
    public void logSoftmaxRows(int rows, int cols, float[] x, int xo, float[] out, int oo) {
        S.logSoftmaxRows(rows, cols, x, xo, out, oo);
    }

    @Override
    public void sqDist(int m, int n, int d, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        S.sqDist(m, n, d, a, ao, b, bo, out, oo);
    }
}
