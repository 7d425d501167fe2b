package io.latentad.models.report;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A grouped bar chart: one group of bars per category, one bar per series, e.g. per class the
 * class share beside each detector's share of the flagged anomalies (the CL-VAE paper, Fig. 4).
 * Category labels are turned 45 degrees when they do not fit under their group.
 */
public final class BarChart {
    private BarChart() {
    }

    /**
     * @param categories group labels (x axis)
     * @param series     series names (legend)
     * @param values     {@code values[s][c]}: series s, category c (finite, >= 0)
     */
    public static Plot grouped(String[] categories, String[] series, double[][] values, String title, String xLabel,
                               String yLabel, int width, int height) {
        int nc = categories.length, ns = series.length;
        if (nc == 0 || ns == 0) throw new IllegalArgumentException(nc + " categories, " + ns + " series: expected at least one of each");
        if (values.length != ns) throw new IllegalArgumentException(values.length + " value rows: expected one per series (" + ns + ")");
        double max = 0;
        for (double[] row : values) {
            if (row.length != nc) throw new IllegalArgumentException(row.length + " values in a series: expected " + nc);
            for (double v : row) {
                if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("bar value " + v + ": expected finite >= 0");
                max = Math.max(max, v);
            }
        }
        BufferedImage img = Plot.canvas(width, height);
        Graphics2D g = Plot.graphics(img);
        Rectangle frame = new Rectangle(0, 0, width, height);
        List<String> names = List.of(series);
        int right = PlotArea.legendWidth(g, names, null);
        // y from 0; x in category slots [0, nc]
        PlotArea a = new PlotArea(frame, right, 0, nc, 0, max > 0 ? max : 1, true);
        a.drawAxes(g, frame, title, "", yLabel, false);
        double slot = a.plot().width / (double) nc, barW = slot * 0.8 / ns;
        List<Color> colours = new ArrayList<>();
        for (int s = 0; s < ns; s++) colours.add(Palette.qualitative(s));
        int base = (int) Math.round(a.py(0));
        for (int c = 0; c < nc; c++) {
            double x0 = a.plot().x + c * slot + slot * 0.1;
            for (int s = 0; s < ns; s++) {
                double top = a.py(values[s][c]);
                g.setColor(colours.get(s));
                g.fill(new Rectangle2D.Double(x0 + s * barW, top, barW, base - top));
            }
        }
        g.setColor(Color.BLACK);
        g.drawLine(a.plot().x, base, a.plot().x + a.plot().width, base);
        g.setFont(PlotArea.TICK);
        FontMetrics fm = g.getFontMetrics();
        int widest = 0;
        for (String s : categories) widest = Math.max(widest, fm.stringWidth(s));
        boolean turn = widest > slot - 4;
        int yLab = a.plot().y + a.plot().height + 6;
        for (int c = 0; c < nc; c++) {
            int cx = (int) Math.round(a.plot().x + (c + 0.5) * slot);
            if (!turn) {
                PlotArea.centred(g, categories[c], cx, yLab + fm.getAscent());
            } else {
                AffineTransform saved = g.getTransform();
                g.rotate(-Math.PI / 4, cx, yLab);
                g.drawString(categories[c], cx - fm.stringWidth(categories[c]), yLab + fm.getAscent() / 2);
                g.setTransform(saved);
            }
        }
        g.setFont(PlotArea.LABEL);
        PlotArea.centred(g, xLabel, a.plot().x + a.plot().width / 2, height - 6);
        PlotArea.legend(g, a.legendX(), a.plot().y, names, colours, null);
        return Plot.of(img, g, names);
    }
}
