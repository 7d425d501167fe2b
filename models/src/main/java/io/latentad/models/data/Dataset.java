package io.latentad.models.data;

import java.util.Map;

/**
 * Rows ready for a model: the feature matrix, and class labels when the source has them.
 *
 * @param source       where the rows came from (for messages)
 * @param x            n x d features
 * @param featureNames d names
 * @param labels       n class codes in {@code 0..classes.length-1}, or null
 * @param classes      the class name of each code, or null
 * @param encoder      the CSV encoder that made {@code x} (null for idx and ucr data)
 * @param excluded     columns kept out of the features, as text (CSV only; empty otherwise)
 */
public record Dataset(String source, double[][] x, String[] featureNames, int[] labels, String[] classes,
                      FeatureEncoder encoder, Map<String, String[]> excluded) {
    public Dataset {
        if (labels != null && labels.length != x.length) {
            throw new IllegalArgumentException(source + ": " + labels.length + " labels for " + x.length + " rows");
        }
        excluded = excluded == null ? Map.of() : Map.copyOf(excluded);
    }

    public int rows() {
        return x.length;
    }

    public int dimension() {
        return x.length == 0 ? featureNames.length : x[0].length;
    }
}
