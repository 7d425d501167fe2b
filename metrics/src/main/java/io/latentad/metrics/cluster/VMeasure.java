package io.latentad.metrics.cluster;

/**
 * Homogeneity, completeness and the V-measure of a clustering against known classes.
 *
 * <p>Homogeneity {@code h = I(C;K) / H(C)} is 1 when every cluster holds a single class;
 * completeness {@code c = I(C;K) / H(K)} is 1 when every class sits in a single cluster. The
 * V-measure is their weighted harmonic mean {@code V_beta = (1 + beta) h c / (beta h + c)}; beta
 * > 1 weights completeness more, beta < 1 homogeneity. All three lie in [0, 1], higher is better,
 * and none depends on how the labels are numbered. The CL-VAE paper uses V to judge how well
 * latent clusters recover the classes.
 *
 * <p>Degenerate cases follow scikit-learn 1.2: no points gives (1, 1, 1); a single class makes
 * {@code h = 1}, a single cluster makes {@code c = 1} (the 0/0 is read as 1); {@code h + c = 0}
 * gives {@code V = 0}.
 *
 * <p>Reference: A. Rosenberg, J. Hirschberg, "V-Measure: A conditional entropy-based external
 * cluster evaluation measure", EMNLP-CoNLL 2007, pp. 410-420.
 *
 * <p>Cost: O(n log n + C K).
 */
public final class VMeasure {
    /** The three scores of one comparison. */
    public record Scores(double homogeneity, double completeness, double vMeasure) {
    }

    private VMeasure() {
    }

    /** Homogeneity, completeness and V-measure with weight {@code beta}. */
    public static Scores scores(int[] classes, int[] clusters, double beta) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta = " + beta + ": expected a finite value > 0");
        }
        ContingencyTable t = ContingencyTable.of(classes, clusters);
        if (t.total() == 0) return new Scores(1.0, 1.0, 1.0);
        double hC = t.classEntropy();
        double hK = t.clusterEntropy();
        double mi = t.mutualInformation();
        double h = hC != 0 ? mi / hC : 1.0;
        double c = hK != 0 ? mi / hK : 1.0;
        double v = h + c == 0.0 ? 0.0 : (1 + beta) * h * c / (beta * h + c);
        return new Scores(h, c, v);
    }

    /** V-measure with beta = 1 (the harmonic mean of homogeneity and completeness). */
    public static double vMeasure(int[] classes, int[] clusters) {
        return scores(classes, clusters, 1.0).vMeasure();
    }

    public static double vMeasure(int[] classes, int[] clusters, double beta) {
        return scores(classes, clusters, beta).vMeasure();
    }

    public static double homogeneity(int[] classes, int[] clusters) {
        return scores(classes, clusters, 1.0).homogeneity();
    }

    public static double completeness(int[] classes, int[] clusters) {
        return scores(classes, clusters, 1.0).completeness();
    }
}
