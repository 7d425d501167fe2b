package io.latentad.bench.ts;

import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * VRAE scoring throughput beside {@code bench/scripts/torch_vrae_score.py}: one scoring pass
 * ({@link TrainedAutoencoder#embed}: codes and both reconstruction errors) over the 4,500 ECG5000 TEST
 * beats, best of {@code reps}, after a one-epoch training (speed does not depend on the weights).
 * Needs {@code ../shared/data/ecg5000}.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector [-Dlatentad.threads=1] -cp bench/target/benchmarks.jar
 * io.latentad.bench.ts.VraeScoringTiming DIR HIDDEN [reps]}
 */
public final class VraeScoringTiming {
    private VraeScoringTiming() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/ecg5000");
        String hidden = args.length > 1 ? args[1] : "64";
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Dataset train = DataSpec.parse("ucr:" + dir.resolve("ECG5000_TRAIN.txt")).load(CsvOptions.defaults()).withLabels(null, null);
        Dataset test = DataSpec.parse("ucr:" + dir.resolve("ECG5000_TEST.txt")).load(CsvOptions.defaults());
        TrainedAutoencoder m = AeTrainer.fit(AeOptions.fromParams(ModelKind.of("vrae"), Map.of("hidden", hidden, "epochs", "1")), train, null);
        double best = Double.POSITIVE_INFINITY;
        m.embed(test.x());
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            m.embed(test.x());
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "latentad vrae scoring H=%s threads=%s: %.0f sequences/s (best of %d)%n", hidden,
                System.getProperty("latentad.threads", "default"), test.rows() / best, reps);
    }
}
