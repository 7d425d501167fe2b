package io.latentad.models.ae;

import io.latentad.engine.tensor.Tensor;

/**
 * The one batch builder of the family: flat samples (rows of {@code double}, laid out as their
 * {@link io.latentad.models.data.SampleShape} says) to the {@code [batch, width]} float tensor a
 * {@link io.latentad.models.ae.net.Network} reads, for training (a gather of shuffled rows) and for
 * scoring (a contiguous range).
 */
public final class SampleBatches {
    private SampleBatches() {
    }

    /** Rows {@code rows} of {@code x}, in that order. */
    public static Tensor gather(double[][] x, int[] rows) {
        int d = x[rows[0]].length;
        Tensor t = Tensor.zeros(rows.length, d);
        float[] a = t.data();
        for (int i = 0; i < rows.length; i++) {
            double[] r = x[rows[i]];
            for (int j = 0; j < d; j++) a[i * d + j] = (float) r[j];
        }
        return t;
    }

    /** Rows {@code [from, to)} of {@code x}. */
    public static Tensor range(double[][] x, int from, int to) {
        int d = x[from].length;
        Tensor t = Tensor.zeros(to - from, d);
        float[] a = t.data();
        for (int i = from; i < to; i++) {
            double[] r = x[i];
            for (int j = 0; j < d; j++) a[(i - from) * d + j] = (float) r[j];
        }
        return t;
    }
}
