package io.latentad.models.cli;

import io.latentad.models.ae.ColumnContributions;
import io.latentad.models.io.AtomicFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Writes {@code index,value} CSV files (scores, labels, latent codes) to a file (atomically, see
 * {@link AtomicFile}) or to stdout (checked for failed writes). Values must be finite: a NaN or
 * an infinity is refused before anything is written, naming the rows.
 */
final class CsvOut {
    private CsvOut() {
    }

    static void scores(String file, PrintWriter stdout, double[] s) {
        Outputs.requireFinite("score", s);
        write(file, stdout, "index,score", w -> {
            for (int i = 0; i < s.length; i++) w.append(Integer.toString(i)).append(',').append(Double.toString(s[i])).append('\n');
        });
    }

    /** Scores with their labels under a threshold: {@code index,score,label} ({@link LabelledScores}). */
    static void scoresAndLabels(String file, PrintWriter stdout, double[] s, int[] y) {
        Outputs.requireFinite("score", s);
        write(file, stdout, LabelledScores.HEADER, w -> {
            for (int i = 0; i < s.length; i++) {
                w.append(Integer.toString(i)).append(',').append(Double.toString(s[i])).append(',')
                        .append(Integer.toString(y[i])).append('\n');
            }
        });
    }

    /**
     * Scores (with labels when {@code y} is not null) and each row's {@code n} top contributing
     * columns: {@code index,score[,label],column_1,contribution_1,...,column_n,contribution_n}.
     */
    static void scoresExplained(String file, PrintWriter stdout, double[] s, int[] y, ColumnContributions c, int n) {
        Outputs.requireFinite("score", s);
        int k = Math.min(n, c.columns().length);
        StringBuilder header = new StringBuilder(y == null ? "index,score" : LabelledScores.HEADER);
        for (int j = 1; j <= k; j++) header.append(",column_").append(j).append(",contribution_").append(j);
        write(file, stdout, header.toString(), w -> {
            for (int i = 0; i < s.length; i++) {
                w.append(Integer.toString(i)).append(',').append(Double.toString(s[i]));
                if (y != null) w.append(',').append(Integer.toString(y[i]));
                for (int col : c.top(i, k)) {
                    w.append(',').append(quote(c.columns()[col])).append(',').append(Double.toString(c.values()[i][col]));
                }
                w.append('\n');
            }
        });
    }

    /** A CSV field: quoted when it holds a comma, a quote or a line break. */
    private static String quote(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) return v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    static void labels(String file, PrintWriter stdout, int[] y) {
        write(file, stdout, "index,label", w -> {
            for (int i = 0; i < y.length; i++) w.append(Integer.toString(i)).append(',').append(Integer.toString(y[i])).append('\n');
        });
    }

    /** Latent codes as {@code index,z0,z1,...}. */
    static void codes(String file, PrintWriter stdout, double[][] z, int d) {
        Outputs.requireFinite("latent code", z);
        StringBuilder header = new StringBuilder("index");
        for (int j = 0; j < d; j++) header.append(",z").append(j);
        write(file, stdout, header.toString(), w -> {
            for (int i = 0; i < z.length; i++) {
                w.append(Integer.toString(i));
                for (double v : z[i]) w.append(',').append(Double.toString(v));
                w.append('\n');
            }
        });
    }

    private interface Body {
        void write(Writer w) throws IOException;
    }

    private static void write(String file, PrintWriter stdout, String header, Body body) {
        if (file != null) {
            AtomicFile.writeText(Path.of(file), w -> {
                w.append(header).append('\n');
                body.write(w);
            });
            return;
        }
        try {
            stdout.append(header).append('\n');
            body.write(stdout);
        } catch (IOException e) {
            throw new UncheckedIOException("standard output: cannot write: " + e.getMessage(), e);
        }
        stdout.flush();
        Outputs.requireWritten(stdout);
    }
}
