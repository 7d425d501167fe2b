package io.latentad.models.cli;

import io.latentad.models.data.CsvFormat;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.CsvTable;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.FeatureEncoder;
import io.latentad.models.data.Scale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

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

    @Option(names = "--sep", paramLabel = "C", description = "CSV field separator: one character, or tab, semicolon, pipe, space (default ,).")
    String sep;

    @Option(names = "--encoding", paramLabel = "NAME", description = "CSV text encoding, e.g. ISO-8859-1, UTF-16 (default UTF-8).")
    String encoding;

    @Option(names = "--comment", paramLabel = "C", description = "CSV lines starting with this character are skipped.")
    String comment;

    @Option(names = "--no-header", description = "The CSV file has no header row: columns are named c0, c1, ...")
    boolean noHeader;

    @Option(names = "--max-categories", paramLabel = "N", defaultValue = "" + CsvOptions.DEFAULT_MAX_CATEGORIES,
            description = "One-hot columns per categorical column at most; rarer values share one (default ${DEFAULT-VALUE}).")
    int maxCategories;

    /** Set by detect and cluster from their {@code --scale}; null elsewhere (the encoder's default). */
    Scale scale;

    /** The column statistics of the first non-CSV data loaded with a {@link #scale}, reused for the rows scored. */
    private double[][] fittedStats;

    CsvFormat format() {
        CsvFormat f = CsvFormat.defaults().withHeader(!noHeader);
        if (sep != null) f = f.withSeparator(CsvFormat.parseSeparator(sep));
        if (encoding != null) f = f.withEncoding(CsvFormat.parseEncoding(encoding));
        if (comment != null) {
            if (comment.length() != 1) throw new IllegalArgumentException("--comment '" + comment + "': expected one character, e.g. #");
            f = f.withComment(comment.charAt(0));
        }
        return f;
    }

    CsvOptions csv() {
        return new CsvOptions(label, new LinkedHashSet<>(exclude), null, null,
                scale == null ? Scale.STANDARD : scale, maxCategories, format());
    }

    /** Loads a spec, fitting a CSV encoder on it. */
    Dataset load(String spec) {
        DataSpec s = DataSpec.parse(spec);
        CsvOptions o = csv();
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
        DataSpec s = DataSpec.parse(spec);
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

    private void scaleRows(Dataset d, boolean fit) {
        if (scale == null || scale == Scale.NONE) return;
        if (fit || fittedStats == null) fittedStats = scale.fit(d.x());
        Scale.apply(fittedStats, d.x());
    }

    /** {@link #load(String, FeatureEncoder, Dataset)} without a fitted dataset. */
    Dataset load(String spec, FeatureEncoder encoder) {
        return load(spec, encoder, null);
    }

    private static String describe(Dataset d) {
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
