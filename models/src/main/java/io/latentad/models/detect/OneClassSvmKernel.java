package io.latentad.models.detect;

import io.latentad.engine.kernel.Kernels;
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
 * {@code Qfloat}). The RBF's exp, two thirds of a fit with many support vectors when called entry by
 * entry (bench/notes/svmcli.md), runs {@value #CHUNK} entries at a time through the engine's
 * {@link Kernels#expToFloat} (double lanes, rounded to float: libsvm's values but for a rare one-ulp
 * difference). Every RBF value, in the solver's rows and in scoring, goes through that one path, so a
 * training row scores bit for bit as the solver left it.
 */
public final class OneClassSvmKernel {
    /** Rows at least this long are computed on several threads. */
    static final int PARALLEL_ROW = 8192;
    /** RBF entries exponentiated per call of the vector exp. */
    static final int CHUNK = 512;

    private final OneClassSvm.Kernel type;
    private final double gamma;
    private final int degree;
    private final double coef0;
    private final int n;
    private final int d;
    private final double[] xs;
    /** The same rows by columns ({@code xt[c * n + k]}), for the vectorised RBF distances; swapped with {@code xs}. */
    private final double[] xt;

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
        this.xt = new double[n * d];
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) xt[c * n + i] = xs[i * d + c];
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
        if (type == OneClassSvm.Kernel.RBF) {
            double[] arg = new double[Math.min(CHUNK, Math.max(0, to - from))];
            for (int k0 = from; k0 < to; k0 += CHUNK) rbf(xs, io, k0, Math.min(to, k0 + CHUNK), arg, out, k0);
            return;
        }
        for (int k = from; k < to; k++) out[k] = (float) apply(xs, io, xs, k * d);
    }

    /**
     * {@code sum_i coef[i] K(p_i, x)} over this kernel's own points in order (the support vectors, when
     * it scores); the scoring loop. Each kernel value is computed as in the solver's rows (the same
     * double argument, the same exp), and summed in double in support-vector order, so a training row
     * scores bit for bit as the solver's {@code supportSums} gave it.
     */
    double weightedSum(double[] x, double[] coef) {
        int s = coef.length;
        if (s > n) throw new IllegalArgumentException("weightedSum: " + s + " weights for " + n + " points");
        double f = 0;
        if (type == OneClassSvm.Kernel.RBF) {
            double[] arg = new double[Math.min(s, CHUNK)];
            float[] k = new float[arg.length];
            for (int i0 = 0; i0 < s; i0 += CHUNK) {
                int i1 = Math.min(s, i0 + CHUNK);
                rbf(x, 0, i0, i1, arg, k, 0);
                for (int i = i0; i < i1; i++) f += coef[i] * k[i - i0];
            }
            return f;
        }
        for (int i = 0; i < s; i++) f += coef[i] * (float) apply(x, 0, xs, i * d);
        return f;
    }

    /**
     * The one path of every RBF value in rows and in scoring: {@code out[oo + k - from] =
     * (float) exp(-gamma ||a - x_k||^2)} for this kernel's points {@code k} in {@code [from, to)}
     * ({@code arg} holds at least {@code to - from} doubles of scratch).
     */
    private void rbf(double[] a, int ao, int from, int to, double[] arg, float[] out, int oo) {
        Kernels.sqDistToColumns(d, a, ao, xt, n, from, to, arg, 0);
        for (int k = 0; k < to - from; k++) arg[k] *= -gamma;
        Kernels.expToFloat(to - from, arg, 0, out, oo);
    }

    /** {@code ||a - b||^2} over d values, summed in double from the first. */
    private double sqDist(double[] a, int ao, double[] b, int bo) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            double e = a[ao + c] - b[bo + c];
            s += e * e;
        }
        return s;
    }

    /** Swaps solver positions i and j. */
    public void swap(int i, int j) {
        int io = i * d, jo = j * d;
        for (int c = 0; c < d; c++) {
            double t = xs[io + c];
            xs[io + c] = xs[jo + c];
            xs[jo + c] = t;
            t = xt[c * n + i];
            xt[c * n + i] = xt[c * n + j];
            xt[c * n + j] = t;
        }
    }

    /** The kernel between a[ao .. ao+d) and b[bo .. bo+d). */
    double apply(double[] a, int ao, double[] b, int bo) {
        switch (type) {
            case RBF:
                return Math.exp(-gamma * sqDist(a, ao, b, bo));
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
