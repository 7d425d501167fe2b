package io.latentad.models.data;

import java.util.Arrays;

/**
 * Overflow-safe column statistics for {@link Scale}: the centre and the scale of a column of
 * finite values, computed plainly and, when that overflows (values near 1e300 square to infinity)
 * or underflows (values near 1e-200 square to zero), again on the values divided by their largest
 * magnitude. Plain data takes the plain path, so its numbers are unchanged bit for bit.
 */
final class ColumnStats {
    private ColumnStats() {
    }

    /**
     * {@code {centre, scale}} of {@code v} (finite values, at least one) for {@code scale}; a zero
     * spread gives scale 1. Throws naming {@code what} if the spread itself is beyond double range.
     */
    static double[] centerAndScale(Scale scale, double[] v, String what) {
        int n = v.length;
        switch (scale) {
            case NONE:
                return new double[] {0, 1};
            case ROBUST: {
                double[] s = v.clone();
                Arrays.sort(s);
                double median = quantile(s, 0.5), iqr = quantile(s, 0.75) - quantile(s, 0.25);
                if (Double.isInfinite(iqr)) iqr = 2 * (quantile(s, 0.75) / 2 - quantile(s, 0.25) / 2);
                if (!Double.isFinite(iqr)) throw tooWide(what, s[0], s[n - 1], scale);
                return new double[] {median, iqr > 0 ? iqr : 1};
            }
            default: {
                double sum = 0;
                for (double x : v) sum += x;
                double mean = sum / n;
                double ss = 0;
                for (double x : v) {
                    double e = x - mean;
                    ss += e * e;
                }
                double sd = Math.sqrt(ss / n);
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (double x : v) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
                if (!Double.isFinite(mean) || !Double.isFinite(sd) || (sd == 0 && lo != hi)) {
                    // rescaled pass: u = x / m lies in [-1, 1], so neither the sum nor the squares overflow
                    double m = Math.max(Math.abs(lo), Math.abs(hi));
                    double su = 0;
                    for (double x : v) su += x / m;
                    double mu = su / n, ssu = 0;
                    for (double x : v) {
                        double e = x / m - mu;
                        ssu += e * e;
                    }
                    mean = mu * m;
                    sd = Math.sqrt(ssu / n) * m;
                    if (!Double.isFinite(sd)) throw tooWide(what, lo, hi, scale);
                }
                return new double[] {mean, sd > 0 ? sd : 1}; // a constant column: centre only (as scikit-learn)
            }
        }
    }

    /**
     * The sample skewness {@code m3 / m2^1.5} of finite values (Fisher-Pearson, biased: {@code scipy.stats.skew}'s
     * default), computed on the values divided by their largest magnitude so that values up to ~1e307 do not
     * overflow; 0 for fewer than 3 values or no spread.
     */
    static double skewness(double[] v) {
        int n = v.length;
        if (n < 3) return 0;
        double a = 0;
        for (double x : v) a = Math.max(a, Math.abs(x));
        if (a == 0) return 0;
        double mean = 0;
        for (double x : v) mean += x / a;
        mean /= n;
        double m2 = 0, m3 = 0;
        for (double x : v) {
            double d = x / a - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= n;
        m3 /= n;
        return m2 > 1e-300 ? m3 / Math.pow(m2, 1.5) : 0;
    }

    /** {@code (x - centre) / scale}, without overflowing in the subtraction where the quotient is finite. */
    static double standardise(double x, double centre, double scale) {
        double z = (x - centre) / scale;
        if (Double.isFinite(z)) return z;
        return x / scale - centre / scale;
    }

    /** The q-quantile of sorted values with linear interpolation (NumPy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }

    private static IllegalArgumentException tooWide(String what, double lo, double hi, Scale scale) {
        return new IllegalArgumentException(what + ": values from " + lo + " to " + hi + " spread too widely for a "
                + scale.cliName() + " scale in double precision: expected values below about 1e307 in magnitude (or --scale none)");
    }
}
