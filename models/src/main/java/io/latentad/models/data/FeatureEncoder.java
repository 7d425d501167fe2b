package io.latentad.models.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns the columns of a CSV table into a numeric feature matrix, fitted on training data and
 * reused unchanged on new data (so a saved model keeps it, see {@link #write}).
 *
 * <p>Per column, in header order:
 * <ul>
 *   <li>numeric: missing cells (empty) are imputed with the training median; the column is then
 *       scaled as {@link CsvOptions#scale()} says: by default standardised with the training mean
 *       and standard deviation (population, as scikit-learn's {@code StandardScaler}; a constant
 *       column keeps scale 1), computed without overflow for values up to about 1e307 (see
 *       {@code ColumnStats}); {@code robust} uses the median and interquartile range, {@code none}
 *       leaves the values. If the training column had missing cells, a 0/1 indicator column
 *       {@code name_missing} follows it. With {@link CsvOptions#logSkewed()}, a column whose known training
 *       values have a sample skewness (Fisher-Pearson, as {@code scipy.stats.skew}) beyond
 *       +-{@value #SKEW_LIMIT} is first read as {@code sign(x) log(1 + |x|)} (the median, mean and scale
 *       are then those of the logged values), and {@link #notes()} names it with its skewness.</li>
 *   <li>categorical: one-hot over the training categories (a missing cell is the category
 *       {@code <missing>}) plus an {@code <unseen>} bucket for categories first met at scoring
 *       time. A column with more than {@link CsvOptions#maxCategories()} distinct values keeps
 *       only that many most frequent ones; the rest share the {@code <unseen>} bucket, and
 *       {@link #notes()} says so, naming the column.</li>
 * </ul>
 * Before the feature matrix is allocated its size is checked against the heap (a too-wide
 * encoding is an error naming its widest column, not an {@link OutOfMemoryError}).
 * A column is categorical if declared so, or if not declared and some non-empty cell is not a
 * number. The label column becomes int codes (classes sorted numerically when they are all
 * numbers, else as text); excluded columns are kept aside as text.
 *
 * <p>Errors (a non-finite number such as {@code NaN} or {@code Inf}, text in a declared numeric
 * column, a column missing at scoring time, an unknown label) name the file, line and column.
 */
public final class FeatureEncoder {
    static final int MAGIC = 0x4C414645; // "LAFE"
    static final int VERSION = 2;
    /** The |sample skewness| above which {@link CsvOptions#logSkewed()} logs a column (a common rule of thumb). */
    public static final double SKEW_LIMIT = 1.0;
    static final String MISSING = "<missing>", UNSEEN = "<unseen>";

    final String[] columns;
    final boolean[] categorical;
    final double[] median, mean, scale;
    final boolean[] indicator;
    /** Per numeric column: read as {@code sign(x) log(1 + |x|)} before imputation and scaling. */
    final boolean[] logged;
    final String[][] categories;
    final String label;
    final String[] classes;
    final String[] excluded;
    private final String[] featureNames;
    private final List<String> notes = new ArrayList<>();
    /** Per column, category text to its one-hot position (empty for numeric columns). */
    private final List<Map<String, Integer>> categoryIndex;
    /** Whether a label training never saw becomes code -1 (scoring) instead of an error. */
    private boolean unseenLabels;

    FeatureEncoder(String[] columns, boolean[] categorical, double[] median, double[] mean, double[] scale,
                           boolean[] indicator, boolean[] logged, String[][] categories, String label, String[] classes,
                           String[] excluded) {
        this.columns = columns;
        this.categorical = categorical;
        this.median = median;
        this.mean = mean;
        this.scale = scale;
        this.indicator = indicator;
        this.logged = logged;
        this.categories = categories;
        this.label = label;
        this.classes = classes;
        this.excluded = excluded;
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            if (categorical[c]) {
                for (String k : categories[c]) names.add(columns[c] + "=" + k);
                names.add(columns[c] + "=" + UNSEEN);
            } else {
                names.add(columns[c]);
                if (indicator[c]) names.add(columns[c] + "_missing");
            }
        }
        this.featureNames = names.toArray(new String[0]);
        List<Map<String, Integer>> ix = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            Map<String, Integer> m = new HashMap<>();
            if (categorical[c]) for (int k = 0; k < categories[c].length; k++) m.put(categories[c][k], k);
            ix.add(m);
        }
        this.categoryIndex = List.copyOf(ix);
    }

    /** Fits the encoder on a training table. */
    public static FeatureEncoder fit(CsvTable t, CsvOptions o) {
        int labelCol = -1;
        if (o.label() != null) {
            labelCol = t.column(o.label());
            if (labelCol < 0) throw missingColumn(t, "--label", o.label());
        }
        boolean[] skip = new boolean[t.header().length];
        if (labelCol >= 0) skip[labelCol] = true;
        List<String> excl = new ArrayList<>();
        for (String e : o.exclude()) {
            int c = t.column(e);
            if (c < 0) throw missingColumn(t, "--exclude", e);
            skip[c] = true;
        }
        for (String h : t.header()) if (o.exclude().contains(h)) excl.add(h);
        for (String d : o.categorical()) if (t.column(d) < 0) throw missingColumn(t, "categorical", d);
        for (String d : o.numeric()) if (t.column(d) < 0) throw missingColumn(t, "numeric", d);

        List<Integer> feat = new ArrayList<>();
        for (int c = 0; c < skip.length; c++) if (!skip[c]) feat.add(c);
        if (feat.isEmpty()) throw new IllegalArgumentException(t.source() + ": no feature columns left after --label and --exclude");
        int m = feat.size(), n = t.rowCount();
        String[] cols = new String[m];
        boolean[] cat = new boolean[m], ind = new boolean[m], log = new boolean[m];
        double[] med = new double[m], mu = new double[m], sc = new double[m];
        String[][] cats = new String[m][];
        List<String> notes = new ArrayList<>(t.notes());
        for (int f = 0; f < m; f++) {
            int c = feat.get(f);
            cols[f] = t.header()[c];
            cat[f] = o.categorical().contains(cols[f]) || (!o.numeric().contains(cols[f]) && !allNumbers(t, c));
            if (cat[f]) {
                if (!o.categorical().contains(cols[f])) {
                    String d = decimalCommaNote(t, c);
                    if (d == null) d = timeNote(t, c);
                    if (d != null) notes.add(d);
                }
                cats[f] = categoriesOf(t, c, o.maxCategories(), notes);
                if (cats[f].length == 1 && n > 1) notes.add(constant(t, cols[f], "'" + cats[f][0] + "'"));
                continue;
            }
            double[] v = new double[n];
            int present = 0;
            java.util.TreeMap<String, Integer> markers = new java.util.TreeMap<>();
            for (int r = 0; r < n; r++) {
                double x = number(t, r, c);
                v[r] = x;
                if (!Double.isNaN(x)) {
                    present++;
                } else if (!t.isEmpty(r, c)) { // NaN from text that is not blank: a missing-value marker
                    String s = t.cell(r, c).trim();
                    if (!s.isEmpty()) markers.merge(s, 1, Integer::sum);
                }
            }
            if (!markers.isEmpty()) notes.add(markerNote(t.source(), cols[f], markers));
            if (present == 0) throw new IllegalArgumentException(t.where(0, c) + ": the column has no values: expected at least one number");
            ind[f] = present < n;
            double[] known = new double[present];
            for (int r = 0, k = 0; r < n; r++) if (!Double.isNaN(v[r])) known[k++] = v[r];
            Arrays.sort(known);
            if (present == n && n > 1 && known[0] == known[n - 1]) notes.add(constant(t, cols[f], t.cell(0, c).trim()));
            if (o.logSkewed()) {
                double g = ColumnStats.skewness(known);
                if (Math.abs(g) > SKEW_LIMIT) {
                    log[f] = true;
                    for (int r = 0; r < n; r++) v[r] = signedLog(v[r]); // NaN stays NaN
                    for (int k = 0; k < present; k++) known[k] = signedLog(known[k]); // monotone: still sorted
                    notes.add(t.source() + ": column '" + cols[f] + "' is skewed (sample skewness " + String.format(java.util.Locale.ROOT, "%.2f", g)
                            + "): read as sign(x) log(1 + |x|) before scaling");
                }
            }
            double a = known[present / 2], b = present % 2 == 1 ? a : known[present / 2 - 1];
            med[f] = present % 2 == 1 ? a : (Double.isFinite(a + b) ? (a + b) / 2 : a / 2 + b / 2);
            for (int r = 0; r < n; r++) if (Double.isNaN(v[r])) v[r] = med[f];
            double[] cs = ColumnStats.centerAndScale(o.scale(), o.scale() == Scale.ROBUST ? known : v,
                    t.source() + ": column '" + cols[f] + "'");
            mu[f] = cs[0];
            sc[f] = cs[1];
        }
        String[] cls = null;
        if (labelCol >= 0) cls = classesOf(t, labelCol);
        FeatureEncoder e = new FeatureEncoder(cols, cat, med, mu, sc, ind, log, cats, o.label(), cls, excl.toArray(new String[0]));
        e.notes.addAll(notes);
        return e;
    }

    private static String constant(CsvTable t, String column, String value) {
        return t.source() + ": column '" + column + "' has the same value (" + value + ") in every row: it carries nothing a "
                + "model can learn from (--exclude " + column + " to drop it)";
    }

    /**
     * The categories of column {@code c}, sorted; above {@code max} distinct values only the
     * {@code max} most frequent (ties by name), the others left to the {@code <unseen>} column,
     * with a note naming the column and the choice.
     */
    private static String[] categoriesOf(CsvTable t, int c, int max, List<String> notes) {
        Map<String, int[]> counts = new HashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String v = t.isEmpty(r, c) ? MISSING : t.cell(r, c);
            counts.computeIfAbsent(v, k -> new int[1])[0]++;
        }
        if (counts.size() <= max) return new java.util.TreeSet<>(counts.keySet()).toArray(new String[0]);
        List<Map.Entry<String, int[]>> byCount = new ArrayList<>(counts.entrySet());
        byCount.sort((x, y) -> x.getValue()[0] != y.getValue()[0] ? Integer.compare(y.getValue()[0], x.getValue()[0])
                : x.getKey().compareTo(y.getKey()));
        java.util.TreeSet<String> kept = new java.util.TreeSet<>();
        long keptRows = 0;
        for (int k = 0; k < max; k++) {
            kept.add(byCount.get(k).getKey());
            keptRows += byCount.get(k).getValue()[0];
        }
        String name = t.header()[c];
        notes.add(t.source() + ": column '" + name + "' has " + counts.size() + " distinct values: one-hot keeps the "
                + max + " most frequent, the other " + (counts.size() - max) + " (" + (t.rowCount() - keptRows)
                + " rows) share '" + name + "=" + UNSEEN + "' (--max-categories N to change, --exclude " + name + " to drop it)");
        return kept.toArray(new String[0]);
    }

    /** Encodes a table with the fitted columns (found by name; other columns are ignored). */
    /**
     * A copy whose {@link #transform} gives a label training never saw the code -1 instead of
     * refusing the row: for scoring, where most scorers do not read labels and those that do refuse
     * such rows themselves ({@code AeScorer.requireKnownClasses}).
     */
    public FeatureEncoder allowingUnseenLabels() {
        FeatureEncoder c = new FeatureEncoder(columns, categorical, median, mean, scale, indicator, logged, categories, label,
                classes, excluded);
        c.unseenLabels = true;
        return c;
    }

    public Dataset transform(CsvTable t) {
        int m = columns.length, n = t.rowCount();
        int[] at = new int[m];
        for (int f = 0; f < m; f++) {
            at[f] = t.column(columns[f]);
            if (at[f] < 0) {
                throw new IllegalArgumentException(t.source() + ": column '" + columns[f]
                        + "' of the training data is missing: expected it in the header");
            }
        }
        List<Map<String, Integer>> index = categoryIndex;
        int d = featureNames.length;
        requireHeap(t, n, d);
        double[][] x = new double[n][d];
        int o = 0;
        for (int f = 0; f < m; f++) { // column by column: each cell's text is made once
            int c = at[f];
            if (categorical[f]) {
                for (int r = 0; r < n; r++) {
                    String v = t.isEmpty(r, c) ? MISSING : t.cell(r, c);
                    Integer k = index.get(f).get(v);
                    x[r][o + (k == null ? categories[f].length : k)] = 1;
                }
                o += categories[f].length + 1;
            } else {
                for (int r = 0; r < n; r++) {
                    final int row = r;
                    encodeNumber(f, number(t, r, c), x[r], o, () -> t.where(row, c));
                }
                o += indicator[f] ? 2 : 1;
            }
        }
        int[] labels = null;
        String[] cls = null;
        int lc = label == null ? -1 : t.column(label);
        if (lc >= 0) {
            Map<String, Integer> code = new HashMap<>();
            for (int k = 0; k < classes.length; k++) code.put(classes[k], k);
            labels = new int[n];
            for (int r = 0; r < n; r++) {
                String v = t.cell(r, lc).trim();
                Integer k = code.get(v);
                if (k == null && !unseenLabels) {
                    throw new IllegalArgumentException(t.where(r, lc) + ": unknown label '" + v + "': expected one of "
                            + String.join(", ", classes));
                }
                labels[r] = k == null ? -1 : k;
            }
            cls = classes.clone();
        }
        Map<String, String[]> kept = new LinkedHashMap<>();
        for (String e : excluded) {
            int c = t.column(e);
            if (c < 0) continue;
            String[] v = new String[n];
            for (int r = 0; r < n; r++) v[r] = t.cell(r, c);
            kept.put(e, v);
        }
        return new Dataset(t.source(), x, featureNames.clone(), labels, cls, this, kept);
    }

    /**
     * Checks the columns of a table to be encoded against the fitted ones, by name: a missing
     * feature column, or a column the training data did not have (neither a feature, the label nor
     * an excluded column, nor in {@code ignored}) is an error naming it; a different order is fine
     * (columns are found by name) and gives a note.
     *
     * @return notes for the user (empty when the columns are as in training)
     */
    public List<String> checkColumns(CsvTable t, java.util.Set<String> ignored) {
        java.util.Set<String> known = new java.util.HashSet<>(Arrays.asList(columns));
        if (label != null) known.add(label);
        known.addAll(Arrays.asList(excluded));
        for (String c : columns) {
            if (t.column(c) < 0) {
                throw new IllegalArgumentException(t.source() + ": column '" + c + "' of the training data is missing: expected "
                        + "the training columns " + String.join(", ", columns));
            }
        }
        List<String> extra = new ArrayList<>();
        for (String h : t.header()) if (!known.contains(h) && !ignored.contains(h)) extra.add(h);
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException(t.source() + ": column" + (extra.size() > 1 ? "s " : " ") + "'"
                    + String.join("', '", extra) + "' " + (extra.size() > 1 ? "were" : "was") + " not in the training data: expected only "
                    + String.join(", ", columns) + (label == null ? "" : " and the label " + label)
                    + " (add --exclude " + String.join(",", extra) + " to ignore)");
        }
        List<String> notes = new ArrayList<>(t.notes());
        int last = -1;
        for (String c : columns) {
            int at = t.column(c);
            if (at < last) {
                notes.add(t.source() + ": the columns are in a different order than in the training data; they are matched by name");
                break;
            }
            last = at;
        }
        return notes;
    }

    /** One line naming the columns that become features, and those kept out. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(columns.length).append(" feature column").append(columns.length == 1 ? "" : "s").append(" (")
                .append(featureNames.length).append(" encoded): ");
        for (int f = 0; f < columns.length; f++) {
            if (f > 0) b.append(", ");
            if (f == 12 && columns.length > 14) {
                b.append("... ").append(columns.length - 13).append(" more ..., ");
                f = columns.length - 1;
            }
            b.append(quotedIfAmbiguous(columns[f])).append(categorical[f] ? " (categorical, " + categories[f].length + ")" : logged[f] ? " (log)" : "");
        }
        if (label != null) b.append("; label: ").append(label);
        if (excluded.length > 0) b.append("; excluded: ").append(String.join(", ", excluded));
        return b.toString();
    }

    /** A column name as the list in {@link #describe} shows it: quoted when a comma or edge blank would blur the list. */
    static String quotedIfAmbiguous(String name) {
        return name.contains(",") || name.isEmpty() || !name.strip().equals(name) ? "'" + name + "'" : name;
    }

    /** What fitting decided on its own (a capped categorical column, a first row read as data). Not saved. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Refuses a matrix that cannot fit in the heap, naming its size, before allocating it. */
    private void requireHeap(CsvTable t, int n, int d) {
        long need = (long) n * d * 8 + (long) n * 16;
        long max = Runtime.getRuntime().maxMemory();
        if (need > max - (max >> 3)) {
            int widest = 0;
            for (int f = 1; f < columns.length; f++) if (width(f) > width(widest)) widest = f;
            throw new IllegalArgumentException(t.source() + ": " + n + " rows x " + d + " encoded features need "
                    + (need >> 20) + " MB, more than the " + (max >> 20) + " MB heap: the widest column is '" + columns[widest]
                    + "' (" + width(widest) + " features); lower --max-categories, --exclude wide columns, or give Java more heap (-Xmx)");
        }
    }

    private int width(int f) {
        return categorical[f] ? categories[f].length + 1 : indicator[f] ? 2 : 1;
    }

    /** Names of the encoded features, in column order. */
    public String[] featureNames() {
        return featureNames.clone();
    }

    public int dimension() {
        return featureNames.length;
    }

    /** The label column, or null. */
    public String label() {
        return label;
    }

    /** Class names by code, or null without a label column. */
    public String[] classes() {
        return classes == null ? null : classes.clone();
    }

    /** Writes the fitted state (versioned; read back with {@link #read}): {@link FeatureEncoderFile}. */
    public void write(DataOutput out) throws IOException {
        FeatureEncoderFile.write(this, out);
    }

    /** Reads what {@link #write} wrote. */
    public static FeatureEncoder read(DataInput in) throws IOException {
        return FeatureEncoderFile.read(in);
    }

    /** The number in a cell; NaN for an empty cell; errors for text and non-finite numbers. */
    private static double number(CsvTable t, int r, int c) {
        return t.isEmpty(r, c) ? Double.NaN : NumberCells.parseNumber(t.cell(r, c), () -> t.where(r, c));
    }

    /**
     * Writes numeric column {@code f}'s encoding of {@code v} (NaN = missing) at {@code out[o]} (and its
     * missing indicator at {@code out[o + 1]}): the median imputation, the scaling, the finiteness check.
     */
    private void encodeNumber(int f, double v, double[] out, int o, Supplier<String> where) {
        boolean miss = Double.isNaN(v);
        double z = ColumnStats.standardise(miss ? median[f] : logged[f] ? signedLog(v) : v, mean[f], scale[f]);
        if (!Double.isFinite(z)) {
            throw new IllegalArgumentException(where.get() + ": value " + v + " is beyond what the training"
                    + " data's scale (" + scale[f] + ") can represent: expected values of the training data's magnitude");
        }
        out[o] = z;
        if (indicator[f]) out[o + 1] = miss ? 1 : 0;
    }

    /** {@code sign(x) log(1 + |x|)}: the log of a skewed column, defined for every real x and monotone. */
    static double signedLog(double x) {
        return Math.copySign(Math.log1p(Math.abs(x)), x);
    }

    /** Whether numeric column {@code f} (in {@link #columns()} order) is read as {@code sign(x) log(1 + |x|)}. */
    public boolean isLogged(int f) {
        return logged[f];
    }

    /** The names of the columns that become features, in encoding order (read by name from a table or a row). */
    public String[] columns() {
        return columns.clone();
    }

    /**
     * For each encoded feature, the index in {@link #columns()} of the column it comes from: a one-hot
     * block (its {@code <unseen>} bucket included) maps to its categorical column, a missing indicator to
     * its numeric column.
     */
    public int[] featureColumns() {
        int[] out = new int[featureNames.length];
        int o = 0;
        for (int f = 0; f < columns.length; f++) {
            int w = width(f);
            for (int k = 0; k < w; k++) out[o++] = f;
        }
        return out;
    }

    /** Whether feature column {@code f} (in {@link #columns()} order) is one-hot encoded. */
    public boolean isCategorical(int f) {
        return categorical[f];
    }

    /** The cells of one row in {@link #columns()} order: a row from a source other than a CSV table (a Spark row). */
    public interface Cells {
        /** The text of categorical column {@code f}'s cell, or null when missing. */
        String text(int f);

        /** The number in numeric column {@code f}'s cell, NaN when missing (use {@link #parseNumber} for text). */
        double number(int f);

        /** Where the cell is, for messages (e.g. "row 12, column 'amount'"). */
        String where(int f);
    }

    /**
     * Encodes one row into {@code out} (length {@link #dimension()}, zeros on entry), with the same
     * arithmetic as {@link #transform}: a row scores with the same bits however it was read. NaN from
     * {@link Cells#number} means missing, so a source refuses a NaN or infinite value it holds before
     * (as {@link #parseNumber} does for text).
     */
    public void encode(Cells row, double[] out) {
        if (out.length != featureNames.length) {
            throw new IllegalArgumentException("encoded row of width " + out.length + ": expected " + featureNames.length);
        }
        int o = 0;
        for (int f = 0; f < columns.length; f++) {
            if (categorical[f]) {
                String v = row.text(f);
                Integer k = categoryIndex.get(f).get(v == null ? MISSING : v);
                out[o + (k == null ? categories[f].length : k)] = 1;
                o += categories[f].length + 1;
            } else {
                final int col = f;
                encodeNumber(f, row.number(f), out, o, () -> row.where(col));
                o += indicator[f] ? 2 : 1;
            }
        }
    }

    /** The class code of label text {@code v} (trimmed, as the CSV reader reads it), or -1 for a class training never saw. */
    public int labelCode(String v) {
        if (classes == null) throw new IllegalArgumentException("the encoder has no label column");
        String t = v == null ? "" : v.trim();
        for (int k = 0; k < classes.length; k++) if (classes[k].equals(t)) return k;
        return -1;
    }

    /**
     * True if every non-empty cell of column c is a number (non-finite text counts as one, to be reported) or a
     * missing-value marker ({@link NumberCells#missingText}), and at least one is not a marker.
     */
    private static boolean allNumbers(CsvTable t, int c) {
        boolean onlyMarkers = true;
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.isEmpty(r, c)) continue;
            String s = t.cell(r, c).trim();
            if (s.isEmpty()) continue;
            if (NumberCells.missingText(s)) continue;
            onlyMarkers = false;
            if (NumberCells.nonFiniteText(s)) continue;
            try {
                Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return !onlyMarkers;
    }

    /** The note for a numeric column whose cells held missing-value markers ({@code seen}: each marker and its count). */
    private static String markerNote(String source, String column, java.util.TreeMap<String, Integer> seen) {
        int total = seen.values().stream().mapToInt(Integer::intValue).sum();
        List<String> kinds = new ArrayList<>();
        for (String k : seen.keySet()) kinds.add("'" + k + "'");
        return source + ": column '" + column + "': " + total + (total == 1 ? " cell " : " cells ")
                + String.join(", ", kinds) + " read as missing (filled like empty cells)";
    }

    /**
     * A note when text column c holds ISO-8601 dates / times in every non-empty cell with more than one distinct
     * value (a time stamp made a category per value); null otherwise. Looks at most at the first 1,000 rows and
     * the last one.
     */
    private static String timeNote(CsvTable t, int c) {
        String first = null;
        boolean distinct = false;
        int n = t.rowCount();
        for (int r = 0; r < n; r = r < 999 || r == n - 1 ? r + 1 : n - 1) {
            if (t.isEmpty(r, c)) continue;
            String s = t.cell(r, c).trim();
            if (s.isEmpty()) continue;
            if (LongSeries.isoInstant(s) == null) return null;
            if (first == null) first = s;
            else if (!first.equals(s)) distinct = true;
        }
        if (!distinct) return null;
        String name = t.header()[c];
        return t.source() + ": column '" + name + "' holds dates / times ('" + first + "'): as a feature each value is a "
                + "category of its own; --exclude " + name + " to drop it, or read the file as one series with --window T --time " + name;
    }

    /**
     * A note when text column c would be numbers written with a decimal comma ({@code 20,5}): every non-empty,
     * non-marker cell is one, and one at least has digits after the comma; null otherwise.
     */
    private static String decimalCommaNote(CsvTable t, int c) {
        String example = null;
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.isEmpty(r, c)) continue;
            String s = t.cell(r, c).trim();
            if (s.isEmpty() || NumberCells.missingText(s)) continue;
            StringBuilder b = new StringBuilder(s);
            CsvTable.decimalPoint(b);
            String p = b.toString();
            try {
                Double.parseDouble(p);
            } catch (NumberFormatException e) {
                return null;
            }
            if (example == null && !p.equals(s)) example = s;
        }
        if (example == null) return null;
        return t.source() + ": column '" + t.header()[c] + "' is read as text (categories), but its values look like numbers "
                + "with a decimal comma ('" + example + "'): add --decimal , to read them as numbers";
    }

    private static String[] classesOf(CsvTable t, int c) {
        java.util.TreeSet<String> seen = new java.util.TreeSet<>();
        boolean numeric = true;
        for (int r = 0; r < t.rowCount(); r++) {
            String v = t.cell(r, c).trim();
            if (v.isEmpty()) throw new IllegalArgumentException(t.where(r, c) + ": missing label: expected a class");
            seen.add(v);
            if (NumberCells.nonFiniteText(v)) numeric = false;
            try {
                Double.parseDouble(v);
            } catch (NumberFormatException e) {
                numeric = false;
            }
        }
        String[] cls = seen.toArray(new String[0]);
        if (numeric) Arrays.sort(cls, (a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        return cls;
    }

    private static IllegalArgumentException missingColumn(CsvTable t, String what, String name) {
        return new IllegalArgumentException(t.source() + ": " + what + " column '" + name + "' is not in the header: expected one of "
                + String.join(", ", t.header()));
    }
}
