package io.latentad.models.cli;

import io.latentad.models.cluster.Clusterings;
import io.latentad.models.data.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cluster --method kmeans|em --k K --data SPEC [--param k=v ...] [--out FILE]}: writes index,label. */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Cluster rows and write index,label.")
final class ClusterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--method", required = true, paramLabel = "kmeans|em", description = "kmeans or em (Gaussian mixture).")
    String method;

    @Option(names = "--k", required = true, paramLabel = "K", description = "Number of clusters (>= 1).")
    int k;

    @Option(names = "--data", required = true, paramLabel = "SPEC", description = "csv:PATH (or a bare PATH.csv), idx:DIR, idx-test:DIR, ucr:PATH.")
    String data;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "seed, restarts, covariance (em) (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Output CSV; default: stdout.")
    String out;

    @Option(names = "--scale", paramLabel = "none|standard|robust",
            description = "Feature scaling (default: standard for csv:, none for idx: and ucr:).")
    String scale;

    @Option(names = {"-q", "--quiet"}, description = "No progress or information lines on stderr.")
    boolean quiet;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        if (!method.equals("kmeans") && !method.equals("em")) {
            throw new IllegalArgumentException("--method '" + method + "': expected kmeans or em");
        }
        Outputs.requireUsable("--out", out, data);
        if (k < 1) throw new IllegalArgumentException("--k " + k + ": expected a whole number >= 1");
        ScaleChoice.apply(scale, data, dataOptions);
        Dataset rows = dataOptions.load(data);
        rows.requireOneWidth(method + " clustering");
        if (k > rows.rows()) throw new IllegalArgumentException("--k " + k + ": expected at most the " + rows.rows() + " rows of " + data);
        int[] labels = Progress.during(dataOptions, method + " with k = " + k + " on " + rows.rows() + " rows",
                () -> Clusterings.cluster(method, k, params, rows.x()));
        CsvOut.labels(out, spec.commandLine().getOut(), labels);
        return Main.OK;
    }
}
