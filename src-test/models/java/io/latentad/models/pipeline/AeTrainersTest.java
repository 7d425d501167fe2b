package io.latentad.models.pipeline;

import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.TradesGenerator;
import io.latentad.models.io.ModelFile;
import io.latentad.models.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real pipeline end to end: the paper's three autoencoders, k-means and EM, three detectors. */
class AeTrainersTest {
    @TempDir
    Path tmp;

    @Test
    void clVaeClustersTheTradersBetterThanTheVaeAndTheReportIsComplete() throws Exception {
        // 1,200 trades of 6 traders with distinct habits: the classes are separable from the features
        PipelineInput in = PipelineInput.fromCsv(
                TradesGenerator.table("trades", new TradesGenerator.Options(1200, 6, 7, 1.0, 0.01, 0.005, 0.02)),
                TradesGenerator.LABEL, TradesGenerator.TRUTH, Set.of());
        Pipeline.Options o = new Pipeline.Options(2, 8, 3, 5, 0.02, tmp, true, 1000, 5000, tmp.resolve("models"));
        Files.createDirectories(tmp.resolve("models"));
        AeOptions[] m = AeTrainers.paperOptions(Map.of("hidden", "32,16", "epochs", "8", "seed", "3"));
        Pipeline p = new Pipeline(o, AeTrainers.paperModels(m[0], m[1], 0.3),
                List.of(ClusterMethods.kMeans(2), ClusterMethods.em(1)), Pipeline.defaultDetectors(3));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PipelineResult r = p.runAndReport(in, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertEquals(3, r.models().size());
        double vae = bestV(r, "VAE"), clvae = bestV(r, "CL-VAE"), weighted = bestV(r, "CL-VAE gamma=0.3");
        assertTrue(clvae > vae + 0.1, "CL-VAE V = " + clvae + " vs VAE V = " + vae);
        assertTrue(weighted > vae + 0.1, "gamma CL-VAE V = " + weighted + " vs VAE V = " + vae);

        for (String f : new String[] {"report.md", "report.json", "fig2_latent_by_class.png"}) {
            assertTrue(Files.size(tmp.resolve(f)) > 0, f);
        }
        Object json = Json.parse(Files.readString(tmp.resolve("report.json")));
        assertTrue(json instanceof Map, "report.json is an object");
        String md = Files.readString(tmp.resolve("report.md"));
        assertTrue(md.contains("CL-VAE gamma=0.3") && md.contains("ROC-AUC"), md);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("report: "), out.toString(StandardCharsets.UTF_8));

        // every model was saved whole (classes, feature encoder) and scores the same rows to the same bits
        for (PipelineResult.ModelResult mr : r.models()) {
            TrainedAutoencoder saved = ModelFile.read(tmp.resolve("models").resolve(ReportFigures.slug(mr.name()) + ".lam"));
            assertArrayEquals(in.data().classes(), saved.classes());
            assertNotNull(saved.encoder());
            double[][] z = saved.encode(in.data().x()).mu();
            for (int i = 0; i < z.length; i++) assertArrayEquals(mr.z()[i], z[i], mr.name() + " row " + i);
            PipelineResult.DetectorResult recon = mr.detectors().stream().filter(d -> d.name().equals("recon")).findFirst().orElseThrow();
            assertArrayEquals(recon.scores(), saved.reconstructionErrors(in.data().x(), false), mr.name());
        }
    }

    @Test
    void badModelParamsFailBeforeTraining() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AeTrainers.paperOptions(Map.of("hiden", "4")));
        assertTrue(e.getMessage().contains("unknown parameter 'hiden'"), e.getMessage());
        AeOptions[] m = AeTrainers.paperOptions(Map.of("separation", "10", "latent", "8"));
        assertEquals(8, m[0].latent()); // the VAE takes latent, not separation; the CL-VAE takes both
        assertEquals(10.0, m[1].model().separation());
        assertThrows(IllegalArgumentException.class, () -> AeTrainers.paperModels(m[1], m[1], 0.3));
        assertThrows(IllegalArgumentException.class, () -> AeTrainers.paperModels(m[0], m[1], -1));
    }

    private static double bestV(PipelineResult r, String model) {
        double best = -1;
        for (PipelineResult.ModelResult m : r.models()) {
            if (!m.name().equals(model)) continue;
            for (PipelineResult.ClusterSweep s : m.clustering()) best = Math.max(best, s.bestV());
        }
        assertTrue(best >= 0, "no sweep for " + model);
        return best;
    }
}
