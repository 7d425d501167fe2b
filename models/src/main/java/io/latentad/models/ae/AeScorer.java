package io.latentad.models.ae;

/**
 * An anomaly score computed from a trained autoencoder, under the common contract: one double
 * per row, <b>higher = more anomalous</b>. Made by name with {@link AeScorers#create}.
 */
public interface AeScorer {
    /**
     * Scores rows {@code x} (width {@link TrainedAutoencoder#dimension()}, finite) from their one
     * scoring pass {@code e} ({@link TrainedAutoencoder#embed}: codes and reconstruction errors), so
     * several scorers share one pass over the rows. {@code labels} are the rows' class codes in the
     * model's class list, or null when the data has none (scorers that need them say so).
     */
    double[] score(TrainedAutoencoder model, TrainedAutoencoder.Embedding e, double[][] x, int[] labels);

    /** Scores rows {@code x} with a pass of their own. */
    default double[] score(TrainedAutoencoder model, double[][] x, int[] labels) {
        return score(model, model.embed(x), x, labels);
    }

    /**
     * Whether this scorer reads the rows' classes on {@code model} (so a row of a class training
     * never saw cannot be scored); most do not.
     */
    default boolean readsClasses(TrainedAutoencoder model) {
        return false;
    }

    /**
     * Whether a row's score depends on that row alone, so rows scored in any batches (Spark's
     * partitions) get the same bits as scored all at once; scorers that draw from one random stream
     * over the rows in order ({@code recon-prob}) do not.
     */
    default boolean rowWise() {
        return true;
    }

    /** The CLI name. */
    String name();

    /**
     * Throws when this scorer cannot read a model of {@code kind} at all (so {@code train} can refuse
     * a threshold scorer before training rather than after); scorers that read every model accept all.
     */
    default void requireKind(ModelKind kind) {
    }

    /** Checks that class codes are ones the model was trained on. */
    static void requireKnownClasses(TrainedAutoencoder model, int[] labels) {
        if (labels == null) return;
        String[] cls = model.classes();
        if (cls == null) throw new IllegalArgumentException("the model was trained without class labels, but the data has some");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= cls.length) {
                throw new IllegalArgumentException("row " + i + " has a class training never saw (the model knows "
                        + String.join(", ", cls) + ")");
            }
        }
    }
}
