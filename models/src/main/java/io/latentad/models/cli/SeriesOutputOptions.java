package io.latentad.models.cli;

import io.latentad.models.data.CsvTable;
import io.latentad.models.data.FeatureEncoder;
import io.latentad.models.data.NumberCells;
import io.latentad.models.detect.Threshold;
import io.latentad.models.io.AtomicFile;
import io.latentad.models.report.Plot;
import io.latentad.models.report.SeriesPlot;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code score}'s and {@code detect}'s outputs for one long series cut into windows: {@code --per-step FILE}, each
 * time step's score (the highest of the windows that cover it), and {@code --plot FILE.png}, the channels in their
 * own units above that per-step score, the steps above a threshold shaded ({@link SeriesPlot}, SVG beside the PNG).
 */
final class SeriesOutputOptions {
    @Option(names = "--per-step", paramLabel = "FILE",
            description = "With a series cut into windows: each time step's score, the highest of the windows that cover it (step,time,observed,score,window).")
    String perStep;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "With a series cut into windows: draw each channel and the per-step score, the steps above the threshold shaded"
                    + " (score: the model's stored one, when set on this scorer; detect: --contamination's), as PNG with SVG beside it.")
    String plot;

    /** Checks the output paths before any work. */
    void requireUsable(String... inputs) {
        if (perStep != null) Outputs.requireUsable("--per-step", perStep, inputs);
        if (plot != null) {
            Outputs.requireUsable("--plot", plot, inputs);
            if (!plot.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) throw new IllegalArgumentException("--plot " + plot + ": expected a .png file name");
        }
    }

    /** After the data are loaded: both outputs need a series cut into windows. */
    void requireSeries(DataOptions d) {
        if (d.windows != null) return;
        if (perStep != null) {
            throw new IllegalArgumentException("--per-step maps window scores back to the steps of a series: expected a CSV series cut with --window "
                    + "(or a model trained on windows)");
        }
        if (plot != null) {
            throw new IllegalArgumentException("--plot draws a series and its per-step score: expected a CSV series cut with --window "
                    + "(or a model trained on windows)");
        }
    }

    /**
     * Writes what was asked for (nothing when neither option is given): {@code scores} are the windows' scores,
     * {@code title} the figure's, {@code threshold} the one to shade above, or null.
     */
    void write(DataOptions d, FeatureEncoder encoder, double[] scores, String title, String scoreName, Threshold threshold) {
        if (perStep != null) CsvOut.perStep(perStep, d.series, d.windows, scores);
        if (plot == null) return;
        Outputs.requireFinite("score", scores);
        double[] step = d.windows.perStep(scores);
        CsvTable t = d.series.table();
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
        Plot p = SeriesPlot.render(title, names.toArray(new String[0]), channels.toArray(new double[0][]), step, scoreName,
                threshold == null ? null : threshold.value(), flagged, 1400);
        Path png = Path.of(plot);
        String name = png.getFileName().toString();
        AtomicFile.write(png, p::writePng);
        AtomicFile.writeText(png.resolveSibling(name.substring(0, name.length() - 4) + ".svg"), w -> w.write(p.svg()));
    }

    /** The file name in a data spec ({@code csv:PATH} or a bare path), for titles. */
    static String fileName(String spec) {
        return Path.of(spec.startsWith("csv:") ? spec.substring(4) : spec).getFileName().toString();
    }
}
