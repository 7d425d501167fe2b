package io.latentad.models.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines over steps 0..T-1: e.g. a sequence, its reconstruction and the per-step error, one panel
 * per sequence, the panels in a grid sharing one legend.
 */
public final class LinePlot {
    private LinePlot() {
    }

    /**
     * A grid of panels, {@code columns} wide: panel {@code p} draws the lines {@code panels.get(p)[s]}
     * (series {@code s}, coloured and named by {@code names[s]}) under {@code titles[p]}.
     */
    public static Plot grid(List<double[][]> panels, String[] names, String[] titles, int columns, String xLabel,
                            String yLabel, int width, int height) {
        if (panels.isEmpty()) throw new IllegalArgumentException("no panels to draw");
        if (titles.length != panels.size()) throw new IllegalArgumentException(titles.length + " titles for " + panels.size() + " panels");
        if (columns < 1) throw new IllegalArgumentException("columns = " + columns + ": expected >= 1");
        for (double[][] p : panels) {
            if (p.length != names.length) throw new IllegalArgumentException(p.length + " lines for " + names.length + " names");
            for (double[] line : p) {
                for (double v : line) if (!Double.isFinite(v)) throw new IllegalArgumentException("value " + v + ": expected finite values");
            }
        }
        BufferedImage img = Plot.canvas(width, height);
        Graphics2D g = Plot.graphics(img);
        List<String> legend = List.of(names);
        List<Color> colours = new ArrayList<>();
        for (int s = 0; s < names.length; s++) colours.add(Palette.qualitative(s));
        int legendW = PlotArea.legendWidth(g, legend, null) + 14;
        int rows = (panels.size() + columns - 1) / columns;
        int cellW = (width - legendW) / columns, cellH = height / rows;
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int p = 0; p < panels.size(); p++) {
            Rectangle frame = new Rectangle((p % columns) * cellW, (p / columns) * cellH, cellW, cellH);
            double[][] lines = panels.get(p);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            int steps = 1;
            for (double[] line : lines) {
                steps = Math.max(steps, line.length);
                for (double v : line) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            PlotArea a = new PlotArea(frame, 0, 0, steps - 1, lo, hi, false);
            a.drawAxes(g, frame, titles[p], xLabel, yLabel, true);
            g.setClip(a.plot());
            g.setStroke(new BasicStroke(1.6f));
            for (int s = 0; s < lines.length; s++) {
                Path2D.Double path = new Path2D.Double();
                for (int t = 0; t < lines[s].length; t++) {
                    if (t == 0) path.moveTo(a.px(t), a.py(lines[s][t]));
                    else path.lineTo(a.px(t), a.py(lines[s][t]));
                }
                g.setColor(colours.get(s));
                g.draw(path);
            }
            g.setClip(null);
        }
        PlotArea.legend(g, width - legendW + 4, 50, legend, colours, null);
        return Plot.of(img, g, legend);
    }
}
