package io.latentad.metrics;

import io.latentad.metrics.cluster.VMeasure;
import io.latentad.metrics.ranking.BestF1;
import io.latentad.metrics.ranking.Confusion;
import io.latentad.metrics.ranking.PrecisionAtN;
import io.latentad.metrics.ranking.PrecisionRecallCurve;
import io.latentad.metrics.ranking.RocCurve;
import java.util.List;
import java.util.Locale;

/**
 * One entry point from a metric name to a number, for the command line ({@code eval --metrics})
 * and reports. A name may carry one parameter after a colon, e.g. {@code f1:0.05}.
 *
 * <p>Ranking metrics (scores: higher = more anomalous; truth: 1 = anomaly, 0 = normal):
 * <table>
 *   <caption>ranking metric names</caption>
 *   <tr><td>{@code roc_auc}</td><td>area under the ROC curve, ties exact ({@link RocCurve})</td></tr>
 *   <tr><td>{@code ap}</td><td>average precision, scikit-learn's definition ({@link PrecisionRecallCurve})</td></tr>
 *   <tr><td>{@code f1[:c]}, {@code precision[:c]}, {@code recall[:c]}</td><td>at contamination {@code c}:
 *       flagged when score > the (1 - c) quantile ({@link Confusion#atContamination}); default {@code c}
 *       = the anomaly rate of the truth</td></tr>
 *   <tr><td>{@code best_f1}</td><td>the best F1 over all thresholds (an oracle figure, {@link BestF1})</td></tr>
 *   <tr><td>{@code precision_at_n[:n]}</td><td>precision among the n highest scores, ties shared;
 *       default n = the number of anomalies (R-precision) ({@link PrecisionAtN})</td></tr>
 * </table>
 *
 * <p>Clustering metrics (truth: class labels; predicted: cluster labels, any integers):
 * {@code vmeasure[:beta]} (default beta 1), {@code homogeneity}, {@code completeness}
 * ({@link VMeasure}).
 */
public final class Evaluation {
    /** Every metric name {@link #evaluate} accepts (without parameters). */
    public static final List<String> NAMES = List.of("roc_auc", "ap", "f1", "precision", "recall", "best_f1",
            "precision_at_n", "vmeasure", "homogeneity", "completeness");

    private Evaluation() {
    }

    /** True for the metrics that compare two labelings rather than rank scores. */
    public static boolean isClustering(String metric) {
        String base = base(metric);
        return base.equals("vmeasure") || base.equals("homogeneity") || base.equals("completeness");
    }

    /**
     * The metric {@code metric} of {@code scores} against {@code truth}. For a clustering metric
     * the scores are the predicted cluster labels and must be whole numbers.
     */
    public static double evaluate(String metric, double[] scores, int[] truth) {
        if (isClustering(metric)) {
            InputChecks.finite("scores", scores);
            int[] predicted = new int[scores.length];
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] != Math.rint(scores[i]) || Math.abs(scores[i]) > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("predicted label [" + i + "] = " + scores[i]
                            + ": expected a whole number for " + metric);
                }
                predicted[i] = (int) scores[i];
            }
            return clustering(metric, truth, predicted);
        }
        String base = base(metric);
        String param = param(metric);
        switch (base) {
            case "roc_auc":
                noParam(metric, param);
                return RocCurve.auc(scores, truth);
            case "ap":
                noParam(metric, param);
                return PrecisionRecallCurve.averagePrecision(scores, truth);
            case "best_f1":
                noParam(metric, param);
                return BestF1.of(scores, truth).f1();
            case "f1":
            case "precision":
            case "recall": {
                double c = param == null ? anomalyRate(truth) : number(metric, param);
                Confusion k = Confusion.atContamination(scores, truth, c);
                return base.equals("f1") ? k.f1() : base.equals("precision") ? k.precision() : k.recall();
            }
            case "precision_at_n":
                if (param == null) return PrecisionAtN.rPrecision(scores, truth);
                double n = number(metric, param);
                if (n != Math.rint(n)) throw new IllegalArgumentException(metric + ": expected a whole number n");
                return PrecisionAtN.of(scores, truth, (int) n);
            default:
                throw unknown(metric);
        }
    }

    /** A clustering metric of predicted cluster labels against class labels. */
    public static double clustering(String metric, int[] classes, int[] predicted) {
        String base = base(metric);
        String param = param(metric);
        switch (base) {
            case "vmeasure":
                return VMeasure.vMeasure(classes, predicted, param == null ? 1.0 : number(metric, param));
            case "homogeneity":
                noParam(metric, param);
                return VMeasure.homogeneity(classes, predicted);
            case "completeness":
                noParam(metric, param);
                return VMeasure.completeness(classes, predicted);
            default:
                throw unknown(metric);
        }
    }

    private static double anomalyRate(int[] truth) {
        InputChecks.binary("truth", truth);
        long p = 0;
        for (int t : truth) p += t;
        if (p == 0 || p == truth.length) {
            throw new IllegalArgumentException("truth holds " + p + " anomalies in " + truth.length
                    + " rows: the default contamination needs both classes, or give one (e.g. f1:0.05)");
        }
        return (double) p / truth.length;
    }

    private static String base(String metric) {
        if (metric == null || metric.isBlank()) throw new IllegalArgumentException("metric name is empty: expected one of " + NAMES);
        int c = metric.indexOf(':');
        return (c < 0 ? metric : metric.substring(0, c)).trim().toLowerCase(Locale.ROOT);
    }

    private static String param(String metric) {
        int c = metric.indexOf(':');
        return c < 0 ? null : metric.substring(c + 1).trim();
    }

    private static double number(String metric, String param) {
        try {
            return Double.parseDouble(param);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(metric + ": parameter '" + param + "' is not a number");
        }
    }

    private static void noParam(String metric, String param) {
        if (param != null) throw new IllegalArgumentException(metric + ": this metric takes no parameter");
    }

    private static IllegalArgumentException unknown(String metric) {
        return new IllegalArgumentException("unknown metric '" + metric + "': expected one of " + NAMES);
    }
}
