package io.latentad.models.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code index,score,label} files of {@code score --labels} and {@code detect --contamination}:
 * each row's score and its label under a stored threshold (1 = flagged, score above the threshold).
 * {@link CsvOut#scoresAndLabels} writes them; {@code eval} reads them back to give precision,
 * recall and F1 at that threshold.
 */
final class LabelledScores {
    static final String HEADER = "index,score,label";

    /** Scores and labels by index. */
    record Rows(double[] scores, int[] labels) {
    }

    private LabelledScores() {
    }

    /** Whether {@code file}'s header is {@code index,score,label} (false when it cannot be read: the ordinary reader says why). */
    static boolean isLabelled(String file) {
        try (BufferedReader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            String h = r.readLine();
            return h != null && h.replace(" ", "").equals(HEADER);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static Rows read(String file) {
        java.util.List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        int n = 0;
        for (int i = 1; i < lines.size(); i++) if (!lines.get(i).isBlank()) n++;
        double[] s = new double[n];
        int[] y = new int[n];
        boolean[] seen = new boolean[n];
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String[] f = lines.get(i).split(",", -1);
            int line = i + 1;
            if (f.length != 3) throw new IllegalArgumentException(file + ":" + line + ": " + f.length + " fields: expected 3 (index,score,label)");
            int idx;
            double v;
            try {
                idx = Integer.parseInt(f[0].trim());
                v = Double.parseDouble(f[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + line + ": '" + lines.get(i) + "': expected a whole index and a number");
            }
            if (idx < 0 || idx >= n || seen[idx]) {
                throw new IllegalArgumentException(file + ":" + line + ":1: index " + idx
                        + (idx >= 0 && idx < n ? " repeats" : " out of range: expected 0.." + (n - 1)));
            }
            String lab = f[2].trim();
            if (!lab.equals("0") && !lab.equals("1")) throw new IllegalArgumentException(file + ":" + line + ":3: label '" + f[2] + "': expected 0 or 1");
            if (!Double.isFinite(v)) throw new IllegalArgumentException(file + ":" + line + ":2: score " + f[1].trim() + " is not finite");
            seen[idx] = true;
            s[idx] = v;
            y[idx] = lab.equals("1") ? 1 : 0;
        }
        return new Rows(s, y);
    }
}
