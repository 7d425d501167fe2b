package io.latentad.engine.kernel;

import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

import java.util.Locale;

/**
 * The checked, tensor-level kernels facade (EJML's {@code CommonOps} tier). Each method validates
 * shapes, with a message naming the operation and both shapes, then calls the raw kernel of the
 * active {@link KernelSet}: the Vector API set when {@code jdk.incubator.vector} is present and
 * {@code -Dlatentad.simd} is not {@code false}, else {@link ScalarKernels}. Which one is logged at
 * start-up through {@link System.Logger} at debug level, and printed as one line on stderr only
 * with {@code -Dlatentad.verbose=true} (the command line's {@code --verbose}).
 *
 * <p>Methods without an {@code out} argument return a fresh tensor; those with one write into it
 * and return it. Binary elementwise ops broadcast a row vector: {@code b} may have the shape of
 * {@code a}, or be rank 1 with {@code a.cols()} elements (or {@code [1, cols]}), added to every
 * row.
 */
public final class Kernels {
    private static final KernelSet ACTIVE;
    private static final boolean SIMD;
    private static final String GEMM_OVERRIDE;

    static {
        KernelSet chosen = ScalarKernels.INSTANCE;
        String why;
        boolean wantSimd = !"false".equalsIgnoreCase(System.getProperty("latentad.simd", "true"));
        if (!wantSimd) {
            why = "scalar (-Dlatentad.simd=false)";
        } else {
            KernelSet v = GemmProviders.loadVectorKernels();
            if (v != null) {
                chosen = v;
                why = v.name();
            } else {
                why = "scalar (jdk.incubator.vector not available: run java with --add-modules jdk.incubator.vector)";
            }
        }
        ACTIVE = chosen;
        SIMD = chosen != ScalarKernels.INSTANCE;
        String blas = System.getProperty("latentad.blas");
        GEMM_OVERRIDE = blas == null || blas.isBlank() ? null : blas.trim().toLowerCase(Locale.ROOT);
        if (GEMM_OVERRIDE != null) GemmProviders.byName(GEMM_OVERRIDE); // fail fast on a bad name
        // the Vector API is slow until C2 compiles it: let the thread wait for those compiles (CompileWait)
        String jit = SIMD ? CompileWait.start() : "off";
        String line = "latentad: kernels=" + why + ", gemm="
                + (GEMM_OVERRIDE == null ? "auto" : GEMM_OVERRIDE) + ", threads=" + Parallel.threads() + ", jitWait=" + jit;
        // through System.Logger (SLF4J / Log4j users bridge it): INFO with -Dlatentad.verbose, else DEBUG
        boolean verbose = Boolean.getBoolean("latentad.verbose") && !Boolean.getBoolean("latentad.quiet");
        System.getLogger(Kernels.class.getName()).log(verbose ? System.Logger.Level.INFO : System.Logger.Level.DEBUG, line);
    }

    private Kernels() {
    }

    /** The active raw kernel set. */
    public static KernelSet active() {
        return ACTIVE;
    }

    /** Whether the Vector API kernels are active. */
    public static boolean simd() {
        return SIMD;
    }

    /** The GEMM provider used for an {@code m x n x k} product. */
    public static Gemm gemmFor(int m, int n, int k) {
        String name = GEMM_OVERRIDE != null ? GEMM_OVERRIDE : Tuning.defaultGemm(m, n, k, SIMD);
        return GemmProviders.byName(name);
    }

    // ---- GEMM ---------------------------------------------------------------------------------

    /**
     * {@code w [k, n]} with its panels packed once for the products of {@link #gemmBiasPacked} (a layer's weights,
     * frozen for scoring). {@code w} is kept, not copied: it must not change afterwards.
     */
    public static PackedWeights packWeights(Tensor w) {
        Shapes.requireRank("packWeights", w, 2);
        int k = w.dim(0), n = w.dim(1);
        Gemm g = gemmFor(1, n, k); // the provider of later products; each product checks it is still this one
        float[] panels = k > 0 && n > 0 ? g.packWeights(k, n, w.data(), w.offset(), n) : null;
        return new PackedWeights(w, panels == null ? null : g, panels);
    }

    /**
     * The dense layer's product {@code C = A W + 1 bias^T} ({@link Gemm#gemmBias}, nothing transposed) with
     * {@code W} packed beforehand: the same bits as {@code gemmBias} on {@code w.weight()}, which it falls back to
     * for products the packed GEMM does not take. {@code A} is {@code m x k} (row length {@code lda}), {@code C}
     * {@code m x n} (row length {@code ldc}).
     */
    public static void gemmBiasPacked(int m, float[] a, int aOff, int lda, PackedWeights w, float[] bias, int biasOff,
                                      float[] c, int cOff, int ldc) {
        Tensor wt = w.weight();
        int k = wt.dim(0), n = wt.dim(1);
        if (m < 0 || lda < k || ldc < n || aOff < 0 || cOff < 0 || biasOff < 0 || biasOff + n > bias.length
                || (m > 0 && (aOff + (long) (m - 1) * lda + k > a.length || cOff + (long) (m - 1) * ldc + n > c.length))) {
            throw new IllegalArgumentException("gemmBiasPacked: " + m + " x " + k + " times " + k + " x " + n
                    + " does not fit arrays of " + a.length + " (A), " + c.length + " (C) and " + bias.length + " (bias)");
        }
        if (m == 0 || n == 0) return;
        Gemm g = gemmFor(m, n, k);
        if (w.packed() && g == w.packer() && k > 0 && (long) m * n * k >= Tuning.GEMM_PACK_MIN_FLOPS) {
            g.gemmBiasPrepacked(m, n, k, a, aOff, lda, w.panels(), bias, biasOff, c, cOff, ldc);
        } else {
            g.gemmBias(false, false, m, n, k, a, aOff, lda, wt.data(), wt.offset(), n, bias, biasOff, c, cOff, ldc);
        }
    }

    /** {@code op(a) op(b)} as a new matrix. */
    public static Tensor matmul(Tensor a, boolean transA, Tensor b, boolean transB) {
        Shapes.requireRank("matmul", a, 2);
        Shapes.requireRank("matmul", b, 2);
        int m = transA ? a.dim(1) : a.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        return gemm(1f, a, transA, b, transB, 0f, Tensor.zeros(m, n));
    }

    public static Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, false, b, false);
    }

    /** {@code c = alpha * op(a) op(b) + beta * c}; returns {@code c}. */
    public static Tensor gemm(float alpha, Tensor a, boolean transA, Tensor b, boolean transB,
                              float beta, Tensor c) {
        Shapes.requireRank("gemm", a, 2);
        Shapes.requireRank("gemm", b, 2);
        Shapes.requireRank("gemm", c, 2);
        int m = transA ? a.dim(1) : a.dim(0);
        int ka = transA ? a.dim(0) : a.dim(1);
        int kb = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        if (ka != kb) {
            throw new IllegalArgumentException("gemm: inner dimensions differ: op(A) of " + Shapes.str(a.shape())
                    + (transA ? "^T" : "") + " and op(B) of " + Shapes.str(b.shape()) + (transB ? "^T" : ""));
        }
        if (c.dim(0) != m || c.dim(1) != n) {
            throw new IllegalArgumentException("gemm: C has shape " + Shapes.str(c.shape()) + ", expected ["
                    + m + ", " + n + "] for A " + Shapes.str(a.shape()) + " and B " + Shapes.str(b.shape()));
        }
        if (m == 0 || n == 0) return c;
        gemmFor(m, n, ka).gemm(transA, transB, m, n, ka, alpha, a.data(), a.offset(), a.dim(1),
                b.data(), b.offset(), b.dim(1), beta, c.data(), c.offset(), n);
        return c;
    }

    /** {@code y = alpha * op(a) x + beta * y}; returns {@code y}. */
    public static Tensor gemv(float alpha, Tensor a, boolean trans, Tensor x, float beta, Tensor y) {
        Shapes.requireRank("gemv", a, 2);
        Shapes.requireRank("gemv", x, 1);
        Shapes.requireRank("gemv", y, 1);
        int rows = a.dim(0), cols = a.dim(1);
        int in = trans ? rows : cols, outLen = trans ? cols : rows;
        if (x.size() != in || y.size() != outLen) {
            throw new IllegalArgumentException("gemv: A " + Shapes.str(a.shape()) + (trans ? "^T" : "")
                    + " needs x of " + in + " and y of " + outLen + ", got x " + Shapes.str(x.shape())
                    + " and y " + Shapes.str(y.shape()));
        }
        ACTIVE.gemv(trans, rows, cols, alpha, a.data(), a.offset(), cols, x.data(), x.offset(), beta,
                y.data(), y.offset());
        return y;
    }

    // ---- level 1 ------------------------------------------------------------------------------

    public static float dot(Tensor x, Tensor y) {
        requireSameSize("dot", x, y);
        return ACTIVE.dot(x.size(), x.data(), x.offset(), y.data(), y.offset());
    }

    /** {@code y += alpha * x}; returns {@code y}. */
    public static Tensor axpy(float alpha, Tensor x, Tensor y) {
        Shapes.requireSame("axpy", x, y);
        ACTIVE.axpy(x.size(), alpha, x.data(), x.offset(), y.data(), y.offset());
        return y;
    }

    public static Tensor scale(float alpha, Tensor x) {
        return scale(alpha, x, Tensor.zeros(x.shape()));
    }

    public static Tensor scale(float alpha, Tensor x, Tensor out) {
        Shapes.requireSame("scale", x, out);
        ACTIVE.scale(x.size(), alpha, x.data(), x.offset(), out.data(), out.offset());
        return out;
    }

    // ---- elementwise binary with row broadcasting ----------------------------------------------

    private enum Binary { ADD, SUB, MUL, DIV }

    public static Tensor add(Tensor a, Tensor b) {
        return binary(Binary.ADD, "add", a, b, Tensor.zeros(requireNonNull("add", a).shape()));
    }

    public static Tensor add(Tensor a, Tensor b, Tensor out) {
        return binary(Binary.ADD, "add", a, b, out);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return binary(Binary.SUB, "sub", a, b, Tensor.zeros(requireNonNull("sub", a).shape()));
    }

    public static Tensor sub(Tensor a, Tensor b, Tensor out) {
        return binary(Binary.SUB, "sub", a, b, out);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        return binary(Binary.MUL, "mul", a, b, Tensor.zeros(requireNonNull("mul", a).shape()));
    }

    public static Tensor mul(Tensor a, Tensor b, Tensor out) {
        return binary(Binary.MUL, "mul", a, b, out);
    }

    public static Tensor div(Tensor a, Tensor b) {
        return binary(Binary.DIV, "div", a, b, Tensor.zeros(requireNonNull("div", a).shape()));
    }

    public static Tensor div(Tensor a, Tensor b, Tensor out) {
        return binary(Binary.DIV, "div", a, b, out);
    }

    private static Tensor binary(Binary op, String name, Tensor a, Tensor b, Tensor out) {
        Shapes.requireNonNull(name, a, b, out);
        Shapes.requireSame(name, a, out);
        if (a.sameShape(b)) {
            apply(op, a.size(), a.data(), a.offset(), b.data(), b.offset(), out.data(), out.offset());
            return out;
        }
        int cols = a.cols();
        boolean rowVector = a.rank() >= 2 && b.size() == cols
                && (b.rank() == 1 || (b.rank() == 2 && b.dim(0) == 1));
        if (!rowVector) {
            throw new IllegalArgumentException(name + ": shapes " + Shapes.str(a.shape()) + " and "
                    + Shapes.str(b.shape()) + " are not equal and the second is not a row vector of "
                    + cols + " elements");
        }
        for (int r = 0, rows = a.rows(); r < rows; r++) {
            apply(op, cols, a.data(), a.offset() + r * cols, b.data(), b.offset(), out.data(), out.offset() + r * cols);
        }
        return out;
    }

    private static void apply(Binary op, int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        switch (op) {
            case ADD -> ACTIVE.add(n, a, ao, b, bo, out, oo);
            case SUB -> ACTIVE.sub(n, a, ao, b, bo, out, oo);
            case MUL -> ACTIVE.mul(n, a, ao, b, bo, out, oo);
            case DIV -> ACTIVE.div(n, a, ao, b, bo, out, oo);
        }
    }

    // ---- elementwise unary --------------------------------------------------------------------

    public static Tensor exp(Tensor x) {
        Tensor out = Tensor.zeros(requireNonNull("exp", x).shape());
        ACTIVE.exp(x.size(), x.data(), x.offset(), out.data(), 0);
        return out;
    }

    /**
     * Squared distances in double from the point {@code a[ao .. ao + d)} to the points {@code k} in
     * {@code [from, to)} of {@code xt}, stored by columns ({@code xt[c * ldx + k]}), into {@code out[oo ..]}
     * ({@link KernelSet#sqDistToColumns}); the same bits as the row-by-row loop.
     */
    public static void sqDistToColumns(int d, double[] a, int ao, double[] xt, int ldx, int from, int to, double[] out, int oo) {
        if (d < 0 || from < 0 || to < from || to > ldx || ao < 0 || ao + d > a.length || (long) d * ldx > xt.length
                || oo < 0 || oo + to - from > out.length) {
            throw new IllegalArgumentException("sqDistToColumns: d = " + d + ", points [" + from + ", " + to + ") of " + ldx
                    + " do not fit arrays of " + a.length + ", " + xt.length + " and " + out.length);
        }
        ACTIVE.sqDistToColumns(d, a, ao, xt, ldx, from, to, out, oo);
    }

    /**
     * {@code out[oo + i] = (float) exp(x[xo + i])} for {@code i < n}: double arguments, float results, on
     * raw arrays ({@link KernelSet#expToFloat}); for callers that build their arguments chunk by chunk,
     * such as the RBF kernel rows of the one-class SVM. An element's value does not depend on its
     * position or on {@code n}.
     */
    public static void expToFloat(int n, double[] x, int xo, float[] out, int oo) {
        if (n < 0 || xo < 0 || oo < 0 || xo + n > x.length || oo + n > out.length) {
            throw new IllegalArgumentException("expToFloat: " + n + " values from offsets " + xo + ", " + oo
                    + " do not fit arrays of " + x.length + " and " + out.length);
        }
        ACTIVE.expToFloat(n, x, xo, out, oo);
    }

    public static Tensor log(Tensor x) {
        Tensor out = Tensor.zeros(requireNonNull("log", x).shape());
        ACTIVE.log(x.size(), x.data(), x.offset(), out.data(), 0);
        return out;
    }

    public static Tensor tanh(Tensor x) {
        Tensor out = Tensor.zeros(requireNonNull("tanh", x).shape());
        ACTIVE.tanh(x.size(), x.data(), x.offset(), out.data(), 0);
        return out;
    }

    public static Tensor sigmoid(Tensor x) {
        Tensor out = Tensor.zeros(requireNonNull("sigmoid", x).shape());
        ACTIVE.sigmoid(x.size(), x.data(), x.offset(), out.data(), 0);
        return out;
    }

    /** {@code sigmoid(x)} written into {@code out} (which may be {@code x}: in place); returns {@code out}. */
    public static Tensor sigmoid(Tensor x, Tensor out) {
        Shapes.requireSame("sigmoid", x, out);
        ACTIVE.sigmoid(x.size(), x.data(), x.offset(), out.data(), out.offset());
        return out;
    }

    /**
     * {@code out[oo + i] = sigmoid(x[xo + i])} for {@code i < n} on raw arrays ({@code out} may be {@code x}, same
     * offset: in place), for callers that work through a tensor a few rows at a time while they are in cache (the
     * scoring's reconstruction errors). The vector kernels run the last {@code n mod lanes} elements element by
     * element, so the bits of one call on a whole tensor are kept by chunks of a multiple of 8 elements taken from
     * its first element on (e.g. 8 rows at a time), the last chunk holding the rest.
     */
    public static void sigmoid(int n, float[] x, int xo, float[] out, int oo) {
        if (n < 0 || xo < 0 || oo < 0 || xo + n > x.length || oo + n > out.length) {
            throw new IllegalArgumentException("sigmoid: " + n + " values from offsets " + xo + ", " + oo
                    + " do not fit arrays of " + x.length + " and " + out.length);
        }
        ACTIVE.sigmoid(n, x, xo, out, oo);
    }

    public static Tensor relu(Tensor x) {
        Tensor out = Tensor.zeros(requireNonNull("relu", x).shape());
        ACTIVE.relu(x.size(), x.data(), x.offset(), out.data(), 0);
        return out;
    }

    public static Tensor softplus(Tensor x) {
        Tensor out = Tensor.zeros(requireNonNull("softplus", x).shape());
        ACTIVE.softplus(x.size(), x.data(), x.offset(), out.data(), 0);
        return out;
    }

    // ---- reductions ---------------------------------------------------------------------------

    public static float sum(Tensor x) {
        return ACTIVE.sum(requireNonNull("sum", x).size(), x.data(), x.offset());
    }

    public static float mean(Tensor x) {
        if (requireNonNull("mean", x).size() == 0) throw new IllegalArgumentException("mean: empty tensor");
        return sum(x) / x.size();
    }

    public static float max(Tensor x) {
        return ACTIVE.max(requireNonNull("max", x).size(), x.data(), x.offset());
    }

    /** Flat index of the first maximum (-1 for an empty tensor). */
    public static int argmax(Tensor x) {
        return ACTIVE.argmax(requireNonNull("argmax", x).size(), x.data(), x.offset());
    }

    /** Per-row argmax of a matrix. */
    public static int[] rowArgmax(Tensor x) {
        Shapes.requireRank("rowArgmax", x, 2);
        int rows = x.dim(0), cols = x.dim(1);
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) out[r] = ACTIVE.argmax(cols, x.data(), x.offset() + r * cols);
        return out;
    }

    public static Tensor rowSum(Tensor x) {
        Shapes.requireRank("rowSum", x, 2);
        Tensor out = Tensor.zeros(x.dim(0));
        ACTIVE.rowSum(x.dim(0), x.dim(1), x.data(), x.offset(), out.data(), 0);
        return out;
    }

    public static Tensor colSum(Tensor x) {
        Shapes.requireRank("colSum", x, 2);
        Tensor out = Tensor.zeros(x.dim(1));
        ACTIVE.colSum(x.dim(0), x.dim(1), x.data(), x.offset(), out.data(), 0);
        return out;
    }

    public static Tensor rowMean(Tensor x) {
        Tensor s = rowSum(x);
        if (x.dim(1) == 0) throw new IllegalArgumentException("rowMean: rows of " + Shapes.str(x.shape()) + " are empty");
        return scale(1f / x.dim(1), s, s);
    }

    public static Tensor colMean(Tensor x) {
        Tensor s = colSum(x);
        if (x.dim(0) == 0) throw new IllegalArgumentException("colMean: " + Shapes.str(x.shape()) + " has no rows");
        return scale(1f / x.dim(0), s, s);
    }

    public static Tensor rowMax(Tensor x) {
        Shapes.requireRank("rowMax", x, 2);
        Tensor out = Tensor.zeros(x.dim(0));
        ACTIVE.rowMax(x.dim(0), x.dim(1), x.data(), x.offset(), out.data(), 0);
        return out;
    }

    public static Tensor colMax(Tensor x) {
        Shapes.requireRank("colMax", x, 2);
        Tensor out = Tensor.zeros(x.dim(1));
        ACTIVE.colMax(x.dim(0), x.dim(1), x.data(), x.offset(), out.data(), 0);
        return out;
    }

    public static Tensor softmaxRows(Tensor x) {
        Shapes.requireRank("softmaxRows", x, 2);
        Tensor out = Tensor.zeros(x.shape());
        ACTIVE.softmaxRows(x.dim(0), x.dim(1), x.data(), x.offset(), out.data(), 0);
        return out;
    }

    public static Tensor logSoftmaxRows(Tensor x) {
        Shapes.requireRank("logSoftmaxRows", x, 2);
        Tensor out = Tensor.zeros(x.shape());
        ACTIVE.logSoftmaxRows(x.dim(0), x.dim(1), x.data(), x.offset(), out.data(), 0);
        return out;
    }

    // ---- distances ----------------------------------------------------------------------------

    /** Squared Euclidean distances between the rows of {@code a} (m x d) and {@code b} (n x d). */
    public static Tensor sqDist(Tensor a, Tensor b) {
        Shapes.requireRank("sqDist", a, 2);
        Shapes.requireRank("sqDist", b, 2);
        if (a.dim(1) != b.dim(1)) {
            throw new IllegalArgumentException("sqDist: row widths differ: " + Shapes.str(a.shape())
                    + " and " + Shapes.str(b.shape()));
        }
        Tensor out = Tensor.zeros(a.dim(0), b.dim(0));
        ACTIVE.sqDist(a.dim(0), b.dim(0), a.dim(1), a.data(), a.offset(), b.data(), b.offset(), out.data(), 0);
        return out;
    }

    /**
     * The candidate filter of the neighbour searches ({@link KernelSet#firstAtMost}): the first
     * {@code i} in {@code [from, to)} with {@code (a + b[bo + i]) - 2 e[eo + i] <= bound} in float, or
     * {@code to}. On raw arrays: it runs once per query over the rows' GEMM estimates.
     */
    public static int firstAtMost(int from, int to, float a, float[] b, int bo, float[] e, int eo, float bound) {
        if (from < 0 || to < from || bo < 0 || eo < 0 || bo + to > b.length || eo + to > e.length) {
            throw new IllegalArgumentException("firstAtMost: range [" + from + ", " + to + ") with offsets " + bo + ", "
                    + eo + " does not fit arrays of " + b.length + " and " + e.length);
        }
        return ACTIVE.firstAtMost(from, to, a, b, bo, e, eo, bound);
    }

    /** Whether every value of {@code x} is finite (neither NaN nor infinite) ({@link KernelSet#allFinite}). */
    public static boolean allFinite(Tensor x) {
        requireNonNull("allFinite", x);
        return ACTIVE.allFinite(x.size(), x.data(), x.offset());
    }

    /**
     * Copies the {@code rows x cols} block at {@code a[ao]} (row length {@code lda}) transposed into
     * {@code t[to]} (row length {@code ldt}): {@code t[c][r] = a[r][c]} ({@link KernelSet#transpose}).
     * Row lengths that are multiples of 1,024 floats put a column's elements in one L1 set; pad them.
     */
    public static void transpose(int rows, int cols, float[] a, int ao, int lda, float[] t, int to, int ldt) {
        if (rows < 0 || cols < 0 || ao < 0 || to < 0 || (rows > 0 && cols > 0 && (lda < cols || ldt < rows
                || ao + (long) (rows - 1) * lda + cols > a.length || to + (long) (cols - 1) * ldt + rows > t.length))) {
            throw new IllegalArgumentException("transpose: " + rows + " x " + cols + " block at " + ao + " (row length "
                    + lda + ") to " + to + " (row length " + ldt + ") does not fit arrays of " + a.length + " and " + t.length);
        }
        ACTIVE.transpose(rows, cols, a, ao, lda, t, to, ldt);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Tensor requireNonNull(String op, Tensor x) {
        if (x == null) throw new IllegalArgumentException(op + ": tensor is null");
        return x;
    }

    private static void requireSameSize(String op, Tensor x, Tensor y) {
        Shapes.requireNonNull(op, x, y);
        if (x.size() != y.size()) {
            throw new IllegalArgumentException(op + ": sizes differ: " + Shapes.str(x.shape()) + " and "
                    + Shapes.str(y.shape()));
        }
    }

    // ==== LSTM (issue 12) ========================================================================

    /**
     * The fused LSTM cell forward ({@link KernelSet#lstmCellForward}): {@code gates} {@code [rows, 4H]}
     * pre-activations in, activations (i, f, g, o) out; {@code cPrev}, {@code c}, {@code tanhC},
     * {@code h} are {@code [rows, H]}.
     */
    public static void lstmCellForward(Tensor gates, Tensor cPrev, Tensor c, Tensor tanhC, Tensor h) {
        int hidden = lstmHidden("lstmCellForward", gates);
        requireRows("lstmCellForward", gates.dim(0), hidden, cPrev, c, tanhC, h);
        if (c.data() == cPrev.data() && c.offset() == cPrev.offset()) {
            throw new IllegalArgumentException("lstmCellForward: c must not alias cPrev");
        }
        ACTIVE.lstmCellForward(gates.dim(0), hidden, gates.data(), gates.offset(), cPrev.data(), cPrev.offset(),
                c.data(), c.offset(), tanhC.data(), tanhC.offset(), h.data(), h.offset());
    }

    /**
     * The fused LSTM cell backward ({@link KernelSet#lstmCellBackward}): {@code gates} activations in,
     * pre-activation gradients out; {@code dc} the gradient of c in, of {@code cPrev} out.
     */
    public static void lstmCellBackward(Tensor gates, Tensor cPrev, Tensor tanhC, Tensor dh, Tensor dc) {
        int hidden = lstmHidden("lstmCellBackward", gates);
        requireRows("lstmCellBackward", gates.dim(0), hidden, cPrev, tanhC, dh, dc);
        ACTIVE.lstmCellBackward(gates.dim(0), hidden, gates.data(), gates.offset(), cPrev.data(), cPrev.offset(),
                tanhC.data(), tanhC.offset(), dh.data(), dh.offset(), dc.data(), dc.offset());
    }

    private static int lstmHidden(String op, Tensor gates) {
        Shapes.requireRank(op, gates, 2);
        if (gates.dim(1) % 4 != 0 || gates.dim(1) == 0) {
            throw new IllegalArgumentException(op + ": gates have shape " + Shapes.str(gates.shape())
                    + ", expected [rows, 4 * hidden] with hidden >= 1");
        }
        return gates.dim(1) / 4;
    }

    private static void requireRows(String op, int rows, int hidden, Tensor... ts) {
        for (Tensor t : ts) {
            Shapes.requireRank(op, t, 2);
            if (t.dim(0) != rows || t.dim(1) != hidden) {
                throw new IllegalArgumentException(op + ": shape " + Shapes.str(t.shape()) + ", expected ["
                        + rows + ", " + hidden + "] for gates [" + rows + ", " + 4 * hidden + "]");
            }
        }
    }

    // ==== Convolution (issue 15) =================================================================

    /**
     * The patches of one image {@code [C, H, W]} as the columns of {@code [C kh kw, OH OW]}
     * ({@link KernelSet#im2col}; zero padding, the given stride): the checked entry point of the kernel
     * {@code engine.autodiff.ConvOps} lowers convolutions with.
     */
    public static Tensor im2col(Tensor image, int kh, int kw, int stride, int pad) {
        Shapes.requireRank("im2col", image, 3);
        int c = image.dim(0), h = image.dim(1), w = image.dim(2);
        int oh = convOut("height", h, kh, stride, pad), ow = convOut("width", w, kw, stride, pad);
        Tensor cols = Tensor.zeros(c * kh * kw, oh * ow);
        ACTIVE.im2col(c, h, w, kh, kw, stride, pad, oh, ow, image.data(), image.offset(), cols.data(), 0, oh * ow);
        return cols;
    }

    /** The adjoint of {@link #im2col}: adds the columns of {@code cols} back onto {@code image} {@code [C, H, W]}; returns it. */
    public static Tensor col2im(Tensor cols, int kh, int kw, int stride, int pad, Tensor image) {
        Shapes.requireRank("col2im", image, 3);
        Shapes.requireRank("col2im", cols, 2);
        int c = image.dim(0), h = image.dim(1), w = image.dim(2);
        int oh = convOut("height", h, kh, stride, pad), ow = convOut("width", w, kw, stride, pad);
        if (cols.dim(0) != c * kh * kw || cols.dim(1) != oh * ow) {
            throw new IllegalArgumentException("col2im: columns of shape " + Shapes.str(cols.shape()) + ", expected ["
                    + c * kh * kw + ", " + oh * ow + "] for image " + Shapes.str(image.shape()) + " and a " + kh + " x " + kw + " kernel");
        }
        ACTIVE.col2im(c, h, w, kh, kw, stride, pad, oh, ow, cols.data(), cols.offset(), oh * ow, image.data(), image.offset());
        return image;
    }

    private static int convOut(String axis, int in, int k, int stride, int pad) {
        if (stride < 1) throw new IllegalArgumentException("im2col: stride = " + stride + ", expected >= 1");
        if (pad < 0) throw new IllegalArgumentException("im2col: padding = " + pad + ", expected >= 0");
        if (k < 1 || k > in + 2 * pad) {
            throw new IllegalArgumentException("im2col: kernel " + axis + " " + k + ", expected 1.." + (in + 2 * pad)
                    + " (the padded input " + axis + ")");
        }
        return (in + 2 * pad - k) / stride + 1;
    }
}
