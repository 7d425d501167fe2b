package io.latentad.models.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code demo}: the engine demo (GEMM GFLOPS per provider) until the pipeline lands. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Engine demo: GEMM GFLOPS per provider on the autoencoder shapes.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Shorter timing budget.")
    boolean quick;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true);
        int code = EngineDemo.run(quick ? new String[] {"--quick"} : new String[0], out);
        out.flush();
        return code;
    }

    /** Adapts picocli's writer to the PrintStream EngineDemo prints to. */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final java.io.PrintWriter w;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        WriterOutputStream(java.io.PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') flush();
        }

        @Override
        public void flush() {
            w.print(line.toString(java.nio.charset.StandardCharsets.UTF_8));
            w.flush();
            line.reset();
        }
    }
}
