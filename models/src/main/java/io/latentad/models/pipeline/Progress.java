package io.latentad.models.pipeline;

import java.io.PrintStream;

/**
 * Where the pipeline reports its steps: one short line per step. A library caller gets them through
 * {@link System.Logger} ({@link #logger()}, the default: bridge it to SLF4J or Log4j as the
 * application does); the CLI prints them on stderr ({@link #stderr()}); {@link #silent()} drops them.
 */
@FunctionalInterface
public interface Progress {
    /** Reports one step. */
    void step(String message);

    /** Each step as an INFO record of the {@code System.Logger} named {@code io.latentad.models.pipeline}. */
    static Progress logger() {
        System.Logger log = System.getLogger("io.latentad.models.pipeline");
        return m -> log.log(System.Logger.Level.INFO, m);
    }

    /** Lines prefixed with {@code [latentad]} on {@code System.err} (the command line's progress). */
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
