package io.latentad.models.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Information lines on stderr (the feature columns, the scaling, a reader's own choices), held back
 * until the command succeeds, or until it shows progress (a training epoch, a long detector fit):
 * a command that fails before then prints only its one error line, as the exit-code contract
 * promises, and a long run still says early what its input became. Per thread that runs
 * {@link Main#run}; a progress thread flushes through the instance it was handed.
 */
final class Notes {
    private static final ThreadLocal<Notes> CURRENT = new ThreadLocal<>();

    private final List<PrintWriter> writers = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private boolean open;

    private Notes() {
    }

    /** Starts holding lines back on this thread. */
    static void begin() {
        CURRENT.set(new Notes());
    }

    /** Prints the lines held back (the command succeeded) or drops them (it failed), and stops holding. */
    static void end(boolean ok) {
        if (ok) flush();
        CURRENT.remove();
    }

    /** The lines of this thread's command (null outside {@link Main#run}). */
    static Notes current() {
        return CURRENT.get();
    }

    /** Prints {@code line} on {@code err} now, or later if lines are being held back. */
    static void say(PrintWriter err, String line) {
        Notes n = CURRENT.get();
        if (n == null) {
            err.println(line);
            err.flush();
        } else {
            n.add(err, line);
        }
    }

    /** Prints what this thread's command held back and prints its further lines at once. */
    static void flush() {
        Notes n = CURRENT.get();
        if (n != null) n.flushNow();
    }

    synchronized void add(PrintWriter err, String line) {
        if (open) {
            err.println(line);
            err.flush();
        } else {
            writers.add(err);
            lines.add(line);
        }
    }

    synchronized void flushNow() {
        if (open) return;
        open = true;
        for (int i = 0; i < lines.size(); i++) {
            writers.get(i).println(lines.get(i));
            writers.get(i).flush();
        }
        lines.clear();
        writers.clear();
    }
}
