package io.latentad.models.cli;


import java.io.PrintStream;

/**
 * The {@code latentad} command line. Exit code 0 on success, 2 on bad usage or bad input with a
 * one-line message on stderr.
 *
 * <p>Until the pipeline lands, {@code demo} runs an engine demo: a GEMM speed summary of every
 * provider on the dense-autoencoder shapes.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) System.exit(code);
    }

    /** Runs a command and returns its exit code (for tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        try {
            switch (args[0]) {
                case "demo":
                    return EngineDemo.run(java.util.Arrays.copyOfRange(args, 1, args.length), out);
                default:
                    err.println("latentad: unknown command '" + args[0] + "': expected one of demo");
                    return 2;
            }
        } catch (IllegalArgumentException e) {
            err.println("latentad: " + e.getMessage());
            return 2;
        }
    }

    static String usage() {
        return String.join("\n",
                "usage: latentad <command> [options]",
                "  demo [--quick]   engine demo: GEMM GFLOPS per provider on the autoencoder shapes");
    }
}
