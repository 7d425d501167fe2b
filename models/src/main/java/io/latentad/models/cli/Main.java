package io.latentad.models.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * The {@code latentad} command line (DESIGN.md): {@code demo}, {@code train}, {@code embed},
 * {@code score}, {@code detect}, {@code cluster} and {@code eval}.
 *
 * <p>Exit code 0 on success, 2 on bad usage or bad input with one line on stderr that names the
 * bad value (and the file, line and column for bad data); never a stack trace for a user error.
 * An unexpected internal failure exits 1 with its one-line message (and the stack trace only with
 * {@code -Dlatentad.trace=true}).
 */
@Command(name = "latentad", mixinStandardHelpOptions = true, version = "latentad 0.1.0-SNAPSHOT",
        description = "Anomaly detection with autoencoders, pure Java.",
        subcommands = {DemoCommand.class, TrainCommand.class, EmbedCommand.class, ScoreCommand.class,
                DetectCommand.class, ClusterCommand.class, EvalCommand.class})
public final class Main implements Callable<Integer> {
    static final int OK = 0, INTERNAL = 1, USAGE = 2;

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) System.exit(code);
    }

    /** Runs a command and returns its exit code (for tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(o);
        cl.setErr(e);
        cl.setParameterExceptionHandler((ex, a) -> {
            e.println("latentad: " + oneLine(ex.getMessage()));
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException) {
                e.println("latentad " + line.getCommandName() + ": " + oneLine(ex.getMessage()));
                return USAGE;
            }
            e.println("latentad " + line.getCommandName() + ": internal error: " + oneLine(String.valueOf(ex)));
            if (Boolean.getBoolean("latentad.trace")) ex.printStackTrace(e);
            return INTERNAL;
        });
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return code;
    }

    /** Without a subcommand: one line saying what is expected. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(new CommandLine(this),
                "missing command: expected one of demo, train, embed, score, detect, cluster, eval (see --help)");
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
