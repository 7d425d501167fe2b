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
 * <p>Cost: O(n log n + N log J + A) for J distinct data scores and A alpha values.
 */
public record MassVolumeCurve(double[] alpha, double[] mv, double auc) {

    /** The curve of anomaly scores of the data and of uniform points in a box of volume {@code volume}. */
    public static MassVolumeCurve of(double[] dataScores, double[] uniformScores, double volume, EmMv.Options o) {
        ExcessMassCurve.check(dataScores, uniformScores, volume);
        LevelCounts c = new LevelCounts(dataScores);
        c.add(c.bin(uniformScores, 0, uniformScores.length));
        return ofCounts(c, volume, o);
    }

    /** The curve from binned counts (data levels and uniform points at or above each). */
    static MassVolumeCurve ofCounts(LevelCounts c, double volume, EmMv.Options o) {
        int n = c.n;
        long bigN = c.points();
        long[] atOrAbove = c.uniformAtOrAbove();
        double[] alpha = o.alphaGrid();
        double[] mv = new double[alpha.length];
        double mass = 0;
        int cpt = 0;
        int level = c.levels.length - 1; // level of the cpt-th largest data score
        for (int i = 0; i < alpha.length; i++) {
            while (mass < alpha[i]) {
                cpt++;
                mass = 1.0 / n * cpt;
            }
            // the cpt-th largest data score sits at the lowest level j with dataAbove[j] < cpt
            while (level > 0 && c.dataAbove[level - 1] < cpt) level--;
            mv[i] = (double) atOrAbove[level] / bigN * volume;
        }
        return new MassVolumeCurve(alpha, mv, Trapezoid.area(alpha, mv, alpha.length));
    }
}
