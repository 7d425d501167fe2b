package io.latentad.models.pipeline;

import io.latentad.metrics.balance.AnomalyBalance;
import io.latentad.models.pipeline.PipelineResult.ClusterSweep;
import io.latentad.models.pipeline.PipelineResult.DetectorResult;
import io.latentad.models.pipeline.PipelineResult.ModelResult;
import io.latentad.models.report.BarChart;
import io.latentad.models.report.Plot;
import io.latentad.models.report.ScatterPlot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's PNG figures, in the CL-VAE paper's numbering: the latent spaces coloured by class,
 * the first two models side by side (Fig. 2); each latent space coloured by its clusters (Fig. 3;
 * the EM clustering when there is a method named EM, else the best one); each latent space
 * coloured by the first detector's score with the top-N starred (Fig. 5); per detector, the share
 * of flagged rows per class beside the class share (Fig. 4).
 */
final class ReportFigures {
    static final int W = 900, H = 640;

    private ReportFigures() {
    }

    /** Writes the figures into {@code dir}; returns caption by file name, in drawing order. */
    static Map<String, String> write(PipelineResult r, Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        List<ModelResult> ms = r.models();
        int[] labels = r.input().data().labels();
        String[] classes = r.input().data().classes();
        String label = r.input().data().encoder() != null && r.input().data().encoder().label() != null
                ? r.input().data().encoder().label() : "class";
        if (ms.size() >= 2) {
            String f = "fig2_latent_by_class.png";
            save(ScatterPlot.sideBySide(ms.get(0).view(), ms.get(1).view(), labels, classes,
                    ms.get(0).name() + " latent space by " + label, ms.get(1).name() + " latent space by " + label,
                    axis(ms.get(0), 0), axis(ms.get(0), 1), 1400, 640), dir, f);
            files.put(f, "Fig. 2: latent codes coloured by " + label + ", " + ms.get(0).name() + " beside " + ms.get(1).name());
        }
        for (int i = 0; i < ms.size(); i++) {
            ModelResult m = ms.get(i);
            String slug = slug(m.name());
            if (i >= 2 || ms.size() == 1) {
                String f = "latent_" + slug + "_by_class.png";
                save(ScatterPlot.byLabel(m.view(), labels, classes, m.name() + " latent space by " + label, axis(m, 0), axis(m, 1), W, H),
                        dir, f);
                files.put(f, m.name() + ": latent codes coloured by " + label);
            }
            ClusterSweep c = clustersToShow(m);
            String[] names = new String[c.bestK()];
            for (int k = 0; k < names.length; k++) names[k] = "cluster " + (k + 1);
            String f = "latent_" + slug + "_clusters.png";
            save(ScatterPlot.byLabel(m.view(), c.bestLabels(), names, m.name() + ": " + c.method() + " clusters (k = " + c.bestK() + ")",
                    axis(m, 0), axis(m, 1), W, H), dir, f);
            files.put(f, "Fig. 3: " + m.name() + " latent codes coloured by " + c.method() + " cluster");
            DetectorResult d = m.detectors().get(0);
            f = "scores_" + slug + "_" + slug(d.name()) + ".png";
            save(ScatterPlot.byScore(m.view(), d.scores(), r.options().topN(), m.name() + ": " + d.name() + " anomaly score",
                    axis(m, 0), axis(m, 1), d.name() + " score", W, H), dir, f);
            files.put(f, "Fig. 5: " + m.name() + " latent codes coloured by the " + d.name() + " score, top "
                    + r.options().topN() + " starred");
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (ModelResult m : ms) for (DetectorResult d : m.detectors()) names.add(d.name());
        for (String det : names) {
            List<String> series = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            series.add("class share");
            values.add(classShare(labels, classes.length));
            for (ModelResult m : ms) {
                for (DetectorResult d : m.detectors()) {
                    if (!d.name().equals(det)) continue; // a model-specific scorer (e.g. prior) may be absent
                    AnomalyBalance b = d.balance();
                    series.add(m.name());
                    values.add(b == null ? new double[classes.length] : perClass(b, classes.length));
                }
            }
            String f = "anomaly_share_" + slug(det) + ".png";
            save(BarChart.grouped(classes, series.toArray(new String[0]), values.toArray(new double[0][]),
                    "Share of " + det + " anomalies per " + label, label, "share of rows", 1100, 560), dir, f);
            files.put(f, "Fig. 4: share of the rows flagged by " + det + " in each " + label + ", beside the " + label + " share");
        }
        return files;
    }

    /** Writes {@code p} as {@code f} (PNG) and beside it as SVG (the same name ending in .svg). */
    private static void save(Plot p, Path dir, String f) throws IOException {
        p.writePng(dir.resolve(f));
        p.writeSvg(dir.resolve(svgName(f)));
    }

    /** The SVG file beside PNG file {@code f}. */
    static String svgName(String png) {
        return png.substring(0, png.length() - ".png".length()) + ".svg";
    }

    /** Fig. 3 uses EM clusters when a method is called EM, else the best clustering. */
    static ClusterSweep clustersToShow(ModelResult m) {
        for (ClusterSweep s : m.clustering()) if (s.method().equalsIgnoreCase("em")) return s;
        return m.bestClustering();
    }

    private static String axis(ModelResult m, int j) {
        return m.z()[0].length == 2 || (m.z()[0].length == 1 && j == 0) ? "z" + j : "PC" + (j + 1) + " of z";
    }

    static double[] classShare(int[] labels, int classes) {
        double[] s = new double[classes];
        for (int l : labels) s[l] += 1.0 / labels.length;
        return s;
    }

    /** The balance's flagged shares placed at their class codes (classes absent from the data get 0). */
    static double[] perClass(AnomalyBalance b, int classes) {
        double[] s = new double[classes];
        for (int i = 0; i < b.classes().length; i++) s[b.classes()[i]] = b.flaggedShare()[i];
        return s;
    }

    /** A file-name-safe lower-case form: "CL-VAE (gamma)" -> "cl-vae_gamma". */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "model" : s;
    }
}
