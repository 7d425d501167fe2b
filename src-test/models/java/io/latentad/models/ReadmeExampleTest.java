package io.latentad.models;

import io.latentad.metrics.cluster.VMeasure;
import io.latentad.metrics.ranking.RocCurve;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.cluster.KMeans;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.TradesGenerator;
import io.latentad.models.detect.Detectors;
import io.latentad.models.detect.FittedDetector;
import io.latentad.models.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's five-minute API tour, compiled and run, so the README stays true. */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void theReadmeTourRuns() throws Exception {
        Path csv = tmp.resolve("trades.csv");
        TradesGenerator.write(csv, TradesGenerator.Options.defaults(1).withRows(1500));
        Path saved = tmp.resolve("clvae.lad");

        // ---- README tour begins (keep in sync with README.md) ----
        // 1. Data: a class column for conditioning, a ground-truth column kept out of the features
        Dataset data = DataSpec.parse("csv:" + csv).load(
                CsvOptions.defaults().withLabel("trader").withExclude(Set.of("is_anomaly")));
        int[] truth = Arrays.stream(data.excluded().get("is_anomaly")).mapToInt(Integer::parseInt).toArray();

        // 2. Train a CL-VAE: one Gaussian prior N(mu_y, I) per trader, gamma = 0.3 on the reconstruction
        AeOptions options = AeOptions.fromParams(ModelKind.CLVAE,
                Map.of("hidden", "64,32", "latent", "2", "epochs", "10", "gamma", "0.3", "seed", "1"));
        TrainedAutoencoder model = AeTrainer.fit(options, data, System.err::println);

        // 3. Embed, cluster, score (every score: higher = more anomalous)
        TrainedAutoencoder.Embedding pass = model.embed(data.x()); // one pass: codes and reconstruction errors
        double[][] z = pass.codes().mu();
        int[] clusters = KMeans.fit(z, KMeans.Options.defaults().withK(20).withSeed(1)).labels();
        double v = VMeasure.vMeasure(data.labels(), clusters);
        FittedDetector forest = Detectors.create("iforest", Map.of("seed", "1")).fit(z);
        double[] latentScores = forest.score(z);
        double[] reconScores = AeScorers.create("recon", Map.of(), 1).score(model, pass, data.x(), data.labels());
        double[] priorScores = AeScorers.create("prior", Map.of(), 1).score(model, pass, data.x(), data.labels());

        // 4. Judge, save, load
        double auc = RocCurve.auc(priorScores, truth);  // -log N(z; mu_trader, I): the CL-VAE prior tail
        ModelFile.write(model, saved);
        TrainedAutoencoder again = ModelFile.read(saved);
        // ---- README tour ends ----

        assertEquals(data.rows(), latentScores.length);
        assertEquals(data.rows(), reconScores.length);
        assertTrue(v > 0.3, "V-measure " + v);
        assertTrue(auc > 0.5, "ROC-AUC " + auc);
        assertArrayEquals(z[0], again.encode(data.x()).mu()[0]);
    }
}
