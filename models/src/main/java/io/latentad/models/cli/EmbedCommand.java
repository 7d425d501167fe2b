package io.latentad.models.cli;

import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.Dataset;
import io.latentad.models.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Option(names = {"-q", "--quiet"}, description = "No progress or information lines on stderr.")
    boolean quiet;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        Outputs.requireUsable("--out", out, data, model);
        TrainedAutoencoder m = ModelFile.read(Path.of(model));
        Dataset rows = dataOptions.load(data, m.encoder(), null, m.shape());
        if (!m.spec().readsLengths()) rows.requireOneWidth("the model's " + m.spec().name() + " network");
        m.requireRows(rows.x());
        double[][] z = m.encode(rows.x()).mu();
        CsvOut.codes(out, spec.commandLine().getOut(), z, m.latent());
        return Main.OK;
    }
}
