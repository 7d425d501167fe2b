package io.latentad.models.cli;

import io.latentad.models.data.CsvFormat;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.CsvTable;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.FeatureEncoder;
import io.latentad.models.data.LongSeries;
import io.latentad.models.data.SampleShape;
import io.latentad.models.data.Scale;
import io.latentad.models.data.Windows;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The data options shared by the commands that read data ({@code --label}, {@code --exclude}, the
 * CSV layout). Loading prints, on stderr and unless the command runs with {@code --quiet}, which
 * columns become features and which are kept out, and any choice the reader made on its own (a
 * capped categorical column, a first row read as data, columns matched by name in a new order).
 */
final class DataOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--label", paramLabel = "COL", description = "CSV class column (kept out of the features).")
    String label;

    @Option(names = "--exclude", paramLabel = "COL", split = ",",
            description = "CSV columns kept out of the features, e.g. a ground truth (comma separated).")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--sep", paramLabel = "C", description = "CSV field separator: one character, or tab, semicolon, pipe, space "
            + "(default: the comma, or the semicolon, tab or pipe when the first line has no comma).")
    String sep;

    @Option(names = "--skew", paramLabel = "none|log", description = "CSV numeric columns with |sample skewness| > 1 in the "
            + "training data: none (default: as they are) or log (read as sign(x) log(1 + |x|) before scaling; the model remembers which).")
    String skew;

    @Option(names = "--decimal", paramLabel = "MARK", description = "Decimal mark of the CSV's numbers: . (default) or , "
            + "(comma: 20,5 is read as 20.5; needs another separator, e.g. semicolons).")
    String decimal;

    @Option(names = "--encoding", paramLabel = "NAME", description = "CSV text encoding, e.g. ISO-8859-1, UTF-16 (default UTF-8).")
    String encoding;

    @Option(names = "--comment", paramLabel = "C", description = "CSV lines starting with this character are skipped.")
    String comment;

    @Option(names = "--no-header", description = "The CSV file has no header row: columns are named c0, c1, ...")
    boolean noHeader;

    @Option(names = "--max-categories", paramLabel = "N", defaultValue = "" + CsvOptions.DEFAULT_MAX_CATEGORIES,
            description = "One-hot columns per categorical column at most; rarer values share one (default ${DEFAULT-VALUE}).")
    int maxCategories;

    @Option(names = "--window", paramLabel = "T",
            description = "Cut one long series (a CSV file, one row a time step) into windows of T steps, each a sample (score: the model's T by default).")
    Integer window;

    @Option(names = "--stride", paramLabel = "S", description = "With --window: steps from one window's start to the next (default 1).")
    Integer stride;

    @Option(names = "--time", paramLabel = "COL",
            description = "With --window: the series' time column (numbers or ISO-8601 dates / times, strictly increasing); "
                    + "gaps become missing steps, filled by linear interpolation like missing values.")
    String time;

    /** The long series and its windows when the last data loaded was one (--window, or a model trained on windows). */
    LongSeries series;
    Windows windows;

    /** Set by detect and cluster from their {@code --scale}; null elsewhere (the encoder's default). */
    Scale scale;

    /** The column statistics of the first non-CSV data loaded with a {@link #scale}, reused for the rows scored. */
    private double[][] fittedStats;

    boolean logSkewed() {
        if (skew == null || skew.equalsIgnoreCase("none")) return false;
        if (skew.equalsIgnoreCase("log")) return true;
        throw new IllegalArgumentException("--skew '" + skew + "': expected none or log");
    }

    CsvFormat format() {
        CsvFormat f = CsvFormat.defaults().withHeader(!noHeader);
        if (sep != null) f = f.withSeparator(CsvFormat.parseSeparator(sep));
        if (decimal != null) f = f.withDecimalComma(CsvFormat.parseDecimalComma(decimal));
        if (encoding != null) f = f.withEncoding(CsvFormat.parseEncoding(encoding));
        if (comment != null) {
            if (comment.length() != 1) throw new IllegalArgumentException("--comment '" + comment + "': expected one character, e.g. #");
            f = f.withComment(comment.charAt(0));
        }
        return f;
    }

    CsvOptions csv() {
        return new CsvOptions(label, new LinkedHashSet<>(exclude), null, null,
                scale == null ? Scale.STANDARD : scale, maxCategories, format(), logSkewed());
    }

    /** Loads a spec, fitting a CSV encoder on it. */
    Dataset load(String spec) {
        DataSpec s = DataSpec.parse(spec);
        CsvOptions o = csv();
        if (seriesOptions(s, null)) {
            CsvTable t = CsvTable.read(s.path(), o.format());
            LongSeries ls = readSeries(t);
            FeatureEncoder e = FeatureEncoder.fit(ls.table(), o);
            e.notes().forEach(this::tell);
            return cut(ls, e.transform(ls.table()), window, e.describe());
        }
        if (s.kind() != DataSpec.Kind.CSV) {
            Dataset d = s.load(o);
            scaleRows(d, true);
            tell(describe(d));
            return d;
        }
        CsvTable t = CsvTable.read(s.path(), o.format());
        FeatureEncoder e = FeatureEncoder.fit(t, o);
        e.notes().forEach(this::tell);
        tell(s.path() + ": " + t.rowCount() + " rows, " + e.describe());
        return e.transform(t);
    }

    /**
     * Loads a spec with the encoder of the training data (CSV: the columns are checked against it by
     * name) or as is (other formats; {@code fitted} then gives the statistics of a {@code --scale}).
     */
    Dataset load(String spec, FeatureEncoder encoder, Dataset fitted) {
        return load(spec, encoder, fitted, null);
    }

    /**
     * As {@link #load(String, FeatureEncoder, Dataset)}, for a model trained on samples of {@code trained}
     * shape: a model trained on windows of a CSV series (a sequence shape and a CSV encoder) reads a CSV
     * file as a series cut into windows of its length.
     */
    Dataset load(String spec, FeatureEncoder encoder, Dataset fitted, SampleShape trained) {
        DataSpec s = DataSpec.parse(spec);
        int trainedWindow = encoder != null && trained instanceof SampleShape.Sequence q ? q.steps() : 0;
        if (seriesOptions(s, trainedWindow)) {
            CsvTable t = CsvTable.read(s.path(), format());
            LongSeries ls = readSeries(t);
            Set<String> ignored = new LinkedHashSet<>(exclude);
            encoder.checkColumns(ls.table(), ignored).forEach(this::tell);
            return cut(ls, encoder.transform(ls.table()), trainedWindow, "encoded as in training: " + encoder.describe());
        }
        if (encoder == null || s.kind() != DataSpec.Kind.CSV) {
            if (s.kind() == DataSpec.Kind.CSV) return load(spec);
            Dataset d = s.load(csv());
            scaleRows(d, fitted == null);
            tell(describe(d));
            return d;
        }
        CsvTable t = CsvTable.read(s.path(), format());
        encoder.checkColumns(t, new LinkedHashSet<>(exclude)).forEach(this::tell);
        tell(s.path() + ": " + t.rowCount() + " rows, encoded as in training: " + encoder.describe());
        return encoder.transform(t);
    }

    /**
     * Whether the data is a long series to cut into windows, checking the flags: {@code trainedWindow} is
     * null when fitting, else the model's window length (0 when it was not trained on windows).
     */
    private boolean seriesOptions(DataSpec s, Integer trainedWindow) {
        boolean asked = window != null || stride != null || time != null;
        boolean fromModel = trainedWindow != null && trainedWindow > 0;
        if (!asked && !fromModel) {
            series = null;
            windows = null;
            return false;
        }
        if (window == null && !fromModel) throw new IllegalArgumentException((stride != null ? "--stride" : "--time") + " needs --window T");
        if (s.kind() != DataSpec.Kind.CSV) {
            throw new IllegalArgumentException("--window cuts one long series in a CSV file: " + s
                    + " holds samples already (ucr: sequences, idx: images)");
        }
        if (trainedWindow != null && !fromModel) {
            throw new IllegalArgumentException("--window " + window + ": the model was not trained on windows of a series");
        }
        if (fromModel && window != null && !window.equals(trainedWindow)) {
            throw new IllegalArgumentException("--window " + window + ": the model was trained on windows of " + trainedWindow
                    + " steps: expected --window " + trainedWindow + " (or no --window)");
        }
        if (label != null) {
            throw new IllegalArgumentException("--label with --window: a window has no single class; keep a per-step ground truth out "
                    + "with --exclude COL and compare it with the per-step scores (score --per-step FILE)");
        }
        return true;
    }

    private LongSeries readSeries(CsvTable t) {
        LongSeries ls = LongSeries.of(t, time, new LinkedHashSet<>(exclude));
        ls.notes().forEach(n -> tell(t.source() + ": " + n));
        return ls;
    }

    private Dataset cut(LongSeries ls, Dataset steps, int length, String encoded) {
        Windows w = Windows.cut(steps.rows(), length, stride == null ? 1 : stride);
        series = ls;
        windows = w;
        tell(steps.source() + ": a series of " + ls.steps() + " steps" + (ls.timeColumn() == null ? "" : " (time: " + ls.timeColumn() + ")")
                + ", " + w.count() + " windows of " + length + " steps every " + w.stride() + "; " + encoded);
        return w.apply(steps);
    }

    private void scaleRows(Dataset d, boolean fit) {
        if (scale == null || scale == Scale.NONE) return;
        d.requireOneWidth("--scale " + scale.name().toLowerCase(java.util.Locale.ROOT) + " (per-column statistics)");
        if (fit || fittedStats == null) fittedStats = scale.fit(d.x());
        Scale.apply(fittedStats, d.x());
    }

    /** {@link #load(String, FeatureEncoder, Dataset)} without a fitted dataset. */
    Dataset load(String spec, FeatureEncoder encoder) {
        return load(spec, encoder, null);
    }

    private static String describe(Dataset d) {
        if (d.lengths() != null) {
            return d.source() + ": " + d.rows() + " sequences of unequal length, " + io.latentad.models.pipeline.SeriesDemo.describe(d)
                    + (d.labels() == null ? "" : "; label: the class of each row");
        }
        String[] f = d.featureNames();
        return d.source() + ": " + d.rows() + " rows, " + f.length + " features "
                + (f.length == 0 ? "" : f[0] + ".." + f[f.length - 1]) + (d.labels() == null ? "" : "; label: the class of each row");
    }

    /** One line on the command's stderr, unless it runs with --quiet. */
    void tell(String line) {
        if (command == null) return;
        OptionSpec q = command.findOption("--quiet");
        if (q != null && Boolean.TRUE.equals(q.getValue())) return;
        Notes.say(command.commandLine().getErr(), "latentad " + command.name() + ": " + line);
    }
}
