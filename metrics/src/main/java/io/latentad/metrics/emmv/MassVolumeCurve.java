package io.latentad.metrics.emmv;

/**
 * The mass-volume curve of a scoring function and its area (the MV criterion).
 *
 * <p>For a normality score {@code s}, {@code MV(alpha)} is the volume of the smallest level set
 * {@code {s >= u}} that still holds a share {@code alpha} of the data. The true density gives the
 * smallest such sets (minimum-volume sets), so a smaller area is better. Here the level is the
 * {@code ceil(alpha n)}-th largest data score and the volume is the share of uniform Monte Carlo
 * points with {@code s >= u} times the box volume.
 *
 * <p>Reading it: lower MV area = better; only comparable on the same data (same box). On data
 * uniform in the box every scorer gives {@code MV(alpha) ~ alpha * volume}.
 *
 * <p>Protocol (Goix 2016): {@code alpha_i = alphaMin + i * alphaStep} up to {@code alphaMax}
 * (defaults 0.9, 0.0001, 0.999; unlike Goix's {@code arange} the end point 0.999 is included),
 * the mass of the top {@code c} rows is {@code 1/n * c} and {@code c} grows until it reaches
 * {@code alpha_i}, exactly as in his loop; trapezoid area over alpha.
 *
 * <p>Departure: scores are anomaly scores, negated first ({@code s = -score}).
 *
 * <p>Reference: N. Goix, "How to evaluate the quality of unsupervised anomaly detection
 * algorithms?", ICML Anomaly Detection Workshop 2016, arXiv:1607.01152; J.-H. Clemencon,
 * J. Jakubowicz, "Scoring anomalies: a M-estimation formulation", AISTATS 2013.
 *
 * <p>Cost: O(n log n + N log N + A log N) for A alpha values.
 */
public record MassVolumeCurve(double[] alpha, double[] mv, double auc) {

    /** The curve of anomaly scores of the data and of uniform points in a box of volume {@code volume}. */
    public static MassVolumeCurve of(double[] dataScores, double[] uniformScores, double volume, EmMv.Options o) {
        ExcessMassCurve.check(dataScores, uniformScores, volume);
        int n = dataScores.length;
        int bigN = uniformScores.length;
        double[] sX = EmMv.sortedNormality(dataScores);
        double[] sU = EmMv.sortedNormality(uniformScores);
        double[] alpha = o.alphaGrid();
        double[] mv = new double[alpha.length];
        double mass = 0;
        int cpt = 0;
        double u = sX[n - 1];
        for (int i = 0; i < alpha.length; i++) {
            while (mass < alpha[i]) {
                cpt++;
                u = sX[n - cpt]; // the cpt-th largest normality score
                mass = 1.0 / n * cpt;
            }
            int atLeast = bigN - lowerBound(sU, u); // #(sU >= u)
            mv[i] = (double) atLeast / bigN * volume;
        }
        return new MassVolumeCurve(alpha, mv, Trapezoid.area(alpha, mv, alpha.length));
    }

    /** First index whose value is >= key in ascending {@code a}. */
    private static int lowerBound(double[] a, double key) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
