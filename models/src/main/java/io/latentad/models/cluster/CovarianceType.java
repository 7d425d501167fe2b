package io.latentad.models.cluster;

import java.util.Locale;

/** Shape of each mixture component's covariance (scikit-learn's {@code covariance_type}). */
public enum CovarianceType {
    /** Each component its own full {@code d x d} covariance. */
    FULL,
    /** Each component its own diagonal covariance (axis-aligned ellipsoids). */
    DIAG,
    /** Each component one variance shared by all axes (spheres). */
    SPHERICAL;

    /** Parses {@code full}, {@code diag} or {@code spherical} (case-insensitive). */
    public static CovarianceType parse(String s) {
        if (s != null) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "full": return FULL;
                case "diag": case "diagonal": return DIAG;
                case "spherical": return SPHERICAL;
                default: break;
            }
        }
        throw new IllegalArgumentException("covariance = '" + s + "': expected full, diag or spherical");
    }

    /** Free covariance parameters for {@code k} components in {@code d} dimensions. */
    long covarianceParameters(int k, int d) {
        switch (this) {
            case FULL: return (long) k * d * (d + 1) / 2;
            case DIAG: return (long) k * d;
            default: return k;
        }
    }
}
