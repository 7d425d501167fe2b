package io.latentad.models.report;

import java.util.Locale;

/**
 * "Nice" axis ticks: multiples of 1, 2 or 5 times a power of ten covering a data range with
 * about the requested number of ticks (Heckbert, "Nice numbers for graph labels", Graphics Gems,
 * 1990).
 */
public final class Ticks {
    private Ticks() {
    }

    /**
     * Tick values inside [lo, hi] (widened when lo == hi), about {@code count} of them.
     *
     * @param count target number of ticks (>= 2)
     */
    public static double[] of(double lo, double hi, int count) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) {
            throw new IllegalArgumentException("range [" + lo + ", " + hi + "]: expected finite lo <= hi");
        }
        if (count < 2) throw new IllegalArgumentException("count = " + count + ": expected >= 2");
        if (hi == lo) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = step(lo, hi, count);
        double first = Math.ceil(lo / step - 1e-9) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(n, 0)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
            if (Math.abs(t[i]) < step * 1e-9) t[i] = 0; // no "-0" or "1e-17" at the origin
        }
        return t;
    }

    /** The tick spacing for [lo, hi]: 1, 2 or 5 times a power of ten. */
    public static double step(double lo, double hi, int count) {
        double raw = (hi - lo) / (count - 1);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * mag;
    }

    /** A short label for a tick value with spacing {@code step}: enough decimals, no trailing noise. */
    public static String label(double v, double step) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-4) return String.format(Locale.ROOT, "%.2g", v);
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
