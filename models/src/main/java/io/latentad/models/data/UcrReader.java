package io.latentad.models.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * UCR time-series archive text files: one series per line, the class label first, then the
 * values, separated by whitespace (the 2015 archive) or commas / tabs (the 2018 archive). Series
 * may differ in length: the 2018 archive pads its variable-length sets with {@code NaN} at the end,
 * and a line may simply stop; trailing {@code NaN} or empty cells mean "the sequence ended here".
 * A {@code NaN} (or any other non-finite value, or an empty cell) <em>inside</em> a sequence, before
 * its last value, is an error naming its line, column and step. A series has at least one and at most
 * {@link #MAX_STEPS} steps. When every series has the same length the rows are a plain
 * {@code Sequence(T, 1)} dataset; otherwise each row holds its own steps (a row of {@code len} values,
 * {@link Dataset#lengths()} gives each length) under the shape {@code Sequence(longest, 1)}. Class
 * labels become codes in numeric order of the label values.
 */
public final class UcrReader {
    /** The longest series a line may hold: a longer one is one long series, for a CSV file cut by {@code --window}. */
    public static final int MAX_STEPS = 100_000;

    private UcrReader() {
    }

    public static Dataset read(Path file) {
        List<double[]> rows = new ArrayList<>();
        List<String> rawLabels = new ArrayList<>();
        int longest = 0;
        boolean unequal = false;
        // one streaming pass: only the parsed values are kept, not the text of the file
        try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int ln = -1;
            for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
                ln++;
                String line = raw.trim();
                if (line.isEmpty()) continue;
                String[] f = fields(line);
                int last = f.length - 1; // the last value of the series: trailing NaN / empty cells are its end
                while (last >= 1 && missing(f[last])) last--;
                if (f.length < 2 || last < 1) {
                    throw new IllegalArgumentException(file + " line " + (ln + 1) + ": " + (f.length < 2 ? f.length + " field"
                            : "no value before the padding") + ": expected a label and at least one value");
                }
                if (last > MAX_STEPS) {
                    throw new IllegalArgumentException(file + " line " + (ln + 1) + ": a series of " + last
                            + " steps: expected at most " + MAX_STEPS + " (one long series belongs in a CSV file, one row a step, cut by --window)");
                }
                double[] v = new double[last];
                for (int c = 1; c <= last; c++) {
                    if (f[c].isEmpty()) {
                        throw new IllegalArgumentException(file + " line " + (ln + 1) + ", column " + (c + 1) + " (step " + (c - 1)
                                + "): an empty cell inside the series (values follow it): expected a finite value; "
                                + "only the end of a series may be padded");
                    }
                    v[c - 1] = value(file, ln + 1, c + 1, f[c]);
                }
                value(file, ln + 1, 1, f[0]);
                if (!rows.isEmpty() && last != longest && !unequal) unequal = true;
                if (rows.isEmpty() || last > longest) longest = last;
                rows.add(v);
                rawLabels.add(f[0]);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(file + ": empty file: expected one series per line");
        // labels such as "1", "1.0000000e+00" and "-1" name classes by their numeric value
        TreeSet<Double> values = new TreeSet<>();
        for (String s : rawLabels) values.add(Double.parseDouble(s));
        Double[] sorted = values.toArray(new Double[0]);
        String[] classes = new String[sorted.length];
        for (int k = 0; k < sorted.length; k++) {
            double v = sorted[k];
            classes[k] = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        int[] y = new int[rows.size()];
        for (int i = 0; i < y.length; i++) y[i] = Arrays.binarySearch(sorted, Double.parseDouble(rawLabels.get(i)));
        String[] names = new String[longest];
        for (int c = 0; c < names.length; c++) names[c] = "t" + c;
        double[][] x = rows.toArray(new double[0][]);
        int[] lengths = null;
        if (unequal) {
            lengths = new int[x.length];
            for (int i = 0; i < x.length; i++) lengths[i] = x[i].length;
        }
        return new Dataset(file.toString(), x, names, y, classes, null, null, SampleShape.sequence(longest, 1), lengths);
    }

    /**
     * The fields of a line: split at each comma or tab when the line has one (so an empty cell stays a
     * field), else at runs of white space.
     */
    private static String[] fields(String line) {
        if (line.indexOf(',') < 0 && line.indexOf('\t') < 0) return line.split("\\s+");
        String[] f = line.split("[,\t]", -1);
        for (int i = 0; i < f.length; i++) f[i] = f[i].trim();
        return f;
    }

    /** Padding after a series' end: an empty cell or NaN. */
    private static boolean missing(String s) {
        return s.isEmpty() || s.equalsIgnoreCase("nan");
    }

    private static double value(Path file, int line, int column, String s) {
        if (NumberCells.nonFiniteText(s)) {
            throw new IllegalArgumentException(file + " line " + line + ", column " + column + step(column) + ": '" + s
                    + "' is not a finite number: expected a finite value" + (column > 1 ? " (only the end of a series may be NaN padding)" : ""));
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + line + ", column " + column + step(column) + ": '" + s + "' is not a number");
        }
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException(file + " line " + line + ", column " + column + ": '" + s
                    + "' is beyond the range of a double (about 1.8e308): expected a finite value");
        }
        return v;
    }

    /** " (step t)" for a value column, "" for the label. */
    private static String step(int column) {
        return column > 1 ? " (step " + (column - 2) + ")" : "";
    }
}
