package io.latentad.models.detect;

import io.latentad.engine.kernel.Parallel;
import io.latentad.models.common.Inputs;

/**
 * A fitted {@link OneClassSvm}: the support vectors (rows with {@code alpha > 0}), their
 * coefficients and the offset {@code rho}. Immutable.
 *
 * <p>{@code score(x) = rho - sum_i alpha_i K(sv_i, x)}, the negated decision function: higher =
 * more anomalous, above 0 = outside the learned support.
 */
public final class OneClassSvmModel implements FittedDetector {
    private final OneClassSvm.Options options;
    private final double gamma;
    private final int d;
    private final double[] sv; // s x d, flat
    private final double[] coef;
    private final double rho;
    private final int iterations;
    private final OneClassSvmKernel scorer;
    private final double[] trainingScores;

    private OneClassSvmModel(OneClassSvm.Options options, double gamma, int d, double[] sv, double[] coef,
                             double rho, int iterations, double[] trainingSums) {
        this.options = options;
        this.gamma = gamma;
        this.d = d;
        this.sv = sv;
        this.coef = coef;
        this.rho = rho;
        this.iterations = iterations;
        double[][] rows = new double[coef.length][];
        for (int i = 0; i < rows.length; i++) rows[i] = java.util.Arrays.copyOfRange(sv, i * d, (i + 1) * d);
        this.scorer = new OneClassSvmKernel(options.kernel(), gamma, options.degree(), options.coef0(),
                rows.length == 0 ? new double[][] {new double[d]} : rows);
        this.trainingScores = new double[trainingSums.length];
        for (int i = 0; i < trainingSums.length; i++) trainingScores[i] = rho - trainingSums[i];
        Inputs.requireFiniteScores("ocsvm", trainingScores);
    }

    static OneClassSvmModel of(OneClassSvm.Options options, double gamma, double[][] x, SmoSolver.Solution s) {
        int d = x[0].length, count = 0;
        for (double a : s.alpha()) if (a > 0) count++;
        double[] sv = new double[count * d], coef = new double[count];
        for (int i = 0, c = 0; i < x.length; i++) {
            if (s.alpha()[i] > 0) {
                System.arraycopy(x[i], 0, sv, c * d, d);
                coef[c++] = s.alpha()[i];
            }
        }
        return new OneClassSvmModel(options, gamma, d, sv, coef, s.rho(), s.iterations(), s.sums());
    }

    /** The decision function of scikit-learn: {@code sum_i alpha_i K(sv_i, x) - rho} (= -score). */
    public double[] decisionFunction(double[][] x) {
        double[] s = score(x);
        for (int i = 0; i < s.length; i++) s[i] = -s[i];
        return s;
    }

    @Override
    public double[] score(double[][] x) {
        if (x == null) throw new IllegalArgumentException("ocsvm: rows = null: expected an array of rows");
        OneClassSvm.checkRows(x, d);
        return Inputs.requireFiniteScores("ocsvm", scoreUnchecked(x));
    }

    private double[] scoreUnchecked(double[][] x) {
        double[] out = new double[x.length];
        Parallel.forRange(x.length, 256, (from, to) -> {
            for (int r = from; r < to; r++) {
                out[r] = rho - scorer.weightedSum(x[r], coef);
            }
        });
        return out;
    }

    @Override
    public double[] trainingScores() {
        return trainingScores.clone();
    }

    @Override
    public int dimension() {
        return d;
    }

    public OneClassSvm.Options options() {
        return options;
    }

    /** The gamma used (the value of 'scale' when that was asked for). */
    public double gamma() {
        return gamma;
    }

    public double rho() {
        return rho;
    }

    public int supportVectorCount() {
        return coef.length;
    }

    /** The dual coefficients of the support vectors, in training-row order. */
    public double[] dualCoefficients() {
        return coef.clone();
    }

    /** SMO steps the solver took. */
    public int iterations() {
        return iterations;
    }
}
