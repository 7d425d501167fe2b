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

    /**
     * Otsu's threshold, without labels and without a contamination: the split of the sorted scores
     * into a low and a high group that maximises the between-group variance
     * {@code w0 w1 (m0 - m1)^2} (equivalently, minimises the within-group variance). Exact over every
     * split between distinct values (no histogram); returns the highest score of the low group, so
     * rows scoring above it are flagged.
     *
     * <p>Reference: N. Otsu, "A threshold selection method from gray-level histograms", IEEE Trans.
     * SMC 9 (1), 1979.
     */
    public static double otsuThreshold(double[] scores) {
        if (scores == null || scores.length < 2) {
            throw new IllegalArgumentException("Otsu's threshold needs at least two scores, got " + (scores == null ? 0 : scores.length));
        }
        double[] s = scores.clone();
        Arrays.sort(s);
        int n = s.length;
        double total = 0;
        for (double v : s) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("score " + v + ": expected finite scores");
            total += v;
        }
        double best = -1, low = 0, threshold = s[n - 1];
        for (int k = 1; k < n; k++) {
            low += s[k - 1];
            if (s[k] == s[k - 1]) continue;
            double w0 = (double) k / n, w1 = 1 - w0, m0 = low / k, m1 = (total - low) / (n - k);
            double between = w0 * w1 * (m0 - m1) * (m0 - m1);
            if (between > best) {
                best = between;
                threshold = s[k - 1];
            }
        }
        return threshold;
    }
}
