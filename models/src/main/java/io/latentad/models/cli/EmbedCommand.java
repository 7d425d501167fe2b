package io.latentad.models.cli;

import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.Dataset;
import io.latentad.models.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code embed --model FILE --data SPEC [--out FILE]}: the latent code (the encoder mean) of every
 * row as CSV {@code index,z0,z1,...}. CSV data is encoded with the model's feature encoder.
 */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write latent codes of a saved model (index,z0,z1,...).")
final class EmbedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by train.")
    String model;

    @Option(names = "--data", required = true, paramLabel = "SPEC", description = "Rows to embed.")
    String data;

    @Option(names = "--out", paramLabel = "FILE", description = "Output CSV; default: stdout.")
    String out;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        TrainedAutoencoder m = ModelFile.read(Path.of(model));
        Dataset rows = dataOptions.load(data, m.encoder());
        m.requireRows(rows.x());
        double[][] z = m.encode(rows.x()).mu();
        try {
            if (out == null) {
                PrintWriter w = spec.commandLine().getOut();
                write(w, z, m.latent());
                w.flush();
            } else {
                try (BufferedWriter w = Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
                    write(w, z, m.latent());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(out + ": cannot write: " + e.getMessage());
        }
        return Main.OK;
    }

    private static void write(Writer w, double[][] z, int d) throws IOException {
        StringBuilder b = new StringBuilder("index");
        for (int j = 0; j < d; j++) b.append(",z").append(j);
        w.append(b).append('\n');
        for (int i = 0; i < z.length; i++) {
            w.append(Integer.toString(i));
            for (double v : z[i]) w.append(',').append(Double.toString(v));
            w.append('\n');
        }
    }
}
