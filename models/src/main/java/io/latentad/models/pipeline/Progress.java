package io.latentad.models.pipeline;

import java.io.PrintStream;

/** Where the pipeline reports its steps: one short line per step (stderr, or nowhere). */
@FunctionalInterface
public interface Progress {
    /** Reports one step. */
    void step(String message);

    /** Lines prefixed with {@code [latentad]} on {@code System.err}. */
    static Progress stderr() {
        return to(System.err);
    }

    /** Lines prefixed with {@code [latentad]} on {@code out}. */
    static Progress to(PrintStream out) {
        return m -> {
            out.println("[latentad] " + m);
            out.flush();
        };
    }

    /** Drops every line (the quiet switch). */
    static Progress silent() {
        return m -> { };
    }
}
