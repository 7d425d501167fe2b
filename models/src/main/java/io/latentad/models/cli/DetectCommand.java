package io.latentad.models.cli;

import io.latentad.models.data.Dataset;
import io.latentad.models.detect.Detector;
import io.latentad.models.detect.Detectors;
import io.latentad.models.detect.FittedDetector;
import io.latentad.models.detect.Threshold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code detect --detector NAME --data SPEC [--train SPEC] [--param k=v ...] [--out FILE]}:
 * without {@code --train} fits on {@code --data} and scores the same rows (unsupervised);
 * with it fits on {@code --train} (whose CSV encoder is reused) and scores {@code --data}
 * (novelty). Writes {@code index,score}, higher = more anomalous.
 */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a detector and write anomaly scores (index,score; higher = more anomalous).")
final class DetectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--detector", required = true, paramLabel = "NAME",
            description = "iforest, lof, ocsvm, kde, gaussian, gmm, kmeans, pca, rpca.")
    String detector;

    @Option(names = "--data", required = true, paramLabel = "SPEC", description = "Rows to score: csv:PATH (or a bare PATH.csv), idx:DIR, idx-test:DIR, ucr:PATH.")
    String data;

    @Option(names = "--train", paramLabel = "SPEC", description = "Rows to fit on (novelty setting); default: --data.")
    String train;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Detector parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Output CSV; default: stdout.")
    String out;

    @Option(names = "--scale", paramLabel = "none|standard|robust",
            description = "Feature scaling (default: standard for csv:, none for idx: and ucr:).")
    String scale;

    @Option(names = {"-q", "--quiet"}, description = "No progress or information lines on stderr.")
    boolean quiet;

    @Option(names = "--contamination", paramLabel = "C", description = "Also write labels: 1 above the (1 - C) quantile of the fitted rows' scores, C in (0, 0.5]: index,score,label.")
    Double contamination;

    @Option(names = "--per-step", paramLabel = "FILE",
            description = "With a series cut into windows: each time step's score, the highest of the windows that cover it (step,time,observed,score,window).")
    String perStep;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "With a series cut into windows: draw each channel and the per-step score (steps above the --contamination"
                    + " threshold shaded), as PNG with SVG beside it.")
    String plot;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        Outputs.requireUsable("--out", out, data, train);
        if (perStep != null) Outputs.requireUsable("--per-step", perStep, data, train);
        if (plot != null) {
            Outputs.requireUsable("--plot", plot, data, train);
            if (!plot.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) throw new IllegalArgumentException("--plot " + plot + ": expected a .png file name");
        }
        Detector d = Detectors.create(detector, params); // bad names and params fail before any reading
        if (contamination != null) Threshold.checkContamination(contamination);
        ScaleChoice.apply(scale, train == null ? data : train, dataOptions);
        double[] scores;
        Threshold threshold = null;
        Dataset scored;
        if (train == null) {
            Dataset rows = dataOptions.load(data);
            scored = rows;
            rows.requireOneWidth("detector " + detector);
            scores = Progress.during(dataOptions, "fitting " + detector + " on " + rows.rows() + " rows",
                    () -> d.fit(rows.x()).trainingScores());
            if (contamination != null) threshold = Threshold.fit("detector:" + detector, scores, contamination);
        } else {
            Dataset fitRows = dataOptions.load(train);
            Dataset rows = dataOptions.load(data, fitRows.encoder(), fitRows);
            scored = rows;
            fitRows.requireOneWidth("detector " + detector);
            rows.requireOneWidth("detector " + detector);
            if (rows.dimension() != fitRows.dimension()) { // before the fit: a bad input fails fast, in one line
                throw new IllegalArgumentException(data + ": " + rows.dimension() + " features: expected "
                        + fitRows.dimension() + " as in " + train);
            }
            FittedDetector f = Progress.during(dataOptions, "fitting " + detector + " on " + fitRows.rows() + " rows",
                    () -> d.fit(fitRows.x()));
            scores = Progress.during(dataOptions, "scoring " + rows.rows() + " rows", () -> f.score(rows.x()));
            if (contamination != null) threshold = Threshold.fit("detector:" + detector, f.trainingScores(), contamination);
        }
        if ((perStep != null || plot != null) && dataOptions.windows == null) {
            throw new IllegalArgumentException((perStep != null ? "--per-step" : "--plot") + " maps window scores to the steps of a series: "
                    + "expected a CSV series cut with --window");
        }
        if (threshold != null) CsvOut.scoresAndLabels(out, spec.commandLine().getOut(), scores, threshold.labels(scores));
        else CsvOut.scores(out, spec.commandLine().getOut(), scores);
        if (perStep != null) CsvOut.perStep(perStep, dataOptions.series, dataOptions.windows, scores);
        if (plot != null) {
            String name = java.nio.file.Path.of(data.startsWith("csv:") ? data.substring(4) : data).getFileName().toString();
            SeriesPlots.write(plot, name + ", " + detector + (threshold == null ? "" : ", shaded: above the --contamination threshold"),
                    dataOptions.series, scored.encoder(), dataOptions.windows, scores, detector, threshold);
        }
        return Main.OK;
    }
}
