package io.latentad.models.ae;

import io.latentad.engine.autodiff.ActivationOps;
import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.LossOps;
import io.latentad.engine.autodiff.MathOps;
import io.latentad.engine.autodiff.Reduction;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.autodiff.VariationalOps;

/**
 * The reconstruction term {@code -log p(x | z)} and the KL term of the family, per sample and
 * averaged over the batch, optionally with per-row weights (class weighting).
 *
 * <ul>
 *   <li>Bernoulli: the binary cross-entropy of the decoder logits, summed over features (the fused
 *       {@link LossOps#bceWithLogits}).</li>
 *   <li>Gaussian with unit variance: {@code 1/2 ||x - out||^2} (the constant
 *       {@code d/2 log 2 pi} is left out of the loss and kept in {@link #logLikelihood}).</li>
 * </ul>
 * With row weights the same terms are composed from elementwise ops (softplus(a) - a t for the
 * cross-entropy), weighted per row, summed and divided by the batch size; without them the fused
 * primitives run.
 */
final class Reconstruction {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private Reconstruction() {
    }

    static Var loss(Var out, Var x, boolean bernoulli, Var weights) {
        if (weights == null) {
            return bernoulli ? LossOps.bceWithLogits(out, x, Reduction.BATCH_MEAN)
                    : ArithmeticOps.mulScalar(LossOps.mse(out, x, Reduction.BATCH_MEAN), 0.5f);
        }
        Var perElement = bernoulli
                ? ArithmeticOps.sub(ActivationOps.softplus(out), ArithmeticOps.mul(out, x))
                : ArithmeticOps.mulScalar(MathOps.pow(ArithmeticOps.sub(out, x), 2f), 0.5f);
        return weightedBatchMean(ReductionOps.sum(perElement, 1, true), weights);
    }

    /** KL(N(mu, exp(logVar)) || N(prior, I)) per sample, batch mean; {@code prior} null = N(0, I). */
    static Var kl(Var mu, Var logVar, Var prior, Var weights) {
        if (weights == null) {
            return prior == null ? VariationalOps.klStandardNormal(mu, logVar, Reduction.BATCH_MEAN)
                    : VariationalOps.klToMean(mu, logVar, prior, Reduction.BATCH_MEAN);
        }
        Var d = prior == null ? mu : ArithmeticOps.sub(mu, prior);
        // -1/2 (1 + logVar - d^2 - exp(logVar)), elementwise
        Var t = ArithmeticOps.sub(ArithmeticOps.addScalar(logVar, 1f),
                ArithmeticOps.add(MathOps.pow(d, 2f), MathOps.exp(logVar)));
        return weightedBatchMean(ArithmeticOps.mulScalar(ReductionOps.sum(t, 1, true), -0.5f), weights);
    }

    static Var weightedBatchMean(Var perRow, Var weights) {
        int b = perRow.value().dim(0);
        return ArithmeticOps.mulScalar(ReductionOps.sum(ArithmeticOps.mul(perRow, weights)), 1f / b);
    }

    /**
     * {@code log p(x | out)} of one row: Bernoulli {@code sum x log s + (1 - x) log(1 - s)} with
     * {@code s = sigmoid(out)}, written from the logits so it never takes log 0; Gaussian
     * {@code -1/2 ||x - out||^2 - d/2 log 2 pi}.
     */
    static double logLikelihood(float[] out, int off, double[] x, boolean bernoulli) {
        double s = 0;
        if (bernoulli) {
            for (int j = 0; j < x.length; j++) {
                double a = out[off + j];
                s -= Math.max(a, 0) - a * x[j] + Math.log1p(Math.exp(-Math.abs(a)));
            }
            return s;
        }
        for (int j = 0; j < x.length; j++) {
            double e = x[j] - out[off + j];
            s -= 0.5 * e * e;
        }
        return s - x.length * HALF_LOG_2PI;
    }
}
