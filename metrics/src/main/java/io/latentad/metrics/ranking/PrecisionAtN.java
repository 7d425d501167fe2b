package io.latentad.metrics.ranking;

import io.latentad.metrics.InputChecks;
import java.util.Arrays;

/**
 * Precision at n: the share of true anomalies among the {@code n} highest-scored rows. With
 * {@code n} equal to the number of anomalies this is R-precision (precision = recall there).
 *
 * <p>Ties: when the n-th score is shared by rows inside and outside the top n, the rows of that
 * tie group are counted fractionally, i.e. the value is the expectation over random tie-breaking.
 * So the result does not depend on row order, and constant scores give the anomaly rate.
 *
 * <p>Cost: O(n log n).
 */
public final class PrecisionAtN {
    private PrecisionAtN() {
    }

    /** Precision among the {@code n} highest scores; {@code 1 <= n <= rows}. */
    public static double of(double[] scores, int[] labels, int n) {
        Confusion.check(scores, labels);
        if (n < 1 || n > scores.length) {
            throw new IllegalArgumentException("n = " + n + ": expected 1 <= n <= " + scores.length + " (the number of rows)");
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double cut = sorted[sorted.length - n]; // the n-th largest score
        long above = 0, abovePos = 0, tied = 0, tiedPos = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > cut) {
                above++;
                abovePos += labels[i];
            } else if (scores[i] == cut) {
                tied++;
                tiedPos += labels[i];
            }
        }
        // n - above of the tied rows enter the top n; on average tiedPos / tied of them are anomalies
        double expectedPos = abovePos + (double) (n - above) * tiedPos / tied;
        return expectedPos / n;
    }

    /** R-precision: precision at n = the number of anomalies in {@code labels}. */
    public static double rPrecision(double[] scores, int[] labels) {
        InputChecks.binary("labels", labels);
        int p = 0;
        for (int l : labels) p += l;
        if (p == 0) throw new IllegalArgumentException("labels hold no 1 (anomaly): R-precision needs at least one");
        return of(scores, labels, p);
    }
}
