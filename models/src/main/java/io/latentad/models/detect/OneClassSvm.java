package io.latentad.models.detect;

import java.util.Locale;
import java.util.Map;

/**
 * One-class support vector machine: the smallest region in kernel feature space, a half-space
 * {@code <w, phi(x)> >= rho} away from the origin, that holds all but a share {@code nu} of the
 * training rows.
 *
 * <p>Intuition: with the RBF kernel every point lies on the unit sphere of feature space, and the
 * half-space cuts a cap from it; in input space the cap is a smooth level set of a kernel density
 * estimate whose centres are the support vectors. Points outside it are anomalies.
 *
 * <p>Reading the score: {@code score(x) = rho - sum_i alpha_i K(x_i, x)}, the negated decision
 * function of scikit-learn's {@code OneClassSVM}, so that <b>higher = more anomalous</b>; a score
 * above 0 is outside the learned support. {@code nu} is an upper bound on the share of training
 * rows outside and a lower bound on the share of support vectors.
 *
 * <p>Departures from the paper: the dual is solved as libsvm (and so scikit-learn) does: its
 * scaling ({@code 0 <= alpha_i <= 1, sum alpha_i = nu n} rather than {@code 1 / (nu n)} and 1),
 * its start (the first {@code floor(nu n)} alphas at 1, the next one the remainder), its
 * second-order SMO with shrinking ({@link SmoSolver}) and its stopping tolerance, so the decision
 * values match scikit-learn's one for one. Kernel rows are cached as float, as libsvm's; scoring
 * rounds each kernel value to float in the same way, so the training scores are summed from the
 * solver's cached rows instead of n x s fresh kernel evaluations (scikit-learn predicts with
 * double kernel values: the two differ by less than 1e-7 of the decision scale).
 *
 * <p>Reference: B. Schölkopf, J. C. Platt, J. Shawe-Taylor, A. J. Smola, R. C. Williamson,
 * "Estimating the support of a high-dimensional distribution", Neural Computation 13(7)
 * 1443-1471 (2001), doi:10.1162/089976601750264965.
 *
 * <p>Cost: training is O(n^2 d) kernel work in the worst case, usually far less thanks to the
 * cache and shrinking; memory is the row cache (at most {@code cacheMb} MB, at least 2 rows).
 * Scoring is O(m s d) for m rows and s support vectors, split over the shared pool.
 */
public final class OneClassSvm implements Detector {
    /** Kernel functions, named as scikit-learn names them. */
    public enum Kernel {
        RBF, LINEAR, POLY;

        /** The CLI / scikit-learn name. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kernel parse(String s) {
            for (Kernel k : values()) if (k.cliName().equals(s)) return k;
            throw new IllegalArgumentException("ocsvm: kernel = '" + s + "': expected rbf, linear or poly");
        }
    }

    /**
     * Options, defaults as scikit-learn's {@code OneClassSVM}.
     *
     * @param kernel    rbf (default), linear or poly
     * @param nu        share of outliers / support vectors, in (0, 1]; default 0.5
     * @param gamma     kernel coefficient &gt; 0, or NaN for 'scale' = 1 / (d var(X)) (default)
     * @param degree    degree of the poly kernel, &gt;= 1; default 3
     * @param coef0     constant of the poly kernel; default 0
     * @param tolerance stopping tolerance of the solver, &gt; 0; default 1e-3
     * @param cacheMb   kernel cache budget in MB, &gt;= 1; default 200
     * @param shrinking whether the solver shrinks; default true
     */
    public record Options(Kernel kernel, double nu, double gamma, int degree, double coef0,
                          double tolerance, int cacheMb, boolean shrinking) {
        public Options {
            if (kernel == null) throw new IllegalArgumentException("ocsvm: kernel = null: expected rbf, linear or poly");
            if (!(nu > 0 && nu <= 1)) throw new IllegalArgumentException("ocsvm: nu = " + nu + ": expected a value in (0, 1]");
            if (!Double.isNaN(gamma) && !(gamma > 0 && gamma < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("ocsvm: gamma = " + gamma + ": expected a finite value > 0 or 'scale'");
            }
            if (degree < 1) throw new IllegalArgumentException("ocsvm: degree = " + degree + ": expected >= 1");
            if (!Double.isFinite(coef0)) throw new IllegalArgumentException("ocsvm: coef0 = " + coef0 + ": expected a finite value");
            if (!(tolerance > 0 && tolerance < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("ocsvm: tolerance = " + tolerance + ": expected a finite value > 0");
            }
            if (cacheMb < 1) throw new IllegalArgumentException("ocsvm: cacheMb = " + cacheMb + ": expected >= 1");
        }

        /** scikit-learn's defaults: rbf, nu = 0.5, gamma = 'scale', tol = 1e-3, cache 200 MB. */
        public static Options defaults() {
            return new Options(Kernel.RBF, 0.5, Double.NaN, 3, 0.0, 1e-3, 200, true);
        }

        public Options withNu(double v) {
            return new Options(kernel, v, gamma, degree, coef0, tolerance, cacheMb, shrinking);
        }

        public Options withGamma(double v) {
            return new Options(kernel, nu, v, degree, coef0, tolerance, cacheMb, shrinking);
        }

        public Options withKernel(Kernel v) {
            return new Options(v, nu, gamma, degree, coef0, tolerance, cacheMb, shrinking);
        }
    }

    private final Options options;

    public OneClassSvm(Options options) {
        if (options == null) throw new IllegalArgumentException("ocsvm: options = null: expected Options");
        this.options = options;
    }

    public OneClassSvm() {
        this(Options.defaults());
    }

    /**
     * From CLI {@code --param} values: {@code kernel} (rbf), {@code nu} (0.5), {@code gamma}
     * (scale, or a number), and for poly {@code degree} (3) and {@code coef0} (0).
     */
    public static OneClassSvm fromParams(Map<String, String> params) {
        Options o = Options.defaults();
        Kernel kernel = o.kernel();
        double nu = o.nu(), gamma = o.gamma(), coef0 = o.coef0();
        int degree = o.degree();
        for (Map.Entry<String, String> e : (params == null ? Map.<String, String>of() : params).entrySet()) {
            String v = e.getValue().trim();
            switch (e.getKey()) {
                case "kernel" -> kernel = Kernel.parse(v);
                case "nu" -> nu = number("nu", v, "a value in (0, 1]");
                case "gamma" -> gamma = v.equals("scale") ? Double.NaN : number("gamma", v, "a number > 0 or 'scale'");
                case "degree" -> degree = (int) number("degree", v, "a whole number >= 1");
                case "coef0" -> coef0 = number("coef0", v, "a number");
                default -> throw new IllegalArgumentException("ocsvm: unknown param '" + e.getKey()
                        + "': expected kernel, nu, gamma, degree or coef0");
            }
        }
        return new OneClassSvm(new Options(kernel, nu, gamma, degree, coef0, o.tolerance(), o.cacheMb(), o.shrinking()));
    }

    private static double number(String key, String v, String expected) {
        try {
            double d = Double.parseDouble(v);
            if (key.equals("degree") && d != Math.rint(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("ocsvm: " + key + " = '" + v + "': expected " + expected);
        }
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return "ocsvm";
    }

    @Override
    public OneClassSvmModel fit(double[][] x) {
        int d = checkRows(x);
        int n = x.length;
        double gamma = Double.isNaN(options.gamma()) ? scaleGamma(x, d) : options.gamma();
        OneClassSvmKernel k = new OneClassSvmKernel(options.kernel(), gamma, options.degree(), options.coef0(), x);
        long cacheFloats = (long) options.cacheMb() * (1L << 20) / Float.BYTES;
        SmoSolver.Solution s = new SmoSolver(k, cacheFloats, initialAlpha(n, options.nu()),
                options.tolerance(), options.shrinking()).solve();
        return OneClassSvmModel.of(options, gamma, x, s);
    }

    /** libsvm's start: the first floor(nu n) alphas at 1, the next the remainder, the rest 0. */
    static double[] initialAlpha(int n, double nu) {
        double[] a = new double[n];
        int full = (int) (nu * n);
        for (int i = 0; i < full; i++) a[i] = 1;
        if (full < n) a[full] = nu * n - full;
        return a;
    }

    /** gamma = 'scale': 1 / (d var(X)), var over every entry; 1 when X is constant (as sklearn). */
    static double scaleGamma(double[][] x, int d) {
        double mean = 0;
        long count = (long) x.length * d;
        for (double[] r : x) for (double v : r) mean += v;
        mean /= count;
        double ss = 0;
        for (double[] r : x) for (double v : r) ss += (v - mean) * (v - mean);
        double var = ss / count;
        return var > 0 ? 1.0 / (d * var) : 1.0;
    }

    /** Checks a non-empty, rectangular, finite matrix and returns its width. */
    static int checkRows(double[][] x) {
        if (x == null || x.length == 0) throw new IllegalArgumentException("ocsvm: no rows: expected at least one row to fit on");
        if (x[0] == null || x[0].length == 0) throw new IllegalArgumentException("ocsvm: row 0 has no columns: expected at least one");
        int d = x[0].length;
        checkRows(x, d);
        return d;
    }

    static void checkRows(double[][] x, int d) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException("ocsvm: row " + i + " has " + (x[i] == null ? 0 : x[i].length)
                        + " columns: expected " + d);
            }
            for (int c = 0; c < d; c++) {
                if (!Double.isFinite(x[i][c])) {
                    throw new IllegalArgumentException("ocsvm: row " + i + ", column " + c + " = " + x[i][c] + ": expected a finite value");
                }
            }
        }
    }
}
