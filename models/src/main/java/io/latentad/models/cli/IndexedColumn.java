package io.latentad.models.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the two-column files the CLI writes ({@code index,score}, {@code index,label}): a header,
 * then one {@code index,value} row per input row, indices 0..n-1 each exactly once (any order).
 */
final class IndexedColumn {
    private IndexedColumn() {
    }

    /** The values of the second column, ordered by index. */
    static double[] read(String file) {
        Path p = Path.of(file);
        String[] lines;
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            lines = r.lines().toArray(String[]::new);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new IllegalArgumentException(file + ": empty file: expected a header such as index,score");
        }
        String[] header = lines[0].split(",", -1);
        if (header.length != 2 || !header[0].trim().equals("index")) {
            throw new IllegalArgumentException(file + ":1: header '" + lines[0] + "': expected index,<value>");
        }
        int n = 0;
        for (int i = 1; i < lines.length; i++) if (!lines[i].isBlank()) n++;
        double[] values = new double[n];
        boolean[] seen = new boolean[n];
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String[] f = lines[i].split(",", -1);
            int line = i + 1;
            if (f.length != 2) {
                throw new IllegalArgumentException(file + ":" + line + ": " + f.length + " fields: expected 2 (index,value)");
            }
            int idx;
            try {
                idx = Integer.parseInt(f[0].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + line + ":1: index '" + f[0] + "' is not a whole number");
            }
            if (idx < 0 || idx >= n || seen[idx]) {
                throw new IllegalArgumentException(file + ":" + line + ":1: index " + idx
                        + (idx >= 0 && idx < n ? " repeats" : " out of range: expected 0.." + (n - 1)));
            }
            double v;
            try {
                v = Double.parseDouble(f[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + line + ":2: value '" + f[1] + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(file + ":" + line + ":2: value " + f[1].trim() + " is not finite");
            }
            seen[idx] = true;
            values[idx] = v;
        }
        return values;
    }

    /** The second column as whole numbers (labels). */
    static int[] readLabels(String file) {
        double[] v = read(file);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(file + ": row " + i + ": label " + v[i] + " is not a whole number");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

}
