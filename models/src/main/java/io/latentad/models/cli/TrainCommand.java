package io.latentad.models.cli;

import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorer;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.Dataset;
import io.latentad.models.detect.Threshold;
import io.latentad.models.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code train --model ae|dae|sae|cae|vae|clvae|aae|vrae|aemlp|dagmm|gmvae --data SPEC [--label COL] [--latent D]
 * [--epochs N] [--batch B] [--seed S] [--param k=v ...] [--quiet] --save FILE}: trains a member of
 * the autoencoder family ({@code models.ae.AeOptions} lists every {@code --param}) and saves it
 * with its feature encoder and a threshold: the (1 - C) quantile of the training rows' scores under
 * {@code --threshold-scorer} (default: the model's own scorer), C from {@code --contamination}
 * (default 0.05) or {@code --percentile} (C = 1 - P / 100); C above 0.5 is refused. One progress line
 * per epoch on stderr unless {@code --quiet}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an autoencoder and save it.",
        footer = {"", "Divergence (a non-finite loss or gradient, or a loss a million times the first step's) stops training.",
                "The model saved then has the parameters of the last epoch that ended with finite parameters and a finite",
                "check loss (the best validation epoch with early stopping), and a line on stderr says so. When no epoch",
                "ended well, nothing is saved and train exits with 2."})
final class TrainCommand implements Callable<Integer> {
    CommandSpec spec;

    /** Picocli's spec, with a help footer listing every model's {@code --param} keys and defaults. */
    @Spec
    void spec(CommandSpec s) {
        this.spec = s;
        List<String> footer = new ArrayList<>(List.of(s.usageMessage().footer()));
        footer.add("");
        Map<String, String> shared = new LinkedHashMap<>(AeOptions.defaults(ModelKind.AE).toParams());
        for (ModelKind k : ModelKind.values()) shared.entrySet().retainAll(AeOptions.defaults(k).toParams().entrySet());
        footer.add("--param keys with their defaults, every model: " + join(shared));
        for (ModelKind k : ModelKind.values()) {
            Map<String, String> own = new LinkedHashMap<>(AeOptions.defaults(k).toParams());
            own.entrySet().removeAll(shared.entrySet());
            footer.add("  " + k.cliName() + ": " + (own.isEmpty() ? "(no keys of its own)" : join(own)));
        }
        footer.add("  auto (clvae's default for lr, lr_schedule, input_dropout, separation) is chosen by the data: "
                + join(ModelKind.CLVAE.autoValues(true)) + " when the output is Bernoulli (data in [0, 1], e.g. images), "
                + join(ModelKind.CLVAE.autoValues(false)) + " otherwise");
        footer.add("  off by default and not listed above: average, weight_decay, lr_warmup (epochs of linear learning-rate "
                + "warm-up), dropout (net=dense: dropout after each encoder hidden layer while training), augment (shiftS: "
                + "each training image moved by a random offset in [-S, S]^2 pixels, zero fill; images only)");
        footer.add("  net=conv (images: idx: data, or image=CxHxW for rows of pixels; tested with ae, dae, vae, clvae): "
                + join(io.latentad.models.ae.net.ConvNetwork.Options.defaults().toParams()) + " [image=CxHxW]");
        s.usageMessage().footer(footer.toArray(new String[0]));
    }

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "ae, dae, sae, cae, vae, clvae, aae, vrae, aemlp, dagmm.")
    String model;

    @Option(names = "--data", required = true, paramLabel = "SPEC", description = "Training rows: csv:PATH (or a bare PATH.csv), idx:DIR, idx-test:DIR, ucr:PATH.")
    String data;

    @Option(names = "--latent", paramLabel = "D", description = "Code size (default 2).")
    Integer latent;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default 20; clvae 30).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "B", description = "Minibatch size (default 128).")
    Integer batch;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random choice (default 1).")
    Long seed;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Model parameter, e.g. gamma=0.3, hidden=512,256 (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--save", required = true, paramLabel = "FILE", description = "Model file to write.")
    String save;

    @Option(names = "--contamination", paramLabel = "C", description = "Share of training rows above the stored threshold, in (0, 0.5] (default 0.05).")
    Double contamination;

    @Option(names = "--percentile", paramLabel = "P", description = "Or: the threshold is the P-th percentile of the training scores, P in [50, 100).")
    Double percentile;

    @Option(names = "--threshold-scorer", paramLabel = "NAME", description = "Scorer the threshold is set on (default: the model's own: predictor for aemlp, energy for dagmm, else recon).")
    String thresholdScorer;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    @Mixin
    DataOptions dataOptions;

    private static String join(Map<String, String> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    @Override
    public Integer call() {
        ModelKind kind = ModelKind.of(model);
        Map<String, String> p = new LinkedHashMap<>(params);
        if (latent != null) p.put("latent", latent.toString());
        if (epochs != null) p.put("epochs", epochs.toString());
        if (batch != null) p.put("batch", batch.toString());
        if (seed != null) p.put("seed", seed.toString());
        ModelSizes.check(p);
        AeOptions options = AeOptions.fromParams(kind, p); // bad options fail before any reading
        Outputs.requireUsable("--save", save, data);
        if (contamination != null && percentile != null) throw new IllegalArgumentException("give --contamination or --percentile, not both");
        double share = percentile != null ? Threshold.contaminationOfPercentile(percentile)
                : contamination != null ? contamination : Threshold.DEFAULT_CONTAMINATION;
        Threshold.checkContamination(share);
        String scorerName = thresholdScorer != null ? thresholdScorer : options.model().naturalScorer();
        AeScorer scorer = AeScorers.create(scorerName, Map.of(), options.seed());
        scorer.requireKind(kind); // a scorer that cannot read this model is refused before training
        Dataset rows = dataOptions.load(data);
        PrintWriter err = spec.commandLine().getErr();
        TrainedAutoencoder m = AeTrainer.fit(options, rows, quiet ? null : new EpochBar(err, EpochBar.stderrIsTerminal()));
        // the stored threshold: the (1 - share) quantile of the training rows' scores
        m = m.withThreshold(Threshold.fit(scorerName, scorer.score(m, rows.x(), m.classes() == null ? null : rows.labels()), share));
        ModelFile.write(m, Path.of(save));
        if (m.history().diverged() && quiet) err.println("latentad train: " + m.history().stopReason());
        return Main.OK;
    }
}
