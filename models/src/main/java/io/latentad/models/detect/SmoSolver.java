package io.latentad.models.detect;

/**
 * Sequential minimal optimisation for the one-class SVM dual, following libsvm's {@code Solver}
 * specialised to one class (every {@code y_i = +1}, linear term {@code p = 0}, box {@code C = 1}):
 *
 * <pre>
 *   min_a  1/2 a' Q a    subject to  0 &lt;= a_i &lt;= 1,  sum_i a_i = nu n,   Q_ij = K(x_i, x_j).
 * </pre>
 *
 * <p>Each step picks a pair by second-order working-set selection (WSS 2 of Fan, Chen and Lin):
 * {@code i} maximises {@code -G_i} over the alphas that can grow, {@code j} maximises the decrease
 * of the objective {@code (G_j - G_i)^2 / (Q_ii + Q_jj - 2 Q_ij)} over those that can shrink, and
 * the pair is optimised in closed form and clipped to the box. It stops when the maximal
 * violation {@code max(-G_i) + max(G_j) < eps}. Shrinking (every min(n, 1000) steps) sets aside
 * alphas at a bound whose gradient says they will stay there; the gradient of the set-aside
 * positions is rebuilt from {@code G_bar} (the part of the gradient due to alphas at the upper
 * bound) before the final check, as libsvm's {@code reconstruct_gradient}.
 *
 * <p>References: R.-E. Fan, P.-H. Chen, C.-J. Lin, "Working set selection using second order
 * information for training support vector machines", JMLR 6 (2005) 1889-1918; C.-C. Chang,
 * C.-J. Lin, "LIBSVM: a library for support vector machines", ACM TIST 2(3) 27 (2011),
 * doi:10.1145/1961189.1961199.
 *
 * <p>Cost: each step touches two kernel rows of the active length (cached, see
 * {@link SmoKernelCache}) and O(active) work for the selection and the gradient update; the
 * start computes one full row for every alpha that starts above zero.
 */
final class SmoSolver {
    private static final double TAU = 1e-12;
    private static final byte LOWER = 0, UPPER = 1, FREE = 2;

    private final OneClassSvmKernel kernel;
    private final SmoKernelCache cache;
    private final int n;
    private final double eps;
    private final boolean shrinking;
    private final double[] alpha;
    private final double[] grad;
    private final double[] gradBar;
    private final double[] qd;
    private final byte[] status;
    private final int[] activeSet;
    private int activeSize;
    private boolean unshrink;
    private int iterations;

    /**
     * Result of {@link #solve}: alphas in the original row order, rho, iterations, and
     * {@code sums[k] = sum_i alpha_i Q_ik} for every training row k, summed over the support
     * vectors in original row order from the float kernel rows (so it equals, bit for bit, what
     * {@link OneClassSvmModel#score} computes for row k).
     */
    record Solution(double[] alpha, double rho, int iterations, double objective, double[] sums) {
    }

    SmoSolver(OneClassSvmKernel kernel, long cacheFloats, double[] alphaInit, double eps, boolean shrinking) {
        this.kernel = kernel;
        this.n = kernel.size();
        this.cache = new SmoKernelCache(n, cacheFloats);
        this.eps = eps;
        this.shrinking = shrinking;
        this.alpha = alphaInit.clone();
        this.grad = new double[n];
        this.gradBar = new double[n];
        this.qd = new double[n];
        this.status = new byte[n];
        this.activeSet = new int[n];
    }

    Solution solve() {
        for (int i = 0; i < n; i++) {
            qd[i] = kernel.eval(i, i);
            updateStatus(i);
            activeSet[i] = i;
        }
        activeSize = n;
        initialGradient();

        long maxIter = Math.max(10_000_000L, n > Integer.MAX_VALUE / 100 ? Integer.MAX_VALUE : 100L * n);
        int counter = Math.min(n, 1000) + 1;
        int[] pair = new int[2];
        while (iterations < maxIter) {
            if (--counter == 0) {
                counter = Math.min(n, 1000);
                if (shrinking) shrink();
            }
            if (!selectWorkingSet(pair)) {
                reconstructGradient(); // check optimality on the whole set
                activeSize = n;
                if (!selectWorkingSet(pair)) break;
                counter = 1; // shrink at the next step
            }
            iterations++;
            step(pair[0], pair[1]);
        }
        if (activeSize < n) {
            reconstructGradient();
            activeSize = n;
        }
        double rho = calculateRho();
        double obj = 0;
        for (int i = 0; i < n; i++) obj += alpha[i] * grad[i];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[activeSet[i]] = alpha[i];
        return new Solution(out, rho, iterations, obj / 2, supportSums());
    }

    /**
     * The decision sums of the training rows from the cached rows of the support vectors (most
     * are still in the cache, so this costs few kernel evaluations).
     */
    private double[] supportSums() {
        int[] position = new int[n];
        for (int p = 0; p < n; p++) position[activeSet[p]] = p;
        double[] acc = new double[n];
        for (int orig = 0; orig < n; orig++) {
            int p = position[orig];
            double a = alpha[p];
            if (a <= 0) continue;
            float[] q = row(p, n);
            for (int k = 0; k < n; k++) acc[k] += a * q[k];
        }
        double[] out = new double[n];
        for (int p = 0; p < n; p++) out[activeSet[p]] = acc[p];
        return out;
    }

    /** G = Q alpha over every alpha above zero; G_bar over those at the upper bound. */
    private void initialGradient() {
        for (int i = 0; i < n; i++) {
            if (status[i] == LOWER) continue;
            float[] qi = row(i, n);
            double ai = alpha[i];
            boolean upper = status[i] == UPPER;
            for (int j = 0; j < n; j++) {
                grad[j] += ai * qi[j];
                if (upper) gradBar[j] += qi[j]; // C = 1
            }
        }
    }

    /** Kernel row i over the first len positions, through the cache. */
    private float[] row(int i, int len) {
        int have = cache.request(i, len);
        float[] r = cache.row(i);
        if (have < len) kernel.row(i, have, len, r);
        return r;
    }

    /** Fan, Chen and Lin's WSS 2; false when the active set is optimal to eps. */
    private boolean selectWorkingSet(int[] pair) {
        double gmax = Double.NEGATIVE_INFINITY, gmax2 = Double.NEGATIVE_INFINITY;
        int gmaxIdx = -1;
        for (int t = 0; t < activeSize; t++) {
            if (status[t] != UPPER && -grad[t] >= gmax) {
                gmax = -grad[t];
                gmaxIdx = t;
            }
        }
        int i = gmaxIdx;
        int gminIdx = -1;
        double objDiffMin = Double.POSITIVE_INFINITY;
        float[] qi = i != -1 ? row(i, activeSize) : null;
        for (int j = 0; j < activeSize; j++) {
            if (status[j] == LOWER) continue;
            double gj = grad[j];
            if (gj >= gmax2) gmax2 = gj;
            double gradDiff = gmax + gj;
            if (gradDiff > 0) {
                double quad = qd[i] + qd[j] - 2.0 * qi[j];
                double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
                if (objDiff <= objDiffMin) {
                    gminIdx = j;
                    objDiffMin = objDiff;
                }
            }
        }
        if (gmax + gmax2 < eps || gminIdx == -1) return false;
        pair[0] = gmaxIdx;
        pair[1] = gminIdx;
        return true;
    }

    /** Optimises the pair (i, j) analytically, clips to [0, 1], updates G and G_bar. */
    private void step(int i, int j) {
        float[] qi = row(i, activeSize);
        float[] qj = row(j, activeSize);
        double oldI = alpha[i], oldJ = alpha[j];
        double quad = qd[i] + qd[j] - 2.0 * qi[j];
        if (quad <= 0) quad = TAU;
        double delta = (grad[i] - grad[j]) / quad;
        double sum = alpha[i] + alpha[j];
        double ai = alpha[i] - delta, aj = alpha[j] + delta;
        // keep a_i + a_j fixed while clipping both to the box [0, 1]
        if (sum > 1) {
            if (ai > 1) {
                ai = 1;
                aj = sum - 1;
            }
        } else if (aj < 0) {
            aj = 0;
            ai = sum;
        }
        if (sum > 1) {
            if (aj > 1) {
                aj = 1;
                ai = sum - 1;
            }
        } else if (ai < 0) {
            ai = 0;
            aj = sum;
        }
        alpha[i] = ai;
        alpha[j] = aj;
        double dI = ai - oldI, dJ = aj - oldJ;
        for (int k = 0; k < activeSize; k++) grad[k] += qi[k] * dI + qj[k] * dJ;

        boolean ui = status[i] == UPPER, uj = status[j] == UPPER;
        updateStatus(i);
        updateStatus(j);
        if (ui != (status[i] == UPPER)) addToGradBar(i, ui ? -1 : 1);
        if (uj != (status[j] == UPPER)) addToGradBar(j, uj ? -1 : 1);
    }

    private void addToGradBar(int i, double sign) {
        float[] qi = row(i, n);
        for (int k = 0; k < n; k++) gradBar[k] += sign * qi[k];
    }

    private void updateStatus(int i) {
        status[i] = alpha[i] >= 1 ? UPPER : alpha[i] <= 0 ? LOWER : FREE;
    }

    /** libsvm's do_shrinking: set aside bounded alphas whose gradient keeps them bounded. */
    private void shrink() {
        double gmax1 = Double.NEGATIVE_INFINITY, gmax2 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < activeSize; i++) {
            if (status[i] != UPPER) gmax1 = Math.max(gmax1, -grad[i]);
            if (status[i] != LOWER) gmax2 = Math.max(gmax2, grad[i]);
        }
        if (!unshrink && gmax1 + gmax2 <= eps * 10) {
            // close to the end: rebuild the whole gradient once and shrink again from scratch
            unshrink = true;
            reconstructGradient();
            activeSize = n;
        }
        for (int i = 0; i < activeSize; i++) {
            if (!beShrunk(i, gmax1, gmax2)) continue;
            activeSize--;
            while (activeSize > i) {
                if (!beShrunk(activeSize, gmax1, gmax2)) {
                    swap(i, activeSize);
                    break;
                }
                activeSize--;
            }
        }
    }

    private boolean beShrunk(int i, double gmax1, double gmax2) {
        if (status[i] == UPPER) return -grad[i] > gmax1;
        if (status[i] == LOWER) return grad[i] > gmax2;
        return false;
    }

    /** Rebuilds G on the inactive positions from G_bar plus the free alphas' contributions. */
    private void reconstructGradient() {
        if (activeSize == n) return;
        for (int j = activeSize; j < n; j++) grad[j] = gradBar[j];
        int nrFree = 0;
        for (int j = 0; j < activeSize; j++) if (status[j] == FREE) nrFree++;
        if ((long) nrFree * n > 2L * activeSize * (n - activeSize)) {
            for (int i = activeSize; i < n; i++) {
                float[] qi = row(i, activeSize);
                double g = 0;
                for (int j = 0; j < activeSize; j++) if (status[j] == FREE) g += alpha[j] * qi[j];
                grad[i] += g;
            }
        } else {
            for (int i = 0; i < activeSize; i++) {
                if (status[i] != FREE) continue;
                float[] qi = row(i, n);
                double ai = alpha[i];
                for (int j = activeSize; j < n; j++) grad[j] += ai * qi[j];
            }
        }
    }

    private void swap(int i, int j) {
        kernel.swap(i, j);
        cache.swap(i, j);
        swapD(qd, i, j);
        swapD(grad, i, j);
        swapD(gradBar, i, j);
        swapD(alpha, i, j);
        byte s = status[i];
        status[i] = status[j];
        status[j] = s;
        int a = activeSet[i];
        activeSet[i] = activeSet[j];
        activeSet[j] = a;
    }

    private static void swapD(double[] v, int i, int j) {
        double t = v[i];
        v[i] = v[j];
        v[j] = t;
    }

    /**
     * rho: the mean gradient over free alphas, else the middle of the feasible interval.
     * Departure from libsvm: when every alpha sits at one bound (nu = 1 puts them all at the upper
     * one) the interval is open on one side and libsvm's midpoint is infinite; the finite end is
     * used instead, so every score stays finite (and every training row scores >= 0, outside).
     */
    private double calculateRho() {
        int nrFree = 0;
        double ub = Double.POSITIVE_INFINITY, lb = Double.NEGATIVE_INFINITY, sumFree = 0;
        for (int i = 0; i < activeSize; i++) {
            double g = grad[i];
            if (status[i] == UPPER) lb = Math.max(lb, g);
            else if (status[i] == LOWER) ub = Math.min(ub, g);
            else {
                nrFree++;
                sumFree += g;
            }
        }
        if (nrFree > 0) return sumFree / nrFree;
        if (Double.isInfinite(ub) && Double.isInfinite(lb)) return 0;
        if (Double.isInfinite(ub)) return lb;
        if (Double.isInfinite(lb)) return ub;
        return (ub + lb) / 2;
    }
}
