package io.latentad.models.detect;

import java.util.Locale;

/**
 * A decision threshold on one score (higher = more anomalous, for every scorer and detector): a
 * row is flagged (label 1) when its score is strictly above {@link #value}. Set from the scores of
 * the training rows so that a share {@link #contamination} of them would be flagged: the
 * (1 - contamination) quantile, linearly interpolated between order statistics (NumPy's default
 * {@code percentile}, {@link Thresholds#quantileThreshold}).
 *
 * <p>Contamination must lie in (0, 0.5]. Above one half the "anomalies" would be the majority of
 * the rows the model was trained on as normal: that is refused, not warned about, because it is
 * almost always a percentage typed as a share or the two classes swapped. A percentile P is the
 * same rule with contamination 1 - P / 100, so P in [50, 100).
 *
 * @param scorer        what the threshold applies to (a scorer name such as {@code recon} or
 *                      {@code predictor}, or {@code detector:NAME}); a label file made with
 *                      another score would be meaningless, so users of the threshold check it
 * @param contamination the share of training rows above the threshold, in (0, 0.5]
 * @param value         the threshold itself (finite)
 */
public record Threshold(String scorer, double contamination, double value) {
    /** The default contamination of {@code train} when neither a contamination nor a percentile is given. */
    public static final double DEFAULT_CONTAMINATION = 0.05;

    public Threshold {
        if (scorer == null || scorer.isEmpty()) throw new IllegalArgumentException("threshold: no scorer name");
        checkContamination(contamination);
        if (!Double.isFinite(value)) throw new IllegalArgumentException("threshold value " + value + ": expected a finite number");
    }

    /** The threshold flagging a share {@code contamination} of {@code trainingScores}. */
    public static Threshold fit(String scorer, double[] trainingScores, double contamination) {
        checkContamination(contamination);
        for (int i = 0; trainingScores != null && i < trainingScores.length; i++) {
            if (!Double.isFinite(trainingScores[i])) {
                throw new IllegalArgumentException("training score " + i + " is " + trainingScores[i] + ": expected finite scores");
            }
        }
        return new Threshold(scorer, contamination, Thresholds.quantileThreshold(trainingScores, contamination));
    }

    /** The contamination of percentile {@code p} (flag the rows above the p-th percentile), p in [50, 100). */
    public static double contaminationOfPercentile(double p) {
        if (!(p >= 50 && p < 100)) {
            throw new IllegalArgumentException("percentile = " + p + ": expected a value in [50, 100) (the share flagged, 1 - p/100, at most 0.5)");
        }
        return 1 - p / 100;
    }

    /** Throws unless {@code c} is in (0, 0.5]. */
    public static void checkContamination(double c) {
        if (!(c > 0 && c < 1)) {
            throw new IllegalArgumentException("contamination = " + c + ": expected a share in (0, 1), at most 0.5");
        }
        if (c > 0.5) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "contamination = %s: more than half of the training"
                    + " rows would be flagged; expected at most 0.5 (a share, not a percentage)", c));
        }
    }

    /** 1 where {@code scores[i] > value}, else 0. */
    public int[] labels(double[] scores) {
        int[] out = new int[scores.length];
        for (int i = 0; i < scores.length; i++) out[i] = scores[i] > value ? 1 : 0;
        return out;
    }

    /** Throws unless this threshold was set on {@code name}'s scores. */
    public void requireScorer(String name) {
        if (!scorer.equals(name)) {
            throw new IllegalArgumentException("the stored threshold was set on the scores of '" + scorer + "', not '" + name
                    + "': use --scorer " + scorer + " or set a new one when training");
        }
    }
}
