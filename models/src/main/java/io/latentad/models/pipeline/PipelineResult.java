package io.latentad.models.pipeline;

import io.latentad.metrics.balance.AnomalyBalance;

import java.util.List;

/**
 * Everything one pipeline run computed, model by model, ready for the report.
 *
 * @param options the options of the run
 * @param input   the data it ran on
 * @param models  one result per latent model, in the trainers' order
 */
public record PipelineResult(Pipeline.Options options, PipelineInput input, List<ModelResult> models) {
    public PipelineResult {
        models = List.copyOf(models);
    }

    /** The result of model {@code name}, or null. */
    public ModelResult model(String name) {
        for (ModelResult m : models) if (m.name().equals(name)) return m;
        return null;
    }

    /**
     * V-measure of one clustering method over the k range (the paper's Table 1 keeps the best).
     *
     * @param method     the method's name
     * @param ks         the k values tried
     * @param vMeasure   V for each k
     * @param bestK      the k of the highest V (the smallest such k on ties)
     * @param bestV      the highest V
     * @param bestLabels the clustering at bestK
     */
    public record ClusterSweep(String method, int[] ks, double[] vMeasure, int bestK, double bestV, int[] bestLabels) {
    }

    /** ROC-AUC, average precision and F1 at the run's contamination, against the ground truth (NaN without one). */
    public record Ranking(double rocAuc, double averagePrecision, double f1) {
        static final Ranking NONE = new Ranking(Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * One of the top-N rows: its 0-based index, its score, its original row, and for reconstruction
     * scores the input columns that contribute most to it with their shares of the score, largest first
     * (e.g. {@code amount 61%}; empty for other scores).
     */
    public record Anomaly(int index, double score, String[] row, List<String> why) {
        public Anomaly {
            why = List.copyOf(why);
        }
    }

    /**
     * A detector on one latent space.
     *
     * @param name      the detector's name
     * @param scores    one score per row, higher = more anomalous
     * @param threshold the (1 - contamination) quantile of the scores
     * @param flags     1 where the score exceeds the threshold
     * @param em        excess-mass area (higher = better; label free)
     * @param mv        mass-volume area (lower = better; label free)
     * @param balance   per-class shares of the flagged rows and their RMSE to the class shares (null if none flagged)
     * @param ranking   against the ground truth
     * @param top       the top-N rows by score
     */
    public record DetectorResult(String name, double[] scores, double threshold, int[] flags, double em, double mv,
                                 AnomalyBalance balance, Ranking ranking, List<Anomaly> top) {
    }

    /**
     * The cluster-misclassification anomalies (section 4.4 of the CL-VAE paper): rows whose class
     * is not the majority class of their cluster, under the best clustering of the model.
     *
     * @param method  the clustering method used
     * @param k       its k
     * @param rate    share of rows flagged
     * @param flags   1 for a misclassified row
     * @param balance per-class shares of the flagged rows (null if none flagged)
     * @param ranking the 0/1 flags as a score, against the ground truth
     */
    public record Misclassification(String method, int k, double rate, int[] flags, AnomalyBalance balance, Ranking ranking) {
    }

    /**
     * One latent model.
     *
     * @param name              the trainer's name
     * @param trainSeconds      training wall time
     * @param z                 latent codes, n x m
     * @param view              a 2-D view of z for plots (z itself when m = 2, else its first two principal components)
     * @param clustering        one sweep per clustering method
     * @param detectors         one result per detector
     * @param misclassification cluster-misclassification anomalies
     */
    public record ModelResult(String name, String description, double trainSeconds, double[][] z, double[][] view, List<ClusterSweep> clustering,
                              List<DetectorResult> detectors, Misclassification misclassification) {
        /** The sweep with the highest V over every method (the first method on ties). */
        public ClusterSweep bestClustering() {
            ClusterSweep best = null;
            for (ClusterSweep s : clustering) if (best == null || s.bestV() > best.bestV()) best = s;
            return best;
        }

        /** The sweep of method {@code name}, or null. */
        public ClusterSweep clustering(String method) {
            for (ClusterSweep s : clustering) if (s.method().equals(method)) return s;
            return null;
        }
    }
}
