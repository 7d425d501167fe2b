package io.latentad.models.detect;

import java.util.Arrays;

/** Turning scores into labels: one rule for every detector. */
public final class Thresholds {
    private Thresholds() {
    }

    /**
     * The (1 - contamination) quantile of {@code scores}, linearly interpolated between order
     * statistics (NumPy's default {@code percentile}).
     */
    public static double quantileThreshold(double[] scores, double contamination) {
        if (!(contamination > 0 && contamination <= 0.5)) {
            throw new IllegalArgumentException("contamination = " + contamination + ": expected a value in (0, 0.5]");
        }
        if (scores == null || scores.length == 0) {
            throw new IllegalArgumentException("no scores to take a threshold from: expected at least one");
        }
        double[] s = scores.clone();
        Arrays.sort(s);
        double pos = (1 - contamination) * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
