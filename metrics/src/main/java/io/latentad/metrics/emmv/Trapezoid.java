package io.latentad.metrics.emmv;

/** The trapezoid rule over the first {@code count} points (NumPy's {@code trapz}). */
final class Trapezoid {
    private Trapezoid() {
    }

    static double area(double[] x, double[] y, int count) {
        double s = 0;
        for (int i = 0; i + 1 < count; i++) s += (x[i + 1] - x[i]) * (y[i] + y[i + 1]) / 2.0;
        return s;
    }
}
