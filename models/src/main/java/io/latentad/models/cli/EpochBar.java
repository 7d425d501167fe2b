package io.latentad.models.cli;

import io.latentad.models.ae.StepLog;

import java.io.PrintWriter;

/**
 * The training progress of {@code train}: each epoch's line on stderr, and on a terminal an in-place
 * bar within the epoch ({@code \r}-redrawn at most every {@value #REDRAW_MS} ms, erased before the
 * epoch's line). Off a terminal (a pipe, a file, CI) only the lines, so logs stay one line per epoch.
 */
final class EpochBar implements StepLog {
    static final long REDRAW_MS = 200;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private long last;
    private int drawn;

    EpochBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Whether stderr is (most likely) a terminal: the JVM has a console. */
    static boolean stderrIsTerminal() {
        return System.console() != null;
    }

    @Override
    public void step(int epoch, int epochs, int step, int steps) {
        if (!terminal) return;
        long now = System.nanoTime() / 1_000_000;
        if (now - last < REDRAW_MS && step < steps) return;
        last = now;
        int filled = (int) ((long) WIDTH * step / steps);
        String bar = "epoch " + epoch + "/" + epochs + " [" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + step + "/" + steps;
        err.print("\r" + bar);
        err.flush();
        drawn = bar.length();
    }

    @Override
    public void accept(String line) {
        Notes.flush();
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            drawn = 0;
        }
        err.println(line);
        err.flush();
    }
}
