package io.latentad.models.cli;

import picocli.CommandLine;
import io.latentad.engine.kernel.KernelSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

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
 * Exit 2 also when the output cannot be written (a closed pipe, a full disk) and when the heap runs
 * out (one line saying how much heap there was). An unexpected internal failure exits 1 with its
 * one-line message (and the stack trace only with {@code -Dlatentad.trace=true}). The kernel
 * properties ({@code -Dlatentad.threads}, {@code -Dlatentad.blas}, ...) are checked before any
 * command runs.
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
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(new Outputs.Checked(out), StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        int code;
        try {
            KernelSettings.validate();
            Notes.begin();
            code = execute(args, o, e);
            Notes.end(code == OK);
        } catch (IllegalArgumentException ex) {
            Notes.end(false);
            e.println("latentad: " + oneLine(ex.getMessage()));
            code = USAGE;
        } catch (Throwable ex) {
            Notes.end(false);
            code = fatal(ex, e);
        }
        o.flush();
        if (code == OK && (o.checkError() || out.checkError())) {
            e.println("latentad: standard output: cannot write (closed pipe or full disk?): the output is incomplete");
            code = USAGE;
        }
        e.flush();
        return code;
    }

    /** An error that escaped the command: one line, exit 2 for out-of-memory and bad settings, 1 otherwise. */
    private static int fatal(Throwable ex, PrintWriter e) {
        Throwable cause = ex instanceof ExceptionInInitializerError && ex.getCause() != null ? ex.getCause() : ex;
        if (cause instanceof OutOfMemoryError) {
            e.println("latentad: out of memory (the Java heap is " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB): the data or the model is too large for it; give Java more heap (e.g. LATENTAD_JAVA_OPTS=-Xmx8g "
                    + "with bin/latentad, or java -Xmx8g) or use fewer rows or columns");
            return USAGE;
        }
        if (cause instanceof IllegalArgumentException) {
            e.println("latentad: " + oneLine(cause.getMessage()));
            return USAGE;
        }
        e.println("latentad: internal error: " + oneLine(String.valueOf(cause)));
        if (Boolean.getBoolean("latentad.trace")) ex.printStackTrace(e);
        return INTERNAL;
    }

    private static int execute(String[] args, PrintWriter o, PrintWriter e) {
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
        return cl.execute(args);
    }

    /** {@code --verbose} (any command): print which kernels run, before they load. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Say which kernels (SIMD or scalar, GEMM, threads) run.")
    void verbose(boolean v) {
        if (v) System.setProperty("latentad.verbose", "true");
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
