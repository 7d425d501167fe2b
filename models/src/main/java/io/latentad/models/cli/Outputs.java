package io.latentad.models.cli;

import io.latentad.models.data.DataSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every command makes before and while it writes: an output file must not be one of the
 * inputs and its directory must exist (checked before any work), numbers written must be finite
 * (checked before the first byte), and a failed write to standard output is an error, not a silent
 * loss.
 */
final class Outputs {
    private Outputs() {
    }

    /**
     * Throws if {@code out} (the value of {@code option}) names one of the inputs (data specs such as
     * {@code csv:PATH}, or plain files), or lies in a directory that does not exist.
     */
    static void requireUsable(String option, String out, String... inputs) {
        if (out == null) return;
        Path o = Path.of(out).toAbsolutePath().normalize();
        Path dir = o.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + out + ": directory " + dir + " does not exist");
        }
        if (Files.isDirectory(o)) throw new IllegalArgumentException(option + " " + out + ": is a directory: expected a file name");
        for (String in : inputs) {
            if (in == null) continue;
            for (Path p : inputFiles(in)) {
                if (same(o, p)) {
                    throw new IllegalArgumentException(option + " " + out + ": is also an input (" + in
                            + "): expected a different file, the input would be overwritten");
                }
            }
        }
    }

    private static List<Path> inputFiles(String in) {
        List<Path> files = new ArrayList<>();
        Path p;
        try {
            p = in.matches("^(csv|idx|idx-test|ucr):.*") ? DataSpec.parse(in).path() : Path.of(in);
        } catch (RuntimeException e) {
            return files; // a bad spec is reported by the command itself
        }
        if (Files.isDirectory(p)) {
            try (var s = Files.list(p)) {
                s.forEach(files::add);
            } catch (IOException ignored) {
                // an unreadable directory is reported when it is read
            }
        } else {
            files.add(p);
        }
        return files;
    }

    private static boolean same(Path a, Path b) {
        Path nb = b.toAbsolutePath().normalize();
        if (a.equals(nb)) return true;
        try {
            return Files.exists(a) && Files.exists(nb) && Files.isSameFile(a, nb);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Throws unless every value is finite, naming how many are not and the first rows
     * ({@code what} is e.g. "score" or "latent code").
     */
    static void requireFinite(String what, double[] v) {
        List<Integer> bad = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                if (bad.size() < 10) bad.add(i);
                count++;
            }
        }
        if (count > 0) throw notFinite(what, count, bad, v.length);
    }

    /** {@link #requireFinite(String, double[])} for rows of values (e.g. latent codes). */
    static void requireFinite(String what, double[][] v) {
        List<Integer> bad = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < v.length; i++) {
            for (double x : v[i]) {
                if (!Double.isFinite(x)) {
                    if (bad.size() < 10) bad.add(i);
                    count++;
                    break;
                }
            }
        }
        if (count > 0) throw notFinite(what, count, bad, v.length);
    }

    private static IllegalArgumentException notFinite(String what, int count, List<Integer> rows, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) b.append(i == 0 ? "" : ", ").append(rows.get(i));
        if (count > rows.size()) b.append(", ...");
        return new IllegalArgumentException(count + " of " + n + " rows got a " + what
                + " that is not finite (NaN or infinite), rows " + b + " (0-based): the input values are too extreme "
                + "for this computation; rescale the data (e.g. --scale standard) or remove those rows; nothing was written");
    }

    /**
     * An output stream over a {@link PrintStream} that turns the print stream's swallowed errors (a
     * closed pipe, a full disk) back into {@link IOException}s, so the writer above it records them.
     */
    static final class Checked extends OutputStream {
        private final PrintStream ps;

        Checked(PrintStream ps) {
            this.ps = ps;
        }

        @Override
        public void write(int b) throws IOException {
            ps.write(b);
            check();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ps.write(b, off, len);
            check();
        }

        @Override
        public void flush() throws IOException {
            check();
        }

        private void check() throws IOException {
            if (ps.checkError()) throw new IOException("the stream was closed or the device is full");
        }
    }

    /** Throws when a writer has recorded a failed write (for standard output). */
    static void requireWritten(java.io.PrintWriter w) {
        if (w.checkError()) {
            throw new UncheckedIOException("standard output: cannot write (closed pipe or full disk?): the output is incomplete",
                    new IOException("write failed"));
        }
    }
}
