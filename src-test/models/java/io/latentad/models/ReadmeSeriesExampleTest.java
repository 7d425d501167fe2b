package io.latentad.models;

import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.CsvTable;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.FeatureEncoder;
import io.latentad.models.data.LongSeries;
import io.latentad.models.data.Windows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's time-series lines, compiled and run, so the README stays true. */
class ReadmeSeriesExampleTest {
    @TempDir
    Path tmp;

    @Test
    void theReadmeSeriesLinesRun() throws Exception {
        StringBuilder b = new StringBuilder("time,value,truth\n");
        java.util.Random rnd = new java.util.Random(2);
        for (int i = 0; i < 600; i++) {
            boolean burst = i >= 400 && i < 420;
            double v = burst ? 1.5 * rnd.nextGaussian() : Math.sin(2 * Math.PI * i / 25) + 0.02 * rnd.nextGaussian();
            b.append(i).append(',').append(String.format(Locale.ROOT, "%.4f", v)).append(',').append(burst ? 1 : 0).append('\n');
        }
        Path file = tmp.resolve("sensor.csv");
        Files.writeString(file, b);

        // ---- README series lines begin (keep in sync with README.md) ----
        // one long series: a time column, a value column, a ground truth kept out
        LongSeries series = LongSeries.of(CsvTable.read(file), "time", Set.of("truth"));  // gaps and NaN filled, said in notes()
        FeatureEncoder encoder = FeatureEncoder.fit(series.table(), CsvOptions.defaults().withExclude(Set.of("truth")));
        Dataset steps = encoder.transform(series.table());
        Windows windows = Windows.cut(steps.rows(), 50, 5);                       // T = 50, stride 5
        Dataset x = windows.apply(steps);                                          // samples of Sequence(50, 1)
        TrainedAutoencoder vrae = AeTrainer.fit(AeOptions.fromParams(ModelKind.of("vrae"),
                Map.of("hidden", "16", "epochs", "3", "seed", "1")), x, null);
        double[] perWindow = AeScorers.create("wasserstein", Map.of(), 1).score(vrae, x.x(), null);
        double[] perStep = windows.perStep(perWindow);                             // when it happened
        double[][] where = vrae.stepErrors(x.x());                                 // where in each window
        // ---- README series lines end ----

        assertEquals(600, perStep.length);
        assertEquals(x.rows(), where.length);
        assertEquals(50, where[0].length);
        assertTrue(series.notes().isEmpty(), series.notes().toString());
    }
}
