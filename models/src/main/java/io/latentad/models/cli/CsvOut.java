package io.latentad.models.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code index,value} CSV files (scores, labels) to a file or to stdout. */
final class CsvOut {
    private CsvOut() {
    }

    static void scores(String file, PrintWriter stdout, double[] s) {
        write(file, stdout, "index,score", w -> {
            for (int i = 0; i < s.length; i++) w.append(Integer.toString(i)).append(',').append(Double.toString(s[i])).append('\n');
        });
    }

    static void labels(String file, PrintWriter stdout, int[] y) {
        write(file, stdout, "index,label", w -> {
            for (int i = 0; i < y.length; i++) w.append(Integer.toString(i)).append(',').append(Integer.toString(y[i])).append('\n');
        });
    }

    private interface Body {
        void write(Writer w) throws IOException;
    }

    private static void write(String file, PrintWriter stdout, String header, Body body) {
        try {
            if (file == null) {
                stdout.append(header).append('\n');
                body.write(stdout);
                stdout.flush();
                return;
            }
            Path p = Path.of(file);
            try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
                w.append(header).append('\n');
                body.write(w);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot write: " + e.getMessage());
        }
    }
}
