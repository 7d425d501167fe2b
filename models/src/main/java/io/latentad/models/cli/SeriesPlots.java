package io.latentad.models.cli;

import io.latentad.models.data.CsvTable;
import io.latentad.models.data.FeatureEncoder;
import io.latentad.models.data.LongSeries;
import io.latentad.models.data.NumberCells;
import io.latentad.models.data.Windows;
import io.latentad.models.detect.Threshold;
import io.latentad.models.io.AtomicFile;
import io.latentad.models.report.SeriesPlot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code score --plot}: a long series' channels in their own units and its per-step score, drawn by {@link SeriesPlot}. */
final class SeriesPlots {
    private SeriesPlots() {
    }

    static void write(String file, String title, LongSeries series, FeatureEncoder encoder, Windows windows, double[] windowScores,
                      String scorer, Threshold threshold) {
        Outputs.requireFinite("score", windowScores);
        double[] step = windows.perStep(windowScores);
        CsvTable t = series.table();
        List<String> names = new ArrayList<>();
        List<double[]> channels = new ArrayList<>();
        for (String c : encoder.columns()) {
            int col = t.column(c);
            if (col < 0) continue;
            double[] v = new double[t.rowCount()];
            for (int r = 0; r < v.length; r++) {
                final int row = r;
                v[r] = NumberCells.parseNumber(t.cell(r, col), () -> t.source() + " step " + row + " ('" + c + "')");
            }
            names.add(c);
            channels.add(v);
        }
        boolean[] flagged = null;
        if (threshold != null) {
            flagged = new boolean[step.length];
            for (int i = 0; i < step.length; i++) flagged[i] = step[i] > threshold.value();
        }
        var plot = SeriesPlot.render(title, names.toArray(new String[0]), channels.toArray(new double[0][]), step,
                scorer + " score", threshold == null ? null : threshold.value(), flagged, 1400);
        Path png = Path.of(file);
        String name = png.getFileName().toString();
        AtomicFile.write(png, plot::writePng);
        AtomicFile.writeText(png.resolveSibling(name.substring(0, name.length() - 4) + ".svg"), w -> w.write(plot.svg()));
    }
}
