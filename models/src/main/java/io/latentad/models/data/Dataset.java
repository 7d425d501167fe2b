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
 * @param shape        what one sample is: its {@link SampleShape#size()} is the row width
 * @param lengths      for sequences of unequal length, the steps of each sample (1..steps of {@code shape}, the
 *                     longest), else null (every sample full). A sample then holds its own steps only: row
 *                     {@code i} has {@code lengths[i] * channels} values (no padding); models that read samples
 *                     of one width refuse such data ({@link #requireOneWidth})
 */
public record Dataset(String source, double[][] x, String[] featureNames, int[] labels, String[] classes,
                      FeatureEncoder encoder, Map<String, String[]> excluded, SampleShape shape, int[] lengths) {
    public Dataset {
        if (labels != null && labels.length != x.length) {
            throw new IllegalArgumentException(source + ": " + labels.length + " labels for " + x.length + " rows");
        }
        excluded = excluded == null ? Map.of() : Map.copyOf(excluded);
        if (shape == null) shape = SampleShape.row(x.length == 0 ? featureNames.length : x[0].length);
        if (x.length > 0 && lengths == null && x[0].length != shape.size()) {
            throw new IllegalArgumentException(source + ": rows of " + x[0].length + " values do not match the sample shape "
                    + shape.describe());
        }
        if (lengths != null) {
            if (!(shape instanceof SampleShape.Sequence s)) {
                throw new IllegalArgumentException(source + ": lengths given for samples of shape " + shape.describe()
                        + ": expected a sequence shape");
            }
            if (lengths.length != x.length) {
                throw new IllegalArgumentException(source + ": " + lengths.length + " lengths for " + x.length + " rows");
            }
            for (int i = 0; i < lengths.length; i++) {
                if (lengths[i] < 1 || lengths[i] > s.steps()) {
                    throw new IllegalArgumentException(source + ": sequence " + i + " has length " + lengths[i]
                            + ": expected 1.." + s.steps());
                }
                if (x[i].length != lengths[i] * s.channels()) {
                    throw new IllegalArgumentException(source + ": sequence " + i + " has " + x[i].length + " values for "
                            + lengths[i] + " steps of " + s.channels() + " channels");
                }
            }
        }
    }

    /** Rows of plain features (shape {@link SampleShape.Row}). */
    public Dataset(String source, double[][] x, String[] featureNames, int[] labels, String[] classes,
                   FeatureEncoder encoder, Map<String, String[]> excluded) {
        this(source, x, featureNames, labels, classes, encoder, excluded, null, null);
    }

    /** The same rows with other labels and class names (null and null: unlabelled). */
    public Dataset withLabels(int[] newLabels, String[] newClasses) {
        return new Dataset(source, x, featureNames, newLabels, newClasses, encoder, excluded, shape, lengths);
    }

    /** The same rows with another sample shape (same width) and optional sequence lengths. */
    public Dataset withShape(SampleShape s, int[] sequenceLengths) {
        return new Dataset(source, x, featureNames, labels, classes, encoder, excluded, s, sequenceLengths);
    }

    public int rows() {
        return x.length;
    }

    /** The width of a sample: of the longest for sequences of unequal length. */
    public int dimension() {
        return lengths != null ? shape.size() : x.length == 0 ? featureNames.length : x[0].length;
    }

    /**
     * Refuses sequences of unequal length for {@code what} (e.g. "the vae's dense network"), naming the
     * first row whose length differs from the first row's and the model that reads them.
     */
    public void requireOneWidth(String what) {
        if (lengths == null) return;
        for (int i = 1; i < lengths.length; i++) {
            if (lengths[i] != lengths[0]) {
                throw new IllegalArgumentException(source + ": sequences of unequal length (row " + i + " has " + lengths[i]
                        + " steps where row 0 has " + lengths[0] + "): " + what + " reads samples of one width"
                        + "; a recurrent model reads them: train --model vrae (its network reads each sequence to its own end)");
            }
        }
    }
}
