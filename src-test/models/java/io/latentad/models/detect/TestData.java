package io.latentad.models.detect;

import io.latentad.engine.random.Rng;

/** Small synthetic data sets and an ROC-AUC for the detector and clustering tests. */
public final class TestData {
    private TestData() {
    }

    /** {@code n} rows around {@code centers} in {@code d} dimensions, unit noise; centres ~ N(0, spread^2). */
    public static double[][] blobs(int n, int d, int centers, double spread, long seed) {
        Rng rng = new Rng(seed);
        double[][] c = new double[centers][d];
        for (double[] r : c) for (int t = 0; t < d; t++) r[t] = spread * rng.nextGaussian();
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double[] cc = c[i % centers];
            for (int t = 0; t < d; t++) x[i][t] = cc[t] + rng.nextGaussian();
        }
        return x;
    }

    /** ROC-AUC of {@code scores} against 0/1 {@code labels} (ties count one half). */
    public static double auc(double[] scores, int[] labels) {
        long pos = 0, neg = 0;
        double wins = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] != 1) continue;
            pos++;
            for (int j = 0; j < scores.length; j++) {
                if (labels[j] == 1) continue;
                if (scores[i] > scores[j]) wins += 1;
                else if (scores[i] == scores[j]) wins += 0.5;
            }
        }
        for (int l : labels) if (l != 1) neg++;
        return wins / (pos * (double) neg);
    }

    /** Largest |a - b| / max(1, |b|). */
    public static double maxRelErr(double[] a, double[] b) {
        if (a.length != b.length) throw new AssertionError("lengths " + a.length + " and " + b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
        return m;
    }
}
