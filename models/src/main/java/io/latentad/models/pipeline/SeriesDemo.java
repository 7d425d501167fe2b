package io.latentad.models.pipeline;

import io.latentad.metrics.ranking.Confusion;
import io.latentad.metrics.ranking.PrecisionRecallCurve;
import io.latentad.metrics.ranking.RocCurve;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.Dataset;
import io.latentad.models.detect.Thresholds;
import io.latentad.models.report.LinePlot;
import io.latentad.models.report.MarkdownTable;
import io.latentad.models.report.ScatterPlot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The time-series report ({@code demo --data ucr:...}): the setting of Pereira and Silveira's talk,
 * fully unsupervised. A VRAE and, as the baseline, a dense VAE on the flat values are trained on the
 * sequences without their labels; the rows scored (the same, or {@code --test}) are ranked by every
 * sequence scorer; where the data has classes, the most frequent class of the training sequences is
 * taken as normal and the others as anomalies to judge the ranking (ROC-AUC, AP) and a threshold
 * chosen without labels (Otsu's, {@link Thresholds#otsuThreshold}: F1 and accuracy).
 *
 * <p>Sequences of unequal length: the VRAE reads each to its own end; the dense baseline, which reads
 * samples of one width, is left out (the report says so).
 *
 * <p>Figures: the two latent spaces (first two principal axes) coloured by class; the top anomalies
 * of the VRAE's Wasserstein score drawn as the sequence, its reconstruction and the per-step error.
 */
public final class SeriesDemo {
    /** The scorers compared, in table order. */
    static final String[] SCORERS = {"recon", "recon-prob", "wasserstein", "cluster", "latent:iforest"};

    /**
     * @param vrae  the VRAE's options (with the demo's epochs and seed)
     * @param dense the baseline's options
     * @param topN  anomalies drawn
     */
    public record Options(AeOptions vrae, AeOptions dense, int topN, long seed) {
        public Options {
            if (vrae == null || dense == null) throw new IllegalArgumentException("series demo: both models' options are required");
            if (topN < 0) throw new IllegalArgumentException("topN = " + topN + ": expected >= 0");
        }

        /** The VRAE at its defaults and a 128-64 dense Gaussian VAE of the same latent size, both with {@code params}. */
        public static Options defaults(Map<String, String> params, int topN, long seed) {
            Map<String, String> v = new LinkedHashMap<>(params);
            AeOptions vrae = AeOptions.fromParams(ModelKind.of("vrae"), v);
            Map<String, String> d = new LinkedHashMap<>();
            for (String k : new String[] {"epochs", "seed", "latent", "lr", "batch"}) if (params.containsKey(k)) d.put(k, params.get(k));
            d.putIfAbsent("latent", Integer.toString(vrae.latent()));
            d.put("hidden", "128,64");
            d.put("output", "gaussian");
            return new Options(vrae, AeOptions.fromParams(ModelKind.of("vae"), d), topN, seed);
        }
    }

    /** One row of the table: a model and a scorer; the judged columns are NaN without classes. */
    public record Row(String model, String scorer, double rocAuc, double ap, double f1, double accuracy, int flagged) {
    }

    /** The table, the normal class (null without classes) and the files written. */
    public record Result(List<Row> rows, String normalClass, int anomalies, List<String> files) {
    }

    private SeriesDemo() {
    }

    /**
     * Trains both models on {@code train} (labels withheld), scores {@code test} and writes
     * {@code report.md}, {@code scores.csv} and the figures into {@code dir}.
     */
    public static Result run(Options o, Dataset train, Dataset test, Path dir, Consumer<String> log) throws IOException {
        String normal = null;
        int[] truth = null;
        if (train.labels() != null && test.labels() != null) {
            int[] count = new int[train.classes().length];
            for (int y : train.labels()) count[y]++;
            int best = 0;
            for (int c = 1; c < count.length; c++) if (count[c] > count[best]) best = c;
            normal = train.classes()[best];
            int normalTest = java.util.Arrays.asList(test.classes()).indexOf(normal);
            truth = new int[test.rows()];
            for (int i = 0; i < truth.length; i++) truth[i] = test.labels()[i] == normalTest ? 0 : 1;
        }
        Dataset unlabelled = train.withLabels(null, null);
        Map<String, TrainedAutoencoder> models = new LinkedHashMap<>();
        models.put("VRAE", AeTrainer.fit(o.vrae(), unlabelled, line -> say(log, "VRAE: " + line)));
        boolean oneWidth = train.lengths() == null && test.lengths() == null && train.dimension() == test.dimension();
        if (oneWidth) models.put("dense VAE", AeTrainer.fit(o.dense(), unlabelled, line -> say(log, "dense VAE: " + line)));
        else say(log, "sequences of unequal length: no dense VAE baseline (it reads samples of one width)");

        List<Row> rows = new ArrayList<>();
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, TrainedAutoencoder.Embedding> embeddings = new LinkedHashMap<>();
        for (Map.Entry<String, TrainedAutoencoder> m : models.entrySet()) {
            TrainedAutoencoder.Embedding e = m.getValue().embed(test.x());
            embeddings.put(m.getKey(), e);
            for (String s : SCORERS) {
                double[] v = AeScorers.create(s, Map.of(), o.seed()).score(m.getValue(), e, test.x(), null);
                scores.put(m.getKey() + " " + s, v);
                double t = Thresholds.otsuThreshold(v);
                int flagged = 0;
                for (double x : v) if (x > t) flagged++;
                double auc = Double.NaN, ap = Double.NaN, f1 = Double.NaN, acc = Double.NaN;
                if (truth != null) {
                    Confusion c = Confusion.atThreshold(v, truth, Math.nextUp(t)); // flagged: above Otsu's threshold
                    auc = RocCurve.auc(v, truth);
                    ap = PrecisionRecallCurve.averagePrecision(v, truth);
                    f1 = c.f1();
                    acc = (double) (c.truePositives() + c.trueNegatives()) / v.length;
                }
                rows.add(new Row(m.getKey(), s, auc, ap, f1, acc, flagged));
            }
        }
        int anomalies = 0;
        if (truth != null) for (int y : truth) anomalies += y;

        Files.createDirectories(dir);
        List<String> files = new ArrayList<>();
        int[] classes = test.labels() == null ? new int[test.rows()] : test.labels();
        String[] classNames = test.classes() == null ? new String[] {"all"} : test.classes();
        if (oneWidth) {
            ScatterPlot.sideBySide(Projection.view2d(embeddings.get("VRAE").codes().mu()), Projection.view2d(embeddings.get("dense VAE").codes().mu()),
                    classes, classNames, "VRAE latent space by class", "dense VAE latent space by class", "axis 1", "axis 2", 1400, 640)
                    .writePngAndSvg(dir.resolve("latent_by_class.png"));
        } else {
            ScatterPlot.byLabel(Projection.view2d(embeddings.get("VRAE").codes().mu()), classes, classNames, "VRAE latent space by class",
                    "axis 1", "axis 2", 800, 640).writePngAndSvg(dir.resolve("latent_by_class.png"));
        }
        files.add("latent_by_class.png");
        double[] w = scores.get("VRAE wasserstein");
        int top = Math.min(o.topN(), test.rows());
        if (top > 0) {
            Integer[] order = new Integer[w.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, (a, b) -> Double.compare(w[b], w[a]));
            int[] pick = new int[top];
            for (int k = 0; k < top; k++) pick[k] = order[k];
            double[][] x = new double[top][];
            for (int k = 0; k < top; k++) x[k] = test.x()[pick[k]];
            TrainedAutoencoder vrae = models.get("VRAE");
            double[][] rec = vrae.reconstruct(x), err = vrae.stepErrors(x);
            int channels = test.shape() instanceof io.latentad.models.data.SampleShape.Sequence q ? q.channels() : 1;
            List<double[][]> panels = new ArrayList<>();
            String[] titles = new String[top];
            for (int k = 0; k < top; k++) {
                panels.add(new double[][] {channel0(x[k], channels), channel0(rec[k], channels), err[k]});
                titles[k] = "row " + pick[k] + (test.labels() == null ? "" : ", class " + test.classes()[test.labels()[pick[k]]])
                        + String.format(Locale.ROOT, ", score %.3g", w[pick[k]]);
            }
            LinePlot.grid(panels, new String[] {"sequence", "reconstruction", "squared error"}, titles, Math.min(3, top), "step",
                    channels == 1 ? "value" : "channel 0 / error", 1500, 330 * ((top + 2) / 3)).writePngAndSvg(dir.resolve("top_anomalies.png"));
            files.add("top_anomalies.png");
        }
        writeScores(dir.resolve("scores.csv"), scores, test, truth);
        files.add("scores.csv");
        Result r = new Result(rows, normal, anomalies, files);
        Files.writeString(dir.resolve("report.md"), markdown(r, o, train, test));
        files.add("report.md");
        return r;
    }

    /** The result table as markdown. */
    public static String table(Result r) {
        MarkdownTable t = new MarkdownTable("model", "scorer", "ROC-AUC", "AP", "F1 (Otsu)", "accuracy (Otsu)", "flagged").alignRight(2, 3, 4, 5, 6);
        for (Row x : r.rows()) {
            t.row(x.model(), x.scorer(), num(x.rocAuc()), num(x.ap()), num(x.f1()), num(x.accuracy()), Integer.toString(x.flagged()));
        }
        return t.toString();
    }

    private static String markdown(Result r, Options o, Dataset train, Dataset test) {
        StringBuilder b = new StringBuilder("# latentad time-series report\n\n");
        b.append(String.format(Locale.ROOT, "Trained on %s (%d sequences of %s, labels withheld); scored %s (%d sequences).%n%n",
                train.source(), train.rows(), describe(train), test.source(), test.rows()));
        if (r.rows().stream().anyMatch(x -> x.model().equals("dense VAE"))) {
            b.append("Models: VRAE (").append(new java.util.TreeMap<>(o.vrae().net().toParams())).append("), and a dense VAE on the flat values (").append(new java.util.TreeMap<>(o.dense().net().toParams()))
                    .append("), ").append(o.vrae().training().epochs()).append(" and ").append(o.dense().training().epochs()).append(" epochs.\n\n");
        } else {
            b.append("Model: VRAE (").append(new java.util.TreeMap<>(o.vrae().net().toParams())).append("), ").append(o.vrae().training().epochs())
                    .append(" epochs. The sequences differ in length: the VRAE reads each to its own end; the dense VAE baseline, which reads")
                    .append(" samples of one width, is left out.\n\n");
        }
        if (r.normalClass() != null) {
            b.append("Judged with the classes: class ").append(r.normalClass()).append(" (the most frequent in training) is normal, the others are anomalies (")
                    .append(r.anomalies()).append(" of ").append(test.rows()).append("). The threshold is Otsu's on each score, chosen without labels.\n\n");
        } else {
            b.append("The data has no classes: the table gives how many rows Otsu's threshold flags.\n\n");
        }
        b.append(table(r)).append('\n');
        b.append("![latent spaces](latent_by_class.png) ([SVG](latent_by_class.svg))\n\n");
        if (r.files().contains("top_anomalies.png")) {
            b.append("Top ").append(o.topN()).append(" anomalies by the VRAE's Wasserstein score: the sequence, its reconstruction and the per-step squared error.\n\n");
            b.append("![top anomalies](top_anomalies.png) ([SVG](top_anomalies.svg))\n\n");
        }
        b.append("Per-row scores: [scores.csv](scores.csv).\n");
        return b.toString();
    }

    private static void writeScores(Path file, Map<String, double[]> scores, Dataset test, int[] truth) throws IOException {
        StringBuilder b = new StringBuilder("index");
        if (test.labels() != null) b.append(",class");
        if (truth != null) b.append(",anomaly");
        for (String k : scores.keySet()) b.append(',').append(k.replace(' ', '_'));
        b.append('\n');
        for (int i = 0; i < test.rows(); i++) {
            b.append(i);
            if (test.labels() != null) b.append(',').append(test.classes()[test.labels()[i]]);
            if (truth != null) b.append(',').append(truth[i]);
            for (double[] v : scores.values()) b.append(',').append(v[i]);
            b.append('\n');
        }
        Files.writeString(file, b);
    }

    /** {@code sequence 140 x 1}, or for sequences of unequal length {@code 8..16 steps x 1}. */
    public static String describe(Dataset d) {
        if (d.lengths() == null || !(d.shape() instanceof io.latentad.models.data.SampleShape.Sequence q)) return d.shape().describe();
        int lo = Integer.MAX_VALUE, hi = 0;
        for (int l : d.lengths()) {
            lo = Math.min(lo, l);
            hi = Math.max(hi, l);
        }
        return lo + ".." + hi + " steps x " + q.channels();
    }

    private static double[] channel0(double[] row, int channels) {
        double[] v = new double[row.length / channels];
        for (int t = 0; t < v.length; t++) v[t] = row[t * channels];
        return v;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : MarkdownTable.number(v, 4);
    }

    private static void say(Consumer<String> log, String line) {
        if (log != null) log.accept(line);
    }
}
