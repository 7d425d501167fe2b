package io.latentad.models.data;

import java.util.Locale;

/**
 * How numeric features are scaled before a model sees them.
 * <ul>
 *   <li>{@code STANDARD}: minus the mean, divided by the (population) standard deviation, as
 *       scikit-learn's {@code StandardScaler};</li>
 *   <li>{@code ROBUST}: minus the median, divided by the interquartile range (25th to 75th
 *       percentile, linear interpolation), as scikit-learn's {@code RobustScaler}: heavy tails and
 *       outliers do not set the scale;</li>
 *   <li>{@code NONE}: the values as they are (missing cells still get the median).</li>
 * </ul>
 * A zero spread (a constant column) keeps scale 1, as scikit-learn does.
 */
public enum Scale {
    STANDARD, ROBUST, NONE;

    /** Parses {@code none|standard|robust} (any case). */
    public static Scale of(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("--scale '" + s + "': expected none, standard or robust");
        }
    }

    /** The lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The centre and scale of every column of {@code x} (for data without a feature encoder: idx
     * images, UCR series) as {@code {centres, scales}}; throws naming the column when a statistic
     * overflows.
     */
    public double[][] fit(double[][] x) {
        int d = x.length == 0 ? 0 : x[0].length, n = x.length;
        double[][] stats = new double[2][d];
        for (int j = 0; j < d; j++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = x[i][j];
            double[] cs = ColumnStats.centerAndScale(this, v, "column " + j);
            stats[0][j] = cs[0];
            stats[1][j] = cs[1];
        }
        return stats;
    }

    /** Scales {@code x} in place with {@code stats} from {@link #fit}; returns it. */
    public static double[][] apply(double[][] stats, double[][] x) {
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                double z = ColumnStats.standardise(x[i][j], stats[0][j], stats[1][j]);
                if (!Double.isFinite(z)) {
                    throw new IllegalArgumentException("row " + i + ", column " + j + ": value " + x[i][j]
                            + " is beyond what the fitted scale (" + stats[1][j] + ") can represent: expected values of the fitted data's magnitude");
                }
                x[i][j] = z;
            }
        }
        return x;
    }
}
