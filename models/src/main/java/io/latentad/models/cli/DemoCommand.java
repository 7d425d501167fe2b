package io.latentad.models.cli;

import io.latentad.models.ae.AeOptions;
import io.latentad.models.data.CsvTable;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.TradesGenerator;
import io.latentad.models.pipeline.AeTrainers;
import io.latentad.models.pipeline.ClusterMethods;
import io.latentad.models.pipeline.Pipeline;
import io.latentad.models.pipeline.PipelineInput;
import io.latentad.models.pipeline.PipelineResult;
import io.latentad.models.pipeline.ReportWriter;
import io.latentad.models.pipeline.SeriesDemo;
import io.latentad.models.io.AtomicFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code demo}: the main job. Trains a VAE, a CL-VAE and a gamma-weighted CL-VAE, clusters and
 * scores their latent spaces, evaluates, and writes a report (markdown, JSON, PNG plots). Without
 * {@code --data} it runs on the embedded synthetic trades (a seeded generator: 20 traders as the
 * class label, a hidden ground truth of injected anomalies and mislabelled rows).
 * {@code --engine} runs the old engine demo instead (GEMM GFLOPS per provider).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The main job: VAE vs CL-VAE latent spaces, clustering, anomaly detection, report.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "SPEC",
            description = "csv:PATH (with --label), idx:DIR, idx-test:DIR, ucr:PATH (the time-series report); default: the embedded synthetic trades.")
    String data;

    @Option(names = "--test", paramLabel = "SPEC", description = "With ucr: data: the sequences scored (default: the training ones), e.g. the UCR _TEST file.")
    String test;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "latentad-report", description = "Report directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs per model (default 30).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random choice (default 0).")
    Long seed;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "10000", description = "Rows of the embedded trades (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--truth", paramLabel = "COL", description = "CSV ground-truth column (1 = anomaly), kept out of the features.")
    String truth;

    @Option(names = "--k", paramLabel = "LO..HI", defaultValue = "2..15", description = "Cluster counts to sweep (default ${DEFAULT-VALUE}).")
    String kRange;

    @Option(names = "--gamma", paramLabel = "G", defaultValue = "0.3", description = "Reconstruction weight of the third model (default ${DEFAULT-VALUE}).")
    double gamma;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Model parameter for the models that take it, "
            + "e.g. hidden=128,64, latent=8, separation=10 (repeatable; the demo's defaults: latent=2, epochs=30).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--contamination", paramLabel = "C", defaultValue = "0.01",
            description = "Share of rows flagged as anomalies for F1 and the report's lists, in (0, 0.5] (default ${DEFAULT-VALUE}).")
    double contamination;

    @Option(names = "--save-models", paramLabel = "DIR", description = "Save the three trained models in DIR (vae.lam, "
            + "cl-vae.lam, ...) for score and embed.")
    Path saveModels;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--engine", description = "Run the engine demo (GEMM GFLOPS per provider) instead.")
    boolean engine;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        if (engine) return EngineDemo.run(new String[0], new PrintStream(new LineOutputStream(spec.commandLine().getOut()), true));
        int[] k = parseRange(kRange);
        ModelSizes.check(params);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + ": is a file: expected a directory for the report");
        }
        long s = seed == null ? 0 : seed;
        if (data != null && DataSpec.parse(data).kind() == DataSpec.Kind.UCR) return series(s);
        if (test != null) throw new IllegalArgumentException("--test " + test + ": only the time-series report (ucr: data) scores other rows");
        AeOptions[] models = AeTrainers.paperOptions(modelParams(s));
        if (saveModels != null) {
            try {
                Files.createDirectories(saveModels);
            } catch (IOException e) {
                throw new IllegalArgumentException("--save-models " + saveModels + ": cannot create the directory: " + e.getMessage());
            }
        }
        Pipeline.Options o = new Pipeline.Options(k[0], k[1], s, 15, contamination, out, quiet, 4000, 50_000, saveModels);
        PipelineInput in = input(s);
        if (in.data().encoder() != null) dataOptions.tell(in.data().source() + ": " + in.data().rows() + " rows, " + in.data().encoder().describe());
        else dataOptions.tell(in.data().source() + ": " + in.data().rows() + " rows of " + in.data().dimension() + " features");
        Notes.flush();
        Pipeline p = new Pipeline(o, AeTrainers.paperModels(models[0], models[1], gamma),
                List.of(ClusterMethods.kMeans(4), ClusterMethods.em(1)), Pipeline.defaultDetectors(s));
        if (!quiet) p = p.withProgress(io.latentad.models.pipeline.Progress.stderr()); // the CLI's progress stays on stderr
        PipelineResult r = p.run(in);
        publish(staging -> {
            new ReportWriter(r).write(staging);
            return null;
        });
        return printed(ReportWriter.keyTable(r));
    }

    /** Writes the report into a staging directory beside --out, then moves each file in atomically. */
    private <T> T publish(ReportBody<T> body) {
        Path staging = AtomicFile.stagingDirectory(out);
        try {
            T t = body.write(staging);
            AtomicFile.publishDirectory(staging, out);
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write the report: " + AtomicFile.reason(e), e);
        } finally {
            AtomicFile.discard(staging);
        }
    }

    private interface ReportBody<T> {
        T write(Path staging) throws IOException;
    }

    /** The key table and the report's path on stdout. */
    private int printed(String table) {
        PrintWriter w = spec.commandLine().getOut();
        w.print(table);
        w.println("report: " + out.resolve("report.md").toAbsolutePath());
        w.flush();
        Outputs.requireWritten(w);
        return Main.OK;
    }

    /**
     * The time-series report: a VRAE and a dense VAE trained on the sequences without their labels
     * ({@link SeriesDemo}); 10 epochs unless told (the Wasserstein score is best early in this
     * unsupervised setting: bench/notes/ts.md).
     */
    private int series(long s) {
        if (truth != null) throw new IllegalArgumentException("--truth " + truth + ": only CSV data has columns");
        Map<String, String> p = new LinkedHashMap<>(params);
        once(p, "epochs", epochs, 10);
        once(p, "seed", seed, s);
        SeriesDemo.Options o = SeriesDemo.Options.defaults(p, 6, s);
        Dataset train = DataSpec.parse(data).load(dataOptions.csv());
        Dataset scored = test == null ? train : DataSpec.parse(test).load(dataOptions.csv());
        if (train.lengths() == null && scored.lengths() == null && scored.dimension() != train.dimension()) {
            throw new IllegalArgumentException("--test " + test + ": sequences of " + scored.shape().describe() + " where training has "
                    + train.shape().describe());
        }
        dataOptions.tell(train.source() + ": " + train.rows() + " sequences of " + SeriesDemo.describe(train)
                + (test == null ? "" : "; scored: " + scored.source() + ", " + scored.rows() + " sequences"));
        Notes.flush();
        PrintWriter err = spec.commandLine().getErr();
        SeriesDemo.Result r = publish(staging -> SeriesDemo.run(o, train, scored, staging, quiet ? null : line -> {
            err.println(line);
            err.flush();
        }));
        return printed(SeriesDemo.table(r));
    }

    /**
     * The models' {@code --param} map with the demo's defaults (latent 2, 30 epochs, the demo's
     * seed); a key given both as a flag and as a {@code --param} is refused.
     */
    private Map<String, String> modelParams(long s) {
        Map<String, String> p = new LinkedHashMap<>(params);
        if (p.containsKey("gamma")) {
            throw new IllegalArgumentException("--param gamma=" + p.get("gamma") + ": the demo sets gamma per model (1 and --gamma "
                    + gamma + "): use --gamma");
        }
        once(p, "epochs", epochs, 30);
        once(p, "seed", seed, s);
        p.putIfAbsent("latent", "2");
        return p;
    }

    private static void once(Map<String, String> p, String key, Object flag, Object dflt) {
        if (flag != null && p.containsKey(key)) {
            throw new IllegalArgumentException("--" + key + " " + flag + " and --param " + key + "=" + p.get(key)
                    + ": give the " + key + " once");
        }
        p.putIfAbsent(key, String.valueOf(flag != null ? flag : dflt));
    }

    private PipelineInput input(long seed) {
        if (data == null) {
            if (rows < 100) throw new IllegalArgumentException("--rows " + rows + ": expected at least 100");
            CsvTable t = TradesGenerator.table("embedded:trades", TradesGenerator.Options.defaults(seed).withRows(rows));
            return PipelineInput.fromCsv(t, TradesGenerator.LABEL, TradesGenerator.TRUTH, Set.of(), dataOptions.logSkewed());
        }
        DataSpec s = DataSpec.parse(data);
        if (s.kind() == DataSpec.Kind.CSV) {
            if (dataOptions.label == null) {
                throw new IllegalArgumentException(data + ": the demo needs a class column: add --label COL");
            }
            return PipelineInput.fromCsv(CsvTable.read(s.path(), dataOptions.format()), dataOptions.label, truth,
                    Set.copyOf(dataOptions.exclude), dataOptions.logSkewed());
        }
        if (truth != null) throw new IllegalArgumentException("--truth " + truth + ": only CSV data has columns");
        Dataset d = s.load(dataOptions.csv());
        d.requireOneWidth("the demo's models");
        return new PipelineInput(d, null, null, null);
    }

    static int[] parseRange(String r) {
        String[] f = r.split("\\.\\.");
        try {
            if (f.length == 2) {
                int lo = Integer.parseInt(f[0].trim()), hi = Integer.parseInt(f[1].trim());
                if (lo >= 1 && hi >= lo) return new int[] {lo, hi};
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new IllegalArgumentException("--k " + r + ": expected LO..HI with 1 <= LO <= HI, e.g. 2..15");
    }

    /** Adapts picocli's writer to a PrintStream, line by line. */
    private static final class LineOutputStream extends java.io.OutputStream {
        private final java.io.PrintWriter w;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LineOutputStream(java.io.PrintWriter w) {
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
