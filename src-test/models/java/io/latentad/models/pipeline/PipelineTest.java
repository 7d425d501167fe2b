package io.latentad.models.pipeline;

import io.latentad.models.data.CsvTable;
import io.latentad.models.data.TradesGenerator;
import io.latentad.models.detect.Detector;
import io.latentad.models.detect.Detectors;
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
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineTest {
    private static final BiFunction<String, Map<String, String>, Detector> REGISTRY =
            (name, params) -> name.equals("centroid") ? TestComponents.distanceToMean() : Detectors.create(name, params);

    static CsvTable trades() {
        return TradesGenerator.table("trades", new TradesGenerator.Options(600, 6, 3, 1.0, 0.01, 0.01, 0.03));
    }

    static Pipeline pipeline(Path out) {
        Pipeline.Options o = Pipeline.Options.defaults().withK(2, 8).withOutputDir(out).withQuiet(true)
                .withEmMvPoints(4000).withContamination(0.05);
        return new Pipeline(o, List.of(TestComponents.randomProjection("VAE"), TestComponents.conditioned("CL-VAE")),
                List.of(TestComponents.kMeans(), TestComponents.xBins()),
                List.of(DetectorSpec.of("centroid"), DetectorSpec.of("ocsvm")), REGISTRY);
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesTheReportWithTablesJsonAndFigures(@TempDir Path dir) throws Exception {
        // -Dlatentad.plots=DIR keeps the report for a look
        Path tmp = System.getProperty("latentad.plots") == null ? dir : Path.of(System.getProperty("latentad.plots"), "report");
        PipelineInput in = PipelineInput.fromCsv(trades(), "trader", "is_anomaly", Set.of());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PipelineResult r = pipeline(tmp).runAndReport(in, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("| model  | k-means best V |"), printed);
        assertTrue(printed.contains("report: " + tmp.resolve("report.md").toAbsolutePath()), printed);

        String md = Files.readString(tmp.resolve("report.md"));
        for (String h : List.of("## Clustering the latent spaces", "## Latent-space detectors", "## Cluster-misclassification",
                "## Top 15 anomalies: CL-VAE, centroid", "## Figures", "ROC-AUC")) {
            assertTrue(md.contains(h), "report.md lacks " + h);
        }
        Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(tmp.resolve("report.json")));
        assertEquals(List.of("data", "options", "models", "figures"), List.copyOf(json.keySet()));
        assertEquals(true, ((Map<String, Object>) json.get("data")).get("hasTruth"));
        List<Object> models = (List<Object>) json.get("models");
        assertEquals(2, models.size());
        for (Object mo : models) {
            Map<String, Object> m = (Map<String, Object>) mo;
            Map<String, Object> cl = (Map<String, Object>) m.get("clustering");
            assertEquals(List.of("k-means", "x-bins"), List.copyOf(cl.keySet()));
            Map<String, Object> km = (Map<String, Object>) cl.get("k-means");
            assertEquals(7, ((List<Object>) km.get("vMeasure")).size());
            double bestK = (Double) km.get("bestK");
            assertTrue(bestK >= 2 && bestK <= 8);
            Map<String, Object> dets = (Map<String, Object>) m.get("detectors");
            assertEquals(List.of("centroid", "ocsvm"), List.copyOf(dets.keySet()));
            for (Object dobj : dets.values()) {
                Map<String, Object> d = (Map<String, Object>) dobj;
                assertTrue((Double) d.get("em") > 0, "EM " + d.get("em"));
                assertTrue((Double) d.get("mv") > 0, "MV " + d.get("mv"));
                double auc = (Double) ((Map<String, Object>) d.get("ranking")).get("rocAuc");
                assertTrue(auc >= 0 && auc <= 1);
                assertEquals(15, ((List<Object>) d.get("top")).size());
                double rmse = (Double) ((Map<String, Object>) d.get("balance")).get("rmse");
                assertTrue(rmse >= 0 && rmse < 1);
            }
            assertNotNull(((Map<String, Object>) m.get("misclassification")).get("rate"));
        }
        List<Object> figures = (List<Object>) json.get("figures");
        assertTrue(figures.contains("fig2_latent_by_class.png"));
        assertTrue(figures.contains("anomaly_share_ocsvm.png"));
        assertTrue(figures.contains("scores_cl-vae_centroid.png"));
        assertEquals(1 + 2 * 2 + 2, figures.size(), figures.toString());
        for (Object f : figures) {
            Path p = tmp.resolve((String) f);
            assertTrue(Files.size(p) > 5000, f + " is " + Files.size(p) + " bytes");
            assertTrue(md.contains("](" + f + ")"), "report.md links " + f);
            String svg = ((String) f).replace(".png", ".svg");
            assertTrue(Files.readString(tmp.resolve(svg)).startsWith("<?xml"), svg);
            assertTrue(md.contains("([SVG](" + svg + "))"), "report.md links " + svg);
        }
        // the top rows are the original rows at their indices, highest score first
        PipelineResult.DetectorResult d = r.model("CL-VAE").detectors().get(0);
        PipelineResult.Anomaly first = d.top().get(0);
        assertArrayEquals(in.rows().get(first.index()), first.row());
        for (double s : d.scores()) assertTrue(s <= first.score());
    }

    @Test
    void theConditionedStandInSeparatesTheClassesBetterThanTheProjection(@TempDir Path tmp) {
        // checks the sweep's wiring: the stand-in places each class on its own spot, so the best
        // V-measure must be far higher than for the random projection, and found at k >= classes
        PipelineInput in = PipelineInput.fromCsv(trades(), "trader", "is_anomaly", Set.of());
        PipelineResult r = pipeline(tmp).run(in);
        double vae = r.model("VAE").clustering("k-means").bestV(), cl = r.model("CL-VAE").clustering("k-means").bestV();
        assertTrue(cl > 0.8 && cl > vae + 0.3, "CL-VAE stand-in V = " + cl + ", VAE stand-in V = " + vae);
        assertTrue(r.model("CL-VAE").clustering("k-means").bestK() >= 6);
        // misclassification follows the best clustering: almost only the mislabelled rows remain
        assertTrue(r.model("CL-VAE").misclassification().rate() < 0.05);
    }

    @Test
    void sameSeedGivesTheSameTables(@TempDir Path tmp) {
        PipelineInput in = PipelineInput.fromCsv(trades(), "trader", "is_anomaly", Set.of());
        String a = ReportWriter.keyTable(pipeline(tmp).run(in));
        String b = ReportWriter.keyTable(pipeline(tmp).run(in));
        assertEquals(a, b);
    }

    @Test
    void runsWithoutGroundTruth(@TempDir Path tmp) throws Exception {
        PipelineInput in = PipelineInput.fromCsv(trades(), "trader", null, Set.of("is_anomaly"));
        PipelineResult r = pipeline(tmp).runAndReport(in, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(Double.isNaN(r.models().get(0).detectors().get(0).ranking().rocAuc()));
        String md = Files.readString(tmp.resolve("report.md"));
        assertTrue(md.contains("No ground truth"));
        assertTrue(!ReportWriter.keyTable(r).contains("ROC-AUC"));
    }

    @Test
    void progressLinesGoToTheLoggerOrWhereTheCallerSays(@TempDir Path tmp) {
        Pipeline p = pipeline(tmp);
        Pipeline loud = new Pipeline(p.options().withQuiet(false), List.of(TestComponents.randomProjection("VAE")),
                List.of(TestComponents.kMeans()), List.of(DetectorSpec.of("centroid")), REGISTRY);
        // by default the steps are INFO records of the System.Logger io.latentad.models.pipeline
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("io.latentad.models.pipeline");
        List<String> records = new java.util.ArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        jul.setUseParentHandlers(false);
        try {
            loud.run(PipelineInput.fromCsv(trades(), "trader", "is_anomaly", Set.of()));
        } finally {
            jul.removeHandler(h);
            jul.setUseParentHandlers(true);
        }
        assertTrue(records.stream().anyMatch(m -> m.startsWith("train VAE")), records.toString());
        // the CLI sends them to stderr
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        loud.withProgress(Progress.to(new PrintStream(err, true, StandardCharsets.UTF_8)))
                .run(PipelineInput.fromCsv(trades(), "trader", "is_anomaly", Set.of()));
        String lines = err.toString(StandardCharsets.UTF_8);
        for (String step : List.of("[latentad] data:", "[latentad] train VAE", "[latentad] embed VAE", "[latentad] cluster VAE with k-means",
                "[latentad] detect VAE with centroid", "[latentad] misclassification VAE")) {
            assertTrue(lines.contains(step), "missing '" + step + "' in\n" + lines);
        }
    }

    @Test
    void rejectsBadOptionsAndInputs(@TempDir Path tmp) {
        Pipeline.Options d = Pipeline.Options.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withK(0, 3));
        assertThrows(IllegalArgumentException.class, () -> d.withK(5, 3));
        assertThrows(IllegalArgumentException.class, () -> d.withContamination(0));
        assertThrows(IllegalArgumentException.class, () -> d.withContamination(0.6));
        assertThrows(IllegalArgumentException.class, () -> d.withOutputDir(null));
        assertThrows(IllegalArgumentException.class, () -> d.withEmMvPoints(10));
        assertThrows(IllegalArgumentException.class, () -> new Pipeline.Options(2, 3, 0, -1, 0.01, tmp, true, 4000, 5000, null));
        assertThrows(IllegalArgumentException.class, () -> new Pipeline.Options(2, 3, 0, 15, 0.01, tmp, true, 5, 5000, null));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxFitRows(5));
        assertThrows(IllegalArgumentException.class, () -> new Pipeline(d, List.of(), List.of(TestComponents.kMeans()), List.of(DetectorSpec.of("ocsvm"))));
        assertThrows(IllegalArgumentException.class, () -> new Pipeline(d, List.of(TestComponents.randomProjection("A"), TestComponents.randomProjection("a")),
                List.of(TestComponents.kMeans()), List.of(DetectorSpec.of("ocsvm"))));
        assertThrows(IllegalArgumentException.class, () -> PipelineInput.fromCsv(trades(), null, "is_anomaly", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> PipelineInput.fromCsv(trades(), "nope", "is_anomaly", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> PipelineInput.fromCsv(trades(), "trader", "currency", Set.of()));
        // an unknown detector name fails with the registry's message
        Pipeline p = new Pipeline(d.withQuiet(true).withK(2, 3), List.of(TestComponents.randomProjection("VAE")),
                List.of(TestComponents.kMeans()), List.of(DetectorSpec.of("nope")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.run(PipelineInput.fromCsv(trades(), "trader", "is_anomaly", Set.of())));
        assertTrue(e.getMessage().contains("unknown detector 'nope'"), e.getMessage());
    }
}
