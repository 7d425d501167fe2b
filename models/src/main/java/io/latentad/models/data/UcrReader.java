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
 * values, separated by whitespace (the 2015 archive) or commas / tabs (the 2018 archive). Every
 * series must have the same length (sequences of unequal length are not supported yet) and at most
 * {@link #MAX_STEPS} steps; {@code NaN} (the 2018 archive's padding of variable-length
 * sets) is rejected with its line and column, as is any other non-finite value. Class labels
 * become codes in numeric order of the label values.
 */
public final class UcrReader {
    /** The longest series a line may hold: a longer one is one long series, for a CSV file cut by {@code --window}. */
    public static final int MAX_STEPS = 100_000;

    private UcrReader() {
    }

    public static Dataset read(Path file) {
        List<double[]> rows = new ArrayList<>();
        List<String> rawLabels = new ArrayList<>();
        int width = -1;
        // one streaming pass: only the parsed values are kept, not the text of the file
        try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int ln = -1;
            for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
                ln++;
                String line = raw.trim();
                if (line.isEmpty()) continue;
                String[] f = line.split("[\\s,]+");
                if (f.length < 2) {
                    throw new IllegalArgumentException(file + " line " + (ln + 1) + ": " + f.length
                            + " field: expected a label and at least one value");
                }
                if (f.length - 1 > MAX_STEPS) {
                    throw new IllegalArgumentException(file + " line " + (ln + 1) + ": a series of " + (f.length - 1)
                            + " steps: expected at most " + MAX_STEPS + " (one long series belongs in a CSV file, one row a step, cut by --window)");
                }
                if (width < 0) width = f.length;
                if (f.length != width) {
                    throw new IllegalArgumentException(file + " line " + (ln + 1) + ", column " + (Math.min(f.length, width) + 1)
                            + ": " + f.length + " fields where the first series has " + width + " (ragged row)");
                }
                double[] v = new double[width - 1];
                for (int c = 1; c < width; c++) v[c - 1] = value(file, ln + 1, c + 1, f[c]);
                value(file, ln + 1, 1, f[0]);
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
        String[] names = new String[width - 1];
        for (int c = 0; c < names.length; c++) names[c] = "t" + c;
        return new Dataset(file.toString(), rows.toArray(new double[0][]), names, y, classes, null, null,
                SampleShape.sequence(width - 1, 1), null);
    }

    private static double value(Path file, int line, int column, String s) {
        if (FeatureEncoder.nonFiniteText(s)) {
            throw new IllegalArgumentException(file + " line " + line + ", column " + column + ": '" + s
                    + "' is not a finite number: expected a finite value");
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + line + ", column " + column + ": '" + s + "' is not a number");
        }
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException(file + " line " + line + ", column " + column + ": '" + s
                    + "' is beyond the range of a double (about 1.8e308): expected a finite value");
        }
        return v;
    }
}
