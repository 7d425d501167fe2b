package io.latentad.engine.autodiff;

import java.util.function.DoubleBinaryOperator;

/** Test helper: double reference forwards, written as directly from the formulas as possible. */
final class Ref {
    private Ref() {
    }

    static double sum(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s;
    }

    static double pairSum(double[] a, double[] b, DoubleBinaryOperator f) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += f.applyAsDouble(a[i], b[i]);
        return s;
    }

    static double[] axisSum(double[] x, int[] shape, int axis, double scale) {
        int ax = axis < 0 ? axis + shape.length : axis;
        int outer = 1, inner = 1, n = shape[ax];
        for (int i = 0; i < ax; i++) outer *= shape[i];
        for (int i = ax + 1; i < shape.length; i++) inner *= shape[i];
        double[] o = new double[outer * inner];
        for (int a = 0; a < outer; a++) {
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < inner; i++) o[a * inner + i] += scale * x[(a * n + k) * inner + i];
            }
        }
        return o;
    }

    static double[] cat(double[] a, double[] b) {
        double[] o = new double[a.length + b.length];
        System.arraycopy(a, 0, o, 0, a.length);
        System.arraycopy(b, 0, o, a.length, b.length);
        return o;
    }

    static double[] mm(double[] a, double[] b, double[] bias, int m, int k, int n) {
        double[] o = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = bias == null ? 0 : bias[j];
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                o[i * n + j] = s;
            }
        }
        return o;
    }

    static double gaussianNll(double[] x, double[] t, double[] v) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += 0.5 * (Math.log(v[i]) + (x[i] - t[i]) * (x[i] - t[i]) / v[i]) + 0.5 * Math.log(2 * Math.PI);
        }
        return s;
    }

    static double kl(double[] mu, double[] lv, double[] m) {
        double s = 0;
        for (int i = 0; i < mu.length; i++) s += -0.5 * (1 + lv[i] - (mu[i] - m[i]) * (mu[i] - m[i]) - Math.exp(lv[i]));
        return s;
    }

    /** sum over samples of ||dh/dx||_F^2 for h = f(x W + b), by building each Jacobian entry. */
    static double jacobianNorm(double[] x, double[] w, double[] b, int batch, int in, int hidden, boolean sigmoid) {
        double[] a = mm(x, w, b, batch, in, hidden);
        double s = 0;
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < hidden; j++) {
                double h = sigmoid ? 1 / (1 + Math.exp(-a[r * hidden + j])) : Math.tanh(a[r * hidden + j]);
                double slope = sigmoid ? h * (1 - h) : 1 - h * h;
                for (int i = 0; i < in; i++) {
                    double jac = slope * w[i * hidden + j];
                    s += jac * jac;
                }
            }
        }
        return s;
    }
}
