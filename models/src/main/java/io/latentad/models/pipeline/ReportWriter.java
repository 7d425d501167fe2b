package io.latentad.models.pipeline;

import io.latentad.metrics.balance.AnomalyBalance;
import io.latentad.models.pipeline.PipelineResult.Anomaly;
import io.latentad.models.pipeline.PipelineResult.ClusterSweep;
import io.latentad.models.pipeline.PipelineResult.DetectorResult;
import io.latentad.models.pipeline.PipelineResult.Misclassification;
import io.latentad.models.pipeline.PipelineResult.ModelResult;
import io.latentad.models.pipeline.PipelineResult.Ranking;
import io.latentad.models.report.Json;
import io.latentad.models.report.MarkdownTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link PipelineResult} as {@code report.md} (the tables in the paper's shape),
 * {@code report.json} (every figure, non-finite numbers as null) and the PNG figures
 * ({@link ReportFigures}).
 */
public final class ReportWriter {
    private final PipelineResult r;

    public ReportWriter(PipelineResult result) {
        this.r = result;
    }

    /** Writes the three kinds of files into {@code dir} (created if needed); returns the path of report.md. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> figures = ReportFigures.write(r, dir);
        Files.writeString(dir.resolve("report.json"), Json.write(json(figures), true), StandardCharsets.UTF_8);
        Path md = dir.resolve("report.md");
        Files.writeString(md, markdown(figures), StandardCharsets.UTF_8);
        return md;
    }

    /** The tables printed at the end of a run: best V-measure per model and method, and the detectors' figures. */
    public static String keyTable(PipelineResult r) {
        return vMeasureTable(r) + "\n" + detectorTable(r);
    }

    static String vMeasureTable(PipelineResult r) {
        List<String> head = new ArrayList<>(List.of("model"));
        for (ClusterSweep s : r.models().get(0).clustering()) {
            head.add(s.method() + " best V");
            head.add("k");
        }
        MarkdownTable t = new MarkdownTable(head.toArray(new String[0]));
        for (int c = 1; c < head.size(); c++) t.alignRight(c);
        for (ModelResult m : r.models()) {
            List<String> row = new ArrayList<>(List.of(m.name()));
            for (ClusterSweep s : m.clustering()) {
                row.add(MarkdownTable.number(s.bestV(), 3));
                row.add(Integer.toString(s.bestK()));
            }
            t.row(row.toArray(new String[0]));
        }
        return t.toString();
    }

    /** Per model and scorer: EM, MV, balance RMSE, and ROC-AUC / AP / F1 when there is a truth. */
    static String detectorTable(PipelineResult r) {
        boolean truth = r.input().hasTruth();
        List<String> head = new ArrayList<>(List.of("model", "scorer", "EM", "MV", "balance RMSE"));
        if (truth) head.addAll(List.of("ROC-AUC", "AP", "F1"));
        MarkdownTable t = new MarkdownTable(head.toArray(new String[0]));
        for (int c = 2; c < head.size(); c++) t.alignRight(c);
        for (ModelResult m : r.models()) {
            for (DetectorResult d : m.detectors()) {
                List<String> row = new ArrayList<>(List.of(m.name(), d.name(), sci(d.em()), sci(d.mv()), rmse(d.balance())));
                if (truth) add(row, d.ranking());
                t.row(row.toArray(new String[0]));
            }
            Misclassification mc = m.misclassification();
            List<String> row = new ArrayList<>(List.of(m.name(), "misclassification", "-", "-", rmse(mc.balance())));
            if (truth) add(row, mc.ranking());
            t.row(row.toArray(new String[0]));
        }
        return t.toString();
    }

    private String markdown(Map<String, String> figures) {
        PipelineInput in = r.input();
        Pipeline.Options o = r.options();
        StringBuilder sb = new StringBuilder("# latentad report\n\n");
        sb.append(String.format("Data: `%s`, %d rows, %d encoded features, %d classes. ", in.data().source(), in.data().rows(),
                in.data().dimension(), in.data().classes().length));
        if (in.hasTruth()) {
            int a = 0;
            for (int v : in.truth()) a += v;
            sb.append(String.format("Ground truth: %d anomalies (%.2f%%), used only for evaluation.%n%n", a, 100.0 * a / in.truth().length));
        } else {
            sb.append("No ground truth: ROC-AUC, AP and F1 are not computed.\n\n");
        }
        sb.append(String.format("Options: k = %d..%d, seed %d, contamination %s, "
                        + "detectors fitted on at most %d codes, %d EM/MV Monte Carlo points.%n%n", o.kMin(),
                o.kMax(), o.seed(), o.contamination(), o.maxFitRows(), o.emMvPoints()));
        sb.append("Models:\n\n");
        for (ModelResult m : r.models()) sb.append("- ").append(m.name()).append(": ").append(m.description()).append('\n');
        sb.append('\n');
        sb.append("## Clustering the latent spaces (Table 1: best V-measure over k)\n\n").append(vMeasureTable(r)).append('\n');
        sb.append("## Latent-space detectors (Tables 2 and 3: EM higher is better, MV lower is better; balance RMSE "
                + "between the per-class share of flagged rows and the class share, Fig. 4: lower is closer)\n\n");
        sb.append(detectorTable(r)).append('\n');
        sb.append("## Cluster-misclassification anomalies (section 4.4)\n\n");
        MarkdownTable mt = new MarkdownTable("model", "clustering", "k", "flagged rows", "rate").alignRight(2, 3, 4);
        for (ModelResult m : r.models()) {
            Misclassification mc = m.misclassification();
            int count = 0;
            for (int f : mc.flags()) count += f;
            mt.row(m.name(), mc.method(), Integer.toString(mc.k()), Integer.toString(count), MarkdownTable.number(mc.rate(), 4));
        }
        sb.append(mt).append('\n');
        for (ModelResult m : r.models()) {
            DetectorResult d = m.detectors().get(0);
            if (d.top().isEmpty()) continue;
            sb.append("## Top ").append(d.top().size()).append(" anomalies: ").append(m.name()).append(", ").append(d.name()).append("\n\n");
            List<String> head = new ArrayList<>(List.of("rank", "row", "score"));
            head.addAll(List.of(in.rowHeader()));
            MarkdownTable tt = new MarkdownTable(head.toArray(new String[0])).alignRight(0, 1, 2);
            int rank = 1;
            for (Anomaly a : d.top()) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(rank++), Integer.toString(a.index()), sci(a.score())));
                row.addAll(List.of(a.row()));
                tt.row(row.toArray(new String[0]));
            }
            sb.append(tt).append('\n');
        }
        for (ModelResult m : r.models()) {
            for (DetectorResult d : m.detectors()) {
                if (d.top().isEmpty() || d.top().get(0).why().isEmpty()) continue;
                sb.append("## Top ").append(d.top().size()).append(" anomalies by reconstruction error: ").append(m.name())
                        .append(", with the columns that contribute most\n\n")
                        .append("Each input column's share of the row's reconstruction error (a categorical column's one-hot block and a"
                                + " numeric column's missing indicator summed to the column): the columns the model reconstructs worst"
                                + " for the row, not a causal account.\n\n");
                MarkdownTable wt = new MarkdownTable("rank", "row", d.name(), "top columns").alignRight(0, 1, 2);
                int rank = 1;
                for (Anomaly a : d.top()) {
                    wt.row(Integer.toString(rank++), Integer.toString(a.index()), sci(a.score()), String.join(", ", a.why()));
                }
                sb.append(wt).append('\n');
            }
        }
        sb.append("## Figures\n\n");
        for (Map.Entry<String, String> f : figures.entrySet()) {
            sb.append(f.getValue()).append(" ([SVG](").append(ReportFigures.svgName(f.getKey())).append("))\n\n![")
                    .append(f.getValue()).append("](").append(f.getKey()).append(")\n\n");
        }
        return sb.toString();
    }

    private Map<String, Object> json(Map<String, String> figures) {
        PipelineInput in = r.input();
        Pipeline.Options o = r.options();
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", in.data().source());
        data.put("rows", in.data().rows());
        data.put("features", in.data().dimension());
        data.put("classes", in.data().classes());
        data.put("hasTruth", in.hasTruth());
        root.put("data", data);
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("kMin", o.kMin());
        opt.put("kMax", o.kMax());
        opt.put("seed", o.seed());
        opt.put("topN", o.topN());
        opt.put("contamination", o.contamination());
        opt.put("maxFitRows", o.maxFitRows());
        opt.put("emMvPoints", o.emMvPoints());
        root.put("options", opt);
        List<Object> models = new ArrayList<>();
        for (ModelResult m : r.models()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("name", m.name());
            mm.put("description", m.description());
            mm.put("trainSeconds", m.trainSeconds());
            mm.put("latentDim", m.z()[0].length);
            Map<String, Object> cl = new LinkedHashMap<>();
            for (ClusterSweep s : m.clustering()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("k", s.ks());
                sm.put("vMeasure", s.vMeasure());
                sm.put("bestK", s.bestK());
                sm.put("bestV", s.bestV());
                cl.put(s.method(), sm);
            }
            mm.put("clustering", cl);
            Map<String, Object> ds = new LinkedHashMap<>();
            for (DetectorResult d : m.detectors()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("em", d.em());
                dm.put("mv", d.mv());
                dm.put("threshold", d.threshold());
                dm.put("flagged", count(d.flags()));
                dm.put("balance", balance(d.balance()));
                dm.put("ranking", ranking(d.ranking()));
                List<Object> top = new ArrayList<>();
                for (Anomaly a : d.top()) {
                    Map<String, Object> am = new LinkedHashMap<>();
                    am.put("index", a.index());
                    am.put("score", a.score());
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 0; c < in.rowHeader().length; c++) row.put(in.rowHeader()[c], a.row()[c]);
                    am.put("row", row);
                    if (!a.why().isEmpty()) am.put("why", a.why());
                    top.add(am);
                }
                dm.put("top", top);
                ds.put(d.name(), dm);
            }
            mm.put("detectors", ds);
            Misclassification mc = m.misclassification();
            Map<String, Object> mcm = new LinkedHashMap<>();
            mcm.put("clustering", mc.method());
            mcm.put("k", mc.k());
            mcm.put("rate", mc.rate());
            mcm.put("flagged", count(mc.flags()));
            mcm.put("balance", balance(mc.balance()));
            mcm.put("ranking", ranking(mc.ranking()));
            mm.put("misclassification", mcm);
            models.add(mm);
        }
        root.put("models", models);
        root.put("figures", new ArrayList<>(figures.keySet()));
        return root;
    }

    private static Map<String, Object> balance(AnomalyBalance b) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (b == null) return m;
        m.put("classes", b.classes());
        m.put("classShare", b.classShare());
        m.put("flaggedShare", b.flaggedShare());
        m.put("rmse", b.rmse());
        return m;
    }

    private static Map<String, Object> ranking(Ranking k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rocAuc", k.rocAuc());
        m.put("averagePrecision", k.averagePrecision());
        m.put("f1", k.f1());
        return m;
    }

    private static int count(int[] flags) {
        int c = 0;
        for (int f : flags) c += f;
        return c;
    }

    private static void add(List<String> row, Ranking k) {
        row.add(MarkdownTable.number(k.rocAuc(), 3));
        row.add(MarkdownTable.number(k.averagePrecision(), 3));
        row.add(MarkdownTable.number(k.f1(), 3));
    }

    private static String rmse(AnomalyBalance b) {
        return b == null ? "-" : MarkdownTable.number(b.rmse(), 4);
    }

    /** Four significant digits (EM values can be tiny, MV large). */
    private static String sci(double v) {
        if (Double.isNaN(v)) return "-"; // EM / MV do not apply to a model's own scores
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.4g", v) : MarkdownTable.number(v, 0);
    }
}
