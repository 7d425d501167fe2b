package io.latentad.models.detect;

import io.latentad.engine.kernel.Parallel;

/**
 * The kernel of a {@link OneClassSvm} over a private, permutable copy of the training rows: the
 * solver's shrinking moves rows around (libsvm's {@code swap_index}), so the rows are stored in
 * solver order in one flat array and swapped physically.
 *
 * <p>Kernels, with scikit-learn's names and parameters:
 * <ul>
 *   <li>{@code rbf}: {@code exp(-gamma ||x - y||^2)}, the squared distance summed from the
 *       differences (libsvm expands it as {@code |x|^2 + |y|^2 - 2 x.y}, which loses digits when
 *       the points are close; the difference form is at least as accurate);</li>
 *   <li>{@code linear}: {@code x.y};</li>
 *   <li>{@code poly}: {@code (gamma x.y + coef0)^degree}.</li>
 * </ul>
 * Values are computed in double and stored as float in kernel rows, as libsvm does (its
 * {@code Qfloat}).
 */
public final class OneClassSvmKernel {
    /** Rows at least this long are computed on several threads. */
    static final int PARALLEL_ROW = 8192;

    private final OneClassSvm.Kernel type;
    private final double gamma;
    private final int degree;
    private final double coef0;
    private final int n;
    private final int d;
    private final double[] xs;

    /** Copies {@code x} (n x d) into solver order 0..n-1. */
    public OneClassSvmKernel(OneClassSvm.Kernel type, double gamma, int degree, double coef0, double[][] x) {
        this.type = type;
        this.gamma = gamma;
        this.degree = degree;
        this.coef0 = coef0;
        this.n = x.length;
        this.d = x[0].length;
        this.xs = new double[n * d];
        for (int i = 0; i < n; i++) System.arraycopy(x[i], 0, xs, i * d, d);
    }

    public int size() {
        return n;
    }

    /** K(x_i, x_j) for solver positions i and j. */
    public double eval(int i, int j) {
        return apply(xs, i * d, xs, j * d);
    }

    /**
     * {@code out[k] = (float) K(x_i, x_k)} for {@code k} in {@code [from, to)}; long rows are
     * split over the shared pool (each entry is computed independently, so the result does not
     * depend on the thread count).
     */
    public void row(int i, int from, int to, float[] out) {
        if (to - from >= PARALLEL_ROW && Parallel.threads() > 1) {
            Parallel.forRange(to - from, 1024, (a, b) -> rowRange(i, from + a, from + b, out));
        } else {
            rowRange(i, from, to, out);
        }
    }

    /** The single-threaded row kernel (the JMH benchmark measures this). */
    public void rowRange(int i, int from, int to, float[] out) {
        int io = i * d;
        if (type == OneClassSvm.Kernel.RBF && d == 2) {
            // the latent-space case (d = 2) unrolled: the exp dominates
            double a0 = xs[io], a1 = xs[io + 1], g = -gamma;
            for (int k = from, ko = from * 2; k < to; k++, ko += 2) {
                double e0 = a0 - xs[ko], e1 = a1 - xs[ko + 1];
                out[k] = (float) Math.exp(g * (e0 * e0 + e1 * e1));
            }
            return;
        }
        if (type == OneClassSvm.Kernel.RBF) {
            double g = -gamma;
            for (int k = from, ko = from * d; k < to; k++, ko += d) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double e = xs[io + c] - xs[ko + c];
                    s += e * e;
                }
                out[k] = (float) Math.exp(g * s);
            }
            return;
        }
        for (int k = from; k < to; k++) out[k] = (float) apply(xs, io, xs, k * d);
    }

    /**
     * {@code sum_i coef[i] K(p_i, x)} over the {@code coef.length} points stored flat in
     * {@code pts} (the support vectors); the scoring loop. Each kernel value is rounded to float
     * exactly as in the solver's rows, and summed in double in support-vector order, so a
     * training row scores bit for bit as the solver's {@code supportSums} gave it.
     */
    double weightedSum(double[] x, double[] pts, double[] coef) {
        int s = coef.length;
        double f = 0;
        if (type == OneClassSvm.Kernel.RBF) {
            double g = -gamma;
            if (d == 2) {
                double a0 = x[0], a1 = x[1];
                for (int i = 0, o = 0; i < s; i++, o += 2) {
                    double e0 = a0 - pts[o], e1 = a1 - pts[o + 1];
                    f += coef[i] * (float) Math.exp(g * (e0 * e0 + e1 * e1));
                }
                return f;
            }
            for (int i = 0, o = 0; i < s; i++, o += d) {
                double q = 0;
                for (int c = 0; c < d; c++) {
                    double e = x[c] - pts[o + c];
                    q += e * e;
                }
                f += coef[i] * (float) Math.exp(g * q);
            }
            return f;
        }
        for (int i = 0; i < s; i++) f += coef[i] * (float) apply(x, 0, pts, i * d);
        return f;
    }

    /** Swaps solver positions i and j. */
    public void swap(int i, int j) {
        int io = i * d, jo = j * d;
        for (int c = 0; c < d; c++) {
            double t = xs[io + c];
            xs[io + c] = xs[jo + c];
            xs[jo + c] = t;
        }
    }

    /** The kernel between a[ao .. ao+d) and b[bo .. bo+d). */
    double apply(double[] a, int ao, double[] b, int bo) {
        switch (type) {
            case RBF: {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double e = a[ao + c] - b[bo + c];
                    s += e * e;
                }
                return Math.exp(-gamma * s);
            }
            case LINEAR:
                return dot(a, ao, b, bo);
            case POLY:
                return powi(gamma * dot(a, ao, b, bo) + coef0, degree);
            default:
                throw new AssertionError(type);
        }
    }

    private double dot(double[] a, int ao, double[] b, int bo) {
        double s = 0;
        for (int c = 0; c < d; c++) s += a[ao + c] * b[bo + c];
        return s;
    }

    /** x^k by squaring (libsvm's {@code powi}). */
    static double powi(double x, int k) {
        double r = 1, t = x;
        for (int j = k; j > 0; j /= 2) {
            if ((j & 1) != 0) r *= t;
            t *= t;
        }
        return r;
    }
}
