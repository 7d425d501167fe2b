package io.latentad.models.cli;

import io.latentad.models.ae.AeScorer;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.ColumnContributions;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.FeatureEncoder;
import io.latentad.models.detect.Threshold;
import io.latentad.models.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code score --model FILE --data SPEC --scorer NAME [--param k=v ...] [--out FILE]}: anomaly
 * scores of a saved autoencoder as CSV {@code index,score}, higher = more anomalous. Scorers:
 * {@code recon}, {@code recon-l1}, {@code recon-prob}, {@code latent:DETECTOR}, {@code prior},
 * {@code misclass}, {@code wasserstein}, {@code cluster}, {@code predictor}, {@code energy} (see {@code models.ae.AeScorers}).
 * With {@code --labels}: {@code index,score,label} under the threshold stored at training time. With
 * {@code --explain [N]} (recon, recon-l1): each row's N top contributing input columns and their shares of the
 * score ({@link ColumnContributions}).
 * Per-pixel errors and anomaly maps: {@link AnomalyMapOptions}.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score rows with a saved autoencoder (index,score; higher = more anomalous).")
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by train.")
    String model;

    @Option(names = "--data", required = true, paramLabel = "SPEC", description = "Rows to score.")
    String data;

    @Option(names = "--scorer", required = true, paramLabel = "NAME",
            description = "recon, recon-l1, recon-prob, latent:DETECTOR, cluster (CBLOF on the codes), prior, misclass, wasserstein, predictor (aemlp), energy (dagmm).")
    String scorer;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Scorer (or latent detector) parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Output CSV; default: stdout.")
    String out;

    @Option(names = "--labels", description = "Also write the label under the model's stored threshold: index,score,label (1 = above it).")
    boolean withLabels;

    @Option(names = "--explain", paramLabel = "N", arity = "0..1", fallbackValue = "3",
            description = "Also write each row's N (default 3) columns that contribute most to its score, named as in the input"
                    + " (recon and recon-l1): index,score,column_1,contribution_1,...; contributions add up to the score.")
    Integer explain;

    @Mixin
    SeriesOutputOptions seriesOutputs;

    @Option(names = "--step-errors", paramLabel = "FILE",
            description = "For a model of sequences: each sample's squared reconstruction error per step (index,t0,t1,...): where it went wrong;"
                    + " a sequence shorter than the longest has empty cells past its end.")
    String stepErrors;

    @Option(names = {"-q", "--quiet"}, description = "No progress or information lines on stderr.")
    boolean quiet;

    @Mixin
    AnomalyMapOptions maps;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        Outputs.requireUsable("--out", out, data, model);
        if (stepErrors != null) Outputs.requireUsable("--step-errors", stepErrors, data, model);
        seriesOutputs.requireUsable(data, model);
        maps.requireUsable(data, model);
        TrainedAutoencoder m = ModelFile.read(Path.of(model));
        AeScorer s = AeScorers.create(scorer, params, m.options().seed());
        if (withLabels) {
            if (m.threshold() == null) throw new IllegalArgumentException(model + " holds no threshold (train sets one; demo --save-models and format-2 files have none)");
            m.threshold().requireScorer(scorer);
            if (!params.isEmpty()) throw new IllegalArgumentException("--labels uses the stored threshold, set with the scorer's defaults: drop --param");
        }
        // a class training never saw is fine for scorers that do not read the class (recon, latent:...); for those
        // that do, the encoder refuses it naming the file, line, column and label
        FeatureEncoder encoder = m.encoder() == null || s.readsClasses(m) ? m.encoder() : m.encoder().allowingUnseenLabels();
        Dataset rows = dataOptions.load(data, encoder, null, m.shape());
        seriesOutputs.requireSeries(dataOptions);
        if (!m.spec().readsLengths()) rows.requireOneWidth("the model's " + m.spec().name() + " network");
        m.requireRows(rows.x());
        int[] labels = m.classes() == null ? null : rows.labels();
        double[] scores = s.score(m, rows.x(), labels);
        if (explain != null) {
            if (explain < 1) throw new IllegalArgumentException("--explain " + explain + ": expected N >= 1 columns per row");
            if (!scorer.equals("recon") && !scorer.equals("recon-l1")) {
                throw new IllegalArgumentException("--explain splits a reconstruction error over the columns: expected --scorer recon"
                        + " or recon-l1, not " + scorer);
            }
            ColumnContributions c = ColumnContributions.of(m, rows.x(), scorer.equals("recon-l1"));
            CsvOut.scoresExplained(out, spec.commandLine().getOut(), scores, withLabels ? m.threshold().labels(scores) : null, c, explain);
        } else if (withLabels) CsvOut.scoresAndLabels(out, spec.commandLine().getOut(), scores, m.threshold().labels(scores));
        else CsvOut.scores(out, spec.commandLine().getOut(), scores);
        Threshold th = m.threshold() != null && m.threshold().scorer().equals(scorer) && params.isEmpty() ? m.threshold() : null;
        seriesOutputs.write(dataOptions, m.encoder(), scores, SeriesOutputOptions.fileName(data) + ", " + m.kind().cliName() + " (" + scorer + ")"
                + (th == null ? ", no stored threshold for this scorer" : ", shaded: above the stored threshold"), scorer + " score", th);
        if (stepErrors != null) CsvOut.stepErrors(stepErrors, m.stepErrors(rows.x()));
        maps.write(m, rows.x(), scores);
        return Main.OK;
    }
}
