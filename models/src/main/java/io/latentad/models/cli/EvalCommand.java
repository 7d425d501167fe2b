package io.latentad.models.cli;

import io.latentad.metrics.Evaluation;
import io.latentad.metrics.emmv.EmMv;
import io.latentad.metrics.ranking.Confusion;
import io.latentad.models.data.CsvTable;
import io.latentad.models.data.Dataset;
import io.latentad.models.detect.Detectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code eval}: prints one {@code metric=value} line per metric. Two modes:
 * <ul>
 *   <li>{@code eval --scores FILE --truth FILE [--metrics LIST]}: ranking metrics of a score file
 *       ({@code index,score}) against a truth file ({@code index,label}, 1 = anomaly). For the
 *       clustering metrics ({@code vmeasure[:beta]}, {@code homogeneity}, {@code completeness})
 *       A scores file {@code index,score,label} ({@code score --labels}, {@code detect --contamination})
 *       adds {@code threshold_precision}, {@code threshold_recall} and {@code threshold_f1}: of its
 *       labels, i.e. at the threshold that made them.
 *       {@code --truth} holds the classes and {@code --scores} the predicted clustering (a
 *       {@code index,label} file from {@code cluster}).</li>
 *   <li>{@code eval --detector NAME --data SPEC [--param k=v ...]}: the label-free excess-mass
 *       and mass-volume areas (Goix 2016) of a detector fitted on the data ({@code em} higher is
 *       better, {@code mv} lower is better); above 8 varying features the areas are averaged over
 *       random subsets of 5 features with the detector refitted on each.</li>
 * </ul>
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate scores against a truth file, or a detector by label-free EM/MV curves.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scores", paramLabel = "FILE", description = "index,score file (or index,label for clustering metrics).")
    String scores;

    @Option(names = "--truth", paramLabel = "FILE", description = "index,label file: 1 = anomaly, or class labels.")
    String truth;

    @Option(names = "--truth-col", paramLabel = "COL",
            description = "Read the truth from this column of --truth, a CSV file with a header (e.g. the data itself), row i = index i.")
    String truthCol;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",",
            description = "Comma separated; default roc_auc,ap,f1,best_f1,precision_at_n. Also vmeasure[:beta], homogeneity, completeness.")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--detector", paramLabel = "NAME", description = "EM/MV mode: the detector to evaluate.")
    String detector;

    @Option(names = "--data", paramLabel = "SPEC", description = "EM/MV mode: the data to fit and evaluate on.")
    String data;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "EM/MV mode: detector parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "EM/MV mode: Monte Carlo seed (default 0).")
    long seed;

    @Option(names = {"-q", "--quiet"}, description = "No progress or information lines on stderr.")
    boolean quiet;

    @Mixin
    DataOptions dataOptions;

    /** The {@code --truth-col} column of the CSV file {@code --truth}: whole numbers, or true / false. */
    private int[] truthColumn() {
        CsvTable table = CsvTable.read(Path.of(truth), dataOptions.format());
        int c = table.column(truthCol);
        if (c < 0) {
            throw new IllegalArgumentException(truth + ": --truth-col column '" + truthCol + "' is not in the header: expected one of "
                    + String.join(", ", table.header()));
        }
        int[] t = new int[table.rowCount()];
        for (int r = 0; r < t.length; r++) {
            String v = table.cell(r, c).trim();
            if (v.equalsIgnoreCase("true")) t[r] = 1;
            else if (v.equalsIgnoreCase("false")) t[r] = 0;
            else {
                try {
                    t[r] = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(truth + " line " + table.lines()[r] + ", column " + (c + 1) + " ('" + truthCol
                            + "'): '" + v + "' is not a whole number: expected a label such as 0 or 1");
                }
            }
        }
        return t;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (detector != null || data != null) {
            if (detector == null || data == null) {
                throw new IllegalArgumentException("EM/MV mode needs both --detector and --data");
            }
            if (truthCol != null) throw new IllegalArgumentException("--truth-col " + truthCol + ": only with --scores and --truth");
            var factory = Detectors.create(detector, params);
            Dataset rows = dataOptions.load(data);
            rows.requireOneWidth("detector " + detector);
            EmMv.Result r = EmMv.evaluateDetector(rows.x(), factory, EmMv.Options.defaults().withSeed(seed));
            out.printf(Locale.ROOT, "em=%.10g%nmv=%.10g%n", r.em(), r.mv());
            out.flush();
            return Main.OK;
        }
        if (scores == null || truth == null) {
            throw new IllegalArgumentException("expected --scores FILE and --truth FILE (or --detector NAME --data SPEC)");
        }
        LabelledScores.Rows labelled = LabelledScores.isLabelled(scores) ? LabelledScores.read(scores) : null;
        double[] s = labelled != null ? labelled.scores() : IndexedColumn.read(scores);
        int[] t = truthCol == null ? IndexedColumn.readLabels(truth) : truthColumn();
        if (s.length != t.length) {
            throw new IllegalArgumentException(scores + " has " + s.length + " rows but " + truth + " has "
                    + t.length + ": expected the same rows");
        }
        List<String> names = metrics.isEmpty()
                ? List.of("roc_auc", "ap", "f1", "best_f1", "precision_at_n") : metrics;
        for (String m : names) {
            double v = Evaluation.evaluate(m.trim(), s, t);
            out.printf(Locale.ROOT, "%s=%.10g%n", m.trim(), v);
        }
        if (labelled != null) {
            // the labels of the stored threshold: flagged = label 1
            double[] flags = new double[t.length];
            for (int i = 0; i < t.length; i++) flags[i] = labelled.labels()[i];
            Confusion k = Confusion.atThreshold(flags, t, 0.5);
            out.printf(Locale.ROOT, "threshold_precision=%.10g%nthreshold_recall=%.10g%nthreshold_f1=%.10g%n", k.precision(), k.recall(), k.f1());
        }
        out.flush();
        return Main.OK;
    }
}
