package io.latentad.models.report;

import java.awt.Color;

/**
 * Colours for plots: a qualitative palette of 20 distinguishable colours for class labels and a
 * perceptually uniform sequential map (viridis) for continuous scores.
 *
 * <p>The qualitative palette is Tableau 10 (the default of matplotlib) followed by ten further
 * colours chosen to stay distinct from it and readable on white (no pale yellows); beyond 20
 * classes the colours repeat. Viridis is sampled at 9 points from matplotlib's table and
 * interpolated linearly in RGB, close enough for a colour bar.
 */
public final class Palette {
    private static final int[] QUALITATIVE = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
        0x000075, 0x9a6324, 0x3cb44b, 0xf032e6, 0x469990, 0x800000, 0x808000, 0x4363d8, 0xaec7e8, 0xffbb78};
    private static final int[] VIRIDIS = {
        0x440154, 0x472c7a, 0x3b518b, 0x2c718e, 0x21908d, 0x27ad81, 0x5cc863, 0xaadc32, 0xfde725};

    private Palette() {
    }

    /** Number of distinct qualitative colours before they repeat. */
    public static int size() {
        return QUALITATIVE.length;
    }

    /** The colour of class {@code i} (i >= 0; repeats after {@link #size()}). */
    public static Color qualitative(int i) {
        if (i < 0) throw new IllegalArgumentException("colour index " + i + ": expected >= 0");
        return new Color(QUALITATIVE[i % QUALITATIVE.length]);
    }

    /** Viridis at {@code t} in [0, 1] (clamped; NaN gives grey). */
    public static Color viridis(double t) {
        if (Double.isNaN(t)) return Color.GRAY;
        double u = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) u, VIRIDIS.length - 2);
        double f = u - i;
        int a = VIRIDIS[i], b = VIRIDIS[i + 1];
        return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    private static int mix(int a, int b, double f) {
        a &= 0xff;
        b &= 0xff;
        return (int) Math.round(a + (b - a) * f);
    }
}
