package io.latentad.models.cli;

import io.latentad.models.ae.ColumnContributions;
import io.latentad.models.data.LongSeries;
import io.latentad.models.data.Windows;
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

    static void labels(String file, PrintWriter stdout, int[] y) {
        write(file, stdout, "index,label", w -> {
            for (int i = 0; i < y.length; i++) w.append(Integer.toString(i)).append(',').append(Integer.toString(y[i])).append('\n');
        });
    }

    /** Latent codes as {@code index,z0,z1,...}. */
    static void codes(String file, PrintWriter stdout, double[][] z, int d) {
        codes(file, stdout, z, d, "z");
    }

    /** Rows of {@code d} values as {@code index,<prefix>0,<prefix>1,...} (codes, per-pixel errors). */
    static void codes(String file, PrintWriter stdout, double[][] z, int d, String prefix) {
        Outputs.requireFinite(prefix.equals("z") ? "latent code" : "value", z);
        StringBuilder header = new StringBuilder("index");
        for (int j = 0; j < d; j++) header.append(',').append(prefix).append(j);
        write(file, stdout, header.toString(), w -> {
            for (int i = 0; i < z.length; i++) {
                w.append(Integer.toString(i));
                for (double v : z[i]) w.append(',').append(Double.toString(v));
                w.append('\n');
            }
        });
    }

    /** Per step of a series: the highest score of the windows covering it, and which window gave it. */
    static void perStep(String file, LongSeries series, Windows w, double[] windowScores) {
        Outputs.requireFinite("score", windowScores);
        int[] best = w.bestWindow(windowScores);
        write(file, null, "step,time,observed,score,window", out -> {
            for (int t = 0; t < best.length; t++) {
                out.append(Integer.toString(t)).append(',').append(quote(series.time(t))).append(',')
                        .append(series.observed(t) ? "1" : "0").append(',').append(Double.toString(windowScores[best[t]])).append(',')
                        .append(Integer.toString(best[t])).append('\n');
            }
        });
    }

    /** Per sample, the squared reconstruction error of each step: {@code index,t0,t1,...}. */
    static void stepErrors(String file, double[][] e) {
        Outputs.requireFinite("step error", e);
        int steps = 0;
        for (double[] r : e) steps = Math.max(steps, r.length);
        StringBuilder header = new StringBuilder("index");
        for (int t = 0; t < steps; t++) header.append(",t").append(t);
        int longest = steps;
        write(file, null, header.toString(), out -> {
            for (int i = 0; i < e.length; i++) {
                out.append(Integer.toString(i));
                for (double v : e[i]) out.append(',').append(Double.toString(v));
                for (int t = e[i].length; t < longest; t++) out.append(','); // past a shorter sequence's end: empty cells
                out.append('\n');
            }
        });
    }

    private static String quote(String s) {
        return s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s
                : '"' + s.replace("\"", "\"\"") + '"';
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
