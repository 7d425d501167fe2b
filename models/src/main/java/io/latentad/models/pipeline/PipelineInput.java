package io.latentad.models.pipeline;

import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.CsvTable;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.FeatureEncoder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the pipeline runs on: encoded rows with class labels, the ground truth when the data has
 * one (used only for evaluation, never as a feature), and the original rows for the top-N table.
 *
 * @param data      features and class labels (labels required)
 * @param truth     1 = anomaly, 0 = normal per row, or null without a ground truth
 * @param rowHeader column names of {@code rows}
 * @param rows      the original row of every data row (as text), for showing the top anomalies
 */
public record PipelineInput(Dataset data, int[] truth, String[] rowHeader, List<String[]> rows) {
    public PipelineInput {
        if (data == null) throw new IllegalArgumentException("no data: expected a Dataset");
        if (data.labels() == null) {
            throw new IllegalArgumentException(data.source() + ": no class label: the pipeline needs one (--label COL)");
        }
        if (truth != null && truth.length != data.rows()) {
            throw new IllegalArgumentException(truth.length + " truth values for " + data.rows() + " rows: expected one per row");
        }
        if (rows != null && rows.size() != data.rows()) {
            throw new IllegalArgumentException(rows.size() + " original rows for " + data.rows() + " rows: expected one per row");
        }
        if (rows == null) {
            rowHeader = new String[] {"class"};
            List<String[]> r = new ArrayList<>();
            for (int c : data.labels()) r.add(new String[] {data.classes()[c]});
            rows = r;
        }
        rows = List.copyOf(rows);
    }

    /**
     * Encodes a CSV table: {@code label} is the class column, {@code truthColumn} (or null) the
     * ground truth (kept out of the features; values 0/1, "true"/"false", empty = 0), and
     * {@code exclude} further columns kept out of the features.
     */
    public static PipelineInput fromCsv(CsvTable t, String label, String truthColumn, Set<String> exclude) {
        return fromCsv(t, label, truthColumn, exclude, false);
    }

    /** As {@link #fromCsv(CsvTable, String, String, Set)}, with strongly skewed columns logged ({@link CsvOptions#logSkewed()}). */
    public static PipelineInput fromCsv(CsvTable t, String label, String truthColumn, Set<String> exclude, boolean logSkewed) {
        if (label == null) throw new IllegalArgumentException(t.source() + ": no --label column: the pipeline needs a class label");
        Set<String> ex = new HashSet<>(exclude == null ? Set.of() : exclude);
        if (truthColumn != null) ex.add(truthColumn);
        FeatureEncoder e = FeatureEncoder.fit(t, CsvOptions.defaults().withLabel(label).withExclude(ex).withLogSkewed(logSkewed));
        Dataset d = e.transform(t);
        int[] truth = truthColumn == null ? null : truth(t.source(), truthColumn, d.excluded().get(truthColumn));
        return new PipelineInput(d, truth, t.header().clone(), t.rows());
    }

    /** The ground truth column as 0/1. */
    static int[] truth(String source, String column, String[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            String v = values[i].trim().toLowerCase(java.util.Locale.ROOT);
            out[i] = switch (v) {
                case "1", "1.0", "true", "yes", "anomaly" -> 1;
                case "0", "0.0", "false", "no", "normal", "" -> 0;
                default -> throw new IllegalArgumentException(source + ": truth column '" + column + "' row " + (i + 1)
                        + " has '" + values[i] + "': expected 0 or 1");
            };
        }
        return out;
    }

    /** True when the truth exists and holds both anomalies and normal rows (ranking metrics apply). */
    public boolean hasTruth() {
        if (truth == null) return false;
        boolean zero = false, one = false;
        for (int t : truth) {
            if (t == 1) one = true;
            else zero = true;
        }
        return zero && one;
    }
}
