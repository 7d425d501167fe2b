package io.latentad.models.data;

import java.util.Arrays;

/**
 * Windows of {@code length} steps cut from a series of {@code steps} steps every {@code stride} steps:
 * starts {@code 0, S, 2S, ...} while the window fits, and one more ending at the last step when the
 * stride does not land there, so every step is covered. A window is a sample of shape
 * {@code Sequence(length, channels)}, its values step-major.
 *
 * <p>Scores come back per window and per step: a step's score is the highest score of the windows
 * that cover it ({@link #perStep}), so a user sees when the anomaly happened.
 *
 * @param length the window length T, &gt;= 1 and &lt;= steps
 * @param stride the step between window starts, &gt;= 1
 * @param steps  the length of the series
 * @param starts the first step of each window, increasing
 */
public record Windows(int length, int stride, int steps, int[] starts) {
    public Windows {
        starts = starts.clone();
    }

    /** The windows of a series of {@code steps} steps. */
    public static Windows cut(int steps, int length, int stride) {
        if (length < 1) throw new IllegalArgumentException("--window " + length + ": expected a window of at least 1 step");
        if (stride < 1) throw new IllegalArgumentException("--stride " + stride + ": expected a stride of at least 1 step");
        if (length > steps) {
            throw new IllegalArgumentException("--window " + length + " is longer than the series (" + steps
                    + " steps, missing ones filled): expected a window of at most " + steps + " steps");
        }
        int last = steps - length;
        int count = last / stride + 1 + (last % stride == 0 ? 0 : 1);
        int[] s = new int[count];
        for (int w = 0; w < count; w++) s[w] = Math.min(w * stride, last);
        return new Windows(length, stride, steps, s);
    }

    /** Number of windows. */
    public int count() {
        return starts.length;
    }

    /** The first step of window {@code w}. */
    public int start(int w) {
        return starts[w];
    }

    /**
     * The windows of {@code series} (one row a step, {@code steps} rows of C channels) as samples of
     * {@code length * C} values, step-major, with the sample shape {@code Sequence(length, C)}.
     */
    public Dataset apply(Dataset series) {
        if (series.rows() != steps) throw new IllegalArgumentException("windows of a " + steps + "-step series applied to " + series.rows() + " rows");
        int c = series.dimension();
        double[][] x = new double[starts.length][length * c];
        for (int w = 0; w < starts.length; w++) {
            for (int t = 0; t < length; t++) System.arraycopy(series.x()[starts[w] + t], 0, x[w], t * c, c);
        }
        String[] names = new String[length * c];
        for (int t = 0; t < length; t++) for (int j = 0; j < c; j++) names[t * c + j] = "t" + t + ":" + series.featureNames()[j];
        return new Dataset(series.source(), x, names, null, null, series.encoder(), null, SampleShape.sequence(length, c), null);
    }

    /** Per step: the highest of the scores of the windows that cover it. */
    public double[] perStep(double[] windowScores) {
        int[] best = bestWindow(windowScores);
        double[] s = new double[steps];
        for (int t = 0; t < steps; t++) s[t] = windowScores[best[t]];
        return s;
    }

    /** Per step: the window with the highest score among those that cover it (the first of equals). */
    public int[] bestWindow(double[] windowScores) {
        if (windowScores.length != starts.length) {
            throw new IllegalArgumentException(windowScores.length + " window scores for " + starts.length + " windows");
        }
        int[] best = new int[steps];
        Arrays.fill(best, -1);
        for (int w = 0; w < starts.length; w++) {
            for (int t = starts[w]; t < starts[w] + length; t++) {
                if (best[t] < 0 || windowScores[w] > windowScores[best[t]]) best[t] = w;
            }
        }
        return best;
    }
}
