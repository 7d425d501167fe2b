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

/**
 * Turns the columns of a CSV table into a numeric feature matrix, fitted on training data and
 * reused unchanged on new data (so a saved model keeps it, see {@link #write}).
 *
 * <p>Per column, in header order:
 * <ul>
 *   <li>numeric: missing cells (empty) are imputed with the training median; the column is then
 *       standardised with the training mean and standard deviation (population, as
 *       scikit-learn's {@code StandardScaler}; a constant column keeps scale 1). If the training
 *       column had missing cells, a 0/1 indicator column {@code name_missing} follows it.</li>
 *   <li>categorical: one-hot over the training categories (a missing cell is the category
 *       {@code <missing>}) plus an {@code <unseen>} bucket for categories first met at scoring
 *       time.</li>
 * </ul>
 * A column is categorical if declared so, or if not declared and some non-empty cell is not a
 * number. The label column becomes int codes (classes sorted numerically when they are all
 * numbers, else as text); excluded columns are kept aside as text.
 *
 * <p>Errors (a non-finite number such as {@code NaN} or {@code Inf}, text in a declared numeric
 * column, a column missing at scoring time, an unknown label) name the file, line and column.
 */
public final class FeatureEncoder {
    static final int MAGIC = 0x4C414645; // "LAFE"
    static final int VERSION = 1;
    static final String MISSING = "<missing>", UNSEEN = "<unseen>";

    private final String[] columns;
    private final boolean[] categorical;
    private final double[] median, mean, scale;
    private final boolean[] indicator;
    private final String[][] categories;
    private final String label;
    private final String[] classes;
    private final String[] excluded;
    private final String[] featureNames;

    private FeatureEncoder(String[] columns, boolean[] categorical, double[] median, double[] mean, double[] scale,
                           boolean[] indicator, String[][] categories, String label, String[] classes, String[] excluded) {
        this.columns = columns;
        this.categorical = categorical;
        this.median = median;
        this.mean = mean;
        this.scale = scale;
        this.indicator = indicator;
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
        int m = feat.size(), n = t.rows().size();
        String[] cols = new String[m];
        boolean[] cat = new boolean[m], ind = new boolean[m];
        double[] med = new double[m], mu = new double[m], sc = new double[m];
        String[][] cats = new String[m][];
        for (int f = 0; f < m; f++) {
            int c = feat.get(f);
            cols[f] = t.header()[c];
            cat[f] = o.categorical().contains(cols[f]) || (!o.numeric().contains(cols[f]) && !allNumbers(t, c));
            if (cat[f]) {
                java.util.TreeSet<String> seen = new java.util.TreeSet<>();
                for (String[] r : t.rows()) seen.add(r[c].isEmpty() ? MISSING : r[c]);
                cats[f] = seen.toArray(new String[0]);
                continue;
            }
            double[] v = new double[n];
            int present = 0;
            for (int r = 0; r < n; r++) {
                double x = number(t, r, c);
                v[r] = x;
                if (!Double.isNaN(x)) present++;
            }
            if (present == 0) throw new IllegalArgumentException(t.where(0, c) + ": the column has no values: expected at least one number");
            ind[f] = present < n;
            double[] known = new double[present];
            for (int r = 0, k = 0; r < n; r++) if (!Double.isNaN(v[r])) known[k++] = v[r];
            Arrays.sort(known);
            med[f] = present % 2 == 1 ? known[present / 2] : (known[present / 2 - 1] + known[present / 2]) / 2;
            double s = 0;
            for (int r = 0; r < n; r++) s += Double.isNaN(v[r]) ? med[f] : v[r];
            mu[f] = s / n;
            double ss = 0;
            for (int r = 0; r < n; r++) {
                double e = (Double.isNaN(v[r]) ? med[f] : v[r]) - mu[f];
                ss += e * e;
            }
            double sd = Math.sqrt(ss / n);
            sc[f] = sd > 0 ? sd : 1; // a constant column: centre only (scikit-learn keeps scale 1)
        }
        String[] cls = null;
        if (labelCol >= 0) cls = classesOf(t, labelCol);
        return new FeatureEncoder(cols, cat, med, mu, sc, ind, cats, o.label(), cls, excl.toArray(new String[0]));
    }

    /** Encodes a table with the fitted columns (found by name). */
    public Dataset transform(CsvTable t) {
        int m = columns.length, n = t.rows().size();
        int[] at = new int[m];
        for (int f = 0; f < m; f++) {
            at[f] = t.column(columns[f]);
            if (at[f] < 0) {
                throw new IllegalArgumentException(t.source() + ": column '" + columns[f]
                        + "' of the training data is missing: expected it in the header");
            }
        }
        List<Map<String, Integer>> index = new ArrayList<>();
        for (int f = 0; f < m; f++) {
            Map<String, Integer> ix = new HashMap<>();
            if (categorical[f]) for (int k = 0; k < categories[f].length; k++) ix.put(categories[f][k], k);
            index.add(ix);
        }
        int d = featureNames.length;
        double[][] x = new double[n][d];
        for (int r = 0; r < n; r++) {
            String[] row = t.rows().get(r);
            int o = 0;
            for (int f = 0; f < m; f++) {
                if (categorical[f]) {
                    String v = row[at[f]].isEmpty() ? MISSING : row[at[f]];
                    Integer k = index.get(f).get(v);
                    x[r][o + (k == null ? categories[f].length : k)] = 1;
                    o += categories[f].length + 1;
                } else {
                    double v = number(t, r, at[f]);
                    boolean miss = Double.isNaN(v);
                    x[r][o++] = ((miss ? median[f] : v) - mean[f]) / scale[f];
                    if (indicator[f]) x[r][o++] = miss ? 1 : 0;
                }
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
                String v = t.rows().get(r)[lc].trim();
                Integer k = code.get(v);
                if (k == null) {
                    throw new IllegalArgumentException(t.where(r, lc) + ": unknown label '" + v + "': expected one of "
                            + String.join(", ", classes));
                }
                labels[r] = k;
            }
            cls = classes.clone();
        }
        Map<String, String[]> kept = new LinkedHashMap<>();
        for (String e : excluded) {
            int c = t.column(e);
            if (c < 0) continue;
            String[] v = new String[n];
            for (int r = 0; r < n; r++) v[r] = t.rows().get(r)[c];
            kept.put(e, v);
        }
        return new Dataset(t.source(), x, featureNames.clone(), labels, cls, this, kept);
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

    /** Writes the fitted state (versioned; read back with {@link #read}). */
    public void write(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(columns.length);
        for (int f = 0; f < columns.length; f++) {
            out.writeUTF(columns[f]);
            out.writeBoolean(categorical[f]);
            if (categorical[f]) {
                out.writeInt(categories[f].length);
                for (String k : categories[f]) out.writeUTF(k);
            } else {
                out.writeDouble(median[f]);
                out.writeDouble(mean[f]);
                out.writeDouble(scale[f]);
                out.writeBoolean(indicator[f]);
            }
        }
        out.writeBoolean(label != null);
        if (label != null) {
            out.writeUTF(label);
            out.writeInt(classes.length);
            for (String c : classes) out.writeUTF(c);
        }
        out.writeInt(excluded.length);
        for (String e : excluded) out.writeUTF(e);
    }

    /** Reads what {@link #write} wrote. */
    public static FeatureEncoder read(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IllegalArgumentException(String.format("not a feature encoder: magic 0x%08x, expected 0x%08x", magic, MAGIC));
        }
        int version = in.readInt();
        if (version != VERSION) throw new IllegalArgumentException("feature encoder version " + version + ": expected " + VERSION);
        int m = count(in, "columns");
        String[] cols = new String[m];
        boolean[] cat = new boolean[m], ind = new boolean[m];
        double[] med = new double[m], mu = new double[m], sc = new double[m];
        String[][] cats = new String[m][];
        for (int f = 0; f < m; f++) {
            cols[f] = in.readUTF();
            cat[f] = in.readBoolean();
            if (cat[f]) {
                cats[f] = new String[count(in, "categories")];
                for (int k = 0; k < cats[f].length; k++) cats[f][k] = in.readUTF();
            } else {
                med[f] = in.readDouble();
                mu[f] = in.readDouble();
                sc[f] = in.readDouble();
                if (!Double.isFinite(med[f]) || !Double.isFinite(mu[f]) || !Double.isFinite(sc[f])) {
                    throw new IllegalArgumentException("feature encoder: column " + cols[f] + " has a non-finite scale");
                }
                ind[f] = in.readBoolean();
            }
        }
        String label = null;
        String[] cls = null;
        if (in.readBoolean()) {
            label = in.readUTF();
            cls = new String[count(in, "classes")];
            for (int k = 0; k < cls.length; k++) cls[k] = in.readUTF();
        }
        String[] excl = new String[count(in, "excluded columns")];
        for (int k = 0; k < excl.length; k++) excl[k] = in.readUTF();
        return new FeatureEncoder(cols, cat, med, mu, sc, ind, cats, label, cls, excl);
    }

    /** A count of items that take at least one byte each: bounded by the bytes left when the input knows them. */
    private static int count(DataInput in, String what) throws IOException {
        int v = in.readInt();
        if (v < 0) throw new IllegalArgumentException("feature encoder: " + v + " " + what + ": expected >= 0");
        if (in instanceof java.io.DataInputStream d && v > d.available()) {
            throw new IllegalArgumentException("feature encoder: " + v + " " + what + " do not fit in the " + d.available() + " bytes left");
        }
        return v;
    }

    /** The number in a cell; NaN for an empty cell; errors for text and non-finite numbers. */
    private static double number(CsvTable t, int r, int c) {
        String s = t.rows().get(r)[c].trim();
        if (s.isEmpty()) return Double.NaN;
        if (nonFiniteText(s)) {
            throw new IllegalArgumentException(t.where(r, c) + ": '" + s + "' is not a finite number: expected a finite number or an empty cell for missing");
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(t.where(r, c) + ": '" + s + "' is not a number: expected a number in this numeric column");
        }
    }

    /** NaN, Inf, -inf, Infinity... in any case. */
    static boolean nonFiniteText(String s) {
        String l = s.toLowerCase(java.util.Locale.ROOT);
        if (l.startsWith("+") || l.startsWith("-")) l = l.substring(1);
        return l.equals("nan") || l.equals("inf") || l.equals("infinity");
    }

    /** True if every non-empty cell of column c is a number (non-finite text counts as one, to be reported). */
    private static boolean allNumbers(CsvTable t, int c) {
        for (String[] r : t.rows()) {
            String s = r[c].trim();
            if (s.isEmpty() || nonFiniteText(s)) continue;
            try {
                Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static String[] classesOf(CsvTable t, int c) {
        java.util.TreeSet<String> seen = new java.util.TreeSet<>();
        boolean numeric = true;
        for (int r = 0; r < t.rows().size(); r++) {
            String v = t.rows().get(r)[c].trim();
            if (v.isEmpty()) throw new IllegalArgumentException(t.where(r, c) + ": missing label: expected a class");
            seen.add(v);
            if (nonFiniteText(v)) numeric = false;
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
