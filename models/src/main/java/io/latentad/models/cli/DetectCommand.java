package io.latentad.models.cli;

import io.latentad.models.data.Dataset;
import io.latentad.models.detect.Detector;
import io.latentad.models.detect.Detectors;
import io.latentad.models.detect.FittedDetector;
import io.latentad.models.detect.LocalOutlierFactor;
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

    @Mixin
    SeriesOutputOptions seriesOutputs;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        Outputs.requireUsable("--out", out, data, train);
        seriesOutputs.requireUsable(data, train);
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
            FittedDetector f = Progress.during(dataOptions, "fitting " + detector + " on " + rows.rows() + " rows",
                    () -> d.fit(rows.x()));
            noteReducedK(d, f);
            scores = f.trainingScores();
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
            noteReducedK(d, f);
            scores = Progress.during(dataOptions, "scoring " + rows.rows() + " rows", () -> f.score(rows.x()));
            if (contamination != null) threshold = Threshold.fit("detector:" + detector, f.trainingScores(), contamination);
        }
        seriesOutputs.requireSeries(dataOptions);
        if (threshold != null) CsvOut.scoresAndLabels(out, spec.commandLine().getOut(), scores, threshold.labels(scores));
        else CsvOut.scores(out, spec.commandLine().getOut(), scores);
        seriesOutputs.write(dataOptions, scored.encoder(), scores, SeriesOutputOptions.fileName(data) + ", " + detector
                + (threshold == null ? "" : ", shaded: above the --contamination threshold"), detector + " score", threshold);
        return Main.OK;
    }

    /** LOF with more neighbours than rows runs with n - 1 of them, as scikit-learn does; say so, as it warns. */
    private void noteReducedK(Detector d, FittedDetector f) {
        if (d instanceof LocalOutlierFactor lof && f instanceof LocalOutlierFactor.Model m && m.k() < lof.options().k()) {
            Notes.say(spec.commandLine().getErr(), "latentad detect: lof: k = " + lof.options().k() + " but only "
                    + (m.k() + 1) + " rows: using k = " + m.k() + " (rows - 1), as scikit-learn does; --param k=N to choose");
        }
    }
}
